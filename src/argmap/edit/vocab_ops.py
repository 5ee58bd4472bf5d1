"""Edits of a map's vocabularies (`tags`, `actors`, `themes`), as the file holds them: change an entry's label,
rename an entry everywhere the nodes use it, remove an entry (a used one only when forced: it then goes from the
nodes too), remove every unused entry. Declaring one is `argmap.edit.operations.declare`.

A vocabulary is written as a mapping (`{army: Army}`) or a list of ids (`[army]`); each edit keeps the form,
except that giving a listed entry a label turns the list into a mapping. Like `argmap.edit.operations`, each
function returns an `Outcome` sharing every unchanged part, or raises `EditError`.
"""

from __future__ import annotations

from typing import Any

from argmap.edit.operations import Outcome, _check_slug, _list, with_key
from argmap.errors import EditError, plural, suggest
from argmap.model import TOP_ORDER, VOCABULARIES


def _vocabulary(vocabulary: str) -> str:
    if vocabulary not in VOCABULARIES:
        raise EditError(f"'{vocabulary}' is not a vocabulary (expected {', '.join(VOCABULARIES)})"
                        f"{suggest(vocabulary, VOCABULARIES)}")
    return vocabulary


def entries(data: dict[str, Any], vocabulary: str) -> list[str]:
    """The ids a vocabulary declares, in file order."""
    current = data.get(_vocabulary(vocabulary))
    if isinstance(current, dict):
        return [str(key) for key in current]
    return [str(item) for item in current] if isinstance(current, list) else []


def _find(data: dict[str, Any], vocabulary: str, item: str) -> None:
    declared = entries(data, vocabulary)
    if item not in declared:
        listed = f" ({vocabulary}: {', '.join(declared[:10])}{', ...' if len(declared) > 10 else ''})" \
            if declared else f"; the map declares no {vocabulary}"
        raise EditError(f"no {vocabulary[:-1]} '{item}'{suggest(item, declared)}{listed}",
                        loc=(vocabulary,) if declared else None)


def users(data: dict[str, Any], vocabulary: str, item: str) -> list[str]:
    """The ids of the nodes that use an entry (a tag in their `tags`...), in file order."""
    found = []
    for node in _list(data, "nodes"):
        values = node.get(vocabulary) if isinstance(node, dict) else None
        if isinstance(values, list) and item in values:
            found.append(str(node.get("id")))
    return found


def _nodes_with(data: dict[str, Any], vocabulary: str, old: str, new: str | None) -> tuple[list[Any], int]:
    """The nodes with entry `old` replaced by `new` (None: taken out), and how many changed."""
    count = 0
    out: list[Any] = []
    for node in _list(data, "nodes"):
        values = node.get(vocabulary) if isinstance(node, dict) else None
        if isinstance(values, list) and old in values:
            count += 1
            kept = [v for v in values if v != old] if new is None else \
                list(dict.fromkeys(new if v == old else v for v in values))
            node = with_key(node, vocabulary, kept or None)
        out.append(node)
    return out, count


def relabel(data: dict[str, Any], vocabulary: str, item: str, label: str) -> Outcome:
    """Give an entry a new label (its meaning or name)."""
    _find(data, vocabulary, item)
    if not isinstance(label, str) or not label.strip():
        raise EditError(f"give {vocabulary[:-1]} '{item}' a label (its meaning or name)")
    current = data[vocabulary]
    value = {**current, item: label} if isinstance(current, dict) else \
        {entry: (label if entry == item else entry) for entry in current}
    return Outcome({**data, vocabulary: value}, f"labelled {vocabulary[:-1]} '{item}' {label!r}")


def rename_entry(data: dict[str, Any], vocabulary: str, old: str, new: Any) -> Outcome:
    """Change an entry's id in the declaration (keeping its label and place) and in every node using it."""
    _find(data, vocabulary, old)
    new_id = _check_slug(new, vocabulary[:-1] + " id")
    if new_id == old:
        raise EditError(f"{vocabulary[:-1]} '{old}' already has that id")
    if new_id in entries(data, vocabulary):
        article = "an" if vocabulary == "actors" else "a"
        raise EditError(f"{article} {vocabulary[:-1]} '{new_id}' is already declared; choose another id (or "
                        f"remove '{old}' from the nodes and then the vocabulary)", loc=(vocabulary,))
    current = data[vocabulary]
    value: Any = {(new_id if k == old else k): v for k, v in current.items()} if isinstance(current, dict) else \
        [new_id if v == old else v for v in current]
    nodes, count = _nodes_with(data, vocabulary, old, new_id)
    result = {**data, vocabulary: value}
    if count:
        result["nodes"] = nodes
    return Outcome(result, f"renamed {vocabulary[:-1]} '{old}' to '{new_id}' ({plural(count, 'node')} updated)")


def remove_entry(data: dict[str, Any], vocabulary: str, item: str, *, force: bool = False) -> Outcome:
    """Remove an entry from its vocabulary. A used one is refused, naming the nodes, unless `force`: it is then
    taken out of those nodes too (`removed` lists them as {node, vocabulary, value})."""
    _find(data, vocabulary, item)
    using = users(data, vocabulary, item)
    if using and not force:
        listed = ", ".join(using[:8]) + (", ..." if len(using) > 8 else "")
        raise EditError(f"{vocabulary[:-1]} '{item}' is used by {plural(len(using), 'node')} ({listed}); take it "
                        "off them first, or force the removal (argmap edit --force) to take it off them too",
                        loc=(vocabulary,))
    current = data[vocabulary]
    value: Any = {k: v for k, v in current.items() if k != item} if isinstance(current, dict) else \
        [v for v in current if v != item]
    result = with_key(data, vocabulary, value or None, TOP_ORDER)
    extra = ""
    if using:
        result["nodes"] = _nodes_with(data, vocabulary, item, None)[0]
        extra = f" and from {plural(len(using), 'node')}"
    removed = [{"node": node, "vocabulary": vocabulary, "value": item} for node in using]
    return Outcome(result, f"removed {vocabulary[:-1]} '{item}'{extra}", removed=removed)


def unused(data: dict[str, Any], vocabulary: str) -> list[str]:
    """The entries of a vocabulary no node uses."""
    used: set[Any] = set()
    for node in _list(data, "nodes"):
        values = node.get(vocabulary) if isinstance(node, dict) else None
        if isinstance(values, list):
            used.update(v for v in values if isinstance(v, str))
    return [item for item in entries(data, vocabulary) if item not in used]


def prune(data: dict[str, Any], vocabulary: str | None = None) -> Outcome:
    """Remove every entry no node uses, of one vocabulary or of all three; `removed` lists them as
    {vocabulary, value}. Refused when there is none."""
    names = [_vocabulary(vocabulary)] if vocabulary else list(VOCABULARIES)
    removed: list[dict[str, Any]] = []
    for name in names:
        for item in unused(data, name):
            data = remove_entry(data, name, item).data
            removed.append({"vocabulary": name, "value": item})
    if not removed:
        what = vocabulary or "tag, actor and theme"
        raise EditError(f"every {what if vocabulary is None else what[:-1]} declared is in use: nothing to prune")
    listed = ", ".join(f"{r['vocabulary'][:-1]} '{r['value']}'" for r in removed)
    return Outcome(data, f"removed {plural(len(removed), 'unused entry', 'unused entries')}: {listed}",
                   removed=removed)
