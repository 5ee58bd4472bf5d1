"""A loaded map file: its text, data, model, source texts, quote positions and load diagnostics."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from argmap.errors import ArgmapError, Diagnostic, Loc, Severity, count_severity, plural
from argmap.io.parse import detect_format, json_depth_hazard, parse_text, too_deep
from argmap.io.positions import Located, find, locate_tree, node_at
from argmap.io.quotes import Match, Normalised, locate
from argmap.io.reading import DecodeError, ReadError, decode_text, read_regular
from argmap.io.schema_errors import diagnostics_from
from argmap.layout.yaml_loader import MAX_DEPTH
from argmap.memory import collector_paused
from argmap.model import ArgMap, NodeBase, Source
from argmap.model.adapters import NODE_ADAPTER, RELATION_ADAPTER, SCENARIO_ADAPTER, SOURCE_ADAPTER

#: The rules of the findings that keep a file from loading fully: only the valid part of its map is kept.
BLOCKING_RULES = ("syntax", "encoding", "schema")


@dataclass
class SourceText:
    """A source's local text, or why it is missing."""

    source: Source
    path: Path | None
    text: str | None
    problem: str | None = None
    _normalised: Normalised | None = field(default=None, repr=False)

    def get_normalised(self) -> Normalised:
        """The text folded for loose quote matching, built on first use."""
        if self._normalised is None:
            self._normalised = Normalised(self.text or "")
        return self._normalised


