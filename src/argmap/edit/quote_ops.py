"""Rewriting quotes in place: a quote's text, its source and its offsets, in the shape the file gives it.

`set_quotes(data, changes)` is one edit of any number of quotes (what `argmap fix` and the explorer's fix action
make): a quote written as plain text stays plain text, one written as a mapping keeps its keys, and `start` and
`end` are written only where the file already stores them (a quote moved to a source other than the map's
default one gains a `source` key, so it becomes a mapping).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from argmap.edit.operations import Outcome, _first_error, _replace_node, _valid, find_node, with_key
from argmap.errors import EditError, plural
from argmap.model.adapters import NODE_ADAPTER

_QUOTE_ORDER = ("text", "source", "start", "end")


@dataclass(frozen=True)
class QuoteChange:
    """The new version of quote `index` of node `node`: its `text`; `source` (None: unchanged) and the offsets
    of the passage, written only where the file stores offsets. `default` is the map's default source: a quote
    written as plain text moved anywhere else gains a `source` key."""

    node: str
    index: int
    text: str
    source: str | None = None
    start: int | None = None
    end: int | None = None
    default: str | None = None


def quote_items(node: dict[str, Any]) -> list[Any]:
    """A node's quotes as the file holds them, always as a list (the one-passage shorthand is one item)."""
    quotes = node.get("quotes")
    if quotes is None:
        return []
    return list(quotes) if isinstance(quotes, list) else [quotes]


def _new_item(item: Any, change: QuoteChange) -> Any:
    moving = change.source is not None
    if isinstance(item, str):
        if not moving or change.source == change.default:
            return change.text
        item = {"text": item}
    if not isinstance(item, dict):
        raise EditError(f"node '{change.node}': quote {change.index} is neither text nor a mapping", node=change.node)
    new = with_key(item, "text", change.text, _QUOTE_ORDER)
    if moving and (change.source != change.default or "source" in item):
        new = with_key(new, "source", change.source, _QUOTE_ORDER)
    for key in ("start", "end"):
        if key in item:
            value = getattr(change, key)
            new = with_key(new, key, value, _QUOTE_ORDER)
    return new


def set_quotes(data: dict[str, Any], changes: Sequence[QuoteChange]) -> Outcome:
    """The data with every change made, as one edit; the summary counts the quotes and names the nodes."""
    if not changes:
        raise EditError("no quote to change")
    nodes_done: list[str] = []
    for change in changes:
        index = find_node(data, change.node)
        node = data["nodes"][index]
        items = quote_items(node)
        if not 0 <= change.index < len(items):
            raise EditError(f"node '{change.node}' has no quote {change.index} (it has {len(items)})",
                            node=change.node, field="quotes")
        items[change.index] = _new_item(items[change.index], change)
        shorthand = not isinstance(node.get("quotes"), list)
        value: Any = items[0] if shorthand and isinstance(items[0], str) else items
        new_node = with_key(node, "quotes", value)
        error = _valid(new_node, NODE_ADAPTER)
        if error is not None:
            raise EditError(f"node '{change.node}': {_first_error(error)}", node=change.node, field="quotes")
        data = _replace_node(data, index, new_node)
        if change.node not in nodes_done:
            nodes_done.append(change.node)
    moved = {c.source for c in changes if c.source is not None}
    shown = ", ".join(f"'{n}'" for n in nodes_done[:3]) + (f" and {len(nodes_done) - 3} more" if len(nodes_done) > 3
                                                            else "")
    if moved:
        where = f" to source '{next(iter(moved))}'" if len(moved) == 1 else ""
        summary = f"moved {plural(len(changes), 'quote')} of {shown}{where}"
    else:
        summary = f"fixed {plural(len(changes), 'quote')} of {shown}"
    return Outcome(data, summary, nodes_done[0])
