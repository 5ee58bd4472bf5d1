"""Indicators over time: a forecast's signposts with their dated observations, and its probability as of a date.

A forecast is made on its source's date (the date of the source its first quote names, else of the map's only
source). Its probability **as of** a date D is the latest of its `updates` dated on or before D, else the
probability it was made with; before it was made it has none (and `argmap score --as-of` leaves it out as
`no-probability`). Scores as of D are taken against the final outcomes: what an analyst who stopped updating on D
would have scored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from argmap.analysis.tables import text_table
from argmap.model import ArgMap, Forecast, ProbabilityUpdate, Signpost


def made_on(amap: ArgMap, node: Forecast) -> dt.date | None:
    """The date a forecast was made: its source's date (module docstring)."""
    source_id = node.quotes[0].source if node.quotes else None
    source = amap.source(source_id)
    return source.date if source is not None else None


def update_as_of(node: Forecast, date: dt.date) -> ProbabilityUpdate | None:
    """The latest update dated on or before `date` (None if there is none)."""
    found: ProbabilityUpdate | None = None
    for update in node.updates:
        if update.date is not None and update.date <= date and (found is None or update.date >= (found.date or date)):
            found = update
    return found


def map_as_of(amap: ArgMap, date: dt.date) -> ArgMap:
    """The map with each forecast's probability as of `date` (module docstring); other nodes unchanged."""
    nodes = []
    for node in amap.nodes:
        if isinstance(node, Forecast):
            update = update_as_of(node, date)
            made = made_on(amap, node)
            if update is not None:
                node = node.model_copy(update={"probability": update.probability, "probability_basis": "stated"})
            elif made is not None and date < made:
                node = node.model_copy(update={"probability": None, "probability_basis": "stated", "words": None})
        nodes.append(node)
    return amap.model_copy(update={"nodes": nodes})


@dataclass
class SignpostRow:
    """One signpost of a forecast, with its observations up to the date asked for."""

    forecast: str
    watch: str
    points_to: str
    observations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def seen(self) -> bool:
        return any(o["observed"] for o in self.observations)


def signposts(amap: ArgMap, as_of: dt.date | None = None) -> list[SignpostRow]:
    """Every signpost of every forecast in map order; observations oldest first, up to `as_of`."""
    rows = []
    for node in amap.nodes:
        if not isinstance(node, Forecast):
            continue
        for signpost in node.signposts:
            if isinstance(signpost, str):
                rows.append(SignpostRow(node.id, signpost, "happens"))
                continue
            observed = [o for o in signpost.observations if o.date is not None and (as_of is None or o.date <= as_of)]
            observed.sort(key=lambda o: o.date or dt.date.min)
            rows.append(SignpostRow(node.id, signpost.watch, signpost.points_to,
                                    [o.model_dump(mode="json") for o in observed]))
    return rows


def timeline(amap: ArgMap, node: Forecast) -> list[tuple[dt.date | None, str]]:
    """A forecast's dated history: made, updates, observations of its signposts and the resolution, oldest first."""
    events: list[tuple[dt.date | None, str]] = []
    made = made_on(amap, node)
    p = f"p {node.probability:.2f}" if node.probability is not None else "no probability"
    events.append((made, f"made: {p}" + (f" (“{node.words}”)" if node.words else "")))
    for update in node.updates:
        why = f": {update.reason}" if update.reason else ""
        events.append((update.date, f"updated by the {update.by} to p {update.probability:.2f}{why}"))
    for signpost in node.signposts:
        if isinstance(signpost, Signpost):
            for o in signpost.observations:
                what = "seen" if o.observed else "not seen"
                source = f" ({o.source})" if o.source else ""
                events.append((o.date, f"signpost {what}: {signpost.watch} → points to {signpost.points_to}{source}"))
    if node.resolution is not None and node.resolution.outcome is not None:
        events.append((node.resolution.date, f"resolved: {node.resolution.outcome}"))
    return sorted(events, key=lambda e: e[0] or dt.date.max)


def signpost_lines(rows: list[SignpostRow]) -> list[str]:
    """The signposts as a terminal table: one line per observation (or per signpost never observed)."""
    if not rows:
        return ["The map's forecasts name no signposts."]
    table: list[list[object]] = []
    for row in rows:
        if not row.observations:
            table.append([row.forecast, row.watch, row.points_to, "–", "–", ""])
        for o in row.observations:
            table.append([row.forecast, row.watch, row.points_to, o["date"], "seen" if o["observed"] else "not seen",
                          o.get("source") or ""])
    return text_table(["forecast", "signpost", "points to", "date", "observed", "source"], table,
                      widths={0: 32, 1: 50, 5: 40})
