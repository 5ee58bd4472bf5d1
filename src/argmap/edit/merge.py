"""Three-way merge of a map file (`argmap merge BASE OURS THEIRS`, git's merge driver).

The three texts are cut into top-level items, entries and fields (`merge_units`). A piece that only one side
changed is taken from that side, bytes and comments as they are; a piece both sides changed the same way is taken
once; an entry both sides changed differently is merged field by field; what is left (the same field changed
differently, an entry changed on one side and removed on the other, two different entries added under one id) is
written between git's conflict markers, at the lines in question, and counted. A renamed node (the same content
under a new id) is matched with its old self, so that the other side's edits to it still merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from argmap.edit.merge_units import HEADER, TRAILER, Unit, file_units
from argmap.errors import LayoutError


@dataclass
class MergeResult:
    """The merged text and the conflicts written into it (`where` names each: `nodes/x/probability`)."""

    text: str
    conflicts: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


@dataclass
class _Labels:
    ours: str
    theirs: str
    size: int


def _conflict(ours: str, theirs: str, labels: _Labels) -> str:
    """Both versions between git's markers; blank lines that both end with are left after the markers."""
    def block(text: str) -> str:
        return text if not text or text.endswith("\n") else text + "\n"
    ours, theirs = block(ours), block(theirs)
    tail = ""
    while ours.endswith("\n\n") and theirs.endswith("\n\n"):
        ours, theirs, tail = ours[:-1], theirs[:-1], tail + "\n"
    return (f"{'<' * labels.size} {labels.ours}\n{ours}{'=' * labels.size}\n{theirs}"
            f"{'>' * labels.size} {labels.theirs}\n{tail}")


def _order(ours: list[Unit], theirs: list[Unit]) -> list[str]:
    """Ours' order, with the pieces only theirs has placed after the piece that precedes them in theirs."""
    keys = [unit.key for unit in ours]
    present = set(keys)
    previous: str | None = None
    for unit in theirs:
        if unit.key not in present and unit.key == TRAILER:
            keys.append(unit.key)
        elif unit.key not in present:
            at = keys.index(previous) + 1 if previous is not None else (1 if keys and keys[0] == HEADER else 0)
            keys.insert(at, unit.key)
            present.add(unit.key)
        previous = unit.key
    return keys


def merge_units(base: list[Unit], ours: list[Unit], theirs: list[Unit], labels: _Labels, where: str,
                conflicts: list[str]) -> str:
    """The merged text of three lists of pieces, conflicts appended to `conflicts`."""
    b, o, t = ({u.key: u for u in units} for units in (base, ours, theirs))
    out: list[str] = []
    order = _order(ours, theirs)
    for index, key in enumerate(order):
        bu, ou, tu = b.get(key), o.get(key), t.get(key)
        if bu is None and ou is None and tu is not None and index + 1 < len(order) and order[index + 1] != TRAILER:
            tu = _spaced_like(tu, out[-1] if out else "")
        otext, ttext = (ou.text if ou else None), (tu.text if tu else None)
        btext = bu.text if bu else None
        if otext == ttext or ttext == btext:
            out.append(otext or "")
        elif otext == btext:
            out.append(ttext or "")
        elif bu and ou and tu and bu.parts is not None and ou.parts is not None and tu.parts is not None:
            name = key if key != HEADER else "(top)"
            out.append(merge_units(bu.parts, ou.parts, tu.parts, labels, f"{where}/{name}" if where else name,
                                   conflicts))
        else:
            conflicts.append(f"{where}/{key}" if where else key)
            out.append(_conflict(otext or "", ttext or "", labels))
    return "".join(out)


def _spaced_like(unit: Unit, previous: str) -> Unit:
    """An entry added by theirs where it was the last one, now followed by another: the blank line that separates
    the entries before it separates it too."""
    if previous.endswith("\n\n") and not unit.text.endswith("\n\n"):
        return Unit(unit.key, unit.text + "\n", unit.parts, unit.value, unit.section)
    return unit


