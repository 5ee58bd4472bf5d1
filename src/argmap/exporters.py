"""The export registry: one entry per output format, each a plug-in loaded only when used.

An exporter takes a loaded document and options and returns bytes. `argmap export` picks one by the output
suffix or `--to`; the TUI's export command uses the same table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.io.document import MapDocument

ExportFn = Callable[[MapDocument, dict[str, Any]], bytes]


@dataclass(frozen=True)
class Format:
    """An output format: its name, file suffixes, where its exporter lives and whether it is binary."""

    name: str
    suffixes: tuple[str, ...]
    target: str
    binary: bool = False
    description: str = ""
    options: tuple[str, ...] = field(default=())

    def load(self) -> ExportFn:
        module, _, attr = self.target.partition(":")
        fn: ExportFn = getattr(importlib.import_module(module), attr)
        return fn


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Add a format to the registry (later registrations replace earlier ones of the same name)."""
    FORMATS[fmt.name] = fmt


register(Format("json", (".json",), "argmap.io.export_formats:export_json", description="canonical JSON"))
register(Format("yaml", (".yaml", ".yml"), "argmap.io.export_formats:export_yaml",
                description="canonical YAML (the layout of `argmap fmt`)"))
register(Format("dot", (".dot", ".gv"), "argmap.render.export:export_dot", description="diagram, Graphviz DOT source"))
register(Format("svg", (".svg",), "argmap.render.export:export_svg", description="diagram, SVG with tooltips"))
register(Format("png", (".png",), "argmap.render.export:export_png", binary=True, description="diagram, PNG image"))
register(Format("pdf", (".pdf",), "argmap.render.export:export_pdf", binary=True, description="diagram, PDF"))


def format_for(output: str | None, to: str | None) -> Format:
    """The format named by `--to`, else the one the output file's suffix implies."""
    if to:
        try:
            return FORMATS[to.lower()]
        except KeyError:
            raise ArgmapError(f"unknown format '{to}' (known: {', '.join(sorted(FORMATS))})") from None
    if not output or output == "-":
        raise ArgmapError("writing to standard output needs --to FORMAT (json, yaml, ...)")
    suffix = Path(output).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    raise ArgmapError(f"cannot tell the format of '{output}' from its suffix; use --to "
                      f"({', '.join(sorted(FORMATS))})")


def export(doc: MapDocument, fmt: Format, options: dict[str, Any] | None = None) -> bytes:
    """Run one exporter."""
    return fmt.load()(doc, options or {})
