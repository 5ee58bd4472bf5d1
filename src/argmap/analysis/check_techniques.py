"""`argmap check` rules for the analyst's techniques: key assumptions, signposts and their observations, dated
probability updates and ACH matrices. Each rule names what to fix; an unknown name comes with a did-you-mean."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from argmap.errors import Diagnostic, Loc, Severity, suggest
from argmap.io.document import MapDocument
from argmap.model import ArgMap, Claim, Forecast, Inference, Signpost

Emit = Callable[..., Diagnostic]

RULES: dict[str, tuple[Severity, str]] = {
    "assumption-status": ("warning", "an assumption has no status (solid, caveated, unsupported, failed)"),
    "observation-date": ("error", "a signpost's observation has no date"),
    "update-date": ("error", "a forecast's probability update has no date"),
    "update-order": ("warning", "a forecast's probability updates are not in date order"),
    "unknown-hypothesis": ("error", "an ACH rating names a hypothesis its group does not have"),
    "hypothesis-groups": ("error", "a hypothesis belongs to two ACH groups (a group's hypotheses exclude each other)"),
    "ach-duplicate": ("error", "an ACH group lists a hypothesis or an item twice"),
    "ach-size": ("warning", "an ACH group has fewer than two hypotheses or no evidence"),
}


def ach_referenced(amap: ArgMap) -> set[str]:
    """Node ids an ACH group uses (as hypotheses or items): they count as linked to the analysis."""
    found: set[str] = set()
    for group in amap.hypotheses:
        found.update(h.id for h in group.hypotheses if h.text is None)
        found.update(item.item for item in group.evidence if item.text is None)
    return found


def assumptions(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    for index, node in enumerate(amap.nodes):
        if isinstance(node, Claim | Inference) and node.assumption is not None and node.assumption.status is None:
            yield emit("assumption-status", "assumption without a status: set assumption.status to solid, caveated, "
                       "unsupported or failed", ("nodes", index, "assumption"), node.id)


def indicators(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    for index, node in enumerate(amap.nodes):
        if not isinstance(node, Forecast):
            continue
        for si, signpost in enumerate(node.signposts):
            if not isinstance(signpost, Signpost):
                continue
            for oi, observation in enumerate(signpost.observations):
                if observation.date is None:
                    yield emit("observation-date", f"observation of signpost '{_clip(signpost.watch)}' has no date: "
                               "add date: YYYY-MM-DD", ("nodes", index, "signposts", si, "observations", oi), node.id)
        dates = []
        for ui, update in enumerate(node.updates):
            if update.date is None:
                yield emit("update-date", "probability update without a date: add date: YYYY-MM-DD",
                           ("nodes", index, "updates", ui), node.id)
            else:
                dates.append((update.date, ui))
        for (before, _), (after, ui) in itertools.pairwise(dates):
            if after < before:
                yield emit("update-order", f"update of {after} comes after one of {before}: list updates oldest "
                           "first", ("nodes", index, "updates", ui, "date"), node.id)


def ach(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    ids = amap.by_id
    owner: dict[str, str] = {}
    for gi, group in enumerate(amap.hypotheses):
        loc: Loc = ("hypotheses", gi)
        names: list[str] = []
        for hi, hyp in enumerate(group.hypotheses):
            if hyp.id in names:
                yield emit("ach-duplicate", f"group '{group.id}' lists hypothesis '{hyp.id}' twice",
                           (*loc, "hypotheses", hi))
                continue
            names.append(hyp.id)
            if hyp.text is None and hyp.id not in ids:
                yield emit("unknown-node", f"hypothesis '{hyp.id}' of group '{group.id}' is not a node"
                           f"{suggest(hyp.id, ids) or '; give its text to state it here'}", (*loc, "hypotheses", hi))
            if hyp.id in owner and owner[hyp.id] != group.id:
                yield emit("hypothesis-groups", f"hypothesis '{hyp.id}' is already in group '{owner[hyp.id]}': a "
                           "hypothesis belongs to one group of rivals", (*loc, "hypotheses", hi))
            owner.setdefault(hyp.id, group.id)
        if len(names) < 2 or not group.evidence:
            yield emit("ach-size", f"group '{group.id}' has {len(names)} hypotheses and {len(group.evidence)} items: "
                       "ACH needs at least two rivals and some evidence", (*loc, "id"))
        items: set[str] = set()
        for ri, item in enumerate(group.evidence):
            row: Loc = (*loc, "evidence", ri)
            if item.item in items:
                yield emit("ach-duplicate", f"group '{group.id}' rates item '{item.item}' twice", (*row, "item"))
            items.add(item.item)
            if item.text is None and item.item not in ids:
                yield emit("unknown-node", f"ACH item '{item.item}' is not a node"
                           f"{suggest(item.item, ids) or '; give its text to state it here'}", (*row, "item"))
            for hyp_id in item.ratings:
                if hyp_id not in names:
                    hint = suggest(hyp_id, names) or f"; the group's hypotheses are {', '.join(names) or 'none'}"
                    yield emit("unknown-hypothesis", f"rating of unknown hypothesis '{hyp_id}' in group "
                               f"'{group.id}'{hint}", (*row, "ratings", hyp_id))


def _clip(text: Any, width: int = 40) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


RULE_FUNCTIONS = (assumptions, indicators, ach)
