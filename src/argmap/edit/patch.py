"""The document after an edit, without loading the whole file again: nodes and relations the edit kept are reused,
the changed ones are validated (and their quotes placed) on their own. A 10,000-node map takes seconds to load and
milliseconds to patch.

The map's own fields that loading does nothing more with (title, description, the vocabularies, rules, ACH groups)
are validated afresh when they change, so editing them costs no load either. `patch_document` gives up (returns
None, and the caller loads the text) whenever the shortcut could differ from a full load: the old document had load
diagnostics below what changed, another top-level field changed (sources, which place the quotes), or a changed
part does not validate.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from argmap.edit.matching import match
from argmap.io.document import MapDocument, default_source, place_quotes
from argmap.model import ArgMap
from argmap.model.adapters import NODE_ADAPTER, RELATION_ADAPTER, SCENARIO_ADAPTER

_ADAPTERS = {"nodes": NODE_ADAPTER, "relations": RELATION_ADAPTER, "scenarios": SCENARIO_ADAPTER}
_PATCHED = ("nodes", "relations", "scenarios")
#: Top-level fields validated on their own when they change: loading derives nothing else from them.
_HEAD = ("title", "description", "tags", "actors", "themes", "rules", "hypotheses")


def _patched_list(old_raw: list[Any], new_raw: list[Any], old_models: list[Any], adapter: TypeAdapter[Any]
                  ) -> tuple[list[Any], set[int]] | None:
    """The models of `new_raw`, reusing those of items kept from `old_raw`; and the indices validated afresh."""
    if len(old_raw) != len(old_models):
        return None
    models: list[Any] = []
    fresh: set[int] = set()
    position = 0
    for _tag, i1, i2, j1, j2 in [*match(old_raw, new_raw), ("end", len(old_raw), len(old_raw), len(new_raw),
                                                             len(new_raw))]:
        models.extend(old_models[position:i1])
        for j in range(j1, j2):
            try:
                models.append(adapter.validate_python(new_raw[j]))
            except ValidationError:
                return None
            fresh.add(j)
        position = i2
    return models, fresh


def patch_document(doc: MapDocument, old: dict[str, Any], new: dict[str, Any], text: str) -> MapDocument | None:
    """The document of `text` (which reads as `new`), built from `doc` (which read as `old`), or None."""
    if doc.map is None:
        return None
    head = [key for key in _HEAD if (key in old) != (key in new)
            or (key in old and old[key] is not new[key] and old[key] != new[key])]
    fixed = {*_PATCHED, *head}
    if set(old) - fixed != set(new) - fixed or any(
            old[key] is not new[key] and old[key] != new[key] for key in old if key not in fixed):
        return None
    # Findings of the load (a missing source text) carry over when they are about a part of the file above every
    # patched part: that part is unchanged and its lines have not moved.
    order = list(old)
    first = min((order.index(key) for key in fixed if key in order), default=len(order))
    if any(key not in old for key in head):
        first = 0  # a new top-level key: where its lines went is not known here
    if any(not diag.loc or diag.loc[0] not in order[:first] or not diag.line for diag in doc.diagnostics):
        return None
    update: dict[str, Any] = {}
    if head:
        try:
            fields = ArgMap.model_validate({"title": new.get("title"), **{k: new[k] for k in head if k in new}})
        except ValidationError:
            return None
        update = {key: getattr(fields, key) for key in head}
    lists: dict[str, tuple[list[Any], set[int]]] = {}
    for key, adapter in _ADAPTERS.items():
        old_raw, new_raw = old.get(key) or [], new.get(key) or []
        if not isinstance(old_raw, list) or not isinstance(new_raw, list):
            return None
        patched = _patched_list(old_raw, new_raw, getattr(doc.map, key), adapter)
        if patched is None:
            return None
        lists[key] = patched
    nodes, fresh_nodes = lists["nodes"]
    amap = doc.map.model_copy(update={**update, **{key: models for key, (models, _) in lists.items()}})
    amap.invalidate()
    result = MapDocument(doc.path, text, doc.format, data=new if doc.data is not None else None, map=amap,
                         sources=doc.sources, diagnostics=list(doc.diagnostics))
    for index, node in enumerate(nodes):
        result.node_index.setdefault(node.id, index)
    only = default_source(result)
    for index, node in enumerate(nodes):
        if index in fresh_nodes:
            place_quotes(result, node, only)
        else:
            for qi in range(len(node.quotes)):
                result.matches[(node.id, qi)] = doc.matches.get((node.id, qi))
    return result
