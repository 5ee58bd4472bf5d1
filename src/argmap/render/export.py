"""The diagram exporters of `argmap export` and the explorer: dot, svg, png and pdf.

Each takes a loaded document and the options of `argmap.render.options` and returns bytes. `diagram_dot` is the
shared first half: options checked, view selected, colouring resolved, DOT built.
"""

from __future__ import annotations

from typing import Any

from argmap.io.document import MapDocument
from argmap.io.export_formats import require_valid
from argmap.render.colouring import resolve_colouring
from argmap.render.dot import build_dot
from argmap.render.engine import render
from argmap.render.options import DiagramOptions, parse_options
from argmap.render.view import select_view


def diagram_dot(doc: MapDocument, options: dict[str, Any] | DiagramOptions | None) -> tuple[str, DiagramOptions]:
    """The DOT source of the diagram the options ask for, and the checked options."""
    require_valid(doc)
    assert doc.map is not None
    opts = options if isinstance(options, DiagramOptions) else parse_options(options)
    amap = doc.map
    view = select_view(amap, focus=opts.focus, depth=opts.depth, kind=opts.kind, tag=opts.tag, actor=opts.actor,
                       theme=opts.theme)
    colouring = resolve_colouring(amap, opts.color_by)
    legend = (colouring.title, colouring.entries) if colouring.entries else None
    return build_dot(amap, view.nodes, view.relations, opts, colouring.overrides, legend), opts


def _drawn(doc: MapDocument, options: dict[str, Any], fmt: str) -> bytes:
    dot, opts = diagram_dot(doc, options)
    return render(dot, fmt, opts.engine, system=opts.system_graphviz, dpi=opts.dpi)


def export_dot(doc: MapDocument, options: dict[str, Any]) -> bytes:
    """Graphviz DOT source, before layout."""
    return diagram_dot(doc, options)[0].encode("utf-8")


def export_svg(doc: MapDocument, options: dict[str, Any]) -> bytes:
    """SVG: scalable, with tooltips (id, quotes, notes) on every node and relation."""
    return _drawn(doc, options, "svg")


def export_png(doc: MapDocument, options: dict[str, Any]) -> bytes:
    """PNG, 96 dpi unless the `dpi` option says otherwise."""
    return _drawn(doc, options, "png")


def export_pdf(doc: MapDocument, options: dict[str, Any]) -> bytes:
    """PDF, one page the size of the diagram."""
    return _drawn(doc, options, "pdf")
