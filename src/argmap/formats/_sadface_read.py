"""The SADFace importer: both dialects (`scheme` nodes named support or conflict, as in SADFace 0.2 files and
arguebuf; `inference` and `conflict` nodes, as the reference implementation writes).

Atoms become claims, inferences RA-like nodes and conflicts CA-like ones, read by the AIF importer's rules (an
attack on an inference is an undercut, an attack on an attack goes through a con-argument inference). An atom's
`sources` (a passage of a resource, with its offset) become quotes of a source whose text is the resource's
content. argmap's own export keeps the rest in `metadata.argmap` (docs/formats.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats._aif_graph import EXTENSION, json_of
from argmap.formats._aif_read import argument_layer
from argmap.formats.interop import MAP_EXTRAS, Imported, Losses, imported_sources, slug

_TYPES = {"atom": "I", "inference": "RA", "conflict": "CA"}


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def sniff_sadface(head: str) -> bool:
    """SADFace has `source_id`/`target_id` edges, or a `metadata` with a `core` section."""
    return '"source_id"' in head or ('"metadata"' in head and '"core"' in head and '"nodeID"' not in head)


class _Passages:
    """The quotes of atoms, from their `sources` into the resources' texts."""

    def __init__(self, quotes: dict[str, list[dict[str, Any]]]) -> None:
        self.quotes = quotes

    def anchor(self, names: dict[str, str], actors: dict[str, str]) -> dict[str, dict[str, Any]]:
        return {key: {"quotes": quotes} for key, quotes in self.quotes.items() if key in names}


def read_sadface(path: Path, *, text: str | None = None) -> Imported:
    """The map of a SADFace document (`ArgmapError` for a file that is not one)."""
    data, _ = json_of(path, text)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) \
            or not isinstance(data.get("edges", []), list):
        raise ArgmapError(f"{path}: not a SADFace document: expected an object with lists 'nodes' and 'edges'")
    losses = Losses()
    meta = _obj(data.get("metadata"))
    core, ext = _obj(meta.get("core")), _obj(meta.get(EXTENSION))
    resources: dict[str, str] = {}
    texts: dict[str, str] = {}
    sources: list[dict[str, Any]] = []
    for resource in data.get("resources") or []:
        if isinstance(resource, dict) and isinstance(resource.get("content"), str) and resource.get("id"):
            rid = slug(str(resource["id"]), "resource")
            resources[str(resource["id"])] = rid
            texts[rid] = resource["content"]
            title = _obj(_obj(resource.get("metadata")).get("core")).get("title") or f"Resource {rid}"
            sources.append({"id": rid, "title": str(title)})
    nodes: list[dict[str, Any]] = []
    quotes: dict[str, list[dict[str, Any]]] = {}
    for index, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or "id" not in node or "type" not in node:
            raise ArgmapError(f"{path}: nodes[{index}] is not a SADFace node: each needs 'id' and 'type'")
        kind = str(node["type"])
        name = str(node.get("name") or "")
        aif_type = _TYPES.get(kind) or ("CA" if kind == "scheme" and "conflict" in name.lower() else
                                        "RA" if kind == "scheme" else kind)
        node_meta = _obj(node.get("metadata"))
        aif: dict[str, Any] = {"nodeID": str(node["id"]), "type": str(aif_type),
                               "text": node.get("text") if kind == "atom" else name}
        if aif_type == "RA" and name.lower() not in ("support", ""):
            aif["scheme"] = name
        if isinstance(node_meta.get(EXTENSION), dict):
            aif[EXTENSION] = node_meta[EXTENSION]
        others = [key for key, value in node_meta.items() if key not in ("core", EXTENSION) and value]
        if others or node_meta.get("core"):
            losses.add("node's metadata", "dropped", "argmap has no field for SADFace metadata",
                       plural="nodes' metadata")
        for item in node.get("sources") or []:
            passage = _obj(item)
            found = resources.get(str(passage.get("resource_id")))
            said = passage.get("text")
            if found is None or not isinstance(said, str) or not said:
                losses.add("atom source", "dropped", "it names no resource with a text")
                continue
            quote: dict[str, Any] = {"text": said, "source": found}
            offset = passage.get("offset")
            if isinstance(offset, int) and texts[found].startswith(said, offset):
                quote.update(start=offset, end=offset + len(said))
            quotes.setdefault(aif["nodeID"], []).append(quote)
        nodes.append(aif)
    edges = []
    for index, edge in enumerate(data.get("edges") or []):
        if not isinstance(edge, dict) or "source_id" not in edge or "target_id" not in edge:
            raise ArgmapError(f"{path}: edges[{index}] is not a SADFace edge: each needs 'source_id' and 'target_id'")
        link: dict[str, Any] = {"fromID": str(edge["source_id"]), "toID": str(edge["target_id"])}
        edge_meta = _obj(edge.get("metadata"))
        if isinstance(edge_meta.get(EXTENSION), dict):
            link[EXTENSION] = edge_meta[EXTENSION]
        edges.append(link)
    built = argument_layer(path, {"nodes": nodes, "edges": edges}, losses, _Passages(quotes))
    result: dict[str, Any] = {"title": ext.get("title") or core.get("title") or path.stem}
    description = ext.get("description") or core.get("description")
    if description:
        result["description"] = description
    for key in MAP_EXTRAS:
        if key not in ("title", "description", "sources") and ext.get(key):
            result[key] = ext[key]
    if ext.get("sources"):
        ext["sources"] = imported_sources(ext["sources"], path)
        known = {source["id"] for source in ext["sources"]}
        result["sources"] = ext["sources"] + [s for s in sources if s["id"] not in known]
        texts = {key: value for key, value in texts.items() if key not in known or not any(
            s["id"] == key and s.get("path") for s in ext["sources"])}
    elif sources:
        result["sources"] = sources
    result["nodes"], result["relations"] = built.nodes, built.relations
    for key in ("analyst_name", "analyst_email", "created", "edited", "notes"):
        if core.get(key):
            losses.add("document metadata field", "dropped", "argmap keeps no analyst or edit dates")
    return Imported(result, losses.report(), texts)
