"""A map's summary: counts by kind and relation type, forecasts, and findings."""

from __future__ import annotations

from collections import Counter

from argmap.io.document import MapDocument
from argmap.model import NODE_KINDS, RELATION_TYPES


def summary_lines(doc: MapDocument) -> list[str]:
    """A few lines describing the map, for the terminal."""
    if doc.map is None:
        return [f"{doc.display_path}: does not load as a map"]
    amap = doc.map
    kinds: Counter[str] = Counter(node.kind for node in amap.nodes)
    types: Counter[str] = Counter(rel.type for rel in amap.relations)
    lines = [amap.title, f"  file: {doc.display_path}"]
    for source in amap.sources:
        lines.append(f"  source: {source.title}" + (f" ({source.author}, {source.date})" if source.author else ""))
    lines.append("  nodes: " + ", ".join(f"{kinds.get(k, 0)} {k}" for k in NODE_KINDS) + f" ({len(amap.nodes)})")
    lines.append("  relations: " + ", ".join(f"{types.get(t, 0)} {t}" for t in RELATION_TYPES)
                 + f" ({len(amap.relations)})")
    if amap.scenarios:
        lines.append(f"  scenarios: {', '.join(s.id for s in amap.scenarios)}")
    return lines
