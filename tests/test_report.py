"""Reports: content (every forecast, scores, weak points, scenarios), safety of the HTML (no script, nothing loaded
from the network, map text escaped), the diagram inlined from the svg exporter, Markdown, and `argmap report`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap import formats as exporters
from argmap.cli import main
from argmap.io import load
from argmap.io.document import MapDocument
from argmap.report import collect, render_html, render_markdown, write_report
from support import REPO

MOSUL = REPO / "maps" / "mosul-2014.yaml"

REPORTED = """\
nodes:
  - {id: left, kind: evidence, text: The army left., quotes: [The army left the city.]}
  - {id: hostile, kind: evidence, text: "Residents <b>hostile</b> & angry", quotes: [Residents were hostile]}
  - id: flight-means
    kind: inference
    text: Flight shows lack of will.
    warrant: Units that flee en masse see nothing worth defending.
  - {id: not-worth, kind: claim, text: "The city was not worth dying for <script>alert(1)</script>"}
  - id: violence
    kind: forecast
    text: Further violence follows.
    words: likely
    signposts: [Attacks rise]
    horizon: {stated: in the coming months}
    resolution:
      outcome: happened
      note: Tikrit fell the next day.
      sources: [{title: "A report | with a pipe", url: "https://example.org/report?a=1&b=2"}]
  - id: maliki-gains
    kind: forecast
    text: Maliki gains from the crisis.
    probability: 0.6
    resolution: {outcome: did-not-happen, sources: [{title: RFE/RL}]}
  - {id: recruits, kind: forecast, text: Freed prisoners join ISIS., words: will, resolution: {outcome: unclear}}
relations:
  - {source: left, target: flight-means, type: supports}
  - {source: hostile, target: flight-means, type: supports}
  - {source: flight-means, target: not-worth, type: supports}
  - {source: not-worth, target: violence, type: supports}
  - {source: not-worth, target: maliki-gains, type: attacks}
  - {source: left, target: recruits, type: supports}
scenarios:
  - id: army-holds
    title: "The army holds <i>firm</i>"
    description: Units stay and fight.
    assume: {left: false}
