"""The YAML reader: a map file read as YAML, with positioned diagnostics."""

from __future__ import annotations

from pathlib import Path

from argmap.io.document import MapDocument, load


def read_yaml(path: Path, *, text: str | None = None) -> MapDocument:
    """The map in a YAML file (or `text` standing for it); bad files give diagnostics, as `argmap.io.load`."""
    return load(path, text=text, fmt="yaml")
