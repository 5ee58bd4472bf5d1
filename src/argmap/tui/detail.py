"""The Detail pane: everything about the focused node, and its relations as a list that Enter follows."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Click
from textual.geometry import Size
from textual.strip import Strip

from argmap.analysis.graph import Graph
from argmap.analysis.indicators import timeline
from argmap.io.document import MapDocument
from argmap.model import Claim, Evidence, Forecast, Inference, NodeBase
from argmap.model.grades import grade_probability, grade_text
from argmap.model.wep import band_for
from argmap.tui.messages import NodeSelected, RelationChosen
from argmap.tui.scrolling import QuietScroll, TextPane
from argmap.tui.style import BULLET, Look

RELATION_VERBS_OUT = {"supports": "supports", "attacks": "attacks", "undercuts": "undercuts",
                      "condition": "is a condition of", "requires": "is required by"}
RELATION_VERBS_IN = {"supports": "supported by", "attacks": "attacked by", "undercuts": "undercut by",
                     "condition": "on condition of", "requires": "requires"}


class RelationList(QuietScroll, can_focus=True):
    """The focused node's relations, out then in, one per line; Enter (or a click) goes to the other end."""

    BINDING_GROUP_TITLE = "Relations (Detail pane)"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("home", "move(-1000000)", "First", show=False),
        Binding("end", "move(1000000)", "Last", show=False),
        Binding("enter,l", "follow", "Follow the relation", show=False),
        Binding("t", "change('retype')", "Change the relation's type", show=False),
        Binding("x,delete", "change('remove')", "Remove the relation", show=False),
        Binding("w", "change('edit')", "Edit the relation's weight, note and author", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"relation-list--cursor"}
    DEFAULT_CSS = """
    RelationList > .relation-list--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    RelationList:focus > .relation-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[tuple[Text, str]] = []
        self.relations: list[tuple[str, str, str]] = []
        self.cursor = -1

    @property
    def targets(self) -> list[str]:
        """The node at the other end of each relation, in order."""
        return [node for _line, node in self.items]

    def set_items(self, items: list[tuple[Text, str]], relations: list[tuple[str, str, str]] | None = None) -> None:
        """Lines and the node each goes to; `relations`: the (source, type, target) of each line."""
        self.items = items
        self.relations = relations or []
        self.cursor = 0 if items else -1
        self.set_virtual_size(Size(self.scrollable_content_region.width, len(items)))
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def action_move(self, delta: int) -> None:
        if not self.items:
            return
        self.cursor = max(0, min(len(self.items) - 1, self.cursor + delta))
        height = self.scrollable_content_region.height
        if self.cursor < self.scroll_offset.y:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= self.scroll_offset.y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)
        self.refresh()

    def action_change(self, action: str) -> None:
        if 0 <= self.cursor < len(self.relations):
            self.post_message(RelationChosen(*self.relations[self.cursor], action))

    def action_follow(self) -> None:
        if 0 <= self.cursor < len(self.items):
            self.post_message(NodeSelected(self.items[self.cursor][1], jump=True))

    async def _on_click(self, event: Click) -> None:
        line = event.y + self.scroll_offset.y
        if 0 <= line < len(self.items):
            self.cursor = line
            self.refresh()
            self.action_follow()

    def render_line(self, y: int) -> Strip:
        line = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self._base_style
        if not 0 <= line < len(self.items):
            return Strip.blank(width, base)
        text = self.items[line][0].copy()
        text.truncate(width, overflow="ellipsis")
        segments = list(text.render(self.app.console))
        if line == self.cursor:
            segments = list(Segment.apply_style(segments, post_style=self.get_component_rich_style(
                "relation-list--cursor")))
        return Strip(segments).apply_style(base).extend_cell_length(width, base)


def describe(doc: MapDocument, node: NodeBase, look: Look, badge: Text | str | None = None,
             standing: list[tuple[str, str]] | None = None) -> Text:
    """The detail text of one node."""
    amap = doc.map
    assert amap is not None
    text = Text()
    text.append(BULLET + " ", style=look.kind(node.kind))
    text.append(node.kind, style=look.kind(node.kind) + Style(bold=True))
    text.append(f"  {node.id}", style=look.muted)
    if node.drafted:
        text.append("  drafted, not reviewed (R)", style=look.muted + Style(italic=True))
    if badge:
        text.append("  ")
        text.append(badge if isinstance(badge, Text) else Text(badge, style="reverse"))
    text.append("\n")
    text.append(" ".join(node.text.split()) + "\n", style="bold")
    for index, quote in enumerate(node.quotes):
        match = doc.matches.get((node.id, index))
        where = "" if match else "  (not located in the source)"
        text.append("“" + " ".join(quote.text.split()) + "”", style="italic")
        text.append(where + "\n", style=look.muted)

    for name, value in [*(standing or []), *node_fields(doc, node)]:
        text.append(f"{name}: ", style=look.muted)
        text.append(value + "\n")
    return text


def node_fields(doc: MapDocument, node: NodeBase) -> list[tuple[str, str]]:
    """The node's fields worth showing, as (name, value) pairs, empty ones left out."""
    amap = doc.map
    assert amap is not None
    fields: list[tuple[str, str | None]] = []
    for attribute, vocabulary in (("tags", amap.tags), ("actors", amap.actors), ("themes", amap.themes)):
        fields.append((attribute, ", ".join(vocabulary.get(v, v) for v in getattr(node, attribute))))
    if isinstance(node, Evidence):
        fields.append(("reported by", node.reported_by))
    if isinstance(node, Claim | Evidence) and node.credibility is not None:
        fields.append(("credibility", f"{node.credibility:g}"))
    if isinstance(node, Inference):
        fields += [("scheme", node.scheme), ("warrant", node.warrant),
                   ("strength", None if node.strength is None else f"{node.strength:g}")]
    if isinstance(node, Evidence) and node.grade:
        fields.append(("grade", f"{grade_text(node.grade)}, base {grade_probability(node.grade):.2f}"))
    assumption = getattr(node, "assumption", None)
    if assumption is not None:
        parts = [assumption.status or "no status", assumption.reason,
                 f"wrong if: {assumption.would_fail_if}" if assumption.would_fail_if else None]
        fields.append(("key assumption", "; ".join(p for p in parts if p)))
    if isinstance(node, Claim | Forecast) and node.confidence:
        fields.append(("confidence", f"{node.confidence} (ICD 203, apart from likelihood)"))
    if isinstance(node, Forecast):
        fields += _forecast_fields(node)
        history = timeline(amap, node)
        if len(history) > 1:
            fields.append(("timeline", " · ".join(f"{d or '?'} {what}" for d, what in history)))
    fields.append(("note", node.note))
    return [(name, value) for name, value in fields if value]


