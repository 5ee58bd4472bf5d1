"""The report as Markdown (GitHub-flavoured tables). The diagram is not inlined: it is linked when the caller
writes it beside the report (`diagram_link`), as `argmap report -o report.md` does."""

from __future__ import annotations

import re

from argmap import __version__
from argmap.analysis.scoring import probability_text, summary_lines
from argmap.analysis.weak import WEAK_RULES
from argmap.errors import plural
from argmap.report.content import ReportContent, forecast_nodes

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|#!~])")


def md(text: str | None) -> str:
    """Map text made inert in Markdown: one line, markup characters escaped (so no HTML or links sneak in)."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split())).replace("&", "&amp;")


def code(text: str) -> str:
    return f"`{text.replace('`', '')}`"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def render_markdown(content: ReportContent, diagram_link: str | None = None) -> str:
    """The whole report; `diagram_link` is the relative path of the SVG written beside it, if any."""
    amap, card = content.amap, content.scorecard
    out = [f"# {md(amap.title)}", ""]
    if amap.description:
        out += [md(amap.description), ""]
    for source in amap.sources:
        bits = [md(source.title)] + [md(str(x)) for x in (source.author, source.publisher, source.date) if x]
        out += [f"Source: {', '.join(bits)}", ""]
    out += ["## Summary", ""]
    out += [f"- **{md(k)}**: {md(v)}" for k, v in content.summary_rows()] + [""]
    out += ["## Diagram", ""]
    if diagram_link:
        out += [f"![Diagram of the map]({diagram_link})", ""]
    else:
        out += [f"_{md(content.diagram_note or 'no diagram')}_", ""]

    out += ["## Forecasts and scores", ""]
    nodes = forecast_nodes(amap)
    if card.forecasts:
        rows = []
        for r in card.forecasts:
            node = nodes[r.id]
            sources = ", ".join(f"[{md(s.title)}](<{s.url}>)" if s.url else md(s.title)
                                for s in (node.resolution.sources if node.resolution else []))
            result = md(r.outcome or "unresolved") + (f" ({sources})" if sources else "")
            horizon = md(node.horizon.stated) if node.horizon and node.horizon.stated else "–"
            rows.append([f"{md(r.text)} {code(r.id)}", md(r.words) or "–", md(probability_text(r)), horizon,
                         md(r.criteria) or "–", result, _num(r.brier), r.status])
        out += _table(["Forecast", "Author's words", "p", "Horizon", "Criteria", "Outcome", "Brier", "Status"], rows)
        out += [md(line) + "  " for line in summary_lines(card)] + [""]
        if card.calibration is not None:
            out += ["### Calibration", ""]
            out += _table(["Probability bin", "Forecasts", "Mean p", "Observed"],
                          [[f"{b.low:.1f}–{b.high:.1f}", str(b.count), _num(b.mean_probability, 2),
                            _num(b.observed, 2)] for b in card.calibration])
        elif card.scored:
            out += [f"_No calibration table: {plural(len(card.scored), 'scored forecast')}, fewer than "
                    f"{card.calibration_min}._", ""]
    else:
        out += ["_The map has no forecasts._", ""]

    out += ["## Acceptance", ""]
    ev = content.baseline
    rows = [[f"{md(n.text)} {code(n.id)}", n.kind, ev.labels[n.id], _num(ev.strength[n.id], 2),
             _num(ev.base[n.id], 2), md(content.probability_cell(n.id))] for n in amap.nodes
            if n.kind in ("claim", "forecast") and amap.by_id.get(n.id) is n]
    out += _table(["Node", "Kind", "Label", "Strength", "Base", "Probability"], rows) if rows else [
        "_No claims or forecasts._", ""]
    differ = content.authorship_rows()
    if content.author_alone is not None:
        out += ["### The author's argument alone", ""]
        out += (_table(["Node", "Kind", "With the analyst's additions", "Author alone"],
                       [[code(a), b, c, d] for a, b, c, d in differ]) if differ
                else ["_The analyst's additions change nothing._", ""])

    out += ["## Weak points", ""]
    if content.weak:
        out += _table(["Node", "Kind", "Rule", "What to do"],
                      [[code(p.node), p.kind, code(p.rule), md(p.message)] for p in content.weak])
        used = [rule for rule in WEAK_RULES if any(p.rule == rule for p in content.weak)]
        out += ["; ".join(f"{code(r)}: {md(WEAK_RULES[r])}" for r in used) + ".", ""]
    else:
        out += ["_None found._", ""]

    out += ["## Scenarios", ""]
    if not content.scenarios:
        out += ["_The map has no scenarios._", ""]
    for outcome in content.scenarios:
        s = outcome.scenario
        out += [f"### {md(s.title)} {code(s.id)}", ""]
        if s.description:
            out += [md(s.description), ""]
        held = [f"{code(k)} held {'true' if v else 'false'}" for k, v in s.assume.items()]
        held += [f"{code(k)} at p = {v:g}" for k, v in s.probabilities.items()]
        if held:
            out += [f"Assumes: {', '.join(held)}.", ""]
        changed = outcome.changed()
        if changed:
            out += _table(["Node", "Kind", "Baseline", "Scenario", "Change"],
                          [[code(r.node), r.kind, f"{r.base_label} {r.base_strength:.2f}"
                            + (f", p {r.base_probability.text(3)}" if r.base_probability else ""),
                            f"{r.label} {r.strength:.2f}" + (f", p {r.probability.text(3)}" if r.probability else ""),
                            md(r.change_text(outcome.threshold))] for r in changed])
        else:
            out += ["_Nothing changes against the baseline._", ""]

    out += ["## Evidence and assumption sensitivity", ""]
    if content.sensitivity:
        out += _table(["Rank", "Rejected", "Impact", "Σ\\|Δp\\|", "Σ\\|Δstrength\\|", "Conclusions changing label"],
                      [[str(i + 1), f"{md(r.text)} {code(r.node)}", _num(r.impact), _num(r.probability_change),
                        _num(r.strength_change), ", ".join(code(n) for n in r.labels_changed) or "–"]
                       for i, r in enumerate(content.sensitivity)])
    else:
        out += ["_The map has no evidence._", ""]
    for section in content.techniques:
        out += [f"{'#' * section.level} {md(section.title)}", ""]
        out += [*(f"_{md(note)}_" for note in section.notes), ""] if section.notes else []
        out += _table([md(h) for h in section.headers], [[md(cell) for cell in row] for row in section.rows])
    out += [f"_Made with argmap {__version__} from {code(content.doc.path.name)}. Labels: grounded labelling "
            "in which support counts (in, out, undec, unsupported); strengths: "
            f"{content.baseline.settings.semantics} (0 to 1), apart from probabilities; Brier: 0 is perfect, "
            "0.25 is always saying 0.5._", ""]
    return "\n".join(out)
