"""The SADFace exporter (the reference implementation's dialect: `atom`, `inference`, `conflict` nodes).

Built from the AIF export: I-nodes become atoms, RA-nodes inferences, CA-nodes conflicts. A quote whose source
text is loaded becomes an atom source (the passage and its offset) in a resource holding that text; argmap's
extras ride in `metadata.argmap` of the document, the nodes and the edges (docs/formats.md).
"""

from __future__ import annotations

import json
from typing import Any

from argmap.formats._aif_write import EXTENSION, write_aif
from argmap.formats.interop import Exported, Losses
from argmap.io.document import MapDocument

_TYPES = {"I": "atom", "RA": "inference", "CA": "conflict"}


def write_sadface(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> Exported:
    """The map as a SADFace document."""
    amap = doc.map
    assert amap is not None
    aif_export = write_aif(doc, options)
    aif = json.loads(aif_export.data)
    losses = Losses()
    for node in amap.nodes:
        if node.kind in ("evidence", "forecast"):
            losses.add(f"{node.kind} node" if node.kind == "evidence" else node.kind, "written as a plain atom",
                       "SADFace does not tell claims, evidence and forecasts apart (the kind is in "
                       "'metadata.argmap')")
        elif node.kind == "inference":
            losses.add("inference's text and fields", "kept only in 'metadata.argmap'", "a SADFace inference has "
                       "a scheme name, no text of its own", plural="inferences' texts and fields")
    for rel in amap.relations:
        if rel.type in ("condition", "requires"):
            losses.add(f"'{rel.type}' relation", "written as an inference", f"SADFace has no {rel.type} relation "
                       "(the type is in 'metadata.argmap')")
    losses.add("scenario", "kept only in 'metadata.argmap'", "SADFace has no scenarios", n=len(amap.scenarios))
    losses.add("ACH group", "kept only in 'metadata.argmap'", "SADFace has no competing hypotheses",
               n=len(amap.hypotheses))
    resources = []
    for source_id, loaded in doc.sources.items():
        if loaded.text is not None:
            resources.append({"id": source_id, "type": "text", "content": loaded.text,
                              "metadata": {"core": {"title": loaded.source.title}}})
    with_text = {resource["id"] for resource in resources}
    nodes = []
    models = {node.id: node for node in amap.nodes}
    for node in aif["nodes"]:
        model = models.get(node["nodeID"])
        item: dict[str, Any] = {"id": node["nodeID"], "type": _TYPES[node["type"]], "metadata": {"core": {}}}
        if node["type"] == "I":
            item["text"] = node["text"]
            item["sources"] = []
            for index, quote in enumerate(model.quotes if model is not None else []):
                source = quote.source or (amap.sources[0].id if len(amap.sources) == 1 else None)
                match = doc.matches.get((node["nodeID"], index))
                if source in with_text and match is not None:
                    item["sources"].append({"resource_id": source, "text": quote.text, "offset": match.start})
                else:
                    losses.add("quote", "kept only in 'metadata.argmap'", "its source text is not at hand")
        else:
            item["name"] = node.get("scheme") or ("support" if node["type"] == "RA" else "conflict")
            losses.add("quote", "kept only in 'metadata.argmap'", "a SADFace inference has no sources",
                       n=len(model.quotes) if model is not None else 0)
        if EXTENSION in node:
            item["metadata"][EXTENSION] = node[EXTENSION]
            if node["type"] != "I" and model is not None:  # an inference's text: SADFace names only its scheme
                item["metadata"][EXTENSION] = {**node[EXTENSION], "text": model.text}
        nodes.append(item)
    edges = []
    for edge in aif["edges"]:
        item = {"id": f"e{edge['edgeID']}", "source_id": edge["fromID"], "target_id": edge["toID"]}
        if EXTENSION in edge:
            item["metadata"] = {EXTENSION: edge[EXTENSION]}
        edges.append(item)
    core = {"version": "0.5", "title": amap.title}
    if amap.description:
        core["description"] = amap.description
    result = {"metadata": {"core": core, EXTENSION: aif[EXTENSION]}, "resources": resources, "nodes": nodes,
              "edges": edges}
    return Exported((json.dumps(result, ensure_ascii=False, indent=2) + "\n").encode(), losses.report())
