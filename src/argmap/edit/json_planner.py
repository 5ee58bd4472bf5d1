"""Planning the splices of an edit of a JSON map: only the changed members and items are rewritten, in the file's
own indentation (or on one line, where the object was on one line).

Positions come from `argmap.layout.json_scan`, so finding one item of a 10,000-node array costs a fraction of
parsing the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from argmap.edit.matching import match
from argmap.edit.splice import Splice
from argmap.errors import LayoutError
from argmap.layout.json_scan import DECODER, JNode, end_of, pretty_root, scan, skip_space
from argmap.layout.lines import line_start
from argmap.layout.values import same


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
                if key in new and DECODER.raw_decode(result, nodes[key].start)[0] != new[key]:
                    raise LayoutError(f"internal: the edited '{key}' does not read as intended")
            for key, indices in self.touched_items.items():
                items = nodes[key].items
                if len(items) != len(new[key]):
                    raise LayoutError(f"internal: the edited '{key}' does not read as intended")
                for index in sorted(indices):
                    value, end = DECODER.raw_decode(result, items[index].start)
                    after = result[skip_space(result, end):skip_space(result, end) + 1]
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
