"""A map's diagram from a loaded document: the DOT source the options ask for, and that source drawn by Graphviz.

`diagram_dot` is shared by every diagram format, `draw` draws it as svg, png or pdf: the overview of a view of
more than `overview_above` nodes (`argmap.render.overview`) unless `full`, else the full view
(`argmap.render.layout`, in parallel for a large view in several components). The writers of `argmap.formats`
call them.
"""

from __future__ import annotations

from typing import Any

from argmap.io.document import MapDocument
from argmap.memory import collector_paused
from argmap.render.engine import render
from argmap.render.layout import Prepared, draw_prepared, packed_dot, prepare, view_dot
from argmap.render.options import DiagramOptions
from argmap.render.overview import overview_dot, parts_of, wants_overview

__all__ = ["Prepared", "diagram_dot", "draw", "packed_dot", "prepare", "view_dot"]


def diagram_dot(doc: MapDocument, options: dict[str, Any] | DiagramOptions | None) -> tuple[str, DiagramOptions]:
    """The DOT source of the diagram the options ask for (the overview of a view above `overview_above` nodes,
    unless `full`), and the checked options."""
    with collector_paused():  # a large map's view, parts and DOT are made in bulk and hold no cycles
        prep = prepare(doc, options)
        if wants_overview(prep):
            return overview_dot(prep, parts_of(prep)), prep.options
        return view_dot(prep), prep.options


def draw(doc: MapDocument, options: dict[str, Any] | DiagramOptions | None, fmt: str, *,
         capture_stderr: bool = True) -> bytes:
    """The diagram drawn as `fmt` (svg, png or pdf): the overview of a view above `overview_above` nodes unless
    `full`; `capture_stderr` as in `argmap.render.engine.render`."""
    with collector_paused():  # as above; a full collection would walk every object of the map, for nothing
        prep = prepare(doc, options)
        if wants_overview(prep):
            return render(overview_dot(prep, parts_of(prep)), fmt, "dot", system=prep.options.system_graphviz,
                          dpi=prep.options.dpi, capture_stderr=capture_stderr)
        return draw_prepared(prep, fmt, capture_stderr=capture_stderr)
