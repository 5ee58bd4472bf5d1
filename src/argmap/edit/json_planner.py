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
            _, node.end = _DECODER.raw_decode(text, node.start)
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
        colon = _skip(text, after)
        if text[colon:colon + 1] != ":":
            return None
        start = _skip(text, colon + 1)
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
        fast = pretty_root(text, list(old))
        self.pretty = fast is not None
        self.root = fast or scan(text, 0, 2)  # the root object, its members, and the items of its arrays
        if self.root.kind != "object" or [k for k, _, _ in self.root.members] != list(old):
            raise LayoutError("internal: the JSON file's members could not be listed")
        self.touched_members: set[str] = set()
        self.touched_items: dict[str, set[int]] = {}
        self._array_key: str | None = None

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
        return "\n" in self.text[node.start:end_of(self.text, node)]

    def _full(self, node: JNode, depth: int) -> JNode:
        """The node scanned to full depth (a skipped value is scanned again)."""
        return scan(self.text, node.start, depth)

    def plan(self, new: dict[str, Any]) -> list[Splice]:
        """The splices that make the text read as `new`."""
        done = self._object(self.root, self.old, new, depth=1)
        if done is None:
            return [Splice(0, len(self.text), self._dump(new, "", True) + "\n")]
        return done

    def _value(self, node: JNode, old: Any, new: Any, depth: int, parent_multiline: bool) -> list[Splice] | None:
        if same(old, new):
            return []
        if node.kind in ("scalar", "lazy") and (isinstance(old, dict | list)):
            node = self._full(node, 64)
        if isinstance(old, dict) and isinstance(new, dict) and node.kind == "object" and old and new:
            return self._object(node, old, new, depth)
        if isinstance(old, list) and isinstance(new, list) and node.kind == "array" and old and new:
            return self._array(node, old, new, depth)
        multiline = self._multiline(node) or (isinstance(new, dict | list) and bool(new) and parent_multiline)
        return [Splice(node.start, end_of(self.text, node), self._dump(new, self._indent_of(node.start), multiline))]

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
                out.append(Splice(end_of(self.text, node.members[run_start - 1][2]),
                                  end_of(self.text, node.members[run_stop - 1][2]), ""))
            elif run_stop < len(order):
                out.append(Splice(node.members[0][1], node.members[run_stop][1], ""))
            else:
                return None
        previous: str | None = None
        for key, value in new.items():
            if key in members:
                if old[key] is not value and not same(old[key], value):
                    if node is self.root:
                        big = members[key][1].kind == "array" and bool(members[key][1].items)
                        self._array_key = key if big else None
                        if not big:
                            self.touched_members.add(key)
                    done = self._value(members[key][1], old[key], value, depth + 1, multiline)
                    if done is None:
                        return None
                    out.extend(done)
                previous = key
                continue
            if node is self.root:
                self.touched_members.add(key)
            member = json.dumps(key, ensure_ascii=self.style.ascii) + ": " + self._dump(value, indent, multiline)
            anchor = previous if previous is not None and previous in members else (
                order[-1] if order and order[-1] in new else None)
            if anchor is None:
                return None
            sep = ",\n" + indent if multiline else ", "
            at = end_of(self.text, members[anchor][1])
            out.append(Splice(at, at, sep + member))
        return out

    def _array(self, node: JNode, old: list[Any], new: list[Any], depth: int) -> list[Splice] | None:
        touched = self.touched_items.setdefault(self._array_key, set()) if self._array_key else None
        self._array_key = None
        items = node.items
        if len(items) != len(old):
            node = self._full(node, 1)
            items = node.items
            if len(items) != len(old):
                return None
        text = self.text
        multiline = self._multiline(node)
        indent = self._indent_of(items[0].start) if items else ""
        out: list[Splice] = []
        for _tag, i1, i2, j1, j2 in match(old, new):
            if touched is not None:
                touched.update(range(max(0, j1 - 1), min(len(new), j2 + 1)))
            pairs = min(i2 - i1, j2 - j1)
            for d in range(pairs):
                item = items[i1 + d]
                done = self._value(item, old[i1 + d], new[j1 + d], depth + 1, multiline)
                if done is None:
                    done = [Splice(item.start, end_of(text, item),
                                   self._dump(new[j1 + d], indent, multiline and self._multiline(item)))]
                out.extend(done)
            first, stop = i1 + pairs, i2
            if stop > first:
                if first > 0:
                    out.append(Splice(end_of(text, items[first - 1]), end_of(text, items[stop - 1]), ""))
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
                    end = end_of(text, items[at - 1])
                    out.append(Splice(end, end, "".join(sep + t for t in texts)))
                else:
                    out.append(Splice(items[0].start, items[0].start, "".join(t + sep for t in texts)))
        return out

    def verify(self, result: str, new: dict[str, Any], *, full: bool) -> None:
        """Check the new text against the new data: a full parse (`json` writes every value back as the same
        type, so plain equality is exact), or for a big file written one member per line, the members, the item
        counts, and every changed item with its neighbours and separators."""
        if full or not self.pretty:
            try:
                data = json.loads(result)
            except json.JSONDecodeError as exc:
                raise LayoutError(f"internal: the edited JSON does not parse ({exc.msg}); nothing was changed"
                                  ) from None
            if data != new:
                raise LayoutError("internal: the edited JSON does not read as intended; nothing was changed")
            return
        root = pretty_root(result, list(new))
        if root is None:
            raise LayoutError("internal: the edited JSON does not read as intended; nothing was changed")
        nodes = {key: child for key, _, child in root.members}
        try:
            for key in self.touched_members:
                if key in new and _DECODER.raw_decode(result, nodes[key].start)[0] != new[key]:
                    raise LayoutError(f"internal: the edited '{key}' does not read as intended")
            for key, indices in self.touched_items.items():
                items = nodes[key].items
                if len(items) != len(new[key]):
                    raise LayoutError(f"internal: the edited '{key}' does not read as intended")
                for index in sorted(indices):
                    value, end = _DECODER.raw_decode(result, items[index].start)
                    after = result[_skip(result, end):_skip(result, end) + 1]
                    before = result[:items[index].start].rstrip()[-1:]
                    if value != new[key][index] or after != ("," if index + 1 < len(items) else "]") or \
                            before != ("," if index else "["):
                        raise LayoutError(f"internal: item {index + 1} of '{key}' does not read as intended")
        except (json.JSONDecodeError, KeyError, IndexError):
            raise LayoutError("internal: the edited JSON does not read as intended; nothing was changed") from None


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted indices, as (start, stop)."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs
