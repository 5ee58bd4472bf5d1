"""Weak points of a map: where its reasoning is thinnest, for the analyst to shore up or to challenge.

These are judgements about the argument, not errors in the file: `argmap weak MAP` lists them and
`argmap check --strict` adds them to its findings as warnings. "Support beneath" a node is everything that reaches
it through `supports` relations, followed back through any number of steps (premises of inferences included).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from argmap.analysis.graph import Graph
from argmap.analysis.semantics import IN, Evaluation, evaluate
from argmap.errors import Diagnostic
from argmap.io.document import MapDocument
from argmap.model import ArgMap, Evidence, Forecast, Inference

#: Every weak-point rule and what it finds.
WEAK_RULES: dict[str, str] = {
    "weak-unsupported": "a claim or forecast has nothing that supports it",
    "weak-no-evidence": "a claim or forecast is supported, but no evidence lies beneath its support",
    "weak-single-evidence": "a claim or forecast rests on a single piece of evidence",
    "weak-no-warrant": "an inference does not state its warrant (the rule that licenses the step)",
    "weak-no-signpost": "a forecast names no signposts (indicators that would show it coming)",
    "weak-no-quote": "a piece of evidence quotes no source",
    "weak-contested": "the map's own reasoning leaves a claim or forecast out, undecided or unsupported",
}

_CONCLUSIONS = ("claim", "forecast")


@dataclass(frozen=True)
class WeakPoint:
    """One weak point: its rule, the node and what to do about it."""

    rule: str
    node: str
    kind: str
    message: str


def weak_points(amap: ArgMap, evaluation: Evaluation | None = None) -> list[WeakPoint]:
    """Every weak point, in the order of the map's nodes."""
    graph = Graph.of(amap)
    labels = (evaluation or evaluate(amap)).labels
    found: list[WeakPoint] = []
    for node in amap.nodes:
        if amap.by_id.get(node.id) is not node:
            continue  # a duplicate id: `check` reports it
        def add(rule: str, message: str, node_id: str = node.id, kind: str = node.kind) -> None:
            found.append(WeakPoint(rule, node_id, kind, message))

        if node.kind in _CONCLUSIONS:
            if not graph.into(node.id, "supports"):
                add("weak-unsupported", f"nothing supports this {node.kind}; add the evidence or reasoning the "
                    "author gives for it, or mark it as an assumption")
            else:
                evidence = evidence_beneath(amap, graph, node.id, limit=2)
                if not evidence:
                    add("weak-no-evidence", f"this {node.kind} is supported only by reasoning that rests on no "
                        "evidence")
                elif len(evidence) == 1:
                    add("weak-single-evidence", f"this {node.kind} rests on a single piece of evidence, "
                        f"'{evidence[0]}'; look for corroboration")
            label = labels.get(node.id, IN)
            if label != IN:
                attackers = [r.source for r in graph.into(node.id, "attacks") if labels.get(r.source) != "out"]
                why = f" (attacked by {', '.join(repr(a) for a in attackers[:3])})" if attackers else ""
                add("weak-contested", f"the map's own reasoning leaves this {node.kind} {label}{why}; answer the "
                    "attack or accept the doubt")
        if isinstance(node, Inference) and not (node.warrant and node.warrant.strip()):
            add("weak-no-warrant", "inference without a warrant: say what general rule licenses the step")
        if isinstance(node, Forecast) and not node.signposts:
            add("weak-no-signpost", "forecast without signposts: name what would show it coming (or not)")
        if isinstance(node, Evidence) and not node.quotes:
            add("weak-no-quote", "evidence without a quote: anchor it in the source's own words")
    return found


def evidence_beneath(amap: ArgMap, graph: Graph, node_id: str, limit: int | None = None) -> list[str]:
    """Evidence ids found by following `supports` back from `node_id` (breadth first; stops at `limit`)."""
    found: list[str] = []
    seen = {node_id}
    queue = deque([node_id])
    while queue:
        current = queue.popleft()
        for rel in graph.into(current, "supports"):
            source = rel.source
            if source in seen:
                continue
            seen.add(source)
            node = amap.by_id.get(source)
            if isinstance(node, Evidence):
                found.append(source)
                if limit is not None and len(found) >= limit:
                    return found
            queue.append(source)
    return found


def weak_diagnostics(doc: MapDocument) -> list[Diagnostic]:
    """Weak points as positioned warnings for `argmap check --strict`."""
    if doc.map is None:
        return []
    found = [Diagnostic(doc.display_path, "warning", point.rule, point.message,
                        doc.file_loc(("nodes", doc.node_index.get(point.node, 0), "id")), node=point.node)
             for point in weak_points(doc.map)]
    return doc.place(found)
