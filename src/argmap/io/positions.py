"""Positions of values in a map file: data path -> (line, column), computed only when needed.

A map of 10,000 nodes with one finding must not pay for placing the other 9,999: the tree is lazy. JSON containers
list their children only when a path goes through them (each child skipped whole by the C decoder); a YAML file
whose top level is a block mapping is cut into its top-level keys and the items of its block sequences by their
lines (`argmap.layout.yaml_scan`), and only the part a path needs is composed with libyaml, then checked against the
value the whole file was read as. Any other layout, or a part that does not check, is composed whole, as before.
Either way the answer is the 1-based line and column of the value (or of its key) at a data path.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import yaml

from argmap.errors import LayoutError, Loc
from argmap.layout.json_scan import JNode, end_of, pretty_root, scan
from argmap.layout.values import same
from argmap.layout.yaml_loader import MapLoader
from argmap.layout.yaml_scan import BlockSeq, Top, block_sequence, top_keys

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Located:
    """A value's place in the file: where its key and its value start, and where the value ends (all 1-based
    lines and columns; offsets into the text for spans). `expand`, when set, lists the children on first use."""

    key_line: int
    key_column: int
    line: int
    column: int
    end_line: int
    start_offset: int
    end_offset: int
    children: dict[str | int, Located] = field(default_factory=dict)
    expand: Callable[[], dict[str | int, Located]] | None = field(default=None, repr=False)

    def child(self, step: str | int) -> Located | None:
        """The child at `step`, listing the children first if that has not been done."""
        if self.expand is not None:
            self.children, self.expand = self.expand(), None
        return self.children.get(step)


class _Lines:
    """Line and column of an offset, counting newlines from the nearest offset already asked about: a finding or
    two cost a few short counts and no table of every line; past `KNOWN` offsets, the table is built."""

    KNOWN = 2000  # past this many offsets asked about, a table of line starts answers faster

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets = [0]
        self.numbers = [1]
        self.starts: list[int] | None = None

    def at(self, offset: int) -> tuple[int, int]:
        if self.starts is None and len(self.offsets) > self.KNOWN:
            self.starts = [0, *accumulate(len(line) for line in self.text.splitlines(keepends=True))]
        if self.starts is not None:
            line = bisect.bisect_right(self.starts, offset)
            return line, offset - self.starts[line - 1] + 1
        i = bisect.bisect_right(self.offsets, offset) - 1
        line = self.numbers[i] + self.text.count("\n", self.offsets[i], offset)
        if self.offsets[i] != offset:
            self.offsets.insert(i + 1, offset)
            self.numbers.insert(i + 1, line)
        return line, offset - self.text.rfind("\n", 0, offset)

    def count(self) -> int:
        """How many lines the text has."""
        return self.text.count("\n") + (0 if self.text.endswith("\n") else 1)


def _from_yaml(node: yaml.Node, key: yaml.Node | None = None, line: int = 0, offset: int = 0) -> Located:
    """The located tree of a composed node; `line` and `offset` shift marks of a part composed on its own."""
    anchor = key or node
    here = Located(anchor.start_mark.line + 1 + line, anchor.start_mark.column + 1, node.start_mark.line + 1 + line,
                   node.start_mark.column + 1, node.end_mark.line + 1 + line, node.start_mark.index + offset,
                   node.end_mark.index + offset)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                here.children[key_node.value] = _from_yaml(value_node, key_node, line, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            here.children[index] = _from_yaml(item, None, line, offset)
    return here


class _Mismatch(Exception):
    """A part cut out by its lines did not read as the value the file was read as."""


def _compose_part(text: str, start: int, end: int, lines: _Lines, expected: Any, *, items: int | None = None
                  ) -> Located:
    """The located tree of `text[start:end]` (a part that starts a line), checked to read as `expected`; or,
    with `items`, only checked to hold that many items under the key (a whole top-level sequence, whose bounds
    the top-level keys already fix: constructing it again would cost more than composing it)."""
    loader = MapLoader(text[start:end])
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Mismatch
        if items is None:
            fits = same(loader.construct_document(node), expected)
        else:
            fits = isinstance(node, yaml.MappingNode) and len(node.value) == 1 and isinstance(
                node.value[0][1], yaml.SequenceNode) and len(node.value[0][1].value) == items
    except yaml.YAMLError:
        raise _Mismatch from None
    finally:
        loader.dispose()
    if not fits:
        raise _Mismatch
    return _from_yaml(node, None, lines.at(start)[0] - 1, start)


def _lazy_yaml(text: str, data: dict[str, Any]) -> Located:
    """The lazy tree of a YAML map whose top level is a block mapping (`LayoutError` for other layouts)."""
    lines = _Lines(text)
    tops = top_keys(text, list(data))
    first_line, first_column = lines.at(tops[0].start) if tops else (1, 1)
    root = Located(first_line, first_column, first_line, first_column, lines.count(), 0, len(text))
    for top in tops:
        seq = block_sequence(text, top)
        items = data[top.key]
        if seq is not None and isinstance(items, list) and len(seq.starts) == len(items):
            root.children[top.key] = _sequence(text, top, seq, items, lines)
        else:
            part = _compose_part(text, top.start, top.raw_end, lines, {top.key: items})
            root.children[top.key] = part.children[top.key]
    return root


def _sequence(text: str, top: Top, seq: BlockSeq, items: list[Any], lines: _Lines) -> Located:
    """A top-level block sequence whose items are composed one by one, when a path reaches them."""
    key_line, key_column = lines.at(top.start)
    line, column = lines.at(seq.starts[0] + seq.dash_column)
    here = Located(key_line, key_column, line, column, lines.at(top.raw_end)[0], seq.starts[0], top.raw_end)
    here.expand = lambda: _Items(text, top, seq, items, lines)
    return here


class _ItemsOnDemand(dict[str | int, Located]):
    """The items of a sequence, by index, each placed (by `_place`) the first time it is looked up."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get(self, index: Any, default: Any = None) -> Any:
        if not isinstance(index, int) or not 0 <= index < self.size:
            return default
        if index not in self:
            self._place(index)
        return super().get(index, default)

    def _place(self, index: int) -> None:
        raise NotImplementedError