def _without_id(value: object) -> object:
    return {k: v for k, v in value.items() if k != "id"} if isinstance(value, dict) else value


def _section(units: list[Unit], name: str) -> Unit | None:
    return next((u for u in units if u.key == name and u.parts is not None), None)


def follow_renames(base: list[Unit], side: list[Unit]) -> dict[str, str]:
    """Key a side's renamed nodes (new id -> old id, the same content otherwise) and their relations by their base
    names, so that they meet their base entries; returns the renames found."""
    base_nodes, side_nodes = _section(base, "nodes"), _section(side, "nodes")
    if base_nodes is None or side_nodes is None or base_nodes.parts is None or side_nodes.parts is None:
        return {}
    old = {u.key: u for u in base_nodes.parts if u.key != HEADER}
    new = {u.key: u for u in side_nodes.parts if u.key != HEADER}
    gone = [k for k in old if k not in new]
    renames: dict[str, str] = {}
    for key, unit in new.items():
        if key in old:
            continue
        match = next((g for g in gone if g not in renames.values()
                      and _without_id(old[g].value) == _without_id(unit.value)), None)
        if match is not None:
            renames[key] = match
            unit.key = match
    relations = _section(side, "relations")
    if renames and relations is not None and relations.parts is not None:
        for unit in relations.parts:
            if isinstance(unit.value, dict):
                ends = [renames.get(str(unit.value.get(end)), str(unit.value.get(end))) for end in ("source", "target")]
                unit.key = f"{ends[0]} {unit.value.get('type')} {ends[1]}"
    return renames


def carry_renames(base: list[Unit], side: list[Unit], renames: dict[str, str]) -> None:
    """The relations a side added that name a node the other side renamed (`renames`: new id -> old id) are
    made to name it by its new id, as the other side's own relations do."""
    relations, known = _section(side, "relations"), _section(base, "relations")
    if not renames or relations is None or relations.parts is None:
        return
    old_keys = {u.key for u in known.parts or []} if known is not None else set()
    new_of = {old: new for new, old in renames.items()}
    for unit in relations.parts:
        if unit.key in old_keys or not isinstance(unit.value, dict):
            continue
        text = unit.text
        for end in ("source", "target"):
            old = str(unit.value.get(end))
            if old in new_of:
                text = re.sub(rf"(\b{end}:[ \t]*)(['\"]?){re.escape(old)}\2(?![\w-])", rf"\g<1>\g<2>{new_of[old]}\g<2>",
                              text, count=1)
        if text != unit.text:
            unit.text, unit.parts = text, None


def merge_texts(base: str, ours: str, theirs: str, *, ours_label: str = "ours", theirs_label: str = "theirs",
                marker_size: int = 7) -> MergeResult:
    """Merge two versions of a YAML map made from `base`."""
    labels = _Labels(ours_label, theirs_label, marker_size)
    if ours == theirs or theirs == base:
        return MergeResult(ours)
    if ours == base:
        return MergeResult(theirs)
    texts = [text if text.endswith("\n") else text + "\n" for text in (base, ours, theirs)]
    try:
        units = [file_units(text) for text in texts]
    except LayoutError:
        return MergeResult(_conflict(texts[1], texts[2], labels), ["(the whole file: not a block-mapping YAML map)"])
    ours_renames, theirs_renames = follow_renames(units[0], units[1]), follow_renames(units[0], units[2])
    carry_renames(units[0], units[2], ours_renames)
    carry_renames(units[0], units[1], theirs_renames)
    conflicts: list[str] = []
    text = merge_units(units[0], units[1], units[2], labels, "", conflicts)
    if not conflicts:
        try:
            yaml.safe_load(text)
        except yaml.YAMLError:
            return MergeResult(_conflict(texts[1], texts[2], labels),
                               ["(the whole file: the pieces merged do not read as YAML together)"])
    return MergeResult(text, conflicts)
