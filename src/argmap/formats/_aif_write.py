"""The AIF exporter: an AIFdb JSON nodeset that AIF tools read and that argmap imports back unchanged.

Statements become I-nodes; an inference becomes an RA-node (a CA-node when all it does is attack); a premise's
support is an edge into it and its conclusion an edge out. A relation between two statements goes through an S-node
of its own (RA for support, CA for an attack or undercut). What AIF has no place for (a node's kind, quotes,
probabilities, resolutions; a relation's note, weight, condition and requires types; the map's sources, vocabularies
and scenarios) rides in `argmap` keys that other AIF tools ignore (docs/formats.md).
"""

from __future__ import annotations

import json
from typing import Any

from argmap.formats.interop import MAP_EXTRAS, Exported, Losses, exported_sources
from argmap.io.canonical import to_authoring
from argmap.io.document import MapDocument

EXTENSION = "argmap"
_AIF_SCHEMES = {
    "abduction": "Abductive Reasoning", "causal": "Cause To Effect", "analogy": "Argument From Analogy",
    "authority": "Argument From Expert Opinion", "sign": "Argument From Sign", "example": "Argument From Example",
    "consequences": "Argument From Consequences", "generalisation": "Argument From Established Rule",
    "practical": "Practical Reasoning", "deduction": "Deductive Reasoning",
}
_RELATION_DEFAULTS = {"note": None, "weight": None, "by": "author", "drafted": False}


def _relation_ext(rel: dict[str, Any], default_type: str | None) -> dict[str, Any]:
    ext = {key: rel[key] for key in _RELATION_DEFAULTS if rel.get(key, _RELATION_DEFAULTS[key]) !=
           _RELATION_DEFAULTS[key]}
    if rel["type"] != default_type:
        ext["type"] = rel["type"]
    return ext


def write_aif(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> Exported:
    """The map as AIFdb JSON (`nodes`, `edges`, `locutions`), argmap's extras under `argmap` keys."""
    amap = doc.map
    assert amap is not None
    data = to_authoring(amap)
    losses = Losses()
    kinds = {node.id: node.kind for node in amap.nodes}
    out_rels: dict[str, list[str]] = {}
    for rel in amap.relations:
        if kinds.get(rel.source) == "inference":
            out_rels.setdefault(rel.source, []).append(rel.type)
    nodes: list[dict[str, Any]] = []
    s_type: dict[str, str] = {}
    for node, authored in zip(amap.nodes, data["nodes"], strict=True):
        ext = {key: value for key, value in authored.items() if key != "text"}
        if node.kind == "inference":
            s_type[node.id] = "CA" if out_rels.get(node.id) and set(out_rels[node.id]) == {"attacks"} else "RA"
            aif: dict[str, Any] = {"nodeID": node.id, "type": s_type[node.id], "text": node.text}
            scheme = getattr(node, "scheme", None)
            if s_type[node.id] == "RA" and scheme in _AIF_SCHEMES:
                aif["scheme"] = _AIF_SCHEMES[scheme]
            losses.add("inference's text and fields", "kept only in the 'argmap' extension",
                       "an AIF S-node has a scheme, no text of its own", plural="inferences' texts and fields")
        else:
            aif = {"nodeID": node.id, "type": "I", "text": node.text}
            if node.kind != "claim":
                losses.add(_noun(node.kind), "written as a plain I-node", "AIF does not tell claims, evidence and "
                           "forecasts apart (the kind is in the 'argmap' extension)", plural=_plural(node.kind))
        if node.quotes:
            losses.add("quote", "kept only in the 'argmap' extension", "AIF ties no passage of a source to an "
                       "I-node outside a dialogue", n=len(node.quotes))
        aif[EXTENSION] = ext
        nodes.append(aif)
    edges: list[dict[str, Any]] = []

    def edge(start: str, end: str, ext: dict[str, Any] | None = None) -> None:
        item: dict[str, Any] = {"edgeID": str(len(edges) + 1), "fromID": start, "toID": end, "formEdgeID": None}
        if ext:
            item[EXTENSION] = ext
        edges.append(item)

    for index, (rel, authored_rel) in enumerate(zip(amap.relations, data.get("relations", []), strict=True)):
        source_kind, target_kind = kinds.get(rel.source), kinds.get(rel.target)
        if source_kind == "inference":
            default = "supports" if s_type[rel.source] == "RA" else "attacks"
            ext = _relation_ext(authored_rel, default)
            if target_kind == "inference":  # an S-node to an S-node: the type says what it is
                ext["type"] = rel.type
            edge(rel.source, rel.target, ext)
        elif target_kind == "inference" and rel.type == "supports":
            edge(rel.source, rel.target, _relation_ext(authored_rel, "supports"))
        else:
            kind = "RA" if rel.type in ("supports", "condition", "requires") else "CA"
            default = "supports" if kind == "RA" else ("undercuts" if target_kind == "inference" else "attacks")
            node_id = f"{kind.lower()}-{index + 1}-{rel.source}"[:120]
            text = "Default Inference" if kind == "RA" else "Default Conflict"
            nodes.append({"nodeID": node_id, "type": kind, "text": text,
                          EXTENSION: {"relation": _relation_ext(authored_rel, default)}})
            edge(rel.source, node_id)
            edge(node_id, rel.target)
            if rel.type in ("condition", "requires"):
                losses.add(f"'{rel.type}' relation", "written as an RA-node", f"AIF has no {rel.type} relation "
                           "(the type is in the 'argmap' extension)")
    top = {key: data[key] for key in MAP_EXTRAS if data.get(key)}
    if top.get("sources"):
        top["sources"] = exported_sources(doc, top["sources"], options)
    if amap.scenarios:
        losses.add("scenario", "kept only in the 'argmap' extension", "AIF has no scenarios", n=len(amap.scenarios))
    if amap.hypotheses:
        losses.add("ACH group", "kept only in the 'argmap' extension", "AIF has no competing hypotheses",
                   n=len(amap.hypotheses))
    result = {"nodes": nodes, "edges": edges, "locutions": [], EXTENSION: {"version": amap.argmap, **top}}
    return Exported((json.dumps(result, ensure_ascii=False, indent=2) + "\n").encode(), losses.report())


def _noun(kind: str) -> str:
    return "evidence node" if kind == "evidence" else kind


def _plural(kind: str) -> str:
    return f"{_noun(kind)}s"
