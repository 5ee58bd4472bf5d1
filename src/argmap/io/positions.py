"""Positions of values in a map file: data path -> (line, column), computed only when needed.

YAML files are composed with libyaml into a node tree with marks; JSON files are scanned by a small tokenizer.
Both give the same answer: the 1-based line and column of the value (or of its key) at a data path.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

import yaml

from argmap.io.diagnostics import Loc

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Located:
    """A value's place in the file: where its key and its value start, and where the value ends (all 1-based
    lines and columns; offsets into the text for spans)."""

    key_line: int
    key_column: int
    line: int
    column: int
    end_line: int
    start_offset: int
    end_offset: int
    children: dict[str | int, Located] = field(default_factory=dict)


def _from_yaml(node: yaml.Node, key: yaml.Node | None = None) -> Located:
    anchor = key or node
    here = Located(anchor.start_mark.line + 1, anchor.start_mark.column + 1, node.start_mark.line + 1,
                   node.start_mark.column + 1, node.end_mark.line + 1, node.start_mark.index, node.end_mark.index)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                here.children[key_node.value] = _from_yaml(value_node, key_node)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            here.children[index] = _from_yaml(item)
    return here


class _JsonScanner:
    """Records where each JSON value starts and ends. Only used after `json.loads` succeeded."""

    _WS = re.compile(r"[ \t\n\r]*")
    _STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
    _ATOM = re.compile(r"-?(?:\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|true|false|null")

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _linecol(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

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


def locate_tree(text: str, fmt: str) -> Located | None:
    """The position tree of a whole file, or None when it cannot be parsed."""
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
        child = here.children.get(step)
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
        here = here.children.get(step)
    return here

