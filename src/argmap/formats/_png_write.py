"""The PNG writer: the diagram drawn by Graphviz as an image."""

from __future__ import annotations

from typing import Any

from argmap.io.document import MapDocument
from argmap.render.diagram import draw


def write_png(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """PNG, 96 dpi unless the `dpi` option says otherwise."""
    return draw(doc, options, "png", capture_stderr=capture_stderr)
