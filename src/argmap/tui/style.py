"""How nodes look in the terminal: kind colours from the diagrams, relation marks, labels (Rich text only)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from rich.color import Color
from rich.style import Style
from rich.text import Text

from argmap.analysis.outline import RELATION_ICONS, Row
from argmap.model import Forecast, NodeBase
from argmap.render.colours import KIND_COLOURS

#: A per-node badge (for example an acceptance label): node id -> short text, or None for no badge.
BadgeFn = Callable[[str], Text | str | None]
#: Which theme colour marks each relation type.
RELATION_ROLES: dict[str, str] = {"supports": "success", "attacks": "error", "undercuts": "warning",
                                  "condition": "accent", "requires": "accent"}
BULLET = "●"
#: Which theme colour marks each ACH rating: consistent in the success colour, inconsistent in warning and error
#: (the very strong ratings bold), neutral plain, not applicable muted.
RATING_ROLES: dict[str, str] = {"CC": "success", "C": "success", "I": "warning", "II": "error",
                                "NA": "foreground-muted"}


def _colour(value: str | None, fallback: str) -> Color:
    try:
        return Color.parse(value or fallback)
    except Exception:
        return Color.parse(fallback)


@dataclass
class Look:
    """Colours resolved from the app's theme (CSS variables) plus the kind colours of the diagrams."""

    variables: Mapping[str, str] = field(default_factory=dict)

    def colour(self, name: str, fallback: str = "default") -> Color:
        return _colour(self.variables.get(name), fallback)

    def kind(self, kind: str) -> Style:
        return Style(color=_colour(KIND_COLOURS.get(kind), "white"))

    def relation(self, relation: str) -> Style:
        return Style(color=self.colour(RELATION_ROLES.get(relation, "foreground"), "white"), bold=True)

    @property
    def muted(self) -> Style:
        return Style(color=self.colour("foreground-muted", "grey50"))

    def rating(self, rating: str | None) -> Style:
        """The style of an ACH rating (None: unrated, muted)."""
        role = RATING_ROLES.get(rating or "", "foreground-muted" if rating is None else "")
        style = Style(color=self.colour(role, "white")) if role else Style()
        return style + Style(bold=True) if rating in ("CC", "II") else style

    def severity(self, severity: str) -> Style:
        role = {"error": "error", "warning": "warning"}.get(severity, "primary")
        return Style(color=self.colour(role, "white"), bold=True)


def probability_text(node: NodeBase) -> str:
    """`68%` for a forecast with a probability, else empty."""
    if isinstance(node, Forecast) and node.probability is not None:
        return f"{round(node.probability * 100)}%"
    return ""


def row_label(look: Look, row: Row, node: NodeBase | None, badge: Text | str | None = None,
              vocabulary: Mapping[str, str] | None = None) -> Text:
    """One outline line: relation mark, badge, kind bullet, paraphrase, probability; or a group and count."""
    if node is None:
        label = Text(row.label or row.group or "", style="bold")
        label.append(f"  {row.count}", style=look.muted)
        return label
    text = Text(no_wrap=True, overflow="ellipsis")
    if row.relation:
        text.append(RELATION_ICONS.get(row.relation, "?"), style=look.relation(row.relation))
        text.append(" ")
    if row.reference:
        text.append("↪ ", style=look.muted)
    if badge:  # before the paraphrase, which a narrow outline cuts short
        text.append(badge if isinstance(badge, Text) else Text(badge, style="reverse"))
        text.append(" ")
    text.append(BULLET + " ", style=look.kind(node.kind))
    body_style = look.muted + Style(italic=True) if row.reference or row.context else Style()
    text.append(" ".join(node.text.split()), style=body_style)
    probability = probability_text(node)
    if probability:
        text.append(f" {probability}", style=look.muted)
    return text


def node_line(look: Look, node: NodeBase, extra: str = "") -> Text:
    """A node in a list: kind bullet, id, paraphrase."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(BULLET + " ", style=look.kind(node.kind))
    text.append(node.id, style="bold")
    text.append("  " + " ".join(node.text.split()))
    if extra:
        text.append("  " + extra, style=look.muted)
    return text
