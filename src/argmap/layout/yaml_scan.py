"""Where things stand in a YAML map file, found without parsing the whole file.

A 10,000-node file takes seconds to compose with libyaml, so edits never do. Top-level keys are found by scanning
lines at column 0; the items of a big block sequence (`nodes:`, `relations:`...) by scanning for their dashes at
the sequence's indentation; each item found is then parsed on its own, with marks, and compared with the value
the whole file was read as. A layout these scans misread fails that comparison and the edit is refused
(`LayoutError`), never applied to the wrong lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from argmap.errors import LayoutError
from argmap.layout.lines import line_end, line_start
from argmap.layout.values import same
from argmap.layout.yaml_emit import YamlStyle, needs_quotes
from argmap.layout.yaml_loader import MapLoader

_TOP_LINE = re.compile(r"^(?![ \t\r\n#]|-(?:[ \t\r\n]|\Z)|---|\.\.\.|%)", re.M)
_KEY = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s#'"?:,\[\]{}&*!|>%@`-][^\n]*?)"""
                  r"[ \t]*:(?=[ \t\r\n]|\Z)")
_FIRST_DASH = re.compile(r"^([ ]*)-(?:[ \t\r\n]|\Z)", re.M)

LIST_SECTIONS = ("nodes", "relations", "scenarios", "sources")


@dataclass
class Node:
    """A composed YAML value with absolute offsets: a mapping (`keys`), a sequence (`items`) or a scalar."""

    kind: str
    start: int
    end: int
    flow: bool = False
    style: str | None = None
    value: str = ""
    keys: list[tuple[str, Node, Node]] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)


def _convert(node: yaml.Node, base: int) -> Node:
    start, end = node.start_mark.index + base, node.end_mark.index + base
    if isinstance(node, yaml.MappingNode):
        keys = [(str(k.value), _convert(k, base), _convert(v, base)) for k, v in node.value]
        return Node("map", start, end, flow=bool(node.flow_style), keys=keys)
    if isinstance(node, yaml.SequenceNode):
        return Node("seq", start, end, flow=bool(node.flow_style), items=[_convert(v, base) for v in node.value])
    return Node("scalar", start, end, style=getattr(node, "style", None) or None, value=str(node.value))


def compose(text: str, start: int, end: int) -> tuple[Node, Any]:
    """Parse `text[start:end]` (which begins at a line start) into a located tree and its value."""
    loader = MapLoader(text[start:end])
    try:
        root = loader.get_single_node()
        if root is None:
            raise LayoutError("internal: empty fragment")
        value = loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise LayoutError(f"cannot read the part of the file to edit: {exc}") from None
    finally:
        loader.dispose()
    return _convert(root, start), value


def content_end(text: str, node: Node) -> int:
    """Where a value's own text ends: after its last character, not after the comments and blank lines that
    libyaml counts into block values."""
    if node.kind == "map" and not node.flow and node.keys:
        return content_end(text, node.keys[-1][2])
    if node.kind == "seq" and not node.flow and node.items:
        return content_end(text, node.items[-1])
    if node.kind == "scalar" and node.style in ("|", ">"):
        return node.start + len(text[node.start:node.end].rstrip())
    return node.end


def field_end(text: str, key: Node, value: Node) -> int:
    """End (past the newline) of the last line of a mapping entry."""
    if value.kind == "scalar" and value.value == "" and value.style is None:
        return line_end(text, key.end)  # `key:` with nothing after it
    return line_end(text, content_end(text, value))


def starts_line(text: str, pos: int) -> bool:
    """Whether only spaces stand before `pos` on its line."""
    return text[line_start(text, pos):pos].strip(" ") == ""


def dash_of(text: str, item: Node) -> int | None:
    """Offset of the `-` of a block sequence item, when that dash begins its line."""
    pos = item.start - 1
    while pos >= 0 and text[pos] in " \t\r\n":
        pos -= 1
    if pos < 0 or text[pos] != "-" or not starts_line(text, pos):
        return None
    return pos


def _trim(text: str, start: int, end: int, max_comment_indent: int) -> int:
    """Move `end` back over blank lines and comment lines indented at most `max_comment_indent`."""
    while end > start:
        prev = line_start(text, end - 1)
        line = text[prev:end]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if prev >= start and (not stripped or (stripped.startswith("#") and indent <= max_comment_indent)):
            if prev == start:
                return end
            end = prev
            continue
        break
    return end


@dataclass
class Top:
    """A top-level key: its line, the rest of that line, and its region (up to the next top-level key, less the
    blank and comment lines at the end)."""

    key: str
    start: int
    colon: int
    end: int
    raw_end: int

    def rest(self, text: str) -> str:
        """What follows the colon on the key's line."""
        return text[self.colon + 1:line_end(text, self.colon)]


_LINE_AT_COLUMN_0 = re.compile(r"\n(?=[^ \t\r\n#-]|-[^ \t\r\n])")


def top_keys(text: str, expected: list[str] | None = None) -> list[Top]:
    """The top-level keys of a block-mapping file, checked against the keys the file was read with."""
    found: list[Top] = []
    candidates = ([0] if text[:1] not in ("", " ", "\t", "\r", "\n", "#") else []) + [
        m.start() + 1 for m in _LINE_AT_COLUMN_0.finditer(text)]
    starts = [pos for pos in candidates if _TOP_LINE.match(text, pos)]
    for i, pos in enumerate(starts):
        match = _KEY.match(text, pos)
        if match is None:
            raise LayoutError(f"line {text.count(chr(10), 0, pos) + 1} is not a 'key: value' line at the top of "
                              "the map; argmap edits files whose top level is a block mapping")
        raw = match.group(1)
        key = str(yaml.safe_load(raw)) if raw[0] in "'\"" else raw.strip()
        raw_end = starts[i + 1] if i + 1 < len(starts) else len(text)
        found.append(Top(key, pos, match.end() - 1, _trim(text, pos, raw_end, 0), raw_end))
    if expected is not None and [t.key for t in found] != expected:
        raise LayoutError("the top-level keys of the file could not be told apart by their lines (a multi-line "
                          "value at column 0?); `argmap fmt --restyle` rewrites the file in a layout argmap can edit")
    return found