class _Items(_ItemsOnDemand):
    """The items of a YAML block sequence, each composed and checked on its own; past `ONE_BY_ONE` items
    (findings all over the map), the whole sequence is composed at once, which is then faster."""

    ONE_BY_ONE = 200

    def __init__(self, text: str, top: Top, seq: BlockSeq, items: list[Any], lines: _Lines) -> None:
        super().__init__(len(items))
        self.text, self.top, self.seq, self.expected, self.lines = text, top, seq, items, lines

    def _place(self, index: int) -> None:
        try:
            if len(self) >= self.ONE_BY_ONE:
                whole = _compose_part(self.text, self.top.start, self.top.raw_end, self.lines, None,
                                      items=len(self.expected))
                self.update(whole.children[self.top.key].children)
            else:
                seq = self.seq
                # Up to the next item's dash, where libyaml ends an item when it composes the whole file.
                end = seq.starts[index + 1] + seq.dash_column if index + 1 < len(seq.starts) else seq.raw_end
                part = _compose_part(self.text, seq.starts[index], end, self.lines, [self.expected[index]])
                self[index] = part.children[0]
        except _Mismatch:  # the lines misled: place the sequence as composing the whole file does
            tree = full_tree(self.text, "yaml")
            found = tree.child(self.top.key) if tree is not None else None
            self.update(found.children if found is not None else {})


def _lazy_json(text: str, start: int, end: int, key: int | None, lines: _Lines) -> Located:
    """A JSON value at `text[start:end]` whose children are listed (each skipped whole) on first use."""
    key_line, key_column = lines.at(key if key is not None else start)
    line, column = lines.at(start)
    here = Located(key_line, key_column, line, column, lines.at(end)[0], start, end)
    if text[start] in "{[":
        here.expand = lambda: _json_children(text, start, lines)
    return here


def _json_children(text: str, start: int, lines: _Lines) -> dict[str | int, Located]:
    node = scan(text, start, 1)
    if node.kind == "object":
        return {key: _lazy_json(text, child.start, child.end, key_at, lines) for key, key_at, child in node.members}
    return _JsonItems(text, node.items, lines)


class _JsonItems(_ItemsOnDemand):
    """The items of a JSON array, placed (line, column, end) only when looked up: 10,000 nodes, one finding."""

    def __init__(self, text: str, items: list[JNode], lines: _Lines) -> None:
        super().__init__(len(items))
        self.text, self.entries, self.lines = text, items, lines

    def _place(self, index: int) -> None:
        item = self.entries[index]
        self[index] = _lazy_json(self.text, item.start, end_of(self.text, item), None, self.lines)


