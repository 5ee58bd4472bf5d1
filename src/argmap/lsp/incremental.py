"""Reading a changed text from the previous one: when an edit stays inside one item of a top-level list (a node,
a relation, a scenario), only that item is parsed again and the rest of the data is reused, so that a keystroke
in a 10,000-node map costs the item, not the file.

`reparse` answers None whenever the shortcut might read the text differently from parsing it whole: the change
touches an item's first character or a top-level key, spans two items, the new item's lines are not all inside
the item's indentation, the item does not read as exactly one value of the same list, or the item holds YAML
anchors, aliases or tags (which tie it to other parts of the file). The caller then parses the whole text.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from argmap.errors import LayoutError
from argmap.io.parse import parse_text
from argmap.layout.json_scan import end_of, pretty_root
from argmap.layout.yaml_scan import block_sequence, top_keys
from argmap.lsp.text import changed_span

#: The lists whose items are reparsed alone: those `argmap.edit.patch` validates item by item.
LISTS = ("nodes", "relations", "scenarios")
_YAML_LINKS = re.compile(r"(?:^|[\s\[{,:-])[&*!]")


def reparse(old_text: str, old_data: dict[str, Any], new_text: str, fmt: str) -> dict[str, Any] | None:
    """The data `new_text` reads as, built from `old_data` (what `old_text` read as) with one list item parsed
    anew, or None when that cannot be told to be what parsing the whole text gives."""
    if old_text == new_text:
        return old_data
    start, old_end, new_end = changed_span(old_text, new_text)
    try:
        found = (_json_item if fmt == "json" else _yaml_item)(old_text, old_data, start, old_end)
    except (LayoutError, IndexError, ValueError):
        return None
    if found is None:
        return None
    key, index, item_start, item_end = found
    part = new_text[item_start:item_end + new_end - old_end]
    item = _json_value(part) if fmt == "json" else _yaml_value(old_text[item_start:item_end], part, item_start,
                                                                new_text)
    if item is _NOTHING:
        return None
    items = list(old_data[key])
    items[index] = item
    return {**old_data, key: items}


_NOTHING = object()


def _last_before(starts: list[int], offset: int) -> int:
    """The index of the last of the ascending `starts` before `offset` (-1: none)."""
    return bisect.bisect_left(starts, offset) - 1


def _yaml_item(text: str, data: dict[str, Any], start: int, end: int) -> tuple[str, int, int, int] | None:
    """The list, item index and item region (its dash line up to the next item's) holding `text[start:end]`."""
    for top in top_keys(text, list(data)):
        if not top.start < start <= end <= top.raw_end:
            continue
        if top.key not in LISTS or not isinstance(data[top.key], list):
            return None
        seq = block_sequence(text, top)
        if seq is None or len(seq.starts) != len(data[top.key]):
            return None
        index = _last_before([at + seq.dash_column for at in seq.starts], start)
        if index < 0:
            return None
        item_end = seq.starts[index + 1] if index + 1 < len(seq.starts) else seq.raw_end
        return (top.key, index, seq.starts[index], item_end) if end <= item_end else None
    return None


def _yaml_value(old_part: str, part: str, offset: int, text: str) -> Any:
    """The one item that `part` (an item's lines, dash first) holds, or `_NOTHING`."""
    if _YAML_LINKS.search(old_part) or _YAML_LINKS.search(part) or "\t" in part:
        return _NOTHING
    lines = part.split("\n")
    dash = len(lines[0]) - len(lines[0].lstrip(" "))
    for line in lines[1:]:
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and len(line) - len(line.lstrip(" ")) <= dash:
            return _NOTHING  # a line at or left of the dash: a new item or key, not this item's
    if offset + len(part) < len(text) and not part.endswith("\n"):
        return _NOTHING
    value, problems = parse_text(part, "yaml", "")
    if problems or not isinstance(value, list) or len(value) != 1:
        return _NOTHING
    return value[0]


def _json_item(text: str, data: dict[str, Any], start: int, end: int) -> tuple[str, int, int, int] | None:
    """The list, item index and item span holding `text[start:end]` strictly inside (its brackets unchanged)."""
    root = pretty_root(text, list(data))
    if root is None:
        return None
    for key, _, member in root.members:
        if key not in LISTS or member.kind != "array" or not member.start < start <= end < member.end:
            continue
        items = member.items
        if len(items) != len(data[key]):
            return None
        index = _last_before([items[i].start for i in range(len(items))], start)
        if index < 0:
            return None
        item = items[index]
        return (key, index, item.start, item.end) if end < end_of(text, item) else None
    return None


def _json_value(part: str) -> Any:
    try:
        return json.loads(part)
    except (ValueError, RecursionError):
        return _NOTHING
