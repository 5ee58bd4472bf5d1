"""Edits of a map's sources, as the file holds them: add one, set its metadata (title, author, publisher, date,
url, coverage) or its path, change its id (the quotes citing it and `default_source` follow), remove an unquoted
one.

Like `argmap.edit.operations`, each function returns an `Outcome` sharing every unchanged part, or raises
`EditError` (with `loc`, the source's place in the data). A `path` is relative to the map's folder (`base`): a
path that leads to no file there is refused, since the map would lose its source text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from argmap.edit.operations import Outcome, _check_slug, _first_error, _list, _set_path, _short, _valid, with_key
from argmap.errors import EditError, plural, suggest
from argmap.model import TOP_ORDER, Source
from argmap.model.adapters import SOURCE_ADAPTER

SOURCE_ORDER = tuple(Source.model_fields)
SOURCE_FIELDS = tuple(Source.model_fields)


def source_ids(data: dict[str, Any]) -> list[str]:
    """The ids of the sources, in file order."""
    return [s["id"] for s in _list(data, "sources") if isinstance(s, dict) and isinstance(s.get("id"), str)]


def find_source(data: dict[str, Any], source_id: str) -> int:
    """The index of a source, or EditError naming the closest id."""
    for index, item in enumerate(_list(data, "sources")):
        if isinstance(item, dict) and item.get("id") == source_id:
            return index
    ids = source_ids(data)
    if not ids:
        raise EditError(f"no source '{source_id}': the map has no sources yet")
    raise EditError(f"no source '{source_id}'{suggest(source_id, ids)} (sources: {', '.join(ids)})",
                    loc=("sources",))


def check_path(value: Any, base: Path | None, source_id: str) -> None:
    """Refuse a source path that is not text or leads to no file from the map's folder `base`."""
    if not isinstance(value, str) or not value.strip():
        raise EditError(f"source '{source_id}': a path is the file's name, relative to the map's folder")
    if base is not None and not (base / value).is_file():
        raise EditError(f"source '{source_id}': there is no file {value} relative to the map (in {base}); give "
                        "the path from the map's folder, e.g. ../seeds/article.txt")


def _replaced(data: dict[str, Any], index: int, source: dict[str, Any], what: str) -> dict[str, Any]:
    error = _valid(source, SOURCE_ADAPTER)
    if error is not None:
        raise EditError(f"source '{source.get('id')}': {_first_error(error)}", loc=("sources", index, what))
    sources = list(data["sources"])
    sources[index] = source
    return {**data, "sources": sources}


def set_source_field(data: dict[str, Any], source_id: str, path: str | Sequence[str], value: Any, *,
                     base: Path | None = None) -> Outcome:
    """Set a source's field (`title`, `date`, `path`, `coverage.minimum`...; None removes it); `id` renames the
    source everywhere. A path must lead to a file from `base`, the map's folder (not checked when None)."""
    steps = path.split(".") if isinstance(path, str) else list(path)
    if not steps or not all(steps):
        raise EditError(f"bad field '{path}': give FIELD or FIELD.SUBFIELD")
    if steps == ["id"]:
        return rename_source(data, source_id, value)
    index = find_source(data, source_id)
    if steps[0] not in SOURCE_FIELDS:
        raise EditError(f"a source has no field '{steps[0]}'{suggest(steps[0], SOURCE_FIELDS)} (fields: "
                        f"{', '.join(SOURCE_FIELDS)})", loc=("sources", index))
    if steps == ["title"] and value is None:
        raise EditError(f"source '{source_id}': a source needs a title", loc=("sources", index, "title"))
    if steps == ["path"] and value is not None:
        check_path(value, base, source_id)
    old = data["sources"][index]
    try:
        source = _set_path(old, steps, value, Source, source_id)
    except EditError as exc:
        raise EditError(str(exc), loc=("sources", index)) from None
    dotted = ".".join(steps)
    before = old.get(steps[0]) if len(steps) == 1 else None
    summary = (f"removed {dotted} of source '{source_id}'" if value is None
               else f"set {dotted} of source '{source_id}': {_short(before)} -> {_short(value)}")
    return Outcome(_replaced(data, index, source, steps[0]), summary)


