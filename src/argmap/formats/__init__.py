"""Every way a map enters or leaves argmap: one registry entry per format, with its reader and its writer.

A writer takes a loaded document and options and returns bytes; a reader takes a file (or text standing for it)
and returns the loaded document. `argmap export` picks a writer by the output suffix or `--to`; the explorer's
export and `argmap report` use the same table. Each format and direction lives in its own private module
(`_json_read`, `_svg_write`, ...), imported here statically; a new format adds its modules and one `register`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from argmap.errors import ArgmapError
from argmap.formats._dot_write import write_dot
from argmap.formats._json_read import read_json
from argmap.formats._json_write import write_json
from argmap.formats._pdf_write import write_pdf
from argmap.formats._png_write import write_png
from argmap.formats._svg_write import write_svg
from argmap.formats._yaml_read import read_yaml
from argmap.formats._yaml_write import write_yaml
from argmap.io.document import MapDocument

__all__ = [
    "FORMATS", "Format", "Reader", "Writer", "export", "format_for", "read_json", "read_yaml", "register",
    "write_dot", "write_json", "write_pdf", "write_png", "write_svg", "write_yaml",
]


class Writer(Protocol):
    """Writes a loaded document in one format. `capture_stderr` says whether a writer that runs an external
    library (Graphviz) may redirect the process's standard error stream to quote its messages: not while a
    terminal interface draws on it."""

    def __call__(self, doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes: ...


class Reader(Protocol):
    """Reads a map file of one format (or `text` standing for its content) into a document with diagnostics."""

    def __call__(self, path: Path, *, text: str | None = None) -> MapDocument: ...


@dataclass(frozen=True)
class Format:
    """A format: its name, file suffixes, how argmap writes and reads it (None: it does not), whether its output
    is binary, a one-line description for `argmap export --list`, and the options it takes."""

    name: str
    suffixes: tuple[str, ...]
    write: Writer | None = None
    read: Reader | None = None
    binary: bool = False
    description: str = ""
    options: tuple[str, ...] = field(default=())


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Add a format to the registry (later registrations replace earlier ones of the same name)."""
    FORMATS[fmt.name] = fmt


register(Format("json", (".json",), write_json, read_json, description="canonical JSON"))
register(Format("yaml", (".yaml", ".yml"), write_yaml, read_yaml,
                description="canonical YAML (the layout of `argmap fmt`)"))
register(Format("dot", (".dot", ".gv"), write_dot, description="diagram, Graphviz DOT source"))
register(Format("svg", (".svg",), write_svg, description="diagram, SVG with tooltips"))
register(Format("png", (".png",), write_png, binary=True, description="diagram, PNG image"))
register(Format("pdf", (".pdf",), write_pdf, binary=True, description="diagram, PDF"))


def format_for(output: str | None, to: str | None) -> Format:
    """The format named by `--to`, else the one the output file's suffix implies; standard output (`-`) without
    `--to` gets the canonical JSON."""
    if to:
        try:
            return FORMATS[to.lower()]
        except KeyError:
            raise ArgmapError(f"unknown format '{to}' (known: {', '.join(sorted(FORMATS))})") from None
    if output == "-":
        return FORMATS["json"]
    if not output:
        raise ArgmapError("give an output file, or --to FORMAT (json, yaml, ...)")
    suffix = Path(output).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    raise ArgmapError(f"cannot tell the format of '{output}' from its suffix; use --to "
                      f"({', '.join(sorted(FORMATS))})")


def export(doc: MapDocument, fmt: Format, options: dict[str, Any] | None = None, *,
           capture_stderr: bool = True) -> bytes:
    """Write `doc` in `fmt` (`ArgmapError` for a format argmap only reads)."""
    if fmt.write is None:
        raise ArgmapError(f"argmap reads {fmt.name} but does not write it")
    return fmt.write(doc, options or {}, capture_stderr=capture_stderr)