def _pretty_json(text: str, lines: _Lines) -> Located | None:
    """The tree of a JSON map written one member per line, its big arrays' items found by their lines (no part of
    the file is decoded until a path reaches it); None for other layouts."""
    root = pretty_root(text, None)
    if root is None:
        return None
    here = _lazy_json(text, root.start, root.end, None, lines)
    here.expand = None
    for key, key_at, member in root.members:
        here.children[key] = child = _lazy_json(text, member.start, end_of(text, member), key_at, lines)
        if member.kind == "array":  # its items found by their lines: none decoded until looked up
            child.expand = lambda items=member.items: _JsonItems(text, items, lines)
    return here


class _JsonScanner:
    """Records where each JSON value starts and ends. Only used after `json.loads` succeeded."""

    _WS = re.compile(r"[ \t\n\r]*")
    _STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
    _ATOM = re.compile(r"-?(?:\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|true|false|null")

    def __init__(self, text: str) -> None:
        self.text = text
        self._linecol = _Lines(text).at

    def _skip(self, pos: int) -> int:
        match = self._WS.match(self.text, pos)
        return match.end() if match else pos

    def value(self, pos: int, key_pos: int | None = None) -> tuple[Located, int]:
        pos = self._skip(pos)
        start = pos
        children: dict[str | int, Located] = {}
        char = self.text[pos]
        if char == "{":
            pos = self._skip(pos + 1)
            while self.text[pos] != "}":
                key_match = self._STRING.match(self.text, pos)
                assert key_match
                key = json.loads(key_match.group())
                pos = self._skip(key_match.end()) + 1  # past ':'
                child, pos = self.value(pos, key_match.start())
                children[key] = child
                pos = self._skip(pos)
                if self.text[pos] == ",":
                    pos = self._skip(pos + 1)
            pos += 1
        elif char == "[":
            pos = self._skip(pos + 1)
            index = 0
            while self.text[pos] != "]":
                child, pos = self.value(pos)
                children[index] = child
                index += 1
                pos = self._skip(pos)
                if self.text[pos] == ",":
                    pos = self._skip(pos + 1)
            pos += 1
        else:
            match = self._STRING.match(self.text, pos) or self._ATOM.match(self.text, pos)
            assert match
            pos = match.end()
        key_line, key_col = self._linecol(key_pos if key_pos is not None else start)
        line, col = self._linecol(start)
        end_line, _ = self._linecol(pos)
        return Located(key_line, key_col, line, col, end_line, start, pos, children), pos


def locate_tree(text: str, fmt: str, data: Any = None) -> Located | None:
    """The position tree of a whole file (lazy where the layout allows), or None when it cannot be parsed.
    `data`, the value the file was read as, lets a YAML file be composed in parts."""
    try:
        if fmt == "json":
            # The file was read as JSON already: its one value runs from the first to the last non-space.
            start, end = len(text) - len(text.lstrip(" \t\n\r")), len(text.rstrip(" \t\n\r"))
            if start == end:
                return None
            lines = _Lines(text)
            return _pretty_json(text, lines) or _lazy_json(text, start, end, None, lines)
        if isinstance(data, dict) and data:
            return _lazy_yaml(text, data)
    except (LayoutError, _Mismatch, json.JSONDecodeError):
        pass
    return full_tree(text, fmt)


def full_tree(text: str, fmt: str) -> Located | None:
    """The position tree of a whole file, every value placed at once: what YAML layouts the lazy tree cannot cut
    fall back to, and for both formats the reference the lazy tree is tested against."""
    try:
        if fmt == "json":
            return _JsonScanner(text).value(0)[0]
        node = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, AssertionError, IndexError, ValueError):
        return None
    return _from_yaml(node) if node is not None else None


def find(tree: Located | None, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    """Line and column of the deepest value on `loc` that the file has (its key's position with `key`)."""
    if tree is None:
        return (1, 1)
    here = tree
    last_step_found = True
    for step in loc:
        child = here.child(step)
        if child is None:
            last_step_found = False
            break
        here = child
    if key and last_step_found and loc:
        return (here.key_line, here.key_column)
    return (here.line, here.column)


def node_at(tree: Located | None, loc: Loc) -> Located | None:
    """The located value at exactly `loc`, if the file has it."""
    here = tree
    for step in loc:
        if here is None:
            return None
        here = here.child(step)
    return here

