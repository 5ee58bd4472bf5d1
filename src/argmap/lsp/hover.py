"""Hover: on a node id (where it is defined or named), the node's kind, text, quotes and standing (label,
strength, probability, as `argmap standing` gives them); on a quote, the passage of the source around it; on a
declared tag, actor or theme, its label. Markdown, user text escaped."""

from __future__ import annotations

import re

from lsprotocol import types

from argmap.io.nearest import excerpt
from argmap.lsp.locate import Spot, site_at, spot_at
from argmap.lsp.state import Analysis
from argmap.model import VOCABULARIES, NodeBase

#: Characters of the source shown either side of a quoted passage.
CONTEXT = 240
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def escape(text: str) -> str:
    """Text shown as written, not as Markdown.

    >>> escape("*not* a [link]")
    '\\\\*not\\\\* a \\\\[link\\\\]'
    """
    return _MARKDOWN.sub(r"\\\1", text)


def node_markdown(analysis: Analysis, node: NodeBase) -> str:
    """What a hover says about a node."""
    lines = [f"**{escape(node.id)}** · {node.kind}" + (" (analyst)" if node.by == "analyst" else ""), "",
             escape(node.text)]
    for quote in node.quotes:
        lines += ["", "> " + escape(" ".join(quote.text.split()))]
    standing = analysis.standing
    if standing is not None and node.id in standing.labels:
        p = standing.probability_of(node.id)
        prob = "" if p is None else f", probability {p.text(2)} ({p.origin})"
        lines += ["", f"standing: **{standing.labels[node.id]}**, strength {standing.strength[node.id]:.2f}{prob}"]
    elif standing is None:
        lines += ["", "standing: not computed while the map has errors in its file"]
    return "\n".join(lines)


def _quote_spot(analysis: Analysis, spot: Spot) -> tuple[NodeBase, int] | None:
    """The node and quote index of a spot on a quote's text."""
    loc = spot.loc
    if spot.key or len(loc) < 3 or loc[0] != "nodes" or loc[2] != "quotes" or not isinstance(loc[1], int):
        return None
    if len(loc) == 5 and loc[4] != "text":
        return None
    qi = loc[3] if len(loc) > 3 and isinstance(loc[3], int) else 0
    data = analysis.data
    node_id = data["nodes"][loc[1]].get("id") if isinstance(data, dict) else None
    amap = analysis.doc.map
    node = amap.node(node_id) if amap is not None and isinstance(node_id, str) else None
    if node is None or qi >= len(node.quotes):
        return None
    return node, qi


def quote_markdown(analysis: Analysis, node: NodeBase, qi: int) -> str:
    """The passage of the source around a quote, the quoted words in bold."""
    quote = node.quotes[qi]
    source = analysis.doc.source_text(quote.source)
    name = quote.source or "the source"
    if source is None or source.text is None:
        why = source.problem if source is not None and source.problem else "no local text"
        return f"quote from **{escape(name)}**: {escape(why)}; the passage cannot be shown"
    match = analysis.doc.matches.get((node.id, qi))
    if match is None:
        return f"quote from **{escape(name)}**: not found in the source, near \"{escape(excerpt(source.text, 0))}\""
    text = source.text
    low, high = max(0, match.start - CONTEXT), min(len(text), match.end + CONTEXT)
    low = text.rfind("\n", 0, match.start) + 1 if text.rfind("\n", low, match.start) >= 0 else low
    newline = text.find("\n", match.end, high)
    high = newline if newline >= 0 else high
    before, passage, after = text[low:match.start], text[match.start:match.end], text[match.end:high]
    line = text.count("\n", 0, match.start) + 1
    exact = "" if match.exact else " (matched up to white space or typographic marks)"
    return (f"**{escape(source.source.title or name)}**, line {line}{exact}\n\n"
            f"{'…' if low > 0 and text[low - 1] != chr(10) else ''}{escape(before)}**{escape(passage)}**"
            f"{escape(after)}{'…' if high < len(text) and text[high] != chr(10) else ''}")


def hover(analysis: Analysis, offset: int) -> types.Hover | None:
    """The hover at `offset` of the analysed text, or None."""
    found = site_at(analysis, offset)
    amap = analysis.doc.map
    if found is not None and amap is not None:
        site, spot = found
        node = amap.node(site.node_id)
        if node is not None:
            return _answer(analysis, node_markdown(analysis, node), spot)
    under = spot_at(analysis, offset)
    if under is None or amap is None:
        return None
    spot = under
    quoted = _quote_spot(analysis, spot)
    if quoted is not None:
        return _answer(analysis, quote_markdown(analysis, *quoted), spot)
    loc = spot.loc
    if not spot.key and len(loc) == 4 and loc[0] == "nodes" and loc[2] in VOCABULARIES and isinstance(spot.value, str):
        label = getattr(amap, str(loc[2])).get(spot.value)
        if label is not None:
            return _answer(analysis, f"{str(loc[2])[:-1]} **{escape(spot.value)}**: {escape(label)}", spot)
    return None


def _answer(analysis: Analysis, markdown: str, spot: Spot) -> types.Hover:
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown),
                       range=analysis.index.range(spot.start, spot.end))