def rename_source(data: dict[str, Any], old: str, new: Any) -> Outcome:
    """Change a source's id, and every quote and the `default_source` that name it."""
    index = find_source(data, old)
    new_id = _check_slug(new, "source id")
    if new_id == old:
        raise EditError(f"source '{old}' already has that id", loc=("sources", index, "id"))
    if new_id in source_ids(data):
        raise EditError(f"a source '{new_id}' already exists; choose another id", loc=("sources", index, "id"))
    result = _replaced(data, index, with_key(data["sources"][index], "id", new_id, SOURCE_ORDER), "id")
    nodes = _list(data, "nodes")
    renamed = [_node_quoting(node, old, new_id) for node in nodes]
    count = sum(a is not b for a, b in zip(nodes, renamed, strict=True))
    if count:
        result["nodes"] = renamed
    if data.get("default_source") == old:
        result["default_source"] = new_id
    return Outcome(result, f"renamed source '{old}' to '{new_id}' (quotes of {plural(count, 'node')} updated)")


def _node_quoting(node: Any, old: str, new: str) -> Any:
    quotes = node.get("quotes") if isinstance(node, dict) else None
    if not isinstance(quotes, list) or not any(isinstance(q, dict) and q.get("source") == old for q in quotes):
        return node
    return {**node, "quotes": [{**q, "source": new} if isinstance(q, dict) and q.get("source") == old else q
                               for q in quotes]}


def add_source(data: dict[str, Any], source_id: str, title: str, *, base: Path | None = None,
               **fields: Any) -> Outcome:
    """Add a source at the end of `sources` (a `path`, if given, must lead to a file from `base`)."""
    _check_slug(source_id, "source id")
    if source_id in source_ids(data):
        raise EditError(f"a source '{source_id}' already exists; choose another id",
                        loc=("sources", find_source(data, source_id), "id"))
    if fields.get("path") is not None:
        check_path(fields["path"], base, source_id)
    rank = {name: i for i, name in enumerate(SOURCE_ORDER)}
    source = dict(sorted({"id": source_id, "title": title, **{k: v for k, v in fields.items() if v is not None}}
                         .items(), key=lambda kv: rank.get(kv[0], 99)))
    error = _valid(source, SOURCE_ADAPTER)
    if error is not None:
        raise EditError(f"new source '{source_id}': {_first_error(error)}")
    sources = [*_list(data, "sources"), source]
    return Outcome(with_key(data, "sources", sources, TOP_ORDER), f"added source '{source_id}' ({title!r})")


def quoting(data: dict[str, Any], source_id: str) -> list[str]:
    """The nodes with a quote of the source (naming it, or plain quotes when it is the default source)."""
    ids = source_ids(data)
    default = data.get("default_source") or (ids[0] if ids else None)
    found: list[str] = []
    for node in _list(data, "nodes"):
        quotes = node.get("quotes") if isinstance(node, dict) else None
        items = quotes if isinstance(quotes, list) else [quotes] if quotes else []
        for quote in items:
            named = quote.get("source") if isinstance(quote, dict) else None
            if named == source_id or (named is None and default == source_id):
                found.append(str(node.get("id")))
                break
    return found


def remove_source(data: dict[str, Any], source_id: str) -> Outcome:
    """Remove a source no quote cites and that is not the `default_source` (else refused, naming the nodes)."""
    index = find_source(data, source_id)
    users = quoting(data, source_id)
    if users:
        listed = ", ".join(users[:6]) + (", ..." if len(users) > 6 else "")
        raise EditError(f"source '{source_id}' is quoted by {plural(len(users), 'node')} ({listed}); remove or "
                        "move those quotes first", loc=("sources", index))
    if data.get("default_source") == source_id:
        raise EditError(f"source '{source_id}' is the map's default_source; set another first",
                        loc=("default_source",))
    sources = list(data["sources"])
    removed = sources.pop(index)
    return Outcome(with_key(data, "sources", sources or None, TOP_ORDER), f"removed source '{source_id}'",
                   removed=[removed])
