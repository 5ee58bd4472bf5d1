"""Replace a node with a new version in one edit (what the explorer's form saves): changed fields are set in
place, removed ones dropped, new ones added in the format's order; a new id renames the node everywhere; new
tags, actors and themes can be declared in the same edit, so one undo takes it all back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from argmap.edit import operations as edit_ops
from argmap.edit.operations import NODE_ORDER, Outcome, with_key
from argmap.errors import EditError
from argmap.model import NODE_CLASSES
from argmap.model.adapters import NODE_ADAPTER


def update_node(data: dict[str, Any], node_id: str, node: dict[str, Any], *,
                declare: Iterable[tuple[str, str]] = ()) -> Outcome:
    """The data with node `node_id` replaced by `node` (a dict as the file would hold it). Values equal to the
    old ones keep the old objects (so their text is not rewritten); `declare` lists (vocabulary, id) pairs to
    declare first."""
    renamed: list[str] = []
    declare = _undeclared(data, declare)
    for vocabulary, item_id in declare:
        data = edit_ops.declare(data, vocabulary, item_id).data
    new_id = node.get("id", node_id)
    if new_id != node_id:
        data = edit_ops.rename_node(data, node_id, new_id).data
        renamed.append(f"renamed to '{new_id}'")
    index = edit_ops.find_node(data, new_id)
    old = data["nodes"][index]
    kind = node.get("kind", old.get("kind"))
    model = NODE_CLASSES.get(str(kind))
    order = edit_ops._order_for(model, NODE_ORDER)
    merged = dict(old)
    changed: list[str] = []
    for key in list(old):
        if key not in node and old[key] is not None:
            merged = with_key(merged, key, None, order)
            changed.append(key)
    for key, value in node.items():
        if key == "id" or _same(old.get(key), value):
            continue
        merged = with_key(merged, key, value, order)
        changed.append(key)
    error = edit_ops._valid(merged, NODE_ADAPTER)
    if error is not None:
        raise EditError(f"node '{new_id}': {edit_ops._first_error(error)}", node=new_id)
    if not changed and not renamed and not declare:
        raise EditError(f"node '{node_id}': nothing changed", node=node_id)
    nodes = list(data["nodes"])
    nodes[index] = merged
    parts = renamed + ([f"{', '.join(changed)}"] if changed else [])
    return Outcome({**data, "nodes": nodes}, f"edited '{new_id}': {'; '.join(parts)}", new_id)


def _same(old: Any, new: Any) -> bool:
    """Equal as data, ignoring keys set to None (a `stated: null` the form leaves out is no change)."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = {k for k, v in old.items() if v is not None} | {k for k, v in new.items() if v is not None}
        return all(_same(old.get(k), new.get(k)) for k in keys)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, str) and isinstance(new, dict):
        return new == {"text": old}
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    return bool(old == new)


def add_node(data: dict[str, Any], node: dict[str, Any], *, after: str | None = None,
             declare: Iterable[tuple[str, str]] = ()) -> Outcome:
    """`edit_ops.add_node`, declaring the (vocabulary, id) pairs of `declare` in the same edit."""
    declared = _undeclared(data, declare)
    for vocabulary, item_id in declared:
        data = edit_ops.declare(data, vocabulary, item_id).data
    outcome = edit_ops.add_node(data, node, after=after)
    if declared:
        outcome.summary += f" (declared {', '.join(item for _v, item in declared)})"
    return outcome


def _undeclared(data: dict[str, Any], pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (vocabulary, id) pairs not declared yet (each once)."""
    found: list[tuple[str, str]] = []
    for vocabulary, item_id in pairs:
        if item_id not in (data.get(vocabulary) or ()) and (vocabulary, item_id) not in found:
            found.append((vocabulary, item_id))
    return found
