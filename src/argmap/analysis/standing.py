"""Every node's label, strength and probability: `argmap standing MAP`, for scripts and for reviewers."""

from __future__ import annotations

from typing import Any

from argmap.analysis.scenarios import probability_dict
from argmap.analysis.semantics import Evaluation
from argmap.analysis.tables import text_table
from argmap.model import ArgMap


def standing_dict(amap: ArgMap, result: Evaluation, *, author_only: bool = False) -> dict[str, Any]:
    """The JSON form: the settings in force and, per node, kind, by, label, strength, base and probability."""
    s = result.scenario
    return {"scenario": s.id if s else None, "author_only": author_only, "semantics": result.settings.semantics,
            "possibility": result.settings.possibility, "converged": result.converged,
            "nodes": [{"node": node_id, "kind": node.kind, "by": node.by, "drafted": node.drafted,
                       "label": result.labels[node_id],
                       "strength": round(result.strength[node_id], 6), "base": round(result.base[node_id], 6),
                       "probability": probability_dict(result.probability_of(node_id)),
                       "assumed": result.assumed.get(node_id)}
                      for node_id, node in amap.by_id.items()]}


def standing_lines(amap: ArgMap, result: Evaluation) -> list[str]:
    """The table: node, kind, label, strength, probability (with bounds and origin)."""
    rows = []
    for node_id, node in amap.by_id.items():
        p = result.probability_of(node_id)
        prob = "–" if p is None else f"{p.text(3)} ({p.origin}" + (f", given {p.given:g})" if p.given is not None
                                                                   and p.origin != "given condition" else ")")
        assumed = result.assumed.get(node_id)
        note = "" if assumed is None else f"assumed {'true' if assumed else 'false'}"
        marks = (" (analyst)" if node.by == "analyst" else "") + (" (drafted)" if node.drafted else "")
        rows.append([node_id, node.kind + marks, result.labels[node_id],
                     f"{result.strength[node_id]:.3f}", prob, note])
    lines = text_table(["node", "kind", "label", "strength", "probability", ""], rows, right=[3], widths={0: 40})
    counts = ", ".join(f"{result.count(label)} {label}" for label in ("in", "out", "undec", "unsupported"))
    lines += ["", f"{counts}; strengths by {result.settings.semantics}; a probability is the author's figure, a "
              "scenario's, or what follows through conditions, never the strength."]
    return lines
