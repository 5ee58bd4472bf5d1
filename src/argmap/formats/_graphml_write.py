"""The GraphML exporter: a graph yEd and Gephi open, and that argmap imports back.

Each node carries its label, kind and position (from the Graphviz `dot` layout) as plain data keys (`label`,
`kind`, `x`, `y`: Gephi reads these) and as yEd node graphics (shape, colour, label, geometry); each edge its
relation type. The whole node or relation, as the map writes it, rides in an `argmap` key (JSON) so that nothing
is lost on the way back to argmap (docs/formats.md).
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from argmap.formats.interop import Exported, Losses, exported_sources
from argmap.io.canonical import to_authoring
from argmap.io.document import MapDocument
from argmap.model import ArgMap
from argmap.render.engine import quiet_stderr

_COLOURS = {"claim": "#DCE9F7", "evidence": "#E4F2DC", "inference": "#F2F2F2", "forecast": "#FBEBD3"}
_EDGE_COLOURS = {"supports": "#2E7D32", "attacks": "#C62828", "undercuts": "#EF6C00", "condition": "#6A1B9A",
                 "requires": "#455A64"}
_KEYS = (
    ("label", "node", "label", "string"), ("kind", "node", "kind", "string"), ("x", "node", "x", "double"),
    ("y", "node", "y", "double"), ("argmap", "node", "argmap", "string"), ("type", "edge", "type", "string"),
    ("eargmap", "edge", "argmap", "string"), ("gargmap", "graph", "argmap", "string"),
)


def positions(amap: ArgMap, *, capture_stderr: bool = True) -> dict[str, tuple[float, float]]:
    """Where Graphviz's `dot` puts each node (points, y down as yEd and Gephi expect); a grid without it. What
    Graphviz and Fontconfig print is kept off standard error, as when a diagram is rendered."""
    with quiet_stderr(capture_stderr):
        return _positions(amap)


def _positions(amap: ArgMap) -> dict[str, tuple[float, float]]:
    try:
        import pygraphviz

        graph = pygraphviz.AGraph(directed=True, rankdir="BT")
        for node in amap.nodes:
            graph.add_node(node.id, label=node.text[:60], shape="box", width=2.2, height=0.6)
        for rel in amap.relations:
            if rel.source in amap.by_id and rel.target in amap.by_id:
                graph.add_edge(rel.source, rel.target)
        graph.layout(prog="dot")
        found = {}
        for node in amap.nodes:
            x, y = (float(v) for v in str(graph.get_node(node.id).attr["pos"]).split(","))
            found[node.id] = (x, -y)
        top = min((y for _, y in found.values()), default=0.0)
        return {key: (x, y - top) for key, (x, y) in found.items()}
    except Exception:  # no Graphviz here: a plain grid keeps the file usable
        return {node.id: (200.0 * (i % 8), 120.0 * (i // 8)) for i, node in enumerate(amap.nodes)}


def write_graphml(doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> Exported:
    """The map as GraphML with yEd graphics and plain data keys."""
    amap = doc.map
    assert amap is not None
    data = to_authoring(amap)
    where = positions(amap, capture_stderr=capture_stderr)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">']
    for key, domain, name, kind in _KEYS:
        lines.append(f'  <key id="{key}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>')
    lines += ['  <key id="ng" for="node" yfiles.type="nodegraphics"/>',
              '  <key id="eg" for="edge" yfiles.type="edgegraphics"/>',
              '  <graph id="G" edgedefault="directed">']
    top = {key: value for key, value in data.items() if key not in ("nodes", "relations")}
    if top.get("sources"):
        top["sources"] = exported_sources(doc, top["sources"], options)
    lines.append(f'    <data key="gargmap">{escape(json.dumps(top, ensure_ascii=False))}</data>')
    for node, authored in zip(amap.nodes, data["nodes"], strict=True):
        x, y = where.get(node.id, (0.0, 0.0))
        shape = "roundrectangle" if node.kind == "inference" else "rectangle"
        lines += [f"    <node id={quoteattr(node.id)}>",
                  f"      <data key=\"label\">{escape(node.text)}</data>",
                  f"      <data key=\"kind\">{node.kind}</data>",
                  f"      <data key=\"x\">{x:.1f}</data>", f"      <data key=\"y\">{y:.1f}</data>",
                  f"      <data key=\"argmap\">{escape(json.dumps(authored, ensure_ascii=False))}</data>",
                  "      <data key=\"ng\"><y:ShapeNode>"
                  f"<y:Geometry x=\"{x:.1f}\" y=\"{y:.1f}\" width=\"160.0\" height=\"60.0\"/>"
                  f"<y:Fill color=\"{_COLOURS[node.kind]}\" transparent=\"false\"/>"
                  f"<y:NodeLabel autoSizePolicy=\"node_width\" configuration=\"CroppingLabel\">"
                  f"{escape(node.text)}</y:NodeLabel><y:Shape type=\"{shape}\"/></y:ShapeNode></data>",
                  "    </node>"]
    for index, (rel, authored) in enumerate(zip(amap.relations, data.get("relations", []), strict=True)):
        lines += [f"    <edge id=\"e{index}\" source={quoteattr(rel.source)} target={quoteattr(rel.target)}>",
                  f"      <data key=\"type\">{rel.type}</data>",
                  f"      <data key=\"eargmap\">{escape(json.dumps(authored, ensure_ascii=False))}</data>",
                  f"      <data key=\"eg\"><y:PolyLineEdge><y:LineStyle color=\"{_EDGE_COLOURS[rel.type]}\" "
                  f"type=\"{'dashed' if rel.type == 'undercuts' else 'line'}\" width=\"1.5\"/>"
                  "<y:Arrows source=\"none\" target=\"standard\"/>"
                  f"<y:EdgeLabel>{rel.type}</y:EdgeLabel></y:PolyLineEdge></data>",
                  "    </edge>"]
    lines += ["  </graph>", "</graphml>", ""]
    losses = Losses()
    losses.add("quote", "kept only in the 'argmap' data key", "GraphML viewers show labels, not sources",
               n=sum(len(node.quotes) for node in amap.nodes))
    losses.add("scenario", "kept only in the graph's 'argmap' data key", "GraphML has no scenarios",
               n=len(amap.scenarios))
    return Exported("\n".join(lines).encode(), losses.report())
