"""Every way a map enters or leaves argmap: one registry entry per format, with its reader and its writer.

A writer takes a loaded document and options and returns bytes; a reader takes a file (or text standing for it)
and returns the loaded document. `argmap export` picks a writer by the output suffix or `--to`; the explorer's
export and `argmap report` use the same table. Each format and direction lives in its own private module
(`_json_read`, `_svg_write`, ...), imported here statically; a new format adds its modules and one `register`.

Other tools' formats (AIF, SADFace, GraphML, the microtexts, Argdown) register an `importer` and an `exporter`
instead (see `argmap.formats.interop`): both report what the format cannot carry, counted per kind of loss.
`argmap import` picks an importer with `importer_for` (`--from`, else the suffix, else a look at the content when
several importers share a suffix) and calls `import_file`; `argmap export` calls `export_with_losses`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from argmap.errors import ArgmapError
from argmap.formats._aif_read import read_aif, sniff_aif
from argmap.formats._aif_write import write_aif
from argmap.formats._argdown_io import export_argdown, import_argdown, import_argdown_json, write_argdown
from argmap.formats._argdown_json_read import looks_like_argdown_json
from argmap.formats._dot_write import write_dot
from argmap.formats._graphml_read import read_graphml, sniff_graphml
from argmap.formats._graphml_write import write_graphml
from argmap.formats._html_write import write_html
from argmap.formats._json_read import read_json
from argmap.formats._json_write import write_json
from argmap.formats._microtexts_read import read_microtext, sniff_microtext
from argmap.formats._pdf_write import write_pdf
from argmap.formats._png_write import write_png
from argmap.formats._sadface_read import read_sadface, sniff_sadface
from argmap.formats._sadface_write import write_sadface
from argmap.formats._svg_write import write_svg
from argmap.formats._yaml_read import read_yaml
from argmap.formats._yaml_write import write_yaml
from argmap.formats.interop import Exported, Exporter, Imported, Importer, Loss, Losses, Sniffer
from argmap.io.document import MapDocument

__all__ = [
    "FORMATS", "Exported", "Exporter", "Format", "Imported", "Importer", "Loss", "Losses", "Reader", "Sniffer",
    "Writer", "export", "export_with_losses", "format_for", "import_file", "importer_for", "importers",
    "read_json", "read_yaml", "register", "write_dot", "write_json", "write_pdf", "write_png", "write_svg",
    "write_yaml",
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
    is binary, a one-line description for `argmap export --list`, and the options it takes. Another tool's format
    has an `importer` (for `argmap import`), an `exporter` (writing with losses) and a `sniff` telling its files
    from others of the same suffix."""

    name: str
    suffixes: tuple[str, ...]
    write: Writer | None = None
    read: Reader | None = None
    binary: bool = False
    description: str = ""
    options: tuple[str, ...] = field(default=())
    importer: Importer | None = None
    exporter: Exporter | None = None
    sniff: Sniffer | None = None


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
register(Format("html", (".html", ".htm"), write_html, description="diagram, one interactive page (search, details)"))
register(Format("aif", (".aif", ".json"), importer=read_aif, exporter=write_aif, sniff=sniff_aif,
                description="AIF: AIFdb JSON nodesets and OVA3 xAIF"))
register(Format("sadface", (".sadface", ".json"), importer=read_sadface, exporter=write_sadface,
                sniff=sniff_sadface, description="SADFace JSON (both dialects in, the reference one out)"))
register(Format("graphml", (".graphml",), importer=read_graphml, exporter=write_graphml, sniff=sniff_graphml,
                description="GraphML for yEd and Gephi (labels, kinds, Graphviz positions)"))
register(Format("microtexts", (".xml",), importer=read_microtext, sniff=sniff_microtext,
                description="arg-microtexts arggraph XML (the .txt beside it is the source)"))
register(Format("argdown", (".argdown", ".ad"), write_argdown, description="Argdown text",
                importer=import_argdown, exporter=export_argdown))
register(Format("argdown-json", (".json",), description="Argdown's JSON export (import only)",
                importer=import_argdown_json, sniff=looks_like_argdown_json))


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
    return export_with_losses(doc, fmt, options, capture_stderr=capture_stderr).data


def export_with_losses(doc: MapDocument, fmt: Format, options: dict[str, Any] | None = None, *,
                       capture_stderr: bool = True) -> Exported:
    """Write `doc` in `fmt` with what the format could not carry (nothing, for argmap's own formats)."""
    if fmt.exporter is not None:
        doc.require_full_map("export")
        return fmt.exporter(doc, options or {}, capture_stderr=capture_stderr)
    if fmt.write is None:
        raise ArgmapError(f"argmap reads {fmt.name} but does not write it")
    return Exported(fmt.write(doc, options or {}, capture_stderr=capture_stderr))


def importers() -> list[Format]:
    """The formats `argmap import` reads."""
    return [fmt for fmt in FORMATS.values() if fmt.importer is not None]


def importer_for(path: Path, name: str | None = None) -> Format:
    """The format to import `path` as: the one `--from` names, else the first importer of its suffix whose `sniff`
    recognises the file's head (or that has no `sniff`: it alone takes the suffix), else any importer whose
    `sniff` does (`ArgmapError` when none does)."""
    known = importers()
    if name:
        fmt = FORMATS.get(name.lower())
        if fmt is None or fmt.importer is None:
            raise ArgmapError(f"argmap cannot import '{name}' (it imports: {', '.join(f.name for f in known)})")
        return fmt
    suffix = path.suffix.lower()
    candidates = [fmt for fmt in known if suffix in fmt.suffixes]
    if len(candidates) == 1 and candidates[0].sniff is None:
        return candidates[0]
    try:
        with path.open("rb") as stream:
            head = stream.read(16384).decode("utf-8-sig", errors="replace")
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot read: {exc.strerror}") from None
    for fmt in candidates or known:
        if fmt.sniff is not None and fmt.sniff(head):
            return fmt
    raise ArgmapError(f"{path}: cannot tell which format this file is; use --from "
                      f"({', '.join(f.name for f in known)})")


def import_file(path: Path, fmt: Format, *, text: str | None = None) -> Imported:
    """Read another tool's file into argmap data with its losses (`ArgmapError`: bad input, one line)."""
    if fmt.importer is None:
        raise ArgmapError(f"argmap cannot import {fmt.name}")
    imported = fmt.importer(path, text=text)
    imported.format = imported.format or fmt.name
    return imported