"""

SVG = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
       '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
       'height="10"><g id="graph0"><title>map</title><text>left</text></g></svg>\n')


@pytest.fixture
def reported(write_map: Callable[..., Path]) -> MapDocument:
    doc = load(write_map(REPORTED))
    assert doc.map is not None and not doc.diagnostics
    return doc


@pytest.fixture
def fake_svg(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """An svg exporter standing in for the renderer, recording the options it was given."""
    seen: dict[str, Any] = {"svg": SVG}

    def export_svg(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
        seen["options"] = options
        return str(seen["svg"]).encode()

    monkeypatch.setitem(exporters.FORMATS, "svg", exporters.Format("svg", (".svg",), export_svg))
    yield seen


def assert_self_contained(page: str) -> None:
    assert not re.search(r"<\s*script", page, re.I)
    assert not re.search(r"<\s*(link|iframe|object|embed|img)\b", page, re.I)
    assert not re.search(r"\bsrc\s*=", page, re.I)
    assert not re.search(r"url\(|@import", page, re.I)
    for match in re.finditer(r"<(\w+)[^>]*\bhref\s*=", page, re.I):
        assert match.group(1).lower() == "a", match.group(0)       # only plain links, nothing loaded
    assert not re.search(r"\bon[a-z]+\s*=", page, re.I)


def test_html_report_holds_every_part(reported: MapDocument, fake_svg: dict[str, Any]) -> None:
    page = render_html(collect(reported))
    for forecast in ("violence", "maliki-gains", "recruits", "Further violence follows.", "in the coming months"):
        assert forecast in page
    assert "0.106" in page and "0.360" in page                       # (0.675-1)^2, (0.6-0)^2
    assert "Mean Brier score" in page and "0.233" in page             # mean of the two
    assert "always-0.5 baseline" in page and "skill" in page
    assert "excluded" in page                                          # the unclear forecast
    assert "weak-unsupported" in page and "weak-single-evidence" in page
    assert "The army holds &lt;i&gt;firm&lt;/i&gt;" in page and "Units stay and fight." in page
    assert "Evidence and assumption sensitivity" in page and "Acceptance" in page
    assert "Tikrit fell the next day." in page
    assert '<a href="https://example.org/report?a=1&amp;b=2" rel="noreferrer noopener">' in page
    assert page.count("<svg") == 1 and "<?xml" not in page and "<!DOCTYPE svg" not in page


def test_html_report_escapes_map_text_and_loads_nothing(reported: MapDocument, fake_svg: dict[str, Any]) -> None:
    page = render_html(collect(reported))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Residents &lt;b&gt;hostile&lt;/b&gt; &amp; angry" in page
    assert_self_contained(page)


def test_unsafe_svg_is_not_inlined(reported: MapDocument, fake_svg: dict[str, Any]) -> None:
    fake_svg["svg"] = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    content = collect(reported)
    assert content.svg is None and "not a clean, self-contained SVG" in (content.diagram_note or "")
    fake_svg["svg"] = '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/x.png"/></svg>'
    assert collect(reported).svg is None
    assert_self_contained(render_html(collect(reported)))


def test_report_without_svg_exporter_says_so(reported: MapDocument, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(exporters.FORMATS, "svg", raising=False)
    page = render_html(collect(reported))
    assert "no svg exporter" in page and "<svg" not in page
    assert "left out" in render_html(collect(reported, diagram=False))


def test_diagram_options_reach_the_exporter(reported: MapDocument, fake_svg: dict[str, Any]) -> None:
    collect(reported, diagram_options={"color_by": "acceptance"})
    assert fake_svg["options"] == {"color_by": "acceptance"}


def test_scoring_rules_reach_the_report(reported: MapDocument, fake_svg: dict[str, Any]) -> None:
    page = render_html(collect(reported, unclear="half"))
    assert "unclear as 0.5" in page and "0.141" in page                # (0.875-0.5)^2 for the unclear one


def test_markdown_report(reported: MapDocument, fake_svg: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    data, written = write_report(reported, out, "markdown")
    text = data.decode()
    assert written == [out, tmp_path / "report.svg"] and (tmp_path / "report.svg").read_text().startswith("<svg")
    assert "![Diagram of the map](report.svg)" in text and "<svg" not in text
    for needle in ("`violence`", "`maliki-gains`", "`recruits`", "0.106", "0.360", "weak-unsupported",
                   "`army-holds`", "## Evidence and assumption sensitivity"):
        assert needle in text
    assert r"\<script\>alert(1)\</script\>" in text                      # inert in Markdown
    assert r"[A report \| with a pipe](<https://example.org/report?a=1&b=2>)" in text
    assert "<b>" not in text and "<i>" not in text
    header = next(line for line in text.splitlines() if line.startswith("| Forecast"))
    row = next(line for line in text.splitlines() if "`violence`" in line and line.startswith("| Further"))
    assert header.count(" | ") == row.replace(r"\|", "").count(" | ")   # escaped pipes keep the columns


def test_markdown_without_diagram_names_why(reported: MapDocument, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(exporters.FORMATS, "svg", raising=False)
    text = render_markdown(collect(reported))
    assert "no svg exporter" in text


def test_report_command(reported: MapDocument, fake_svg: dict[str, Any], tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    path = str(reported.path)
    out = tmp_path / "r.html"
    assert main(["report", path, "-o", str(out), "--color-by", "acceptance"]) == 0
    assert "wrote" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "maliki-gains" in page
    assert fake_svg["options"] == {"color_by": "acceptance"}
    assert main(["report", path, "-o", "-", "--format", "markdown", "--no-diagram"]) == 0
    assert capsys.readouterr().out.startswith("# Test map")
    assert main(["report", path, "-o", "-"]) == 2
    assert "needs --format" in capsys.readouterr().err
    assert main(["report", path, "-o", str(tmp_path / "r.docx")]) == 2
    assert "cannot tell the report format" in capsys.readouterr().err


def test_report_refuses_a_broken_map(write_map: Callable[..., Path], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_map("nodes:\n  - {id: a, kind: claim}\n", name="bad.yaml")
    assert main(["report", str(bad), "-o", str(tmp_path / "r.html")]) == 1
    assert "fix them first" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_mosul_report_inlines_the_rendered_diagram(tmp_path: Path) -> None:
    doc = load(MOSUL)
    data, _ = write_report(doc, tmp_path / "mosul.html", "html")
    page = data.decode()
    assert page.count("<svg") >= 1
    assert_self_contained(page)
    assert doc.map is not None
    for node in doc.map.nodes:
        if node.kind == "forecast":
            assert node.id in page


def test_rendered_diagram_is_inlined_and_stays_self_contained(reported: MapDocument) -> None:
    content = collect(reported, diagram_options={"color_by": "acceptance"})
    assert content.svg is not None, content.diagram_note
    assert content.svg.startswith("<svg") and content.svg.rstrip().endswith("</svg>")
    page = render_html(content)
    assert page.count("<svg") == 1 and "<!DOCTYPE svg" not in page and "<?xml" not in page
    assert "node&#45;flight&#45;means" in page            # the renderer's node ids (Graphviz escapes hyphens)
    assert_self_contained(page)


def test_report_sets_the_author_s_argument_against_the_analyst_s_additions() -> None:
    doc = load(REPO / "maps" / "mosul-2014.yaml")
    content = collect(doc, diagram=False)
    assert content.author_alone is not None
    differ = {row[0] for row in content.authorship_rows()}
    assert "baghdad-relies-on-russia-iran" in differ               # the analyst's link from Baghdad's desperation
    text = render_markdown(content)
    assert "### The author's argument alone" in text and "baghdad-relies-on-russia-iran" in text
    assert "0.000–1.000 (bounds)" in text                          # the conditional fear forecast, apart
    html = render_html(content)
    assert "Author alone" in html and "across the partly rules" in html
