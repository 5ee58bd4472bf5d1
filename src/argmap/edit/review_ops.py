"""Edits of drafted items (`argmap draft`, the explorer's review): add a draft; accept, merge, split a node; accept
or reverse a relation.

Each function takes the file's data and returns an `Outcome` (`argmap.edit.operations`): new data sharing every
unchanged part, or `EditError` saying why not. A merge or a split is one edit, so one undo takes it back.
"""

from __future__ import annotations

from typing import Any

from argmap.edit.operations import NODE_ORDER, Outcome, find_node, find_relation, node_ids, with_key
from argmap.errors import EditError, plural
from argmap.model import NODE_CLASSES, TOP_ORDER


def _nodes(data: dict[str, Any]) -> list[Any]:
    return list(data.get("nodes") or [])


def _relations(data: dict[str, Any]) -> list[Any]:
    return list(data.get("relations") or [])


def _quote_text(quote: Any) -> str:
    return quote if isinstance(quote, str) else str(quote.get("text", "")) if isinstance(quote, dict) else ""


def add_draft(data: dict[str, Any], nodes: list[dict[str, Any]], relations: list[dict[str, Any]],
              actors: dict[str, str], exclude: list[str] | None = None) -> Outcome:
    """Add drafted nodes and relations at the end of the map, declaring the actors not declared yet; `exclude`:
    lines to add to the map's `coverage: exclude` (headings, bylines)."""
    taken = set(node_ids(data))
    clash = [node["id"] for node in nodes if node["id"] in taken]
    if clash:
        raise EditError(f"node id '{clash[0]}' is in the map already")
    new = dict(data)
    declared = data.get("actors")
    missing = {k: v for k, v in actors.items() if not (isinstance(declared, dict | list) and k in declared)}
    if missing:
        value: Any = ([*declared, *missing] if isinstance(declared, list)
                      else {**(declared if isinstance(declared, dict) else {}), **missing})
        new = with_key(new, "actors", value, TOP_ORDER)
    if exclude:
        found = data.get("coverage")
        coverage: dict[str, Any] = found if isinstance(found, dict) else {}
        have = list(coverage.get("exclude") or [])
        added = [line for line in exclude if line not in have]
        if added:
            new = with_key(new, "coverage", with_key(coverage, "exclude", [*have, *added], ("exclude", "minimum")),
                           TOP_ORDER)
    new = with_key(new, "nodes", [*_nodes(data), *nodes], TOP_ORDER)
    if relations:
        new = with_key(new, "relations", [*_relations(data), *relations], TOP_ORDER)
    return Outcome(new, f"drafted {plural(len(nodes), 'node')} and {plural(len(relations), 'relation')}",
                   nodes[0]["id"] if nodes else None)


def _is_drafted(node: Any) -> bool:
    return isinstance(node, dict) and node.get("drafted") is True


def accept_node(data: dict[str, Any], node_id: str) -> Outcome:
    """Clear a node's draft mark. Its drafted relations keep theirs: each is reviewed on its own (a relation
    drafted from "but" or "however" is a guess of its own, whatever the analyst thinks of its two ends)."""
    index = find_node(data, node_id)
    nodes = _nodes(data)
    node = nodes[index]
    if not _is_drafted(node):
        raise EditError(f"node '{node_id}' is not drafted (nothing to accept)")
    nodes[index] = with_key(node, "drafted", None)
    return Outcome({**data, "nodes": nodes}, f"accepted {node_id}", node_id)


def accept_relation(data: dict[str, Any], source: str, rel_type: str, target: str) -> Outcome:
    """Clear the draft mark of the relation `source --type--> target`."""
    index = find_relation(data, source, rel_type, target)
    relations = _relations(data)
    if not _is_drafted(relations[index]):
        raise EditError(f"relation '{source} {rel_type} {target}' is not drafted (nothing to accept)", node=source)
    relations[index] = with_key(relations[index], "drafted", None)
    return Outcome({**data, "relations": relations}, f"accepted {source} {rel_type} {target}", source)


def reverse_relation(data: dict[str, Any], source: str, rel_type: str, target: str) -> Outcome:
    """Swap the ends of `source --type--> target` in place (its note, weight and marks stay), refused when the
    reversed relation is in the map already. Whether the reversed relation fits its ends' kinds is `argmap check`'s
    `relation_problems`, asked by the caller as for a new link."""
    index = find_relation(data, source, rel_type, target)
    relations = _relations(data)
    if any(isinstance(r, dict) and (r.get("source"), r.get("type"), r.get("target")) == (target, rel_type, source)
           for r in relations):
        raise EditError(f"'{target} {rel_type} {source}' is already in the map", node=target)
    relations[index] = {**relations[index], "source": target, "target": source}
    return Outcome({**data, "relations": relations}, f"reversed {source} {rel_type} {target}: now {target} "
                   f"{rel_type} {source}", target)


def _joined_quotes(first: dict[str, Any], second: dict[str, Any], text: str | None) -> list[Any]:
    """The quotes of a merge: the last of `first` and the first of `second` become one passage when the source
    `text` has them side by side (only white space between), else both are kept."""
    a, b = list(first.get("quotes") or []), list(second.get("quotes") or [])
    if a and b and text is not None:
        last, head = a[-1], b[0]
        same_source = (last.get("source") if isinstance(last, dict) else None) == \
            (head.get("source") if isinstance(head, dict) else None)
        start = last.get("start") if isinstance(last, dict) else None
        at = start if isinstance(start, int) else text.find(_quote_text(last))
        if same_source and at >= 0:
            end = at + len(_quote_text(last))
            gap_end = end + len(text[end:]) - len(text[end:].lstrip(" \t"))
            if text.startswith(_quote_text(head), gap_end):
                joined = text[at:gap_end + len(_quote_text(head))]
                if isinstance(last, dict):
                    merged: Any = {**last, "text": joined}
                    if "end" in merged:
                        merged["end"] = at + len(joined)
                else:
                    merged = joined
                return [*a[:-1], merged, *b[1:]]
    return [*a, *b]


