"""The SVG writer: the diagram drawn by Graphviz, scalable, with tooltips."""

from __future__ import annotations

from typing import Any

from argmap.io.document import MapDocument
from argmap.render.diagram import draw


def write_svg(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """SVG: scalable, with tooltips (id, quotes, notes) on every node and relation."""
    return draw(doc, options, "svg", capture_stderr=capture_stderr)