@dataclass
class BlockSeq:
    """A top-level block sequence found by its dashes: where each item starts (its dash line); `end(i)` is where
    it ends (its last line, less the blank and comment lines that separate it from the next)."""

    text: str
    key: str
    dash_column: int
    starts: list[int]
    raw_end: int

    def end(self, index: int) -> int:
        stop = self.starts[index + 1] if index + 1 < len(self.starts) else self.raw_end
        return _trim(self.text, self.starts[index], stop, self.dash_column)


def block_sequence(text: str, top: Top) -> BlockSeq | None:
    """The items of a top-level key whose value is a block sequence, or None when it is not one."""
    rest = top.rest(text).strip()
    if rest and not rest.startswith("#"):
        return None
    body = line_end(text, top.colon)
    first = _FIRST_DASH.search(text, body, top.raw_end)
    if first is None or not all(not line.strip() or line.strip().startswith("#")
                                for line in text[body:first.start()].split("\n")):
        return None
    column = len(first.group(1))
    pattern = re.compile(rf"\n {{{column}}}-(?=[ \t\r\n]|\Z)")
    starts = [first.start()] + [m.start() + 1 for m in pattern.finditer(text, first.start(), top.raw_end)]
    return BlockSeq(text, top.key, column, starts, top.raw_end)


def item_node(text: str, seq: BlockSeq, index: int, expected: Any) -> Node:
    """The located tree of one item of a big sequence, checked to be the value the file was read with."""
    start, end = seq.starts[index], seq.end(index)
    root, value = compose(text, start, end)
    if root.kind != "seq" or len(root.items) != 1 or not same(value, [expected]):
        raise LayoutError(f"item {index + 1} of '{seq.key}' (line {text.count(chr(10), 0, start) + 1}) could not "
                          "be told apart from its neighbours; `argmap fmt --restyle` rewrites the file in a layout "
                          "argmap can edit")
    return root.items[0]


def detect_style(text: str, items: list[Node], seq: BlockSeq | None = None, base: YamlStyle | None = None
                 ) -> YamlStyle:
    """The style of a few items of a sequence: indentation, dash gap, quoting, flow or block lists, flow items."""
    style = replace(base) if base else YamlStyle()
    quotes: Counter[str] = Counter()
    key_styles: dict[str, Counter[str]] = {}
    key_flows: dict[str, Counter[bool]] = {}
    indents: Counter[int] = Counter()
    seq_indents: Counter[bool] = Counter()
    gaps: Counter[int] = Counter()
    flows: Counter[bool] = Counter()

    def column(pos: int) -> int:
        return pos - line_start(text, pos)

    def walk(node: Node, key: str | None) -> None:
        if node.kind == "scalar":
            forced = node.style in ('"', "'") and needs_quotes(node.value)
            if key is not None and node.value != "":
                # A quote the value needs says which quote the file likes, not that this key is always quoted.
                key_styles.setdefault(key, Counter())["" if forced else node.style or ""] += 1
            if node.style in ('"', "'"):
                quotes[node.style] += 1
            return
        if node.kind == "seq":
            for item in node.items:
                walk(item, key if item.kind == "scalar" else None)
            return
        for name, key_node, value in node.keys:
            if value.kind != "scalar" and (value.items or value.keys):
                key_flows.setdefault(name, Counter())[value.flow] += 1
                if not value.flow and value.kind == "map":
                    indents[column(value.keys[0][1].start) - column(key_node.start)] += 1
                if not value.flow and value.kind == "seq":
                    dash = dash_of(text, value.items[0])
                    if dash is not None:
                        seq_indents[column(dash) > column(key_node.start)] += 1
                        if value.items[0].kind == "map" and not value.items[0].flow:
                            gaps[value.items[0].start - dash - 1] += 1
            walk(value, name)

    for item in items:
        flows[item.flow and item.kind == "map"] += 1
        dash = dash_of(text, item)
        if dash is not None and item.kind == "map" and not item.flow:
            gaps[item.start - dash - 1] += 1
        walk(item, None)
    if quotes:
        style.quote = quotes.most_common(1)[0][0]
    style.key_styles = {**style.key_styles, **{k: c.most_common(1)[0][0] for k, c in key_styles.items()}}
    flow_now = {k for k, c in key_flows.items() if c.most_common(1)[0][0]}
    block_now = set(key_flows) - flow_now
    style.flow_keys = (set(style.flow_keys) - block_now) | flow_now
    style.block_keys = (set(style.block_keys) - flow_now) | block_now
    if indents:
        style.indent = max(2, min(9, indents.most_common(1)[0][0]))
    if seq_indents:
        style.indent_sequences = seq_indents.most_common(1)[0][0]
    if gaps:
        style.dash_gap = max(1, gaps.most_common(1)[0][0])
    if flows:
        style.flow_items = flows.most_common(1)[0][0]
    if seq is not None and len(seq.starts) >= 2:
        gap_texts = [text[seq.end(i):seq.starts[i + 1]] for i in range(min(3, len(seq.starts) - 1))]
        style.blank_between = all(any(not line.strip() for line in gap.split("\n")[:-1]) for gap in gap_texts)
    return style
