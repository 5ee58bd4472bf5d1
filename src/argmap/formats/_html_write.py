"""The HTML writer: one self-contained interactive page (diagram, pan and zoom, search, node details)."""

from __future__ import annotations

from typing import Any

from argmap.io.document import MapDocument
from argmap.memory import collector_paused
from argmap.render.html import page
from argmap.render.layout import prepare


def write_html(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """HTML: the diagram (the overview of a large map, its parts opening in place) with search and details."""
    with collector_paused():  # a large map's view and page are made in bulk and hold no cycles
        return page(prepare(doc, options), capture_stderr=capture_stderr).encode("utf-8")
