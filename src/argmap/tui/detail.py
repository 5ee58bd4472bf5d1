"""The Detail pane: everything about the focused node, and its relations as a list that Enter follows."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from argmap.analysis.graph import Graph
from argmap.io.document import MapDocument
from argmap.model import Claim, Evidence, Forecast, Inference, NodeBase
from argmap.model.wep import band_for
from argmap.tui.messages import NodeSelected
from argmap.tui.style import BULLET, Look

RELATION_VERBS_OUT = {"supports": "supports", "attacks": "attacks", "undercuts": "undercuts",
                      "condition": "is a condition of"}
RELATION_VERBS_IN = {"supports": "supported by", "attacks": "attacked by", "undercuts": "undercut by",
                     "condition": "on condition of"}


class RelationList(OptionList):
    """The focused node's relations, out then in; Enter goes to the node at the other end."""

    BINDING_GROUP_TITLE = "Relations (Detail pane)"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("l", "select", "Follow", show=False),
    ]

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(NodeSelected(event.option.id.split(":", 1)[1], jump=True))


def describe(doc: MapDocument, node: NodeBase, look: Look, badge: Text | str | None = None) -> Text:
    """The detail text of one node."""
    amap = doc.map
    assert amap is not None
    text = Text()
    text.append(BULLET + " ", style=look.kind(node.kind))
    text.append(node.kind, style=look.kind(node.kind) + Style(bold=True))
    text.append(f"  {node.id}", style=look.muted)
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

    for name, value in node_fields(doc, node):
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
    if isinstance(node, Forecast):
        fields += _forecast_fields(node)
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
        fields.append(("signposts", "; ".join(node.signposts)))
    if node.resolution is None:
        fields.append(("resolution", "open"))
    else:
        res = node.resolution
        parts = [res.outcome, str(res.date) if res.date else None, res.note]
        parts += [source.title + (f" <{source.url}>" if source.url else "") for source in res.sources]
        fields.append(("resolution", "; ".join(p for p in parts if p)))
    return fields


class DetailPane(Vertical):
    """The focused node: its fields above, its relations below."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-body"):
            yield Static(id="detail-text")
        yield RelationList(id="relations")

    def show(self, doc: MapDocument, graph: Graph, node: NodeBase | None, look: Look,
             badge: Text | str | None = None) -> None:
        """Show `node` (None: an empty pane with a hint)."""
        body = self.query_one("#detail-text", Static)
        relations = self.query_one(RelationList)
        if node is None or doc.map is None:
            body.update(Text("No node to show. The map has no nodes, or none passes the filter.", style="italic"))
            relations.clear_options()
            relations.border_title = "Relations"
            return
        body.update(describe(doc, node, look, badge))
        self.query_one("#detail-body", VerticalScroll).scroll_home(animate=False)
        options: list[Option] = []
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
                options.append(Option(line, id=f"{len(options)}:{other_id}"))
        relations.set_options(options)
        relations.border_title = f"Relations ({len(options)})"
        if options:
            relations.highlighted = 0
