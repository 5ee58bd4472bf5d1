"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing loaded from the network.
Every piece of map text goes through `html.escape`; links (to the sources that record outcomes) are plain
`<a>` links to http(s) addresses, which the map format already guarantees."""

from __future__ import annotations

from html import escape

from argmap import __version__
from argmap.analysis.scenarios import ScenarioOutcome
from argmap.analysis.scoring import Scorecard, probability_text, summary_lines
from argmap.analysis.weak import WEAK_RULES
from argmap.errors import plural
from argmap.report.content import ReportContent, forecast_nodes
from argmap.report.techniques import Section

STYLE = """
:root { color-scheme: light; --in: #1b7f3b; --out: #b3261e; --undec: #9a6700; --line: #d0d7de; --muted: #57606a; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 72rem;
       padding: 1.5rem; color: #1f2328; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem;
margin-top: 2.2rem; } h3 { margin-bottom: .3rem; }
.muted, .note { color: var(--muted); } .note { font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
.label { font-weight: 600; white-space: nowrap; } .label-in { color: var(--in); } .label-out { color: var(--out); }
.label-undec { color: var(--undec); }
.diagram { overflow: auto; border: 1px solid var(--line); padding: .5rem; max-height: 80vh; }
.diagram svg { display: block; margin: 0 auto; max-width: 100%; height: auto; }
#diagram-zoom:checked ~ .diagram svg { max-width: none; } .zoom { font-size: .9rem; color: var(--muted); }
code { font-size: .88em; background: #f6f8fa; padding: 0 .2em; border-radius: 3px; } td code { white-space: nowrap; }
@media print { .diagram { max-height: none; overflow: visible; } .diagram svg { max-width: 100%; height: auto; } }
"""


def render_html(content: ReportContent) -> str:
    """The whole page."""
    amap = content.amap
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{escape(amap.title)}: argmap report</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
             f"<h1>{escape(amap.title)}</h1>"]
    if amap.description:
        parts.append(f"<p>{escape(amap.description)}</p>")
    for source in amap.sources:
        bits = [escape(source.title)] + [escape(str(x)) for x in (source.author, source.publisher, source.date) if x]
        parts.append(f'<p class="muted">Source: {", ".join(bits)}</p>')
    parts += _summary(content), _diagram(content), _forecasts(content), _acceptance(content), _weak(content)
    parts += _scenarios(content), _sensitivity(content)
    parts += [_section(section) for section in content.techniques]
    parts.append(f'<p class="note">Made with argmap {escape(__version__)} from <code>'
                 f"{escape(content.doc.path.name)}</code>. Labels are a grounded labelling in which support counts "
                 "(in: stands; out: defeated; undec: undecided; unsupported: every reason failed); strengths are "
                 f"{escape(content.baseline.settings.semantics)} scores from 0 to 1, apart from probabilities. "
                 "Brier scores: 0 is perfect, 0.25 is always saying 0.5.</p>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _section(section: Section) -> str:
    """A technique's table: every cell escaped."""
    tag = f"h{section.level}"
    notes = "".join(f'<p class="note">{escape(note)}</p>' for note in section.notes)
    return (f'<{tag} id="{escape(section.anchor)}">{escape(section.title)}</{tag}>\n{notes}'
            + _table(section.headers, [[escape(cell) for cell in row] for row in section.rows]))


def _summary(content: ReportContent) -> str:
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in content.summary_rows())
    return f'<h2 id="summary">Summary</h2>\n<dl class="summary">{rows}</dl>'


def _diagram(content: ReportContent) -> str:
    if content.svg is None:
        return f'<h2 id="diagram">Diagram</h2>\n<p class="note">{escape(content.diagram_note or "no diagram")}</p>'
    return ('<h2 id="diagram">Diagram</h2>\n<input type="checkbox" id="diagram-zoom"> <label class="zoom" '
            'for="diagram-zoom">full size (scroll inside the frame)</label>\n'
            f'<div class="diagram">{content.svg}</div>')


def _label(label: str, strength: float | None = None) -> str:
    text = escape(label) + ("" if strength is None else f" {strength:.2f}")
    return f'<span class="label label-{escape(label)}">{text}</span>'


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _table(headers: list[str], rows: list[list[str]], numeric: tuple[int, ...] = ()) -> str:
    """A table from cells that are already HTML."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def _forecasts(content: ReportContent) -> str:
    card, nodes = content.scorecard, forecast_nodes(content.amap)
    out = ['<h2 id="forecasts">Forecasts and scores</h2>']
    if not card.forecasts:
        return out[0] + '\n<p class="note">The map has no forecasts.</p>'
    rows = []
    for r in card.forecasts:
        node = nodes[r.id]
        detail = ""
        if node.resolution is not None:
            links = ", ".join(_link(s.title, s.url) for s in node.resolution.sources)
            note = escape(node.resolution.note) if node.resolution.note else ""
            detail = "<br>".join(x for x in (note, f"Sources: {links}" if links else "") if x)
        rows.append([f"{escape(r.text)}<br><code>{escape(r.id)}</code>",
                     escape(r.words) if r.words else "–", escape(probability_text(r)),
                     escape(node.horizon.stated or "") if node.horizon and node.horizon.stated else "–",
                     escape(r.criteria) if r.criteria else "–",
                     escape(r.outcome or "unresolved") + (f"<br><span class='note'>{detail}</span>" if detail else ""),
                     _num(r.brier), escape(r.status)])
    out.append(_table(["Forecast", "Author's words", "p", "Horizon", "Criteria", "Outcome", "Brier", "Status"], rows,
                      (6,)))
    out.append("".join(f'<p class="note">{escape(line)}</p>' for line in summary_lines(card)))
    out.append(_calibration(card))
    return "\n".join(out)


def _link(title: str, url: str | None) -> str:
    if not url:
        return escape(title)
    return f'<a href="{escape(url, quote=True)}" rel="noreferrer noopener">{escape(title)}</a>'


def _calibration(card: Scorecard) -> str:
    if card.calibration is None:
        if card.scored:
            scored = plural(len(card.scored), "scored forecast")
            return (f'<p class="note">No calibration table: {scored}, fewer than '
                    f"{card.calibration_min}.</p>")
        return ""
    rows = [[f"{b.low:.1f}–{b.high:.1f}", str(b.count), _num(b.mean_probability, 2), _num(b.observed, 2)]
            for b in card.calibration]
    return "<h3>Calibration</h3>\n" + _table(["Probability bin", "Forecasts", "Mean p", "Observed"], rows, (1, 2, 3))


def _acceptance(content: ReportContent) -> str:
    ev = content.baseline
    rows = [[f"{escape(node.text)}<br><code>{escape(node.id)}</code>", escape(node.kind),
             _label(ev.labels[node.id]), _num(ev.strength[node.id], 2), _num(ev.base[node.id], 2),
             escape(content.probability_cell(node.id))]
            for node in content.amap.nodes
            if node.kind in ("claim", "forecast") and content.amap.by_id.get(node.id) is node]
    intro = ('<p class="note">Claims and forecasts under the map\'s own reasoning: the label, the argument '
             f"strength ({escape(ev.settings.semantics)}) next to the base score it starts from, and, apart, the "
             "probability: the author's figure, or what follows through conditions.</p>")
    if not rows:
        return '<h2 id="acceptance">Acceptance</h2>\n<p class="note">The map has no claims or forecasts.</p>'
    parts = ['<h2 id="acceptance">Acceptance</h2>', intro,
             _table(["Node", "Kind", "Label", "Strength", "Base", "Probability"], rows, (3, 4))]
    if content.author_alone is not None:
        differ = content.authorship_rows()
        parts.append("<h3>The author's argument alone</h3>")
        parts.append(_table(["Node", "Kind", "With the analyst's additions", "Author alone"],
                            [[f"<code>{escape(a)}</code>", escape(b), escape(c), escape(d)] for a, b, c, d in differ])
                     if differ else '<p class="note">The analyst\'s additions change nothing.</p>')
    return "\n".join(parts)


def _weak(content: ReportContent) -> str:
    out = ['<h2 id="weak-points">Weak points</h2>']
    if not content.weak:
        return out[0] + '\n<p class="note">None found.</p>'
    rows = [[f"<code>{escape(p.node)}</code>", escape(p.kind), f"<code>{escape(p.rule)}</code>",
             escape(p.message)] for p in content.weak]
    out.append(_table(["Node", "Kind", "Rule", "What to do"], rows))
    used = [rule for rule in WEAK_RULES if any(p.rule == rule for p in content.weak)]
    out.append('<p class="note">' + "; ".join(f"<code>{escape(r)}</code>: {escape(WEAK_RULES[r])}" for r in used)
               + ".</p>")
    return "\n".join(out)


def _scenarios(content: ReportContent) -> str:
    out = ['<h2 id="scenarios">Scenarios</h2>']
    if not content.scenarios:
        return out[0] + '\n<p class="note">The map has no scenarios.</p>'
    for outcome in content.scenarios:
        out.append(_scenario(outcome))
    return "\n".join(out)


def _scenario(outcome: ScenarioOutcome) -> str:
    s = outcome.scenario
    out = [f'<h3 id="scenario-{escape(s.id)}">{escape(s.title)} <code>{escape(s.id)}</code></h3>']
    if s.description:
        out.append(f"<p>{escape(s.description)}</p>")
    held = [f"<code>{escape(k)}</code> held {'true' if v else 'false'}" for k, v in s.assume.items()]
    held += [f"<code>{escape(k)}</code> at p = {v:g}" for k, v in s.probabilities.items()]
    if held:
        out.append(f'<p class="note">Assumes: {", ".join(held)}.</p>')
    changed = outcome.changed()
    if not changed:
        out.append('<p class="note">Nothing changes against the baseline.</p>')
        return "\n".join(out)
    rows = [[f"<code>{escape(r.node)}</code>", escape(r.kind), _label(r.base_label, r.base_strength),
             _label(r.label, r.strength), escape(r.change_text(outcome.threshold))] for r in changed]
    out.append(_table(["Node", "Kind", "Baseline", "Scenario", "Change"], rows))
    out.append(f'<p class="note">Claims and forecasts gaining support: {len(outcome.gained())}; losing: '
               f"{len(outcome.lost())}.</p>")
    return "\n".join(out)


def _sensitivity(content: ReportContent) -> str:
    out = ['<h2 id="sensitivity">Evidence and assumption sensitivity</h2>']
    if not content.sensitivity:
        return out[0] + '\n<p class="note">The map has no evidence.</p>'
    out.append('<p class="note">Each piece of evidence and each assumption rejected in turn: impact is the sum of '
               "the changes of probability and strength over the claims and forecasts. The first rows are what the "
               "map leans on most.</p>")
    rows = [[str(i + 1), f"{escape(r.text)}<br><code>{escape(r.node)}</code>", _num(r.impact),
             _num(r.probability_change), _num(r.strength_change),
             ", ".join(f"<code>{escape(n)}</code>" for n in r.labels_changed) or "–"]
            for i, r in enumerate(content.sensitivity)]
    out.append(_table(["Rank", "Rejected", "Impact", "Σ|Δp|", "Σ|Δstrength|", "Conclusions changing label"], rows,
                      (0, 2, 3, 4)))
    return "\n".join(out)
