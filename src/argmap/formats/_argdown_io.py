"""The Argdown entries of the format registry: Argdown text and Argdown's JSON export in, Argdown text out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats._argdown_json_read import parse_argdown_json
from argmap.formats._argdown_parse import parse_argdown
from argmap.formats._argdown_read import argdown_to_map
from argmap.formats._argdown_write import map_to_argdown
from argmap.formats.interop import Exported, Imported, Losses
from argmap.io.document import MapDocument


def _read(path: Path, text: str | None) -> str:
    if text is not None:
        return text
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArgmapError(f"{path}: error: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ArgmapError(f"{path}: error: cannot read it ({exc.strerror})") from None


def import_argdown(path: Path, *, text: str | None = None) -> Imported:
    """An Argdown file as an argmap map, with what it could not carry."""
    losses = Losses()
    data = argdown_to_map(parse_argdown(_read(path, text), str(path)), losses)
    for source in data.get("sources", []):  # a source path is relative to the Argdown file, as argmap wrote it
        if isinstance(source, dict) and isinstance(source.get("path"), str):
            local = path.parent / source["path"]
            if not Path(source["path"]).is_absolute() and local.is_file():
                source["path"] = str(local.resolve())
    return Imported(data, losses.report(), format="argdown")


def import_argdown_json(path: Path, *, text: str | None = None) -> Imported:
    """Argdown's JSON export as an argmap map, as the Argdown text it was made from would import."""
    losses = Losses()
    data = argdown_to_map(parse_argdown_json(_read(path, text), str(path)), losses)
    return Imported(data, losses.report(), format="argdown-json")


def export_argdown(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> Exported:
    """A loaded map as Argdown text, with what Argdown's own relations cannot carry."""
    losses = Losses()
    text = map_to_argdown(doc, losses, options)
    return Exported(text.encode("utf-8"), losses.report())


def write_argdown(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """The bytes of `export_argdown`, for the registry's plain writers."""
    return export_argdown(doc, options).data
