"""A map's diagram from a loaded document: the DOT source the options ask for, and that source drawn by Graphviz.

`diagram_dot` is shared by every diagram format: options checked, view selected, colouring resolved, DOT built.
`draw` lays it out and draws it as svg, png or pdf. The writers of `argmap.formats` call them.
"""

from __future__ import annotations

from typing import Any

from argmap.io.document import MapDocument
from argmap.render.colouring import resolve_colouring
from argmap.render.dot import build_dot
from argmap.render.engine import render
from argmap.render.options import DiagramOptions, parse_options
from argmap.render.view import select_view


def diagram_dot(doc: MapDocument, options: dict[str, Any] | DiagramOptions | None) -> tuple[str, DiagramOptions]:
    """The DOT source of the diagram the options ask for, and the checked options. A map whose file does not
    fully load is refused (`ArgmapError`): the diagram would silently lose its bad parts."""
    amap = doc.require_full_map("export")
    opts = options if isinstance(options, DiagramOptions) else parse_options(options)
    view = select_view(amap, focus=opts.focus, depth=opts.depth, kind=opts.kind, tag=opts.tag, actor=opts.actor,
                       theme=opts.theme)
    colouring = resolve_colouring(amap, opts.color_by)
    legend = (colouring.title, colouring.entries) if colouring.entries else None
    return build_dot(amap, view.nodes, view.relations, opts, colouring.overrides, legend), opts


def draw(doc: MapDocument, options: dict[str, Any] | DiagramOptions | None, fmt: str, *,
         capture_stderr: bool = True) -> bytes:
    """The diagram drawn as `fmt` (svg, png or pdf); `capture_stderr` as in `argmap.render.engine.render`."""
    dot, opts = diagram_dot(doc, options)
    return render(dot, fmt, opts.engine, system=opts.system_graphviz, dpi=opts.dpi, capture_stderr=capture_stderr)
