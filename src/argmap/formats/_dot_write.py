"""The DOT writer: the diagram's Graphviz source, before layout."""

from __future__ import annotations

from typing import Any

from argmap.io.document import MapDocument
from argmap.render.diagram import diagram_dot


def write_dot(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """Graphviz DOT source of the diagram the options (`argmap.render.options`) ask for."""
    return diagram_dot(doc, options)[0].encode("utf-8")
