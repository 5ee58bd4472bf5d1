"""What stands at an offset of a map's text, and where each node is named: the data path under the cursor (a
value, or a key), and every definition and reference of a node id with its span in the text.

A node id is named by its node's `id`, by relations (`source`, `target`), by scenarios (the keys of `assume` and
`probabilities`) and by ACH groups (a hypothesis that is a node, an item without text of its own, the keys of
`ratings`): the places `argmap edit --rename` rewrites.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from argmap.errors import Loc
from argmap.io.positions import Located, node_at
from argmap.lsp.state import Analysis

_PLAIN_KEY = re.compile(r"[^\s:,\[\]{}#\"']+")


@dataclass(frozen=True)
class Spot:
    """A scalar of the text: its data path, whether it is a key, its value, and its span (quotes left out)."""

    loc: Loc
    key: bool
    value: Any
    start: int
    end: int


def _scalar_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A scalar's span less its quotes."""
    if end - start >= 2 and text[start] in "'\"" and text[end - 1] == text[start]:
        return start + 1, end - 1
    return start, end


def key_span(analysis: Analysis, here: Located) -> tuple[int, int]:
    """The span of the key whose value is `here` (quotes left out)."""
    text = analysis.text
    at = analysis.index.offset_of(here.key_line, here.key_column)
    if text[at:at + 1] in ("'", '"'):
        quote = text[at]
        close = at + 1
        while close < len(text) and text[close] != quote and text[close] != "\n":
            close += 2 if text[close] == "\\" and quote == '"' else 1
        return at + 1, min(close, len(text))
    found = _PLAIN_KEY.match(text, at)
    return (at, found.end()) if found else (at, at)


def value_span(analysis: Analysis, here: Located) -> tuple[int, int]:
    """The span of a scalar value (quotes left out)."""
    return _scalar_span(analysis.text, here.start_offset, here.end_offset)


def spot_at(analysis: Analysis, offset: int) -> Spot | None:
    """The scalar (value or key) whose span holds `offset` (its end included: the cursor just after a word), or
    None when the text does not parse or the offset is between scalars."""
    data, tree = analysis.data, analysis.doc.tree
    if data is None or tree is None:
        return None
    loc: Loc = ()
    here, value = tree, data
    while isinstance(value, (dict, list)):
        step: str | int | None = None
        if isinstance(value, dict):
            for key in value:
                child = here.child(key)
                if child is None:
                    continue
                start, end = key_span(analysis, child)
                if start <= offset <= end:
                    return Spot((*loc, key), True, key, start, end)
                if child.start_offset <= offset <= child.end_offset:
                    step = key
                    break
        else:
            step = _item_at(here, len(value), offset)
        if step is None:
            return None
        child = here.child(step)
        if child is None:
            return None
        loc, here, value = (*loc, step), child, value[step]  # type: ignore[index]
    start, end = value_span(analysis, here)
    return Spot(loc, False, value, start, end) if start <= offset <= end else None


def _item_at(here: Located, size: int, offset: int) -> int | None:
    """The index of the item of a list holding `offset`, by halving (items are placed only when looked at)."""
    low, high = 0, size - 1
    while low <= high:
        middle = (low + high) // 2
        item = here.child(middle)
        if item is None:
            return None
        if offset < item.start_offset:
            high = middle - 1
        elif offset > item.end_offset:
            low = middle + 1
        else:
            return middle
    return None


@dataclass(frozen=True)
class Site:
    """A place a node id is written: its data path, whether it is a key there, and whether it defines the node."""

    loc: Loc
    key: bool
    node_id: str
    definition: bool = False


