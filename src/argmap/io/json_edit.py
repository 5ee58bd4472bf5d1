"""Planning the splices of an edit of a JSON map: only the changed members and items are rewritten, in the file's
own indentation (or on one line, where the object was on one line).

Positions come from the C-accelerated `json` scanner (`raw_decode`, `scanstring`), so finding one item of a
10,000-node array costs a fraction of parsing the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from argmap.io.edit_errors import LayoutError
from argmap.io.splice import Splice, line_start
from argmap.io.yaml_edit import match
from argmap.io.yaml_layout import same

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@dataclass
class JNode:
    """A JSON value's place: offsets, and its members (key, key offset, value) or items."""

    kind: str
    start: int
    end: int
    members: list[tuple[str, int, JNode]] = field(default_factory=list)
    items: list[JNode] = field(default_factory=list)


def _skip(text: str, pos: int) -> int:
    found = _WS.match(text, pos)
    return found.end() if found else pos


def scan(text: str, pos: int, depth: int) -> JNode:
    """The located value at `pos`, with children down to `depth` levels (deeper values are skipped whole)."""
    pos = _skip(text, pos)
    char = text[pos:pos + 1]
    if depth > 0 and char == "{":
        node = JNode("object", pos, pos)
        pos = _skip(text, pos + 1)
        while text[pos] != "}":
            key, after = scanstring(text, pos + 1)
            colon = _skip(text, after)
            if text[colon] != ":":
                raise LayoutError("internal: unexpected JSON")
            child = scan(text, colon + 1, depth - 1)
            node.members.append((key, pos, child))
            pos = _skip(text, child.end)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        node.end = pos + 1
        return node
    if depth > 0 and char == "[":
        node = JNode("array", pos, pos)
        pos = _skip(text, pos + 1)
        while text[pos] != "]":
            child = scan(text, pos, depth - 1)
            node.items.append(child)
            pos = _skip(text, child.end)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        node.end = pos + 1
        return node
    try:
        _, end = _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        raise LayoutError(f"internal: unexpected JSON ({exc.msg})") from None
    return JNode("scalar", pos, end)


@dataclass
class JsonStyle:
    """Indentation step (spaces or a tab) and whether non-ASCII characters are escaped."""

    unit: str = "  "
    ascii: bool = False

    @classmethod
    def of(cls, text: str) -> JsonStyle:
        found = re.search(r"\n([ \t]+)\S", text)
        unit = found.group(1) if found else "  "
        return cls(unit, ascii=text.isascii() and "\\u" in text)


