"""Colours of argmap, defined once: the diagrams and the terminal explorer both read them from here.

Pure data (hex strings), no imports. Each node kind has a strong colour (borders, the explorer's text) and a
light tint (diagram fills) of the same hue; relation types, acceptance labels and forecast outcomes have one
colour each. The hues are those of the Tableau 10 palette, chosen to stay apart for the common forms of colour
blindness; shapes and line styles carry the same information, so a diagram also reads in greyscale.
"""

from __future__ import annotations

#: Node kind -> strong colour: diagram borders, the explorer's kind marks.
KIND_COLOURS: dict[str, str] = {
    "claim": "#4e79a7",
    "evidence": "#59a14f",
    "inference": "#b07aa1",
    "forecast": "#f28e2b",
}

#: Node kind -> light tint of the same hue: diagram fills (dark text stays readable on them).
KIND_FILLS: dict[str, str] = {
    "claim": "#dce7f3",
    "evidence": "#e2f0dd",
    "inference": "#f1e4ee",
    "forecast": "#fde6cf",
}

#: Relation type -> line colour.
RELATION_COLOURS: dict[str, str] = {
    "supports": "#3d8b37",
    "attacks": "#c8312e",
    "undercuts": "#c8312e",
    "condition": "#37618f",
    "requires": "#5b5b8a",
}

#: Acceptance label (`argmap.analysis.semantics`) -> fill.
ACCEPTANCE_FILLS: dict[str, str] = {
    "in": "#cfe8c8",
    "out": "#f6cccb",
    "undec": "#ececec",
    "unsupported": "#f4e6c8",
}

#: Acceptance label -> strong colour (borders, the explorer's label marks).
ACCEPTANCE_COLOURS: dict[str, str] = {
    "in": "#3d8b37",
    "out": "#c8312e",
    "undec": "#7f7f7f",
    "unsupported": "#a86b12",
}

#: Forecast outcome -> colour of its mark.
OUTCOME_COLOURS: dict[str, str] = {
    "happened": "#3d8b37",
    "partly": "#b8860b",
    "did-not-happen": "#c8312e",
    "unclear": "#7f7f7f",
}

#: Darker ink of the inference hue, for the scheme heading inside an inference (readable on its tint).
SCHEME_TEXT = "#7d4a73"

#: Neutral colours of the diagrams.
TEXT = "#1f2328"
MUTED = "#57606a"
CLUSTER_BORDER = "#9aa4ae"
CLUSTER_FILL = "#f8f9fa"
LEGEND_BORDER = "#c3c9cf"
UNKNOWN_KIND = "#7f7f7f"
UNKNOWN_FILL = "#f2f2f2"
