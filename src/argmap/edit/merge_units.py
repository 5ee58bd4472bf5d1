"""A YAML map's text cut into the pieces a three-way merge works on, each keeping its bytes: the top-level items,
the entries of `nodes`, `relations`, `scenarios`, `sources` and `hypotheses` (known by their id, a relation by its
ends and type), and the fields of an entry or of a block mapping (`tags: ...`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from argmap.errors import LayoutError
from argmap.layout.lines import line_end, line_start
from argmap.layout.yaml_scan import BlockSeq, Node, Top, block_sequence, compose, starts_line, top_keys

#: Top-level sequences whose entries merge one by one.
ENTRY_SECTIONS = ("nodes", "relations", "scenarios", "sources", "hypotheses")
HEADER = "\0header"
TRAILER = "\0trailer"


@dataclass
class Unit:
    """A piece of the text: `key` says which entry or field it is, `text` its bytes (trailing blank and comment
    lines included), `parts` the pieces it splits into (its fields), when it can be split."""

    key: str
    text: str
    parts: list[Unit] | None = None
    value: Any = None
    section: str = ""
    ids: dict[str, str] = field(default_factory=dict)


def _numbered(units: list[Unit]) -> list[Unit]:
    """Make keys unique: a second `x` becomes `x#2` (duplicate ids are `argmap check`'s business, not a merge's)."""
    seen: dict[str, int] = {}
    for unit in units:
        count = seen[unit.key] = seen.get(unit.key, 0) + 1
        if count > 1:
            unit.key = f"{unit.key}#{count}"
    return units


def with_comments(text: str, pos: int, floor: int) -> int:
    """Move a line start `pos` back over the comment lines right above it (not past `floor`): a comment belongs
    to what it stands above."""
    while pos > floor:
        prev = line_start(text, pos - 1)
        if prev < floor or not text[prev:pos].strip().startswith("#"):
            break
        pos = prev
    return pos


def mapping_parts(text: str, mapping: Node, header_end: int | None = None) -> list[Unit] | None:
    """The fields of a block mapping found in `text`, each from its key's line to the next key's line; the text
    before the first field is the header (empty for an entry whose first field shares the dash's line). None when
    the mapping is not laid out one field to a line."""
    if mapping.kind != "map" or mapping.flow or not mapping.keys:
        return None
    starts = []
    for index, (_, key, _) in enumerate(mapping.keys):
        if index == 0 and header_end == 0:
            starts.append(0)
            continue
        if not starts_line(text, key.start):
            return None
        starts.append(with_comments(text, line_start(text, key.start), starts[-1] + 1 if starts else 0))
    header = Unit(HEADER, text[:starts[0]])
    fields = [Unit(name, text[start:stop], value=value_node.value)
              for (name, _, value_node), start, stop in zip(mapping.keys, starts, [*starts[1:], len(text)],
                                                             strict=True)]
    return _numbered([header, *fields])


def _entry(text: str, section: str, position: int) -> Unit:
    """One entry of a sequence section, keyed by its id (a relation by `source type target`)."""
    try:
        root, value = compose(text, 0, len(text))
    except LayoutError:
        return Unit(f"#{position}", text, section=section)
    item = value[0] if isinstance(value, list) and len(value) == 1 else None
    if isinstance(item, dict) and section == "relations":
        key = f"{item.get('source')} {item.get('type')} {item.get('target')}"
    elif isinstance(item, dict) and isinstance(item.get("id"), str):
        key = item["id"]
    else:
        key = f"#{position}"
    parts = None
    if root.kind == "seq" and len(root.items) == 1 and isinstance(item, dict):
        parts = mapping_parts(text, root.items[0], header_end=0)
    return Unit(key, text, parts=parts, value=item, section=section)


def _section(text: str, top: Top, seq: BlockSeq) -> Unit:
    """A sequence section: its header (`nodes:` and what precedes the first dash), its entries, and the blank and
    comment lines after the last entry (so that an entry added at the end does not change the last one)."""
    body = line_end(text, top.colon)
    starts = [with_comments(text, start, max(body, previous + 1))
              for start, previous in zip(seq.starts, [body - 1, *seq.starts], strict=False)]
    header = Unit(HEADER, text[top.start:starts[0]])
    last_end = seq.end(len(seq.starts) - 1)
    bounds = [*starts, last_end]
    entries = [_entry(text[start:stop], top.key, i) for i, (start, stop) in enumerate(pairwise(bounds))]
    trailer = Unit(TRAILER, text[last_end:top.raw_end])
    parts = _numbered([header, *entries, trailer])
    return Unit(top.key, text[top.start:top.raw_end], parts=parts, section=top.key)


def _top_mapping(chunk: str, key: str) -> Unit:
    """A top-level item other than an entry section: split into its fields when its value is a block mapping."""
    try:
        root, _ = compose(chunk, 0, len(chunk))
    except LayoutError:
        return Unit(key, chunk)
    parts = None
    if root.kind == "map" and len(root.keys) == 1:
        parts = mapping_parts(chunk, root.keys[0][2])
    return Unit(key, chunk, parts=parts)


def file_units(text: str) -> list[Unit]:
    """The top-level pieces of a YAML map: what precedes the first key, then one unit per top-level key."""
    tops = top_keys(text)
    if not tops:
        raise LayoutError("no top-level 'key: value' line")
    units = [Unit(HEADER, text[:tops[0].start])]
    for top in tops:
        seq = block_sequence(text, top) if top.key in ENTRY_SECTIONS else None
        if seq is not None:
            units.append(_section(text, top, seq))
        else:
            units.append(_top_mapping(text[top.start:top.raw_end], top.key))
    return _numbered(units)
