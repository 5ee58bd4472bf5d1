"""Exporting from the explorer: where the file goes, which view options, writing it (Textual-free)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from argmap.analysis.outline import ViewFilter
from argmap.errors import ArgmapError
from argmap.formats import FORMATS, export
from argmap.io.atomic import output_error, write_output
from argmap.io.document import MapDocument

DEFAULT_DEPTH = 2


def export_target(doc: MapDocument, folder: Path | None, focus: str | None, suffix: str = ".svg") -> Path:
    """`<folder>/<map name>[-<focus>].svg`; the folder defaults to the map's own."""
    name = doc.path.stem + (f"-{focus}" if focus else "") + suffix
    return (folder if folder is not None else doc.path.parent) / name


def view_options(focus: str | None, view_filter: ViewFilter, depth: int = DEFAULT_DEPTH) -> dict[str, Any]:
    """The diagram options of the current view, with the same keys as `argmap export` passes."""
    options: dict[str, Any] = {"focus": focus, "depth": depth, "direction": None, "cluster": None,
                               "color_by": None, "legend": True, "engine": None, "system_graphviz": False}
    options.update(view_filter.as_options())
    return options


def write_export(doc: MapDocument, format_name: str, target: Path, options: dict[str, Any]) -> Path:
    """Export `doc` in the named format to `target` (replaced atomically); return the path written."""
    fmt = FORMATS.get(format_name)
    if fmt is None:
        raise ArgmapError(f"no '{format_name}' exporter is installed (known: {', '.join(sorted(FORMATS))})")
    data = export(doc, fmt, options, capture_stderr=False)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(target, exc) from None
    write_output(target, data)
    return target


def shown_path(path: Path, base: Path | None = None) -> str:
    """A path as the user should read it: relative to `base` (else the working folder) when inside it."""
    for start in ([base] if base is not None else []) + [Path.cwd()]:
        try:
            relative = os.path.relpath(path, start)
        except ValueError:
            continue
        if not relative.startswith(".."):
            return relative
    return str(path)
