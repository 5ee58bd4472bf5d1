"""The order of the explorer's review of a draft (the drafted nodes in the order of the text, each drafted relation
right after the later of its two ends) and what its panel shows of each item.

A relation drafted from a marker ("because", "however") comes when both passages it joins have been read, and right
after the second of them, where the marker usually is: the analyst judges the node, then the link it makes to what
came before. An item is a node id (`str`) or a relation's key (`Relation.key`: source, type, target).
"""

from __future__ import annotations

import re

from rich.text import Text

from argmap.analysis.check import relation_problems
from argmap.analysis.draft_cues import suggest_kind
from argmap.io import MapDocument
from argmap.model import ArgMap, NodeBase, Relation
from argmap.tui.style import Look

#: A node id, or a relation's (source, type, target).
Item = str | tuple[str, str, str]

_WORD_START = re.compile(r"(?<=\s)\S")


def _position(node: NodeBase) -> tuple[int, int]:
    starts = [q.start for q in node.quotes if q.start is not None]
    return (0, min(starts)) if starts else (1, 0)


def text_order(doc: MapDocument) -> list[str]:
    """Every node's id in the order of the text (by the start of its first located quote; unquoted nodes last, in
    file order)."""
    amap = doc.map
    if amap is None:
        return []
    return [node.id for _, node in sorted(enumerate(amap.nodes), key=lambda item: (*_position(item[1]), item[0]))]


def drafted_in_order(doc: MapDocument) -> list[str]:
    """The drafted nodes, in the order of the text."""
    amap = doc.map
    return [] if amap is None else [i for i in text_order(doc) if (n := amap.node(i)) is not None and n.drafted]


def review_order(doc: MapDocument) -> list[Item]:
    """Every drafted item in the order the review walks them: the drafted nodes in the order of the text, each
    drafted relation right after the later of its two ends in the text (whether that end is drafted or not), the
    relations of one node in file order; a relation naming a node the map lacks comes last."""
    amap = doc.map
    if amap is None:
        return []
    order = text_order(doc)
    rank = {node_id: i for i, node_id in enumerate(order)}
    after: dict[str, list[Relation]] = {}
    dangling: list[Item] = []
    for rel in amap.relations:
        if not rel.drafted:
            continue
        if rel.source in rank and rel.target in rank:
            later = max(rel.source, rel.target, key=rank.__getitem__)
            after.setdefault(later, []).append(rel)
        else:
            dangling.append(rel.key)
    items: list[Item] = []
    for node_id in order:
        node = amap.node(node_id)
        if node is not None and node.drafted:
            items.append(node_id)
        items.extend(rel.key for rel in after.get(node_id, []))
    return [*items, *dangling]


def relation_of(doc: MapDocument, item: Item | None) -> Relation | None:
    """The relation an item names, if it is a relation's key and the map has it."""
    amap = doc.map
    if amap is None or not isinstance(item, tuple):
        return None
    return next((rel for rel in amap.relations if rel.key == item), None)


def word_starts(text: str) -> list[int]:
    """Where a quote may be split: the start of every word but the first."""
    return [m.start() for m in _WORD_START.finditer(text)]


def node_panel(amap: ArgMap, node: NodeBase, split_at: int, look: Look) -> tuple[Text, Text, Text]:
    """What the panel shows of a node: its id and kind (a forecast's words) with what the cues read in its quote;
    the quote with the split point `┃` at `split_at`; its relations, the drafted ones marked."""
    head, quote, links = Text(), Text(), Text()
    head.append(node.id, style="bold")
    head.append(f"  {node.kind}")
    words = getattr(node, "words", None)
    if words:
        head.append(f" ({words})")
    if node.quotes:
        text = node.quotes[0].text
        head.append(f"\nthe cues read: {suggest_kind(text).reason}", style=look.muted)
        quote.append("“")
        quote.append(text[:split_at])
        quote.append("┃" if split_at else "", style="bold reverse")
        quote.append(text[split_at:])
        quote.append("”")
    for rel in amap.relations:
        if node.id in (rel.source, rel.target):
            mark = " (drafted)" if rel.drafted else ""
            note = f" · {rel.note}" if rel.note else ""
            links.append(f"{rel.source} {rel.type} {rel.target}{mark}{note}\n")
    return head, quote, links


def relation_panel(amap: ArgMap, rel: Relation, look: Look) -> tuple[Text, Text, Text]:
    """What the panel shows of a relation: its source, type and target with its note; the passages of its two
    ends, the type between them; what `argmap check` says of the type between these ends."""
    head, quote, links = Text(), Text(), Text()
    head.append("relation  ", style="bold")
    head.append(rel.source)
    head.append(f" {rel.type} ", style=look.relation(rel.type))
    head.append(rel.target)
    if rel.note:
        head.append(f"\n{rel.note}", style=look.muted)
    for end in (rel.source, rel.target):
        if end == rel.target:
            quote.append(f"  {rel.type} ↓\n", style=look.relation(rel.type))
        node = amap.node(end)
        if node is None:
            quote.append(f"{end}: not in the map\n", style=look.muted)
            continue
        quote.append(f"“{node.quotes[0].text}”" if node.quotes else node.text)
        quote.append(f"  {node.kind}{' (drafted)' if node.drafted else ''}\n", style=look.muted)
    problems = relation_problems(rel.source, rel.type, rel.target, amap.node(rel.source), amap.node(rel.target))
    for _rule, message, _part in problems:
        links.append(f"check: {message}\n", style=look.severity("error"))
    if not problems:
        links.append("the ends fit the type", style=look.muted)
    return head, quote, links
