"""An AIF nodeset's JSON, read and indexed for the AIF importer and the formats read through it (SADFace, a GraphML
of AIF nodes): nodes by id, their types, the edges in the file's order and, per node, where its edges come from and
go to. Bytes go to orjson; the standard parser runs only on a file orjson refuses, to say where it goes wrong."""

from __future__ import annotations

import json
from codecs import BOM_UTF8
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from argmap.errors import ArgmapError
from argmap.formats.interop import Losses

#: the key of argmap's own extension in a node, an edge or the nodeset (docs/formats.md)
EXTENSION = "argmap"


def json_of(path: Path, text: str | None) -> tuple[Any, bool]:
    """The JSON of a file (or of `text` standing for it) and whether it names argmap's extension. orjson reads it,
    a file's bytes undecoded (it checks the UTF-8 itself); only what orjson refuses is decoded and given to the
    standard parser, which accepts a little more and says where a bad file goes wrong."""
    if text is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ArgmapError(f"{path}: cannot read: {exc.strerror}") from None
        body = raw[len(BOM_UTF8):] if raw.startswith(BOM_UTF8) else raw
        try:
            return orjson.loads(body), f'"{EXTENSION}"'.encode() in body
        except orjson.JSONDecodeError:
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ArgmapError(f"{path}: not UTF-8 text (byte {exc.start + len(raw) - len(body)}); save the file "
                                  "as UTF-8") from None
    else:
        try:
            return orjson.loads(text), f'"{EXTENSION}"' in text
        except orjson.JSONDecodeError:
            pass
    return _standard(path, text), f'"{EXTENSION}"' in text


def _standard(path: Path, text: str) -> Any:
    """What the standard parser reads in a text orjson refused (NaN, big integers, lone surrogates), or the
    one-line error with where it goes wrong."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArgmapError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise ArgmapError(f"{path}: JSON nested too deeply to be an AIF nodeset") from None


def _columns(path: Path, items: list[Any], name: str, keys: tuple[str, str], what: str) -> tuple[list[str], list[str]]:
    """Two columns of `items` (taken by C code), each value as text; the one-line error for the first item that is
    no object with both keys."""
    first, second = itemgetter(keys[0]), itemgetter(keys[1])
    try:
        columns = list(map(first, items)), list(map(second, items))
    except (KeyError, TypeError):
        _bad_item(path, items, name, keys, what)
        raise
    return _strings(columns[0]), _strings(columns[1])


def _strings(values: list[Any]) -> list[str]:
    """`values` as text: the list itself when every value is a string already (the usual case)."""
    try:
        "".join(values)  # which refuses anything but a string: one pass in C tells
    except TypeError:
        return [value if value.__class__ is str else str(value) for value in values]
    return values


def _bad_item(path: Path, items: list[Any], name: str, keys: tuple[str, ...], what: str) -> None:
    """Raise the one-line error for the first item of `items` that is no object with `keys`."""
    for index, item in enumerate(items):
        if not isinstance(item, dict) or any(key not in item for key in keys):
            raise ArgmapError(f"{path}: {name}[{index}] {what}")


def _adjacency(pairs: list[tuple[str, str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per node, where its edges come from and where they go, in the edges' order."""
    ins: dict[str, list[str]] = {}
    outs: dict[str, list[str]] = {}
    for start, end in pairs:
        if start in outs:
            outs[start].append(end)
        else:
            outs[start] = [end]
        if end in ins:
            ins[end].append(start)
        else:
            ins[end] = [start]
    return ins, outs


class Graph:
    """A nodeset's nodes and edges, indexed in one pass each, shared by the argument and the dialogue layers."""

    def __init__(self, path: Path, aif: Any, losses: Losses, *, extended: bool = True) -> None:
        if not isinstance(aif, dict) or not isinstance(aif.get("nodes"), list) \
                or not isinstance(aif.get("edges", []), list):
            raise ArgmapError(f"{path}: not an AIF nodeset: expected an object with lists 'nodes' and 'edges'")
        #: whether any node or edge may carry argmap's extension (False: the file never names it)
        self.extended = extended
        nodes: list[Any] = aif["nodes"]
        keys, kinds = _columns(path, nodes, "nodes", ("nodeID", "type"),
                               "is not an AIF node: each needs 'nodeID' and 'type'")
        by_id: dict[str, dict[str, Any]] = dict(zip(keys, nodes, strict=True))
        types: dict[str, str] = dict(zip(keys, kinds, strict=True))
        #: every node's id in the file's order (an id given twice comes twice, with the last node of that id)
        self.order: list[str] = list(by_id) if len(by_id) == len(nodes) else keys
        self.by_id, self.types = by_id, types
        edges: list[Any] = aif.get("edges") or []
        starts, ends = _columns(path, edges, "edges", ("fromID", "toID"),
                                "is not an AIF edge: each needs 'fromID' and 'toID'")
        pairs = list(zip(starts, ends, strict=True))
        kept = pairs
        ins, outs = _adjacency(kept)
        if not (outs.keys() <= types.keys() and ins.keys() <= types.keys()):  # an edge names a node not there
            kept = [pair for pair in pairs if pair[0] in types and pair[1] in types]
            ins, outs = _adjacency(kept)
        self.ins, self.outs = ins, outs
        #: the edges between nodes the nodeset has, in the file's order (which the relations keep)
        self.kept: list[tuple[str, str]] = kept
        self.edge_ext: dict[tuple[str, str], dict[str, Any]] = {}
        if extended:
            for pair, edge in zip(pairs, edges, strict=True):
                ext = edge.get(EXTENSION)
                if ext is not None and isinstance(ext, dict) and pair[0] in types and pair[1] in types:
                    self.edge_ext[pair] = ext
        losses.add("edge", "dropped", "it names a node the nodeset does not have", n=len(pairs) - len(kept))
        locutions = aif.get("locutions") or []
        self.locutions = sum(1 for item in locutions if isinstance(item, dict)) if isinstance(locutions, list) else 0

    def text(self, key: str) -> str:
        """A node's text, as a string."""
        value = self.by_id[key].get("text")
        return value if value.__class__ is str else str(value or "")