def merge_nodes(data: dict[str, Any], node_id: str, other_id: str, *, text: str | None = None) -> Outcome:
    """Merge `other_id` into `node_id`: quotes joined (one passage when contiguous in the source `text`), the
    paraphrases joined, actors and tags united, the other's relations moved to the merged node (a relation that
    would join it to itself, or repeat one, is dropped), the other removed."""
    nodes = _nodes(data)
    index, other = find_node(data, node_id), find_node(data, other_id)
    if index == other:
        raise EditError("a node cannot be merged with itself")
    first, second = nodes[index], nodes[other]
    merged = dict(first)
    merged["quotes"] = _joined_quotes(first, second, text)
    if not merged["quotes"]:
        merged.pop("quotes")
    joined_text = " ".join(merged["quotes"][0].split()) if len(merged.get("quotes", [])) == 1 and \
        isinstance(merged["quotes"][0], str) else f"{first.get('text', '')} {second.get('text', '')}".strip()
    merged["text"] = joined_text
    for key in ("actors", "tags", "themes"):
        values = list(dict.fromkeys([*(first.get(key) or []), *(second.get(key) or [])]))
        merged = with_key(merged, key, values or None, NODE_ORDER)
    nodes[index] = merged
    del nodes[other]
    relations: list[Any] = []
    seen: set[tuple[Any, Any, Any]] = set()
    for rel in _relations(data):
        if isinstance(rel, dict):
            rel = {**rel, **{end: node_id for end in ("source", "target") if rel.get(end) == other_id}}
            ends = (rel.get("source"), rel.get("type"), rel.get("target"))
            if rel.get("source") == rel.get("target") or ends in seen:
                continue
            seen.add(ends)
        relations.append(rel)
    new = {**data, "nodes": nodes}
    if "relations" in data:
        new["relations"] = relations
    for scenario in data.get("scenarios") or []:
        if isinstance(scenario, dict) and any(other_id in (scenario.get(f) or {}) for f in ("assume",
                                                                                           "probabilities")):
            raise EditError(f"scenario '{scenario.get('id')}' names '{other_id}': change it before merging")
    return Outcome(new, f"merged {other_id} into {node_id}", node_id)


def split_node(data: dict[str, Any], node_id: str, at: int, new_id: str) -> Outcome:
    """Split a node's first quote at character `at` of its text: the node keeps the part before, a new node
    `new_id` (same kind, drafted, right after it) quotes the part after. Relations stay with the first part."""
    index = find_node(data, node_id)
    nodes = _nodes(data)
    node = nodes[index]
    quotes = list(node.get("quotes") or [])
    if not quotes:
        raise EditError(f"node '{node_id}' quotes nothing to split")
    quote = quotes[0]
    text = _quote_text(quote)
    head, tail = text[:at].rstrip(), text[at:].lstrip()
    if not head or not tail:
        raise EditError("split inside the quote: both parts must keep some words")
    if new_id in node_ids(data):
        raise EditError(f"node id '{new_id}' is in the map already")
    tail_start = at + (len(text[at:]) - len(text[at:].lstrip()))

    def part(value: str, offset: int) -> Any:
        if isinstance(quote, str):
            return value
        piece = {**quote, "text": value}
        if isinstance(quote.get("start"), int):
            piece["start"] = quote["start"] + offset
            piece["end"] = piece["start"] + len(value)
        return piece

    first = {**node, "quotes": [part(head, 0), *quotes[1:]], "text": head}
    second: dict[str, Any] = {"id": new_id, "kind": node.get("kind", "claim"), "text": tail,
                              "quotes": [part(tail, tail_start)]}
    for key in ("actors", "tags", "themes"):
        if node.get(key):
            second[key] = list(node[key])
    second["drafted"] = True
    if node.get("kind") == "forecast" and node.get("words") and node["words"].lower() in tail.lower():
        second["words"] = node["words"]
    nodes[index:index + 1] = [first, second]
    return Outcome({**data, "nodes": nodes}, f"split {node_id}: the rest is {new_id}", node_id)


def retype_node(data: dict[str, Any], node_id: str, kind: str, extra: dict[str, Any] | None = None) -> Outcome:
    """Give a node another kind, dropping the fields the new kind does not have (`extra`: fields to set, such as a
    forecast's `words`)."""
    if kind not in NODE_CLASSES:
        raise EditError(f"unknown kind '{kind}' (expected {', '.join(NODE_CLASSES)})")
    index = find_node(data, node_id)
    nodes = _nodes(data)
    node = nodes[index]
    allowed = NODE_CLASSES[kind].model_fields
    dropped = [key for key in node if key not in allowed]
    new_node = {key: value for key, value in node.items() if key in allowed}
    new_node["kind"] = kind
    for key, value in (extra or {}).items():
        new_node = with_key(new_node, key, value, NODE_ORDER)
    nodes[index] = new_node
    lost = f" (dropped {', '.join(dropped)})" if dropped else ""
    return Outcome({**data, "nodes": nodes}, f"retyped {node_id} as {kind}{lost}", node_id)
