"""Colours of node kinds, shared by diagrams and the terminal explorer."""

from __future__ import annotations

#: Node kind -> colour (hex).
KIND_COLOURS: dict[str, str] = {
    "claim": "#4e79a7",
    "evidence": "#59a14f",
    "inference": "#b07aa1",
    "forecast": "#f28e2b",
}
