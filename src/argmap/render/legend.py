"""The legend of a diagram: a boxed cluster with one sample of each node kind and relation type the view shows,
drawn exactly as the diagram draws them, plus the swatches of a colouring by acceptance or scenario."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from argmap.render import palette
from argmap.render.colouring import LegendEntry
from argmap.render.style import EDGE_LOOKS, NODE_LOOKS, OUTCOME_MARKS
from argmap.render.text import html, quoted

#: Names of the legend's own nodes start with an underscore, which no map id can (ids are slugs).
PREFIX = "_legend_"

_KIND_SAMPLES: dict[str, str] = {
    "evidence": "evidence<BR/>(a reported fact)",
    "claim": "claim<BR/>(a judgement)",
    "inference": "<I>scheme</I><BR/>inference",
    "forecast": "forecast<BR/>p=0.68 (likely)",
}


def _small(text: str, colour: str = palette.MUTED, size: int = 9) -> str:
    return f'<FONT POINT-SIZE="{size}" COLOR="{colour}">{text}</FONT>'


def legend_lines(kinds: Iterable[str], relation_types: Iterable[str], *, outcomes: bool = False,
                 colouring: tuple[str, Sequence[LegendEntry]] | None = None, direction: str = "BT") -> list[str]:
    """DOT lines of the legend cluster for the kinds and relation types present (in their canonical order): one
    row of node samples (with the outcome marks and colouring swatches), one row of relation samples."""
    kind_set, type_set = set(kinds), set(relation_types)
    present_kinds = [k for k in NODE_LOOKS if k in kind_set]
    present_types = [t for t in EDGE_LOOKS if t in type_set]
    # In a bottom-to-top layout a cluster's label at the "bottom" is drawn at the top.
    labelloc = "b" if direction == "BT" else "t"
    lines = [
        "subgraph cluster_legend {",
        f'\tlabel=<<B>Legend</B>> labeljust=l labelloc={labelloc} fontsize=11 style="rounded,filled" '
        f'color="{palette.LEGEND_BORDER}" fillcolor="#ffffff" margin=10 penwidth=1 tooltip="legend"',
    ]
    row: list[str] = []
    for kind in present_kinds:
        look = NODE_LOOKS[kind]
        row.append(quoted(PREFIX + kind))
        lines.append(f"\t{row[-1]} [shape={look.shape} style={quoted(look.style)} "
                     f'fillcolor="{look.fill}" color="{look.border}" fontsize=9 margin="0.08,0.04" '
                     f"label=<{_KIND_SAMPLES[kind]}> tooltip={quoted(kind + ': ' + look.description)}]")
    if outcomes and "forecast" in present_kinds:
        marks = "<BR/>".join(f"{mark} {html(name)}" for name, mark in OUTCOME_MARKS.items())
        row.append(quoted(PREFIX + "outcomes"))
        lines.append(f"\t{row[-1]} [shape=plaintext style=\"\" fontsize=9 "
                     f'label=<<B>resolved forecasts</B><BR/>{marks}> tooltip="forecast outcomes"]')
    if colouring is not None:
        title, entries = colouring
        cells = "".join(f'<TR><TD BGCOLOR="{e.fill}" COLOR="{e.border}" BORDER="1" WIDTH="14"> </TD>'
                        f'<TD ALIGN="LEFT">{html(e.text)}</TD></TR>' for e in entries)
        row.append(quoted(PREFIX + "colouring"))
        lines.append(f"\t{row[-1]} [shape=plaintext style=\"\" fontsize=9 "
                     f'label=<<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="2"><TR><TD COLSPAN="2" '
                     f'ALIGN="LEFT"><B>{html(title)}</B></TD></TR>{cells}</TABLE>> tooltip={quoted(title)}]')
    if row:
        lines.append(f"\t{{rank=same {' '.join(row)}}}")
        lines.extend(f"\t{a} -> {b} [style=invis]" for a, b in pairwise(row))
    points: list[str] = []
    for relation_type in present_types:
        edge = EDGE_LOOKS[relation_type]
        tail, head = quoted(f"{PREFIX}{relation_type}_from"), quoted(f"{PREFIX}{relation_type}_to")
        points += [tail, head]
        for point in (tail, head):
            lines.append(f'\t{point} [shape=point width=0.05 color="{palette.MUTED}" label="" tooltip=""]')
        name = relation_type if not edge.label else f"{relation_type} (“{edge.label}”)"
        lines.append(f'\t{tail} -> {head} [color="{edge.colour}" style={edge.style} arrowhead={edge.arrowhead} '
                     f"penwidth={edge.penwidth} minlen=2 label=<{_small(html(name), palette.TEXT)}> "
                     f"tooltip={quoted(relation_type + ': ' + edge.description)}]")
    if points:
        lines.append(f"\t{{rank=same {' '.join(points)}}}")
        lines.extend(f"\t{a} -> {b} [style=invis]" for a, b in zip(points[1::2], points[2::2], strict=False))
        if row:
            lines.append(f"\t{points[0]} -> {row[0]} [style=invis]")
    lines.append("}")
    return lines
