"""The author's argument apart from the analyst's additions (`by: analyst` on nodes and relations)."""

from __future__ import annotations

from argmap.model import ArgMap


def has_additions(amap: ArgMap) -> bool:
    """Whether any node or relation is the analyst's."""
    return any(n.by == "analyst" for n in amap.nodes) or any(r.by == "analyst" for r in amap.relations)


def author_only(amap: ArgMap) -> ArgMap:
    """The map without the analyst's nodes and relations (and without relations touching a removed node);
    scenarios are kept, their references to removed nodes ignored as any unknown id is."""
    if not has_additions(amap):
        return amap
    nodes = [n for n in amap.nodes if n.by == "author"]
    kept = {n.id for n in nodes}
    relations = [r for r in amap.relations if r.by == "author" and r.source in kept and r.target in kept]
    copy = amap.model_copy(update={"nodes": nodes, "relations": relations})
    copy.invalidate()
    return copy
