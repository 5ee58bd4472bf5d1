"""The report's sections on the analyst's techniques: key assumptions, ACH matrices, signposts and updates, source
grades and stated confidence. Each is a plain table (title, notes, headers, rows of text) that the HTML and Markdown
writers escape and lay out alike."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.analysis.ach import analyse
from argmap.analysis.assumptions import key_assumptions
from argmap.analysis.indicators import signposts
from argmap.model import ArgMap, Claim, Evidence, Forecast
from argmap.model.grades import grade_probability, grade_text


@dataclass
class Section:
    """One table of the report: plain text throughout (the writers escape it)."""

    anchor: str
    title: str
    headers: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)
    level: int = 2


def technique_sections(amap: ArgMap) -> list[Section]:
    """Every technique section the map has material for, in the report's order."""
    out: list[Section] = []
    rows = key_assumptions(amap)
    if rows:
        out.append(Section("assumptions", "Key assumptions", ["Assumption", "Status", "Stands", "Impact if rejected",
                                                               "Rejecting it changes", "Why", "Wrong if"],
                           [[f"{r.text} ({r.node})", r.status or "no status", f"{r.label} {r.strength:.2f}",
                             f"{r.impact:.3f}", "; ".join(f"{n}: {b} → {a}" for n, b, a in r.labels_changed) or "–",
                             r.reason or "", r.would_fail_if or ""] for r in rows],
                           ["Each assumption held false in turn (scenario reject-ID); impact = Σ|Δp| + Σ|Δstrength| "
                            "over the other claims and forecasts."]))
    for group in amap.hypotheses:
        result = analyse(amap, group)
        short = {h.id: f"H{i + 1}" for i, h in enumerate(result.hypotheses)}
        notes = [f"{short[h.id]}: {h.text} ({h.id}), weighted inconsistency {h.weighted:.2f}, rank {h.rank}"
                 for h in result.hypotheses]
        notes.append("Least inconsistent first: " + ", ".join(result.ranking) + ". Items whose removal changes the "
                     "leader: " + (", ".join(r.item for r in result.items if r.changes_leader) or "none") + ".")
        table = [[r.text + (f" ({r.node})" if r.node else ""), r.credibility, r.relevance,
                  *(r.ratings.get(h.id, "·") for h in result.hypotheses), f"{r.diagnosticity:.2f}"]
                 for r in result.sorted_items("diagnosticity")]
        table.append(["Weighted inconsistency", "", "", *(f"{h.weighted:.2f}" for h in result.hypotheses), ""])
        out.append(Section(f"ach-{group.id}", f"ACH: {group.title}",
                           ["Evidence", "Credibility", "Relevance", *short.values(), "Diagnosticity"], table, notes))
    sign_rows = [[r.forecast, r.watch, r.points_to, o["date"], "seen" if o["observed"] else "not seen",
                  o.get("source") or ""] for r in signposts(amap) for o in r.observations]
    updates = [[n.id, str(u.date), f"{u.probability:.2f}", u.by, u.reason or ""]
               for n in amap.nodes if isinstance(n, Forecast) for u in n.updates]
    if sign_rows or updates:
        out.append(Section("signposts", "Signposts and timelines", ["Forecast", "Signpost", "Points to", "Date",
                                                                    "Observed", "Source"], sign_rows))
        if updates:
            out.append(Section("updates", "Probability updates", ["Forecast", "Date", "p", "By", "Reason"], updates,
                               ["`argmap score --as-of DATE` scores each forecast's latest update on or before "
                                "DATE."], level=3))
    graded = [[n.id, n.text, grade_text(n.grade), f"{grade_probability(n.grade):.3f}"]
              for n in amap.nodes if isinstance(n, Evidence) and n.grade]
    if graded:
        out.append(Section("grades", "Source grades", ["Evidence", "Text", "Grade (NATO/Admiralty)",
                                                       "Base probability"], graded,
                           ["Base probability = 0.5 + r (c - 0.5), r from the source's reliability, c from the "
                            "information's credibility (argmap.model.grades)."]))
    confident = [[n.id, n.kind, n.confidence or "", f"{n.probability:.3f}" if n.probability is not None else "–"]
                 for n in amap.nodes if isinstance(n, Claim | Forecast) and n.confidence]
    if confident:
        out.append(Section("confidence", "Stated confidence", ["Node", "Kind", "Confidence (ICD 203)",
                                                               "Probability"], confident,
                           ["Confidence in the judgement's basis, apart from its likelihood."]))
    return out