@dataclass
class MapDocument:
    """Everything known about one map file after loading it. `map` is None only when the file could not be
    read as a map at all; with schema errors it holds the valid part, and `invalid` the ids of the sources, nodes,
    relations and scenarios left out (each already reported), which the checks then treat as known."""

    path: Path
    text: str
    format: str
    data: Any = None
    map: ArgMap | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, SourceText] = field(default_factory=dict)
    matches: dict[tuple[str, int], Match | None] = field(default_factory=dict)
    node_index: dict[str, int] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)
    invalid: dict[str, set[str]] = field(default_factory=dict)
    _tree: Located | None = field(default=None, repr=False)
    _tree_built: bool = field(default=False, repr=False)

    @property
    def display_path(self) -> str:
        """The path as the user should see it: relative to the working folder when inside it."""
        try:
            relative = os.path.relpath(self.path)
        except ValueError:
            return str(self.path)
        return str(self.path) if relative.startswith(".." + os.sep + "..") else relative

    @property
    def blocking(self) -> list[Diagnostic]:
        """The load diagnostics that keep the file from loading fully (syntax, encoding, schema)."""
        return [diag for diag in self.diagnostics if diag.rule in BLOCKING_RULES]

    @property
    def fully_loaded(self) -> bool:
        """Whether the whole file was read as a map: reasoning over, exporting or formatting a part would mislead."""
        return self.map is not None and not self.blocking

    def count(self, severity: Severity) -> int:
        """How many load diagnostics have this severity."""
        return count_severity(self.diagnostics, severity)

    def require_full_map(self, action: str) -> ArgMap:
        """The map, when the file fully loads; else an `ArgmapError` refusing `action` (the output would silently
        lose the file's bad parts), naming the first blocking error."""
        broken = self.blocking
        if self.map is None or broken:
            first = broken[0].format() if broken else self.display_path
            raise ArgmapError(f"cannot {action}: the map has {plural(len(broken) or 1, 'error')} in its file, the "
                              f"first: {first}; run `argmap check`")
        return self.map

    @property
    def tree(self) -> Located | None:
        """The position tree of the file, built on first use."""
        if not self._tree_built:
            self._tree = locate_tree(self.text, self.format, self.data)
            self._tree_built = True
        return self._tree

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `loc`."""
        return find(self.tree, loc, key=key)

    def file_loc(self, loc: Loc) -> Loc:
        """The file's data path for a path into the model. They differ only in a map kept in part (some nodes or
        relations did not validate): `rows` then gives the file index of each kept item.

        >>> doc = MapDocument(Path("m.yaml"), "", "yaml", rows={"nodes": [0, 2]})
        >>> doc.file_loc(("nodes", 1, "id")), doc.file_loc(("relations", 1))
        (('nodes', 2, 'id'), ('relations', 1))
        """
        rows = self.rows.get(str(loc[0])) if len(loc) > 1 and isinstance(loc[1], int) else None
        if rows is None or not 0 <= int(loc[1]) < len(rows):
            return loc
        return (loc[0], rows[int(loc[1])], *loc[2:])

    def node_span(self, node_id: str) -> Located | None:
        """Where a node's mapping stands in the file."""
        index = self.node_index.get(node_id)
        return None if index is None else node_at(self.tree, self.file_loc(("nodes", index)))

    def place(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Fill in line and column of diagnostics that carry only a data path."""
        for diag in diagnostics:
            if not diag.line:
                diag.line, diag.column = self.position(diag.loc, key=diag.hint == "key")
        return diagnostics

    def source_text(self, source_id: str | None) -> SourceText | None:
        """The loaded text of a source (None: the map's only source)."""
        if source_id is None and len(self.sources) == 1:
            return next(iter(self.sources.values()))
        return self.sources.get(source_id or "")


def read_map_bytes(path: Path) -> bytes:
    """A map file's bytes; a file that cannot be read (missing, a folder, a FIFO or device, too large) gives a
    one-line `ArgmapError` (`argmap.io.reading`)."""
    return read_regular(path, "map file")


def load(path: str | os.PathLike[str], *, text: str | None = None, fmt: str | None = None) -> MapDocument:
    """Load a map file (or `text` standing for its content) as `fmt` (`yaml` or `json`; by default told from the
    suffix and the text). Bad files give diagnostics, never exceptions; only a file that cannot be read at all
    raises `ArgmapError`."""
    with collector_paused():  # a map's objects are made in bulk and hold no cycles
        return _load(Path(path), text, fmt)


def _load(file: Path, text: str | None, fmt: str | None = None) -> MapDocument:
    if text is None:
        raw = read_map_bytes(file)
        try:
            text = decode_text(raw, other_encodings=False, fix="save the map as UTF-8")
        except DecodeError as exc:
            doc = MapDocument(file, "", fmt or detect_format(file))
            doc.diagnostics.append(Diagnostic(doc.display_path, "error", "encoding", exc.message, line=exc.line,
                                              column=exc.column))
            return doc
    doc = MapDocument(file, text, fmt or detect_format(file, text))
    name = doc.display_path
    if doc.format == "json":
        try:  # the fast path: pydantic-core parses and validates in one pass; errors take the full path below
            doc.map = ArgMap.model_validate_json(text)
        except ValidationError:
            doc.map = None
        if doc.map is not None:
            _finish(doc)
            return doc
    data, problems = parse_text(text, doc.format, name)
    doc.data = data
    doc.diagnostics.extend(problems)
    if problems:
        return doc
    if not isinstance(data, dict):
        doc.diagnostics.append(Diagnostic(name, "error", "schema",
                                          "a map file must be a mapping with at least 'title' and 'nodes'",
                                          line=1, column=1))
        return doc
    doc.map = _validate(doc, data, name)
    _finish(doc)
    return doc


def _finish(doc: MapDocument) -> None:
    """Index the nodes, read the sources, place the quotes and position the diagnostics."""
    if doc.map is not None:
        doc.node_index = {}
        for index, node in enumerate(doc.map.nodes):
            doc.node_index.setdefault(node.id, index)
        _read_sources(doc)
        _resolve_quotes(doc)
    doc.place(doc.diagnostics)


def deepest(data: Any, limit: int = MAX_DEPTH) -> Loc | None:
    """The data path of the first container nested deeper than `limit`, or None; walked without recursion.

    >>> deepest({"a": [[[1]]]}, 2), deepest({"a": [1]}, 2)
    (('a', 0, 0), None)
    """
    stack: list[tuple[Any, Loc]] = [(data, ())]
    while stack:
        value, loc = stack.pop()
        if len(loc) > limit:
            return loc
        if isinstance(value, dict):
            stack.extend((child, (*loc, str(key))) for key, child in reversed(value.items())
                         if isinstance(child, (dict, list)))
        elif isinstance(value, list):
            stack.extend((child, (*loc, index)) for index, child in reversed(list(enumerate(value)))
                         if isinstance(child, (dict, list)))
    return None


#: The item lists of a map, validated item by item when the whole map does not validate.
_ITEM_LISTS: dict[str, TypeAdapter[Any]] = {"sources": SOURCE_ADAPTER, "nodes": NODE_ADAPTER,
                                            "relations": RELATION_ADAPTER, "scenarios": SCENARIO_ADAPTER}


def _validate(doc: MapDocument, data: dict[str, Any], name: str) -> ArgMap | None:
    try:
        return ArgMap.model_validate(data)
    except (ValidationError, RecursionError) as exc:
        deep = deepest(data)  # no map is valid that deep: say so once, where, rather than through every reader
        if deep is not None:
            if doc.format == "json":
                line, column = json_depth_hazard(doc.text) or (1, 1)
            else:
                line, column = doc.position(deep[:4])
            doc.diagnostics.append(too_deep(name, line, column))
        elif isinstance(exc, ValidationError):
            doc.diagnostics.extend(diagnostics_from(exc, name, data=data))
        else:
            raise
    # Keep what is valid, so that a map with a few bad nodes can still be explored, and remember the ids of the
    # items that did not validate: a relation or quote naming one of them raises nothing more.
    partial = dict(data)
    items = {key: partial.pop(key, []) for key in _ITEM_LISTS}
    result = _valid_top_level(partial, doc.path.stem or "map")
    doc.rows = {key: [] for key in _ITEM_LISTS}
    for key, adapter in _ITEM_LISTS.items():
        kept: list[Any] = []
        for row, item in enumerate(items[key] if isinstance(items[key], list) else []):
            try:
                kept.append(adapter.validate_python(item))
            except ValidationError:
                item_id = item.get("id") if isinstance(item, dict) else None
                if isinstance(item_id, str):
                    doc.invalid.setdefault(key, set()).add(item_id)
                continue
            doc.rows[key].append(row)
        setattr(result, key, kept)
    result.invalidate()
    return result


def _valid_top_level(partial: dict[str, Any], stem: str) -> ArgMap:
    """The map's top level without its item lists, keeping every key that is valid: a misspelt `title` must not
    cost the vocabularies, so each key that fails is dropped (a bad or missing title becomes the file's name)."""
    top = dict(partial)
    for _ in range(len(top) + 2):
        try:
            return ArgMap.model_validate(top)
        except ValidationError as exc:
            bad = {error["loc"][0] for error in exc.errors() if error["loc"]}
            if not bad:
                break
            for key in bad:
                top.pop(str(key), None)
            if "title" in bad:
                top["title"] = stem
    return ArgMap(title=stem)


def _read_sources(doc: MapDocument) -> None:
    assert doc.map is not None
    base = doc.path.parent
    for index, source in enumerate(doc.map.sources):
        if not source.path:
            doc.sources[source.id] = SourceText(source, None, None, "no local text ('path' not given)")
            continue
        given = Path(source.path)
        path = (base / given).resolve()
        try:
            text = decode_text(read_regular(path, "source text"))
            text = text.replace("\r\n", "\n").replace("\r", "\n")  # as universal newlines read it: offsets count LF
        except ReadError as exc:
            missing = not path.exists()
            where = "an absolute path" if given.is_absolute() else f"relative to the map file: {path}"
            reason = "not found" if missing else exc.reason
            advice = "fix the path or add the text" if missing else "point 'path' at a text file"
            _source_problem(doc, index, source, path, reason, f"text of source '{source.id}' {reason}: "
                            f"{source.path} ({where}); {advice}")
            continue
        except DecodeError as exc:
            _source_problem(doc, index, source, path, exc.message, f"text of source '{source.id}' "
                            f"({source.path}) is {exc.message}")
            continue
        doc.sources[source.id] = SourceText(source, path, text)


def _source_problem(doc: MapDocument, index: int, source: Source, path: Path, reason: str, message: str) -> None:
    """A source whose text cannot be used: kept without text (`reason` why), with one error at its `path`."""
    doc.sources[source.id] = SourceText(source, path, None, reason)
    doc.diagnostics.append(Diagnostic(doc.display_path, "error", "source-missing", message, ("sources", index, "path")))


def default_source(doc: MapDocument) -> str | None:
    """The declared source that quotes naming none belong to: `default_source`, else the first source (None when
    that is unknown: no sources, an undeclared `default_source`, or a first source that did not validate)."""
    amap = doc.map
    if amap is None:
        return None
    if amap.default_source is not None:
        return amap.default_source if any(s.id == amap.default_source for s in amap.sources) else None
    return amap.sources[0].id if amap.sources and not doc.invalid.get("sources") else None


def _resolve_quotes(doc: MapDocument) -> None:
    """Fill in each quote's source (the default source when it names none) and its offsets in the source text."""
    assert doc.map is not None
    only = default_source(doc)
    for node in doc.map.nodes:
        if node.quotes:
            place_quotes(doc, node, only)


def place_quotes(doc: MapDocument, node: NodeBase, only: str | None) -> None:
    """Default the source of a node's quotes to the map's default source (`only`), find each passage and record
    where it stands (on the quote, and in `doc.matches`). Quotes are written through their `__dict__`: the values are
    valid by construction, and a 10,000-node map places 10,000 quotes."""
    matches, sources, node_id = doc.matches, doc.sources, node.id
    for qi, quote in enumerate(node.quotes):
        fields = quote.__dict__
        if fields["source"] is None and only is not None:
            fields["source"] = only
        source = sources.get(fields["source"] or "")
        if source is None or source.text is None:
            matches[node_id, qi] = None
            continue
        match = matches[node_id, qi] = locate(fields["text"], source.text, fields["start"], source.get_normalised)
        fields["start"], fields["end"] = (match.start, match.end) if match else (None, None)
