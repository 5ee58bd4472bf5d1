"""A new map for a text (`argmap new`): the source declared with its metadata, the schema line for editors, no
nodes yet. Built as data, validated by the model, then written as YAML in the canonical layout."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.errors import ArgmapError
from argmap.formats.interop import slug
from argmap.layout.yaml_emit import YamlStyle, emit_field
from argmap.model import ArgMap

SCHEMA_NAME = "argmap.schema.json"
#: The metadata `argmap new` asks for, in order, with the prompt of each.
FIELDS = {"title": "Title", "author": "Author", "publisher": "Publisher", "date": "Date (YYYY-MM-DD)", "url": "URL"}


@dataclass
class Metadata:
    """What is known of the source text."""

    title: str
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


def parse_date(text: str) -> str:
    """A date written YYYY-MM-DD, checked; ArgmapError (one line) otherwise."""
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ArgmapError(f"'{text}' is not a date: write it YYYY-MM-DD, e.g. 2014-06-11") from None


def parse_url(text: str) -> str:
    """A web address, checked; ArgmapError (one line) otherwise."""
    value = text.strip()
    if not re.match(r"https?://[^\s<>\"']+$", value, re.IGNORECASE):
        raise ArgmapError(f"'{text}' is not a web address: write it http://... or https://...")
    return value


def first_line_title(text: str, limit: int = 100) -> str:
    """A title from the text's first non-blank line (clipped at a word), for when none is given."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) > limit:
        line = line[:limit].rsplit(" ", 1)[0] + "…"
    return line or "Untitled"


def schema_reference(folder: Path) -> tuple[str, bool]:
    """The `$schema` path for a map in `folder`: the nearest `docs/argmap.schema.json` or `argmap.schema.json` in
    it or a folder above, relative to it; else `argmap.schema.json` beside the map (False: not there yet)."""
    for place in [folder, *folder.parents]:
        for candidate in (place / "docs" / SCHEMA_NAME, place / SCHEMA_NAME):
            if candidate.is_file():
                return Path(os.path.relpath(candidate, folder)).as_posix(), True
    return SCHEMA_NAME, False


def map_data(meta: Metadata, source_path: str, source_id: str) -> dict[str, Any]:
    """The new map as data (validated by the model; ArgmapError naming the bad field)."""
    source: dict[str, Any] = {"id": source_id, "title": meta.title}
    for key in ("author", "publisher", "date", "url"):
        value = getattr(meta, key)
        if value:
            source[key] = value
    source["path"] = source_path
    data = {"argmap": 1, "title": meta.title, "sources": [source]}
    try:
        ArgMap.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"] if not isinstance(part, int))
        raise ArgmapError(f"{where}: {first['msg']}") from None
    return data


def map_text(data: dict[str, Any], schema: str) -> str:
    """The YAML text of a new map: schema line, fields, and a pointer to what comes next."""
    style = YamlStyle()
    parts = [f"# yaml-language-server: $schema={schema}\n"]
    parts += [emit_field(key, value, style, 0) for key, value in data.items()]
    parts.append("# Nodes come next: `n` in the explorer (`argmap MAP`) quotes the passage you select, or\n"
                 "# `argmap edit MAP --add-node ID KIND TEXT`; `argmap coverage MAP` lists the sentences left.\n")
    return "".join(parts)


def source_id_for(name: str) -> str:
    """The source's id, from its file name."""
    return slug(Path(name).stem, "source")
