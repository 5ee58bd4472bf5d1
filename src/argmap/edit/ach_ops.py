"""Edits of a map's ACH matrices (`hypotheses:`), as the file holds them: set one rating, and follow a node's
rename. Like `argmap.edit.operations`, each function returns new data sharing every unchanged part, or raises
`EditError` saying what is wrong."""

from __future__ import annotations

from typing import Any

from argmap.errors import EditError, suggest
from argmap.model.techniques import RATINGS


def _groups(data: dict[str, Any]) -> list[Any]:
    groups = data.get("hypotheses")
    return groups if isinstance(groups, list) else []


def _hypothesis_id(entry: Any) -> Any:
    return entry if isinstance(entry, str) else entry.get("id") if isinstance(entry, dict) else None


def set_rating(data: dict[str, Any], group_id: str, item: str, hypothesis: str, rating: str | None
               ) -> tuple[dict[str, Any], str]:
    """Set the rating of `item` against `hypothesis` in group `group_id` (None clears it): the new data and a
    one-line summary."""
    groups = _groups(data)
    gi = next((i for i, g in enumerate(groups) if isinstance(g, dict) and g.get("id") == group_id), None)
    if gi is None:
        ids = [g.get("id") for g in groups if isinstance(g, dict)]
        raise EditError(f"no ACH group '{group_id}'{suggest(group_id, [i for i in ids if isinstance(i, str)])}")
    group = groups[gi]
    names = [_hypothesis_id(h) for h in group.get("hypotheses") or []]
    if hypothesis not in names:
        raise EditError(f"group '{group_id}' has no hypothesis '{hypothesis}'"
                        f"{suggest(hypothesis, [n for n in names if isinstance(n, str)])}")
    if rating is not None and rating not in RATINGS:
        raise EditError(f"'{rating}' is not a rating (expected {', '.join(RATINGS)})")
    rows = list(group.get("evidence") or [])
    ri = next((i for i, r in enumerate(rows) if isinstance(r, dict) and r.get("item") == item), None)
    if ri is None:
        raise EditError(f"group '{group_id}' rates no item '{item}'")
    row = rows[ri]
    ratings = dict(row.get("ratings") or {})
    if rating is None:
        ratings.pop(hypothesis, None)
    else:
        ratings[hypothesis] = rating
    rows[ri] = {**row, "ratings": ratings}
    new_groups = list(groups)
    new_groups[gi] = {**group, "evidence": rows}
    summary = f"rated {item} {rating} against {hypothesis}" if rating else f"cleared {item}'s rating of {hypothesis}"
    return {**data, "hypotheses": new_groups}, summary


def renamed_in_ach(data: dict[str, Any], old: str, new: str) -> list[Any] | None:
    """The ACH groups with node `old` renamed `new` (hypotheses, items, ratings), or None when none names it."""
    groups = _groups(data)
    changed = False
    out: list[Any] = []
    for group in groups:
        if not isinstance(group, dict):
            out.append(group)
            continue
        hyps = []
        for h in group.get("hypotheses") or []:
            if h == old:
                h, changed = new, True
            elif isinstance(h, dict) and h.get("id") == old and h.get("text") is None:
                h, changed = {**h, "id": new}, True
            hyps.append(h)
        rows = []
        for row in group.get("evidence") or []:
            if isinstance(row, dict):
                if row.get("item") == old and row.get("text") is None:
                    row, changed = {**row, "item": new}, True
                ratings = row.get("ratings")
                if isinstance(ratings, dict) and old in ratings:
                    row, changed = {**row, "ratings": {(new if k == old else k): v for k, v in ratings.items()}}, True
            rows.append(row)
        out.append({**group, "hypotheses": hyps, "evidence": rows} if changed else group)
    return out if changed else None