def _forecast_fields(node: Forecast) -> list[tuple[str, str | None]]:
    fields: list[tuple[str, str | None]] = []
    band = band_for(node.words) if node.words else None
    if node.probability is not None:
        basis = "from the words, on the scale" if node.probability_basis == "scale" else "stated"
        words = f" — “{node.words}”" if node.words else ""
        words += f" ({band.label})" if band else ""
        fields.append(("probability", f"{node.probability:.0%} ({basis}){words}"))
    elif node.words:
        fields.append(("words", f"“{node.words}” (not on the scale)"))
    if node.horizon is not None:
        horizon = node.horizon
        parts = [horizon.stated, f"resolve by {horizon.resolve_by}" if horizon.resolve_by else None, horizon.note]
        fields.append(("horizon", "; ".join(p for p in parts if p)))
    if node.signposts:
        fields.append(("signposts", "; ".join(s if isinstance(s, str) else s.watch for s in node.signposts)))
    if node.resolution is None:
        fields.append(("resolution", "open"))
    else:
        res = node.resolution
        parts = [res.outcome or "open", str(res.date) if res.date else None, res.note]
        parts += [source.title + (f" <{source.url}>" if source.url else "") for source in res.sources]
        fields.append(("resolution", "; ".join(p for p in parts if p)))
    return fields


class DetailPane(Vertical):
    """The focused node: its fields above, its relations below."""

    ALLOW_MAXIMIZE = True  # `z` gives the whole pane the screen, fields and relations together

    def compose(self) -> ComposeResult:
        yield TextPane(id="detail-text")
        yield RelationList(id="relations")

    def show(self, doc: MapDocument, graph: Graph, node: NodeBase | None, look: Look,
             badge: Text | str | None = None, standing: list[tuple[str, str]] | None = None) -> None:
        """Show `node` (None: an empty pane with a hint)."""
        body = self.query_one(TextPane)
        relations = self.query_one(RelationList)
        if node is None or doc.map is None:
            body.update(Text("No node to show. The map has no nodes, or none passes the filter.", style="italic"))
            relations.set_items([])
            relations.border_title = "Relations"
            return
        body.update(describe(doc, node, look, badge, standing))
        items: list[tuple[Text, str]] = []
        triples: list[tuple[str, str, str]] = []
        amap = doc.map
        for direction, rels in (("out", graph.out_of(node.id)), ("in", graph.into(node.id))):
            for rel in rels:
                other_id = rel.target if direction == "out" else rel.source
                other = amap.node(other_id)
                if other is None:
                    continue
                verbs = RELATION_VERBS_OUT if direction == "out" else RELATION_VERBS_IN
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append("→ " if direction == "out" else "← ", style=look.muted)
                line.append(verbs[rel.type], style=look.relation(rel.type))
                line.append(" ")
                line.append(BULLET + " ", style=look.kind(other.kind))
                line.append(" ".join(other.text.split()))
                items.append((line, other_id))
                triples.append((rel.source, rel.type, rel.target))
        relations.set_items(items, triples)
        relations.border_title = f"Relations ({len(items)})"
