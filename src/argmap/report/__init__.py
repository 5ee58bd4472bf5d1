"""Reports: a map's summary, diagram, forecast scores, weak points and scenarios in one document.

`write_report(doc, path, fmt)` is what `argmap report` and the terminal explorer call; `collect` gathers the content
once, `render_html` and `render_markdown` write it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.io.atomic import write_output
from argmap.io.document import MapDocument
from argmap.report.content import ReportContent, collect, diagram_svg
from argmap.report.html import render_html
from argmap.report.markdown import render_markdown

REPORT_FORMATS: dict[str, tuple[str, ...]] = {"html": (".html", ".htm"), "markdown": (".md", ".markdown")}

__all__ = ["REPORT_FORMATS", "ReportContent", "collect", "diagram_svg", "format_for", "render_html",
           "render_markdown", "write_report"]


def format_for(output: str, fmt: str | None) -> str:
    """`html` or `markdown`: as asked, else from the output's suffix."""
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower()
    for name, suffixes in REPORT_FORMATS.items():
        if suffix in suffixes:
            return name
    raise ArgmapError(f"cannot tell the report format of '{output}' from its suffix; use .html or .md, or --format")


def write_report(doc: MapDocument, output: Path | None, fmt: str, *, diagram: bool = True,
                 options: dict[str, Any] | None = None) -> tuple[bytes, list[Path]]:
    """Build the report; write it to `output` (None: only return it). Returns the bytes and the files written
    (a Markdown report gets its diagram as a sibling `.svg` file)."""
    options = options or {}
    content = collect(doc, partly=options.get("partly", "half"), unclear=options.get("unclear", "exclude"),
                      diagram=diagram, diagram_options=options.get("diagram_options"))
    written: list[Path] = []
    if fmt == "html":
        data = render_html(content).encode("utf-8")
    else:
        link = None
        if content.svg is not None and output is not None:
            svg_path = output.with_suffix(".svg")
            write_output(svg_path, content.svg.encode("utf-8"))
            written.append(svg_path)
            link = svg_path.name
        data = render_markdown(content, link).encode("utf-8")
    if output is not None:
        write_output(output, data)
        written.insert(0, output)
    return data, written
