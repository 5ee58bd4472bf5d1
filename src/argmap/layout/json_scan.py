"""Where the values of a JSON map stand in its text, found by the C-accelerated `json` scanner (`raw_decode`,
`scanstring`) or, in a file written one member per line, by its lines: finding one item of a 10,000-node array
costs a fraction of parsing the file. Read by positions (loading) and by the JSON planner (editing)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from argmap.errors import LayoutError

_WS = re.compile(r"[ \t\n\r]*")
DECODER = json.JSONDecoder()


@dataclass
class JNode:
    """A JSON value's place: offsets, and its members (key, key offset, value) or items."""

    kind: str
    start: int
    end: int
    members: list[tuple[str, int, JNode]] = field(default_factory=list)
    items: list[JNode] = field(default_factory=list)


def skip_space(text: str, pos: int) -> int:
    """The offset of the first character at or after `pos` that is not JSON whitespace."""
    found = _WS.match(text, pos)
    return found.end() if found else pos


def scan(text: str, pos: int, depth: int) -> JNode:
    """The located value at `pos`, with children down to `depth` levels (deeper values are skipped whole)."""
    pos = skip_space(text, pos)
    char = text[pos:pos + 1]
    if depth > 0 and char == "{":
        node = JNode("object", pos, pos)
        pos = skip_space(text, pos + 1)
        while text[pos] != "}":
            key, after = scanstring(text, pos + 1)
            colon = skip_space(text, after)
            if text[colon] != ":":
                raise LayoutError("internal: unexpected JSON")
            child = scan(text, colon + 1, depth - 1)
            node.members.append((key, pos, child))
            pos = skip_space(text, child.end)
            if text[pos] == ",":
                pos = skip_space(text, pos + 1)
        node.end = pos + 1
        return node
    if depth > 0 and char == "[":
        node = JNode("array", pos, pos)
        pos = skip_space(text, pos + 1)
        while text[pos] != "]":
            child = scan(text, pos, depth - 1)
            node.items.append(child)
            pos = skip_space(text, child.end)
            if text[pos] == ",":
                pos = skip_space(text, pos + 1)
        node.end = pos + 1
        return node
    try:
        _, end = DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        raise LayoutError(f"internal: unexpected JSON ({exc.msg})") from None
    return JNode("scalar", pos, end)


class _LazyItems(list):
    """The items of a big array, made into nodes only when looked at (a 10,000-item array is mostly not)."""

    def __init__(self, starts: list[int]) -> None:
        super().__init__(starts)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        value = super().__getitem__(index)
        if isinstance(value, int):
            value = JNode("lazy", value, -1)
            super().__setitem__(index if index >= 0 else len(self) + index, value)
        return value

    def __iter__(self) -> Any:
        return (self[i] for i in range(len(self)))


def end_of(text: str, node: JNode) -> int:
    """The end of a node whose items were located by line only (end -1), decoded on first use."""
    if node.end < 0:
        try:
            _, node.end = DECODER.raw_decode(text, node.start)
        except json.JSONDecodeError as exc:
            raise LayoutError(f"internal: unexpected JSON ({exc.msg})") from None
    return node.end


def pretty_root(text: str, keys: list[str] | None) -> JNode | None:
    """The root object of a JSON file written one member per line (as `json.dumps(..., indent=...)` does),
    located by its lines: members at the first indentation, the items of multi-line arrays at the next. Raw
    newlines only separate tokens in JSON, so lines do not lie; None for other layouts, or when the members found
    are not `keys` (when given)."""
    first = re.match(r"\{[ \t]*\r?\n([ \t]+)\"", text)
    if first is None:
        return None
    unit = first.group(1)
    member_line = re.compile("\n" + re.escape(unit) + '"')
    key_starts = [first.end() - 1] + [m.end() - 1 for m in member_line.finditer(text, first.end())]
    members: list[tuple[str, int, JNode]] = []
    for pos in key_starts:
        key, after = scanstring(text, pos + 1)
        colon = skip_space(text, after)
        if text[colon:colon + 1] != ":":
            return None
        start = skip_space(text, colon + 1)
        close = text.find("\n" + unit + "]", start) if text[start:start + 1] == "[" else -1
        body = text[start + 1:start + 2 + len(unit) * 3] if close >= 0 else ""
        found = re.match(r"[ \t]*\r?\n([ \t]+)(?=\S)", body)
        if close >= 0 and found is not None and len(found.group(1)) > len(unit):
            indent = found.group(1)
            first_char = text[start + 1 + found.end():start + 2 + found.end()]
            # Items that are objects start with "{" at their indentation: a literal the scan finds fast.
            pattern = re.compile("\n" + re.escape(indent) + ("\\{" if first_char == "{" else r"(?=[^\s\]}])"))
            starts = [m.start() + len(indent) + 1 for m in pattern.finditer(text, start, close)]
            node = JNode("array", start, close + 1 + len(unit) + 1, items=_LazyItems(starts))
        else:
            node = JNode("lazy", start, -1)
            end_of(text, node)
        members.append((key, pos, node))
    if keys is not None and [key for key, _, _ in members] != keys:
        return None
    return JNode("object", 0, len(text.rstrip()), members=members)
