"""How argmap reads YAML: libyaml's safe loader with dates left as text (pydantic parses them) and duplicate keys
refused. Loading (`argmap.io.parse`), the layout scanners and the editing engine all read with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class MapLoader(_Base):
    """libyaml's safe loader, with dates left as text (pydantic parses them) and duplicate keys refused."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - the base class defines it this way
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key '{key}' (a later value would silently replace the earlier)",
                        key_node.start_mark,
                    )
                seen.add(key)
        return mapping


#: How deep values may nest in a map file. The format itself needs six levels (a forecast's resolution sources);
#: the bound keeps every reader (yaml-rs, libyaml, pydantic, the position tree) far from its own limits.
MAX_DEPTH = 100

#: How many values aliases may add to a file beyond those written in it (the larger of the two): aliases that
#: expand without bound ("billion laughs") are refused before any reader expands them.
ALIAS_BUDGET = 10_000

# Cheap signs that a text may hold aliases or deep nesting; only then are its events read one by one.
_ALIAS_STARTS = " \t\r\n[{,"
# Block nesting needs indentation or compact indicators on one line; flow nesting, brackets (yaml-rs bounds its
# own flow depth, and a map nested deep in flow style is caught once read). Substrings: found at memory speed.
_DEEP_SIGNS = ("\n" + " " * 48, "- - - -", "? ? ? ?", "- ? - ?", "? - ? -", "-\t-\t", "?\t?\t", "[[[[", "{{{{")


@dataclass(frozen=True)
class Hazard:
    """A text that no reader should expand: what is wrong and where (0-based line and column)."""

    message: str
    line: int
    column: int


def _alias_sign(text: str) -> bool:
    """Whether an `&` or `*` stands where an anchor or an alias could (after a space, a flow indicator or at the
    start), followed by a name character. Found with `str.find`: prose with an ampersand costs little."""
    for char in "&*":
        at = text.find(char)
        while at != -1:
            before = text[at - 1] if at else "\n"
            after = text[at + 1: at + 2]
            if before in _ALIAS_STARTS and after and after not in _ALIAS_STARTS + "]},":
                return True
            at = text.find(char, at + 1)
    return False


def yaml_hazard(text: str) -> Hazard | None:
    """Whether reading `text` would expand aliases beyond `ALIAS_BUDGET` or nest deeper than `MAX_DEPTH`; the
    position is the first alias, or the value that goes too deep. Reads libyaml's events (no value is built),
    and only when the text shows signs of either: a plain map costs two regular-expression scans.

    >>> yaml_hazard("a: &x [1, 2]\\nb: *x\\n") is None
    True
    >>> yaml_hazard("a: " + "[" * 200 + "]" * 200).message.split(";")[0]
    'values nest deeper than 100 levels'
    """
    if not _alias_sign(text) and not any(sign in text for sign in _DEEP_SIGNS):
        return None
    sizes: dict[str, int] = {}
    stack: list[list[Any]] = []  # per open collection: [anchor, values inside it]
    written = added = 0
    first_alias: tuple[int, int] | None = None
    try:
        for event in yaml.parse(text, Loader=_Base):
            at = (event.start_mark.line, event.start_mark.column) if event.start_mark is not None else (0, 0)
            if isinstance(event, yaml.AliasEvent):
                first_alias = first_alias or at
                size = sizes.get(event.anchor or "", 1)
                added += size
                if stack:
                    stack[-1][1] += size
                if added > max(ALIAS_BUDGET, written):
                    return Hazard(f"aliases expand to more than {max(ALIAS_BUDGET, written):,} values (a 'billion "
                                  "laughs' file?); write the values out instead of aliasing them", *first_alias)
            elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                written += 1
                if isinstance(event, yaml.CollectionStartEvent):
                    if len(stack) >= MAX_DEPTH:
                        return Hazard(f"values nest deeper than {MAX_DEPTH} levels; a map needs no more than six",
                                      *at)
                    stack.append([event.anchor, 1])
                else:
                    if event.anchor:
                        sizes[event.anchor] = 1
                    if stack:
                        stack[-1][1] += 1
            elif isinstance(event, yaml.CollectionEndEvent) and stack:
                anchor, size = stack.pop()
                if anchor:
                    sizes[anchor] = size
                if stack:
                    stack[-1][1] += size
    except yaml.YAMLError:
        return None  # the reader that follows says what is wrong, with its position
    return None