def sites(data: Any, node_ids: set[str] | None = None) -> Iterator[Site]:
    """Every place the data names a node id (`node_ids`, when given, narrows the keys of `ratings` to nodes)."""
    if not isinstance(data, dict):
        return
    for i, node in enumerate(_items(data, "nodes")):
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            yield Site(("nodes", i, "id"), False, node["id"], True)
    for i, rel in enumerate(_items(data, "relations")):
        if isinstance(rel, dict):
            for end in ("source", "target"):
                if isinstance(rel.get(end), str):
                    yield Site(("relations", i, end), False, rel[end])
    for i, scenario in enumerate(_items(data, "scenarios")):
        if isinstance(scenario, dict):
            for name in ("assume", "probabilities"):
                entries = scenario.get(name)
                if isinstance(entries, dict):
                    for key in entries:
                        yield Site(("scenarios", i, name, key), True, str(key))
    for g, group in enumerate(_items(data, "hypotheses")):
        if not isinstance(group, dict):
            continue
        for h, hyp in enumerate(group.get("hypotheses") or []):
            if isinstance(hyp, str):
                yield Site(("hypotheses", g, "hypotheses", h), False, hyp)
            elif isinstance(hyp, dict) and isinstance(hyp.get("id"), str) and hyp.get("text") is None:
                yield Site(("hypotheses", g, "hypotheses", h, "id"), False, hyp["id"])
        for r, row in enumerate(group.get("evidence") or []):
            if not isinstance(row, dict):
                continue
            if isinstance(row.get("item"), str) and row.get("text") is None:
                yield Site(("hypotheses", g, "evidence", r, "item"), False, row["item"])
            ratings = row.get("ratings")
            if isinstance(ratings, dict):
                for key in ratings:
                    if node_ids is None or key in node_ids:
                        yield Site(("hypotheses", g, "evidence", r, "ratings", key), True, str(key))


def _items(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def site_at(analysis: Analysis, offset: int) -> tuple[Site, Spot] | None:
    """The node id named at `offset` (a definition or a reference), with its spot."""
    spot = spot_at(analysis, offset)
    if spot is None or not isinstance(spot.value, str):
        return None
    site = Site(spot.loc, spot.key, spot.value)
    if not _is_site(analysis.data, site):
        return None
    return Site(spot.loc, spot.key, spot.value, spot.loc[0] == "nodes"), spot


def _is_site(data: Any, site: Site) -> bool:
    loc = site.loc
    if len(loc) < 3:
        return False
    head = (loc[0], *(step for step in loc[2:] if not isinstance(step, int)))
    if site.key:
        if head[:2] in (("scenarios", "assume"), ("scenarios", "probabilities")) and len(loc) == 4:
            return True
        return head[:3] == ("hypotheses", "evidence", "ratings") and len(loc) == 6
    if head in (("nodes", "id"), ("relations", "source"), ("relations", "target")) and len(loc) == 3:
        return True
    return any(candidate == site for candidate in sites({"hypotheses": data.get("hypotheses")})
               if candidate.loc == loc) if loc[0] == "hypotheses" else False


def site_span(analysis: Analysis, site: Site) -> tuple[int, int] | None:
    """Where in the text a site's id stands."""
    tree = analysis.doc.tree
    here = node_at(tree, site.loc)
    if here is None:
        return None
    start, end = key_span(analysis, here) if site.key else value_span(analysis, here)
    return (start, end) if analysis.text[start:end] == site.node_id else None


def definition_of(analysis: Analysis, node_id: str) -> tuple[int, int] | None:
    """The span of the `id` of the node `node_id` (its first definition)."""
    data = analysis.data
    for i, node in enumerate(_items(data, "nodes") if isinstance(data, dict) else []):
        if isinstance(node, dict) and node.get("id") == node_id:
            return site_span(analysis, Site(("nodes", i, "id"), False, node_id, True))
    return None


def node_file_index(analysis: Analysis, node_id: str) -> int | None:
    """The index in the file's `nodes` of the node `node_id`."""
    data = analysis.data
    for i, node in enumerate(_items(data, "nodes") if isinstance(data, dict) else []):
        if isinstance(node, dict) and node.get("id") == node_id:
            return i
    return None
