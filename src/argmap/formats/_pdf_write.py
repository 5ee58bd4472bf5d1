"""The PDF writer: the diagram drawn by Graphviz on one page."""

from __future__ import annotations

from typing import Any

from argmap.io.document import MapDocument
from argmap.render.diagram import draw


def write_pdf(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """PDF, one page the size of the diagram."""
    return draw(doc, options, "pdf", capture_stderr=capture_stderr)
