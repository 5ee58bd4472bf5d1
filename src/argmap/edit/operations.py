"""Edits of a map's data, as the file holds it: each function takes the data and returns an `Outcome` with new
data that shares every unchanged part (nothing is copied deeply, nothing is changed in place), or raises
`EditError` saying what is wrong and what to do.

Values are written as given (a quote stays a string, a probability left out stays out); a value of None removes
the field. A node that was valid stays valid: an edit that would break it is refused with the reason.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from argmap.edit.ach_ops import renamed_in_ach
from argmap.errors import EditError, plural, suggest
from argmap.io.schema_errors import diagnostics_from
from argmap.model import NODE_CLASSES, RELATION_TYPES, TOP_ORDER, VOCABULARIES, ArgMap, NodeBase, Relation
from argmap.model.adapters import NODE_ADAPTER, RELATION_ADAPTER
from argmap.model.base import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)

NODE_ORDER = ("id", "kind", "text", "quotes", "tags", "actors", "themes", "note")
RELATION_ORDER = ("source", "target", "type", "note", "weight")
_DERIVED = {"probability_basis"}


@dataclass
class Outcome:
    """What an edit did: the new data, a one-line summary, the node to show next (`focus`), what it removed, and
    the node it was about (`subject`: the removed node, for a removal)."""

    data: dict[str, Any]
    summary: str
    focus: str | None = None
    removed: list[dict[str, Any]] = field(default_factory=list)
    subject: str | None = None

    def __post_init__(self) -> None:
        if self.subject is None:
            self.subject = self.focus


# -- helpers ------------------------------------------------------------------------------------------------------

def _order_for(model: type[BaseModel] | None, first: Sequence[str] = ()) -> list[str]:
    names = list(first)
    if model is not None:
        names += [name for name in model.model_fields if name not in names]
    return names


def with_key(mapping: dict[str, Any], key: str, value: Any, order: Sequence[str] = ()) -> dict[str, Any]:
    """A copy of `mapping` with `key` set (None removes it). A new key goes after the last key that `order` puts
    before it (or before the first that `order` puts after it), else at the end."""
    if value is None:
        return {k: v for k, v in mapping.items() if k != key}
    if key in mapping:
        return {k: (value if k == key else v) for k, v in mapping.items()}
    rank = {name: i for i, name in enumerate(order)}
    items = list(mapping.items())
    position = len(items)
    if key in rank:
        before = [i for i, (k, _) in enumerate(items) if k in rank and rank[k] < rank[key]]
        after = [i for i, (k, _) in enumerate(items) if k in rank and rank[k] > rank[key]]
        if before:
            position = before[-1] + 1
        elif after:
            position = after[0]
    items.insert(position, (key, value))
    return dict(items)


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def node_ids(data: dict[str, Any]) -> list[str]:
    """The ids of the nodes, in file order."""
    return [n["id"] for n in _list(data, "nodes") if isinstance(n, dict) and isinstance(n.get("id"), str)]


def find_node(data: dict[str, Any], node_id: str) -> int:
    """The index of a node, or EditError naming the closest id."""
    for index, item in enumerate(_list(data, "nodes")):
        if isinstance(item, dict) and item.get("id") == node_id:
            return index
    raise EditError(f"no node '{node_id}'{suggest(node_id, node_ids(data))}", node=node_id)


def _check_slug(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise EditError(f"'{value}' is not a valid {what}: use lower-case letters, digits, '-', '_' or '.', "
                        "starting with a letter or digit")
    return value


def _first_error(exc: ValidationError, node_id: str | None = None) -> str:
    diagnostics = diagnostics_from(exc, "map")
    if not diagnostics:
        return str(exc)
    first = diagnostics[0]
    where = ".".join(str(step) for step in first.loc)
    message = first.message
    return message if not where or message.startswith(where.split(".")[-1]) else f"{where}: {message}"


def _valid(item: Any, adapter: TypeAdapter[Any]) -> ValidationError | None:
    try:
        adapter.validate_python(item)
    except ValidationError as exc:
        return exc
    return None


def _replace_node(data: dict[str, Any], index: int, node: dict[str, Any]) -> dict[str, Any]:
    nodes = list(data["nodes"])
    nodes[index] = node
    return {**data, "nodes": nodes}


def _model_of(node: dict[str, Any]) -> type[NodeBase] | None:
    kind = node.get("kind")
    return NODE_CLASSES.get(kind) if isinstance(kind, str) else None


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [inner for arg in typing.get_args(annotation) for inner in _unwrap(arg)]
    return [annotation]


def field_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model of a nested field (`resolution` -> Resolution), if it is one."""
    info = model.model_fields.get(name)
    if info is None:
        return None
    for candidate in _unwrap(info.annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def is_text_field(model: type[BaseModel] | None, path: Sequence[str]) -> bool:
    """Whether the field at `path` holds free text (so a value like `2014` or `yes` is meant as words)."""
    current = model
    for step in path[:-1]:
        current = field_model(current, step) if current is not None else None
    if current is None:
        return False
    info = current.model_fields.get(path[-1])
    return info is not None and str in _unwrap(info.annotation) and not any(
        typing.get_origin(a) is list for a in _unwrap(info.annotation))


def node_fields(node: dict[str, Any]) -> list[str]:
    """The fields a node of this kind may have."""
    model = _model_of(node)
    models = [model] if model else list(NODE_CLASSES.values())
    names: list[str] = []
    for cls in models:
        names += [name for name in _order_for(cls, NODE_ORDER) if name not in names and name not in _DERIVED]
    return names


# -- nodes --------------------------------------------------------------------------------------------------------

def set_field(data: dict[str, Any], node_id: str, path: str | Sequence[str], value: Any) -> Outcome:
    """Set a node's field; `path` may go into nested fields (`resolution.outcome`) and list items
    (`signposts.0`). None removes the field. `id` renames the node (and its relations and scenario entries)."""
    steps = path.split(".") if isinstance(path, str) else list(path)
    if not steps or not all(steps):
        raise EditError(f"bad field '{path}': give FIELD or FIELD.SUBFIELD", node=node_id)
    index = find_node(data, node_id)
    node = data["nodes"][index]
    if steps == ["id"]:
        return rename_node(data, node_id, value)
    allowed = node_fields(node)
    if steps[0] not in allowed:
        kind = str(node.get("kind", "node"))
        article = "an" if kind[:1] in "aeiou" else "a"
        raise EditError(f"{article} {kind} has no field '{steps[0]}'{suggest(steps[0], allowed)} (fields: "
                        f"{', '.join(allowed)})", node=node_id, field=steps[0])
    model = _model_of(node)
    new_node = _set_path(node, steps, value, model, node_id)
    old_error = _valid(node, NODE_ADAPTER)
    error = _valid(new_node, NODE_ADAPTER)
    if error is not None and old_error is None:
        raise EditError(f"node '{node_id}': {_first_error(error)}", node=node_id, field=".".join(steps))
    dotted = ".".join(steps)
    before = _get_path(node, steps)
    summary = (f"removed {node_id}.{dotted}" if value is None
               else f"set {node_id}.{dotted}: {_short(before)} -> {_short(value)}")
    return Outcome(_replace_node(data, index, new_node), summary, node_id)


def _get_path(value: Any, steps: Sequence[str]) -> Any:
    for step in steps:
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            return None
    return value


def _set_path(container: Any, steps: Sequence[str], value: Any, model: type[BaseModel] | None,
              node_id: str) -> Any:
    step, rest = steps[0], steps[1:]
    if isinstance(container, list):
        if not step.isdigit() or int(step) >= len(container):
            raise EditError(f"no item {step} in this list (it has {len(container)}; count from 0)", node=node_id)
        items = list(container)
        if rest:
            items[int(step)] = _set_path(items[int(step)], rest, value, model, node_id)
        elif value is None:
            del items[int(step)]
        else:
            items[int(step)] = value
        return items
    if not isinstance(container, dict):
        raise EditError(f"'{step}' is inside a value that is not a mapping", node=node_id, field=step)
    if model is not None and step not in model.model_fields and not step.isdigit():
        allowed = [name for name in model.model_fields if name not in _DERIVED]
        raise EditError(f"no field '{step}' here{suggest(step, allowed)} (fields: {', '.join(allowed)})",
                        node=node_id, field=step)
    order = _order_for(model, NODE_ORDER if model is not None and issubclass(model, NodeBase) else ())
    if not rest:
        return with_key(container, step, value, order)
    inner = container.get(step)
    if inner is None:
        inner = {} if not rest[0].isdigit() else []
    child_model = field_model(model, step) if model is not None else None
    new_inner = _set_path(inner, rest, value, child_model, node_id)
    return with_key(container, step, new_inner if new_inner != {} else None, order)


def _short(value: Any) -> str:
    text = "(none)" if value is None else repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def add_node(data: dict[str, Any], node: dict[str, Any], *, after: str | None = None) -> Outcome:
    """Add a node at the end of `nodes` (or just after node `after`). It must be valid and its id unused."""
    node_id = _check_slug(node.get("id"), "node id")
    if node_id in node_ids(data):
        raise EditError(f"a node '{node_id}' already exists; choose another id", node=node_id, field="id")
    kind = node.get("kind")
    if kind not in NODE_CLASSES:
        raise EditError(f"unknown kind '{kind}' (expected {', '.join(NODE_CLASSES)}{suggest(str(kind), NODE_CLASSES)})",
                        node=node_id, field="kind")
    model = NODE_CLASSES[str(kind)]
    rank = {name: i for i, name in enumerate(_order_for(model, NODE_ORDER))}
    ordered = dict(sorted(((k, v) for k, v in node.items() if v is not None), key=lambda kv: rank.get(kv[0], 99)))
    error = _valid(ordered, NODE_ADAPTER)
    if error is not None:
        raise EditError(f"new node '{node_id}': {_first_error(error)}", node=node_id)
    nodes = list(_list(data, "nodes"))
    position = find_node(data, after) + 1 if after is not None else len(nodes)
    nodes.insert(position, ordered)
    return Outcome(with_key(data, "nodes", nodes, TOP_ORDER), f"added {kind} '{node_id}'", node_id)


def remove_node(data: dict[str, Any], node_id: str) -> Outcome:
    """Remove a node with every relation that names it and its scenario entries; `removed` lists the relations
    (and scenario entries, as {scenario, field, node})."""
    index = find_node(data, node_id)
    nodes = list(data["nodes"])
    node = nodes.pop(index)
    relations = _list(data, "relations")
    kept: list[Any] = []
    removed: list[dict[str, Any]] = []
    for rel in relations:
        (removed if isinstance(rel, dict) and node_id in (rel.get("source"), rel.get("target")) else kept).append(rel)
    new = {**data, "nodes": nodes}
    if len(kept) != len(relations):
        new["relations"] = kept
    scenarios, scenario_removed = _scenarios_without(data, node_id)
    if scenario_removed:
        new["scenarios"] = scenarios
        removed += scenario_removed
    focus = None
    if nodes:
        neighbour = nodes[min(index, len(nodes) - 1)]
        focus = neighbour.get("id") if isinstance(neighbour, dict) else None
    relation_count = len(relations) - len(kept)
    extra = f" and {plural(relation_count, 'relation')}" if relation_count else ""
    extra += f" and {plural(len(scenario_removed), 'scenario entry', 'scenario entries')}" if scenario_removed else ""
    emptied = [str(s.get("id")) for s in scenarios if isinstance(s, dict) and not s.get("assume")
               and not s.get("probabilities") and any(e["scenario"] == s.get("id") for e in scenario_removed)]
    for name in emptied:
        extra += (f"; scenario '{name}' now assumes nothing and sets no probability (it reads as the baseline): "
                  "give it an assumption or remove it")
    return Outcome(new, f"removed {node.get('kind', 'node')} '{node_id}'{extra}", focus, removed, node_id)


def _scenarios_without(data: dict[str, Any], node_id: str) -> tuple[list[Any], list[dict[str, Any]]]:
    removed: list[dict[str, Any]] = []
    out: list[Any] = []
    for scenario in _list(data, "scenarios"):
        if not isinstance(scenario, dict):
            out.append(scenario)
            continue
        changed = scenario
        for field_name in ("assume", "probabilities"):
            entries = changed.get(field_name)
            if isinstance(entries, dict) and node_id in entries:
                removed.append({"scenario": scenario.get("id"), "field": field_name, "node": node_id,
                                "value": entries[node_id]})
                changed = with_key(changed, field_name, {k: v for k, v in entries.items() if k != node_id} or None)
        out.append(changed)
    return out, removed


def rename_node(data: dict[str, Any], old: str, new: Any) -> Outcome:
    """Change a node's id, and every relation and scenario entry that names it."""
    index = find_node(data, old)
    new_id = _check_slug(new, "node id")
    if new_id == old:
        raise EditError(f"node '{old}' already has that id", node=old, field="id")
    if new_id in node_ids(data):
        raise EditError(f"a node '{new_id}' already exists; choose another id", node=old, field="id")
    result = _replace_node(data, index, with_key(data["nodes"][index], "id", new_id))
    relations = _list(data, "relations")
    renamed = [
        {k: (new_id if k in ("source", "target") and v == old else v) for k, v in r.items()}
        if isinstance(r, dict) and old in (r.get("source"), r.get("target")) else r
        for r in relations
    ]
    if any(a is not b for a, b in zip(relations, renamed, strict=True)):
        result["relations"] = renamed
    scenarios = []
    changed = False
    for scenario in _list(data, "scenarios"):
        updated = scenario
        for field_name in ("assume", "probabilities"):
            entries = updated.get(field_name) if isinstance(updated, dict) else None
            if isinstance(entries, dict) and old in entries:
                updated = with_key(updated, field_name, {(new_id if k == old else k): v for k, v in entries.items()})
                changed = True
        scenarios.append(updated)
    if changed:
        result["scenarios"] = scenarios
    groups = renamed_in_ach(data, old, new_id)
    if groups is not None:
        result["hypotheses"] = groups
    count = sum(a is not b for a, b in zip(relations, renamed, strict=True))
    return Outcome(result, f"renamed '{old}' to '{new_id}' ({plural(count, 'relation')} updated)", new_id)


# -- relations ----------------------------------------------------------------------------------------------------

def _relation_type(value: str) -> str:
    if value not in RELATION_TYPES:
        raise EditError(f"unknown relation type '{value}' (expected {', '.join(RELATION_TYPES)}"
                        f"{suggest(value, RELATION_TYPES)})")
    return value


def find_relation(data: dict[str, Any], source: str, rel_type: str, target: str) -> int:
    """The index of a relation, or EditError listing the relations the source does have."""
    for index, rel in enumerate(_list(data, "relations")):
        if isinstance(rel, dict) and (rel.get("source"), rel.get("type"), rel.get("target")) == (source, rel_type,
                                                                                                 target):
            return index
    find_node(data, source)
    find_node(data, target)
    have = [f"{r.get('source')} {r.get('type')} {r.get('target')}" for r in _list(data, "relations")
            if isinstance(r, dict) and source in (r.get("source"), r.get("target"))]
    listing = f"; '{source}' has: {', '.join(have[:6])}" if have else f"; '{source}' has no relation"
    raise EditError(f"no relation '{source} {rel_type} {target}'{listing}", node=source)


def _refuse_duplicate(data: dict[str, Any], source: str, rel_type: str, target: str) -> None:
    for rel in _list(data, "relations"):
        if isinstance(rel, dict) and (rel.get("source"), rel.get("type"), rel.get("target")) == (source, rel_type,
                                                                                                 target):
            raise EditError(f"'{source} {rel_type} {target}' is already in the map", node=source)


def add_relation(data: dict[str, Any], source: str, rel_type: str, target: str, **extra: Any) -> Outcome:
    """Add `source --type--> target` (with optional note and weight) at the end of `relations`."""
    find_node(data, source)
    find_node(data, target)
    _relation_type(rel_type)
    if source == target:
        raise EditError(f"a relation links two different nodes, not '{source}' to itself", node=source)
    _refuse_duplicate(data, source, rel_type, target)
    relation = {"source": source, "target": target, "type": rel_type,
                **{k: v for k, v in extra.items() if v is not None}}
    error = _valid(relation, RELATION_ADAPTER)
    if error is not None:
        raise EditError(f"relation: {_first_error(error)}", node=source)
    relations = [*_list(data, "relations"), relation]
    return Outcome(with_key(data, "relations", relations, TOP_ORDER), f"linked {source} {rel_type} {target}",
                   source)


def remove_relation(data: dict[str, Any], source: str, rel_type: str, target: str) -> Outcome:
    """Remove the relation `source --type--> target`."""
    index = find_relation(data, source, rel_type, target)
    relations = list(data["relations"])
    removed = relations.pop(index)
    return Outcome({**data, "relations": relations}, f"unlinked {source} {rel_type} {target}", source, [removed])


def retype_relation(data: dict[str, Any], source: str, old_type: str, target: str, new_type: str) -> Outcome:
    """Change the type of `source --old--> target` to `new`."""
    index = find_relation(data, source, old_type, target)
    _relation_type(new_type)
    if new_type == old_type:
        raise EditError(f"'{source} {old_type} {target}' already has that type", node=source)
    _refuse_duplicate(data, source, new_type, target)
    return set_relation_field(data, source, old_type, target, "type", new_type, index=index)


def set_relation_field(data: dict[str, Any], source: str, rel_type: str, target: str, name: str, value: Any, *,
                       index: int | None = None) -> Outcome:
    """Set a relation's `type`, `note` or `weight` (None removes note and weight)."""
    if index is None:
        index = find_relation(data, source, rel_type, target)
    if name not in Relation.model_fields:
        raise EditError(f"a relation has no field '{name}'{suggest(name, Relation.model_fields)}", node=source)
    relations = list(data["relations"])
    updated = with_key(relations[index], name, value, RELATION_ORDER)
    error = _valid(updated, RELATION_ADAPTER)
    if error is not None:
        raise EditError(f"relation: {_first_error(error)}", node=source)
    relations[index] = updated
    summary = (f"retyped {source} {rel_type} {target} as {value}" if name == "type"
               else f"set {name} of {source} {rel_type} {target}: {_short(value)}")
    return Outcome({**data, "relations": relations}, summary, source)


# -- the map itself -----------------------------------------------------------------------------------------------

def set_map_field(data: dict[str, Any], name: str, value: Any) -> Outcome:
    """Set a top-level field of the map (title, description, sources, tags, actors, themes)."""
    if name in ("nodes", "relations", "scenarios", "argmap") or name not in ArgMap.model_fields:
        allowed = [n for n in ArgMap.model_fields if n not in ("nodes", "relations", "scenarios", "argmap")]
        raise EditError(f"the map has no field '{name}' to set here{suggest(name, allowed)}; fields: "
                        f"{', '.join(allowed)}", field=name)
    new = with_key(data, name, value, TOP_ORDER)
    head = {k: v for k, v in new.items() if k not in ("nodes", "relations", "scenarios")}
    try:
        ArgMap.model_validate(head)
    except ValidationError as exc:
        raise EditError(_first_error(exc), field=name) from None
    return Outcome(new, f"set {name}: {_short(value)}")


def declare(data: dict[str, Any], vocabulary: str, item_id: str, label: str | None = None) -> Outcome:
    """Declare a tag, actor or theme (`vocabulary` is tags, actors or themes)."""
    if vocabulary not in VOCABULARIES:
        raise EditError(f"'{vocabulary}' is not a vocabulary (expected {', '.join(VOCABULARIES)})")
    _check_slug(item_id, vocabulary[:-1] + " id")
    current = data.get(vocabulary)
    if isinstance(current, list):
        if item_id in current:
            raise EditError(f"{vocabulary[:-1]} '{item_id}' is already declared")
        value: Any = [*current, item_id]
    else:
        entries = current if isinstance(current, dict) else {}
        if item_id in entries:
            raise EditError(f"{vocabulary[:-1]} '{item_id}' is already declared")
        value = {**entries, item_id: label or item_id}
    return Outcome(with_key(data, vocabulary, value, TOP_ORDER), f"declared {vocabulary[:-1]} '{item_id}'")
