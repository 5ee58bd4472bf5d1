"""The visual language of argmap's diagrams: one look per node kind, one per relation type, forecast badges.

Readable without a manual, in colour and in greyscale (shape and line style carry what colour carries):

* evidence: a note (folded corner), green; claim: a rounded box, blue; inference: an ellipse, purple, headed by
  its scheme; forecast: a hexagon, orange, with its probability and, once resolved, its outcome mark.
* supports: a solid green arrow; attacks: a red line ending in a bar (⊣); undercuts: the same, dashed, pointing
  at the inference it undercuts; condition: a dotted blue line ending in an open diamond, labelled "if";
  requires (a presupposition): a dashed slate line ending in a dot, labelled "needs".

Colours come from `argmap.render.colours`. A `NodeStyle` overrides one node's fill, border or badge line, which
is how colouring by acceptance or by scenario is laid over the kind colours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.model import Forecast, NodeBase
from argmap.model.wep import ICD_203
from argmap.render import colours

FONT = "Helvetica,Arial,sans-serif"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class NodeLook:
    """How one kind of node is drawn."""

    shape: str
    style: str
    fill: str
    border: str
    description: str
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class EdgeLook:
    """How one type of relation is drawn."""

    colour: str
    style: str
    arrowhead: str
    description: str
    label: str = ""
    penwidth: float = 1.3


NODE_LOOKS: dict[str, NodeLook] = {
    "evidence": NodeLook("note", "filled", colours.KIND_FILLS["evidence"], colours.KIND_COLOURS["evidence"],
                         "note shape (folded corner), green", {"margin": "0.14,0.08"}),
    "claim": NodeLook("box", "rounded,filled", colours.KIND_FILLS["claim"], colours.KIND_COLOURS["claim"],
                      "rounded box, blue", {"margin": "0.14,0.08"}),
    "inference": NodeLook("ellipse", "filled", colours.KIND_FILLS["inference"], colours.KIND_COLOURS["inference"],
                          "ellipse headed by its scheme, purple", {"margin": "0.02,0.02", "fontsize": "10"}),
    "forecast": NodeLook("hexagon", "filled", colours.KIND_FILLS["forecast"], colours.KIND_COLOURS["forecast"],
                         "hexagon with probability and outcome, orange", {"margin": "0,0.07"}),
}
UNKNOWN_LOOK = NodeLook("box", "filled,dashed", colours.UNKNOWN_FILL, colours.UNKNOWN_KIND, "unknown kind")

EDGE_LOOKS: dict[str, EdgeLook] = {
    "supports": EdgeLook(colours.RELATION_COLOURS["supports"], "solid", "normal", "solid green arrow"),
    "attacks": EdgeLook(colours.RELATION_COLOURS["attacks"], "solid", "tee", "red line ending in a bar",
                        penwidth=1.6),
    "undercuts": EdgeLook(colours.RELATION_COLOURS["undercuts"], "dashed", "tee",
                          "dashed red line ending in a bar, at an inference", penwidth=1.6),
    "condition": EdgeLook(colours.RELATION_COLOURS["condition"], "dotted", "odiamond",
                          "dotted blue line ending in an open diamond, labelled “if”", label="if", penwidth=1.6),
    "requires": EdgeLook(colours.RELATION_COLOURS["requires"], "dashed", "dot",
                         "dashed slate line ending in a dot, labelled “needs”", label="needs", penwidth=1.4),
}
UNKNOWN_EDGE = EdgeLook(colours.MUTED, "dashed", "empty", "unknown relation type")

#: Forecast outcome -> the mark shown on a resolved forecast.
OUTCOME_MARKS: dict[str, str] = {"happened": "✓", "partly": "◐", "did-not-happen": "✗", "unclear": "?"}


@dataclass(frozen=True)
class NodeStyle:
    """A per-node override laid over the kind's look: fill and border colours (#rrggbb) and a badge line."""

    fill: str | None = None
    border: str | None = None
    badge: str | None = None

    def __post_init__(self) -> None:
        for name in ("fill", "border"):
            value = getattr(self, name)
            if value is not None and not _HEX.match(value):
                raise ValueError(f"NodeStyle.{name} must be a #rrggbb colour, not {value!r}")


def node_look(kind: str) -> NodeLook:
    """The look of a node kind (a neutral dashed box for an unknown one)."""
    return NODE_LOOKS.get(kind, UNKNOWN_LOOK)


def edge_look(relation_type: str) -> EdgeLook:
    """The look of a relation type."""
    return EDGE_LOOKS.get(relation_type, UNKNOWN_EDGE)


def band_label(probability: float) -> str:
    """The ICD 203 band a probability falls in.

    >>> band_label(0.68), band_label(0.5), band_label(0.02)
    ('likely', 'roughly even chance', 'almost no chance')
    """
    for band in ICD_203:
        if probability <= band.high:
            return band.label
    return ICD_203[-1].label


def probability_text(node: NodeBase) -> str:
    """`p=0.68 (likely)` for a forecast with a stated probability, `p≈0.88 (very likely)` for one read from the
    author's words; empty for anything else."""
    if not isinstance(node, Forecast) or node.probability is None:
        return ""
    sign = "≈" if node.probability_basis == "scale" else "="
    return f"p{sign}{node.probability:.2f} ({band_label(node.probability)})"


def outcome_text(node: NodeBase) -> str:
    """`✓ happened`, `◐ partly`, `✗ did-not-happen` or `? unclear` for a resolved forecast; else empty."""
    if not isinstance(node, Forecast) or node.resolution is None or node.resolution.outcome is None:
        return ""
    outcome = node.resolution.outcome
    return f"{OUTCOME_MARKS.get(outcome, '?')} {outcome}"


def outcome_colour(node: NodeBase) -> str:
    """The colour of a resolved forecast's outcome mark."""
    if isinstance(node, Forecast) and node.resolution is not None and node.resolution.outcome is not None:
        return colours.OUTCOME_COLOURS.get(node.resolution.outcome, colours.MUTED)
    return colours.MUTED
