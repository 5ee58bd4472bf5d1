"""The YAML writer: the map in canonical YAML, the layout of `argmap fmt`."""

from __future__ import annotations

from typing import Any

from argmap.io.canonical import dump_yaml
from argmap.io.document import MapDocument


def write_yaml(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """Canonical YAML of a map whose file fully loads (`ArgmapError` otherwise); no options."""
    return dump_yaml(doc.require_full_map("export")).encode()
