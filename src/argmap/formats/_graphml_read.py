"""The GraphML importer: argmap's own GraphML export (restored whole from its `argmap` keys), and AIF-style
GraphML such as yEd maps whose nodes say `nodeType` I-node, RA-node, CA-node (read by the AIF importer's rules).
Other GraphML becomes claims joined by `supports` unless an edge's `type` names an argmap relation."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats._aif_read import argument_layer
from argmap.formats.interop import Ids, Imported, Losses, imported_sources, node_text, slug
from argmap.model import RELATION_TYPES

_NS = "{http://graphml.graphdrawing.org/xmlns}"
_Y = "{http://www.yworks.com/xml/graphml}"


def sniff_graphml(head: str) -> bool:
    return "<graphml" in head


class _NoDialogue:
    def anchor(self, names: dict[str, str], actors: dict[str, str]) -> dict[str, dict[str, Any]]:
        return {}


def _data(element: ET.Element, keys: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in element.findall(f"{_NS}data"):
        name = keys.get(item.get("key", ""), item.get("key", ""))
        found[name] = "".join(item.itertext()).strip() if not len(item) else found.get(name, "")
        label = item.find(f".//{_Y}NodeLabel")
        if label is not None and label.text and "label" not in found:
            found["label"] = label.text.strip()
    return found


def read_graphml(path: Path, *, text: str | None = None) -> Imported:
    """The map of a GraphML file (`ArgmapError` for one that is not well-formed or has no graph)."""
    try:
        root = ET.fromstring(text) if text is not None else ET.parse(path).getroot()
    except ET.ParseError as exc:
        line, column = exc.position
        raise ArgmapError(f"{path}:{line}:{column + 1}: not well-formed XML: {str(exc).split(':')[0]}") from None
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot read: {exc.strerror}") from None
    graph = root.find(f"{_NS}graph")
    if root.tag != f"{_NS}graphml" or graph is None:
        raise ArgmapError(f"{path}: not GraphML: expected <graphml> with a <graph> inside")
    keys = {key.get("id", ""): str(key.get("attr.name") or key.get("yfiles.type") or key.get("id", ""))
            for key in root.findall(f"{_NS}key")}
    losses = Losses()
    nodes = [(item.get("id", ""), _data(item, keys)) for item in graph.iter(f"{_NS}node")]
    edges = [(item.get("source", ""), item.get("target", ""), _data(item, keys)) for item in graph.iter(f"{_NS}edge")]
    top = _data(graph, keys)
    if "argmap" in top:  # argmap's own export
        data = json.loads(top["argmap"])
        if isinstance(data.get("sources"), list):
            data["sources"] = imported_sources(data["sources"], path)
        data["nodes"] = [json.loads(found["argmap"]) for _, found in nodes if "argmap" in found]
        data["relations"] = [json.loads(found["argmap"]) for *_, found in edges if "argmap" in found]
        return Imported(data, [])
    title = top.get("Description") or top.get("description") or path.stem
    if any(found.get("nodeType", "").endswith("-node") for _, found in nodes):
        aif_nodes = [{"nodeID": key, "type": found.get("nodeType", "I-node").removesuffix("-node"),
                      "text": found.get("label") or found.get("description") or key} for key, found in nodes]
        aif_edges = [{"fromID": start, "toID": end} for start, end, _ in edges]
        built = argument_layer(path, {"nodes": aif_nodes, "edges": aif_edges}, losses, _NoDialogue())
        return Imported({"title": title, "nodes": built.nodes, "relations": built.relations}, losses.report())
    ids, names = Ids(), {}
    out_nodes = []
    for key, found in nodes:
        names[key] = ids.new(slug(found.get("label") or key, "node"))
        kind = found.get("kind") if found.get("kind") in ("claim", "evidence", "inference", "forecast") else "claim"
        out_nodes.append({"id": names[key], "kind": kind, "text": node_text(found.get("label"), key)})
    relations = []
    for start, end, found in edges:
        if start in names and end in names:
            kind = found.get("type") if found.get("type") in RELATION_TYPES else "supports"
            relations.append({"source": names[start], "target": names[end], "type": kind})
        else:
            losses.add("edge", "dropped", "it names a node the graph does not have")
    return Imported({"title": title, "nodes": out_nodes, "relations": relations}, losses.report())