class JsonPlanner:
    """Plans the edit of one JSON text from `old` data (what the text reads as) to new data."""

    def __init__(self, text: str, old: dict[str, Any]) -> None:
        self.text = text
        self.old = old
        self.style = JsonStyle.of(text)
        self.root = scan(text, 0, 2)  # the root object, its members, and the items of its arrays
        if self.root.kind != "object" or [k for k, _, _ in self.root.members] != list(old):
            raise LayoutError("internal: the JSON file's members could not be listed")
        self.touched: set[str] = set()

    def _indent_of(self, pos: int) -> str:
        start = line_start(self.text, pos)
        line = self.text[start:pos]
        return line[: len(line) - len(line.lstrip(" \t"))]

    def _dump(self, value: Any, indent: str, multiline: bool) -> str:
        if not multiline:
            return json.dumps(value, ensure_ascii=self.style.ascii)
        text = json.dumps(value, ensure_ascii=self.style.ascii, indent=self.style.unit)
        return text.replace("\n", "\n" + indent)

    def _multiline(self, node: JNode) -> bool:
        return "\n" in self.text[node.start:node.end]

    def _full(self, node: JNode, depth: int) -> JNode:
        """The node scanned to full depth (a skipped value is scanned again)."""
        return scan(self.text, node.start, depth)

    def plan(self, new: dict[str, Any]) -> list[Splice]:
        """The splices that make the text read as `new`."""
        self.touched = {k for k in set(self.old) | set(new) if k not in self.old or k not in new
                        or not same(self.old[k], new[k])}
        done = self._object(self.root, self.old, new, depth=1)
        if done is None:
            return [Splice(0, len(self.text), self._dump(new, "", True) + "\n")]
        return done

    def _value(self, node: JNode, old: Any, new: Any, depth: int, parent_multiline: bool) -> list[Splice] | None:
        if same(old, new):
            return []
        if node.kind == "scalar" and (isinstance(old, dict | list)):
            node = self._full(node, 64)
        if isinstance(old, dict) and isinstance(new, dict) and node.kind == "object" and old and new:
            return self._object(node, old, new, depth)
        if isinstance(old, list) and isinstance(new, list) and node.kind == "array" and old and new:
            return self._array(node, old, new, depth)
        multiline = self._multiline(node) or (isinstance(new, dict | list) and bool(new) and parent_multiline)
        return [Splice(node.start, node.end, self._dump(new, self._indent_of(node.start), multiline))]

    def _object(self, node: JNode, old: dict[str, Any], new: dict[str, Any], depth: int) -> list[Splice] | None:
        members = {key: (key_pos, child) for key, key_pos, child in node.members}
        if set(members) != set(old) or len(node.members) != len(old):
            return None
        multiline = self._multiline(node)
        indent = self._indent_of(node.members[0][1]) if node.members else ""
        out: list[Splice] = []
        order = [key for key, _, _ in node.members]
        removed = [i for i, key in enumerate(order) if key not in new]
        for run_start, run_stop in _runs(removed):
            if run_start > 0:
                out.append(Splice(node.members[run_start - 1][2].end, node.members[run_stop - 1][2].end, ""))
            elif run_stop < len(order):
                out.append(Splice(node.members[0][1], node.members[run_stop][1], ""))
            else:
                return None
        previous: str | None = None
        for key, value in new.items():
            if key in members:
                if not same(old[key], value):
                    done = self._value(members[key][1], old[key], value, depth + 1, multiline)
                    if done is None:
                        return None
                    out.extend(done)
                previous = key
                continue
            member = json.dumps(key, ensure_ascii=self.style.ascii) + ": " + self._dump(value, indent, multiline)
            anchor = previous if previous is not None and previous in members else (
                order[-1] if order and order[-1] in new else None)
            if anchor is None:
                return None
            sep = ",\n" + indent if multiline else ", "
            out.append(Splice(members[anchor][1].end, members[anchor][1].end, sep + member))
        return out

    def _array(self, node: JNode, old: list[Any], new: list[Any], depth: int) -> list[Splice] | None:
        items = node.items
        if len(items) != len(old):
            node = self._full(node, 1)
            items = node.items
            if len(items) != len(old):
                return None
        multiline = self._multiline(node)
        indent = self._indent_of(items[0].start) if items else ""
        out: list[Splice] = []
        for _tag, i1, i2, j1, j2 in match(old, new):
            pairs = min(i2 - i1, j2 - j1)
            for d in range(pairs):
                done = self._value(items[i1 + d], old[i1 + d], new[j1 + d], depth + 1, multiline)
                if done is None:
                    done = [Splice(items[i1 + d].start, items[i1 + d].end,
                                   self._dump(new[j1 + d], indent, multiline and self._multiline(items[i1 + d])))]
                out.extend(done)
            first, stop = i1 + pairs, i2
            if stop > first:
                if first > 0:
                    out.append(Splice(items[first - 1].end, items[stop - 1].end, ""))
                elif stop < len(items):
                    out.append(Splice(items[0].start, items[stop].start, ""))
                else:
                    return None
            if j2 - j1 > pairs:
                at = i1 + pairs
                sep = ",\n" + indent if multiline else ", "
                item_multiline = multiline and any(self._multiline(item) for item in items[:3])
                texts = [self._dump(n, indent, item_multiline) for n in new[j1 + pairs:j2]]
                if at > 0:
                    out.append(Splice(items[at - 1].end, items[at - 1].end, "".join(sep + t for t in texts)))
                else:
                    out.append(Splice(items[0].start, items[0].start, "".join(t + sep for t in texts)))
        return out

    def verify(self, result: str, new: dict[str, Any]) -> None:
        """Check the new text against the new data (a full parse: JSON is quick to read)."""
        try:
            data = json.loads(result)
        except json.JSONDecodeError as exc:
            raise LayoutError(f"internal: the edited JSON does not parse ({exc.msg}); nothing was changed") from None
        if not same(data, new):
            raise LayoutError("internal: the edited JSON does not read as intended; nothing was changed")


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted indices, as (start, stop)."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs
