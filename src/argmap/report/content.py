"""What a report holds, gathered once and written as HTML or Markdown: summary, diagram, forecasts and scores,
acceptance of the claims, weak points, scenarios and evidence sensitivity."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from argmap.analysis.authorship import author_only, has_additions
from argmap.analysis.scenarios import ScenarioOutcome, Sensitivity, compare, probability_delta, sensitivity
from argmap.analysis.scoring import Scorecard, score_forecasts
from argmap.analysis.semantics import LABELS, Evaluation, build_framework, evaluate
from argmap.analysis.weak import WeakPoint, weak_points
from argmap.errors import ArgmapError, plural
from argmap.io.document import MapDocument
from argmap.model import NODE_KINDS, RELATION_TYPES, ArgMap, Forecast
from argmap.report.techniques import Section, technique_sections

SENSITIVITY_TOP = 10
_UNSAFE_SVG = re.compile(r"<\s*script|<\s*foreignObject|\bon[a-z]+\s*=|javascript:|<\s*iframe|(?:src|href)\s*=\s*"
                         r"[\"']?\s*(?:https?:)?//", re.I)


@dataclass
class ReportContent:
    """Everything a report shows, computed from one loaded map."""

    doc: MapDocument
    amap: ArgMap
    baseline: Evaluation
    scorecard: Scorecard
    weak: list[WeakPoint]
    scenarios: list[ScenarioOutcome]
    sensitivity: list[Sensitivity]
    author_alone: Evaluation | None = None
    """The author's argument without the analyst's additions (None when the map has none)."""
    svg: str | None = None
    diagram_note: str | None = None
    techniques: list[Section] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)

    @property
    def labels(self) -> Counter[str]:
        return Counter(self.baseline.labels.values())

    def probability_cell(self, node_id: str, evaluation: Evaluation | None = None) -> str:
        """`0.675 (words)`, `0.000–1.000 (bounds)` or `–`."""
        p = (evaluation or self.baseline).probability_of(node_id)
        return "–" if p is None else f"{p.text(3)} ({p.origin})"

    def authorship_rows(self, threshold: float = 0.005) -> list[tuple[str, str, str, str]]:
        """Nodes of the author's argument whose label, strength or probability differ once the analyst's
        additions are counted: (node, kind, with additions, author alone)."""
        alone = self.author_alone
        if alone is None:
            return []
        rows: list[tuple[str, str, str, str]] = []
        for node_id, node in self.amap.by_id.items():
            if node_id not in alone.labels:
                continue
            ev = self.baseline
            moved = (ev.labels[node_id] != alone.labels[node_id]
                     or abs(ev.strength[node_id] - alone.strength[node_id]) >= threshold
                     or abs(probability_delta(ev.probability_of(node_id), alone.probability_of(node_id))) >= threshold)
            if moved:
                rows.append((node_id, node.kind, f"{ev.labels[node_id]} {ev.strength[node_id]:.2f}",
                             f"{alone.labels[node_id]} {alone.strength[node_id]:.2f}"))
        return rows

    def summary_rows(self) -> list[tuple[str, str]]:
        """Label and value pairs for the summary block."""
        card = self.scorecard
        rows = [
            ("Nodes", ", ".join(f"{self.kinds.get(k, 0)} {k}" for k in NODE_KINDS) + f" ({len(self.amap.nodes)})"),
            ("Relations", ", ".join(f"{self.relations.get(t, 0)} {t}" for t in RELATION_TYPES)
             + f" ({len(self.amap.relations)})"),
            ("Acceptance (grounded)", ", ".join(f"{self.labels.get(label, 0)} {label}" for label in LABELS)),
            ("Forecasts", f"{len(card.forecasts)}, of which {len(card.scored)} scored"),
        ]
        if card.brier is not None:
            skill = "undefined" if card.skill is None else f"{card.skill:+.3f}"
            known = [v for v in card.by_convention.values() if v is not None]
            spread = f"; {min(known):.3f}–{max(known):.3f} across the partly rules" if known else ""
            rows.append(("Mean Brier score", f"{card.brier:.3f} over {plural(card.units, 'unit')}{spread} (always-0.5 "
                         f"baseline {card.baseline_brier:.3f}, skill {skill})"))
        rows.append(("Weak points", str(len(self.weak))))
        rows.append(("Scenarios", ", ".join(s.scenario.id for s in self.scenarios) or "none"))
        return rows


def collect(doc: MapDocument, *, partly: str = "half", unclear: str = "exclude", diagram: bool = True,
            diagram_options: dict[str, Any] | None = None, sensitivity_top: int = SENSITIVITY_TOP) -> ReportContent:
    """Compute the report's content. The map must have loaded (`doc.map` not None)."""
    if doc.map is None:
        raise ArgmapError(f"{doc.display_path}: does not load as a map; run `argmap check`")
    amap = doc.map
    fw = build_framework(amap)
    baseline = evaluate(amap, framework=fw)
    outcomes = [compare(amap, scenario, baseline=baseline, framework=fw) for scenario in amap.scenarios]
    alone = evaluate(author_only(amap)) if has_additions(amap) else None
    content = ReportContent(
        doc, amap, baseline, score_forecasts(amap, partly=partly, unclear=unclear), weak_points(amap, baseline),
        outcomes, sensitivity(amap)[:sensitivity_top], alone, techniques=technique_sections(amap),
        kinds=Counter(node.kind for node in amap.nodes), relations=Counter(rel.type for rel in amap.relations))
    if diagram:
        content.svg, content.diagram_note = diagram_svg(doc, diagram_options or {})
    else:
        content.diagram_note = "diagram left out (--no-diagram)"
    return content


def diagram_svg(doc: MapDocument, options: dict[str, Any]) -> tuple[str | None, str | None]:
    """The map's diagram from the registered `svg` exporter, ready to inline: (svg, None), or (None, why not).
    The renderer sanitises its SVG; an SVG that still holds script, event handlers or external loads is refused."""
    from argmap.formats import FORMATS, export

    fmt = FORMATS.get("svg")
    if fmt is None:
        return None, "no diagram: this installation of argmap has no svg exporter"
    try:
        data = export(doc, fmt, options)
    except ArgmapError as exc:
        return None, f"no diagram: {exc}"
    text = data.decode("utf-8", errors="replace")
    start = text.find("<svg")
    svg = text[start:].strip() if start >= 0 else ""  # the XML declaration, doctype and comments stay out
    if not svg or _UNSAFE_SVG.search(svg):
        return None, "no diagram: the svg exporter's output is not a clean, self-contained SVG"
    return svg, None


def forecast_nodes(amap: ArgMap) -> dict[str, Forecast]:
    """Forecasts by id, for details the scorecard does not carry (resolution notes and sources)."""
    return {node.id: node for node in amap.nodes if isinstance(node, Forecast)}
