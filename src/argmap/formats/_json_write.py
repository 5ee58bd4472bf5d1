"""The JSON writer: the map in canonical JSON."""

from __future__ import annotations

from typing import Any

from argmap.io.canonical import dump_json
from argmap.io.document import MapDocument


def write_json(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """Canonical JSON of a map whose file fully loads (`ArgmapError` otherwise); no options."""
    return dump_json(doc.require_full_map("export")).encode()
