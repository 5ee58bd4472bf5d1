"""The json and yaml exporters."""

from __future__ import annotations

from typing import Any

from argmap.io.canonical import dump_json, dump_yaml
from argmap.io.document import MapDocument


def require_valid(doc: MapDocument) -> None:
    """Refuse to export a map whose file does not fully load: the output would silently lose its bad parts."""
    doc.require_full_map("export")


def export_json(doc: MapDocument, options: dict[str, Any]) -> bytes:
    """Canonical JSON."""
    require_valid(doc)
    assert doc.map is not None
    return dump_json(doc.map).encode()


def export_yaml(doc: MapDocument, options: dict[str, Any]) -> bytes:
    """Canonical YAML."""
    require_valid(doc)
    assert doc.map is not None
    return dump_yaml(doc.map).encode()
