"""The legend of a diagram: one sample of each node kind and relation type the view shows, the outcome marks of
resolved forecasts, and the swatches of a colouring by acceptance or scenario.

In a top-down or bottom-up layout the legend is a boxed cluster whose samples are drawn exactly as the diagram
draws them (two rows: nodes, then arrows). In a left-right layout a cluster would be stretched across the
diagram's wide ranks, so the legend is one compact table instead, with the same colours and line glyphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from argmap.render import colours
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
#: Relation type -> a line drawn in text, for the table legend.
_GLYPHS: dict[str, str] = {"supports": "────▶", "attacks": "────┤", "undercuts": "╌╌╌╌┤", "condition": "┈┈┈┈◇",
                          "requires": "╌╌╌╌●"}


def _small(text: str, colour: str = colours.MUTED, size: int = 9) -> str:
    return f'<FONT POINT-SIZE="{size}" COLOR="{colour}">{text}</FONT>'


def _relation_name(relation_type: str) -> str:
    label = EDGE_LOOKS[relation_type].label
    return relation_type if not label else f"{relation_type} (“{label}”)"


def _outcome_marks(separator: str) -> str:
    return separator.join(f'<FONT COLOR="{colours.OUTCOME_COLOURS[name]}">{mark}</FONT> {html(name)}'
                          for name, mark in OUTCOME_MARKS.items())


def _outcomes_label() -> str:
    return f"<B>resolved forecasts</B><BR/>{_outcome_marks('<BR/>')}"


def _colouring_rows(title: str, entries: Sequence[LegendEntry]) -> str:
    cells = "".join(f'<TR><TD BGCOLOR="{e.fill}" COLOR="{e.border}" BORDER="1" WIDTH="16" HEIGHT="12" '
                    f'FIXEDSIZE="TRUE"> </TD>'
                    f'<TD ALIGN="LEFT">{html(e.text)}</TD></TR>' for e in entries)
    return f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{html(title)}</B></TD></TR>{cells}'


def legend_lines(kinds: Iterable[str], relation_types: Iterable[str], *, outcomes: bool = False,
                 colouring: tuple[str, Sequence[LegendEntry]] | None = None, direction: str = "BT") -> list[str]:
    """DOT lines of the legend for the kinds and relation types present (in their canonical order)."""
    kind_set, type_set = set(kinds), set(relation_types)
    present_kinds = [k for k in NODE_LOOKS if k in kind_set]
    present_types = [t for t in EDGE_LOOKS if t in type_set]
    outcomes = outcomes and "forecast" in present_kinds
    if direction in ("LR", "RL"):
        return legend_table(present_kinds, present_types, outcomes=outcomes, colouring=colouring)
    # In a bottom-to-top layout a cluster's label at the "bottom" is drawn at the top.
    labelloc = "b" if direction == "BT" else "t"
    lines = [
        "subgraph cluster_legend {",
        f'\tlabel=<<B>Legend</B>> labeljust=l labelloc={labelloc} fontsize=11 style="rounded,filled" '
        f'color="{colours.LEGEND_BORDER}" fillcolor="#ffffff" margin=10 penwidth=1 tooltip="legend"',
    ]
    row: list[str] = []
    for kind in present_kinds:
        look = NODE_LOOKS[kind]
        row.append(quoted(PREFIX + kind))
        lines.append(f"\t{row[-1]} [shape={look.shape} style={quoted(look.style)} "
                     f'fillcolor="{look.fill}" color="{look.border}" fontsize=9 margin="0.08,0.04" '
                     f"label=<{_KIND_SAMPLES[kind]}> tooltip={quoted(kind + ': ' + look.description)}]")
    if outcomes:
        row.append(quoted(PREFIX + "outcomes"))
        lines.append(f'\t{row[-1]} [shape=plaintext style="" fontsize=9 label=<{_outcomes_label()}> '
                     'tooltip="forecast outcomes"]')
    if colouring is not None:
        title, entries = colouring
        row.append(quoted(PREFIX + "colouring"))
        lines.append(f'\t{row[-1]} [shape=plaintext style="" fontsize=9 label=<<TABLE BORDER="0" CELLSPACING="3" '
                     f'CELLPADDING="2">{_colouring_rows(title, entries)}</TABLE>> tooltip={quoted(title)}]')
    if row:
        lines.append(f"\t{{rank=same {' '.join(row)}}}")
        lines.extend(f"\t{a} -> {b} [style=invis]" for a, b in pairwise(row))
    points: list[str] = []
    for relation_type in present_types:
        edge = EDGE_LOOKS[relation_type]
        tail, head = quoted(f"{PREFIX}{relation_type}_from"), quoted(f"{PREFIX}{relation_type}_to")
        points += [tail, head]
        for point in (tail, head):
            lines.append(f'\t{point} [shape=point width=0.05 color="{colours.MUTED}" label="" tooltip=""]')
        label = _small(html(_relation_name(relation_type)), colours.TEXT)
        lines.append(f'\t{tail} -> {head} [color="{edge.colour}" style={edge.style} arrowhead={edge.arrowhead} '
                     f"penwidth={edge.penwidth} minlen=2 xlabel=<{label}> "
                     f"tooltip={quoted(relation_type + ': ' + edge.description)}]")
    if points:
        lines.append(f"\t{{rank=same {' '.join(points)}}}")
        lines.extend(f"\t{a} -> {b} [style=invis]" for a, b in zip(points[1::2], points[2::2], strict=False))
        if row:
            lines.append(f"\t{points[0]} -> {row[0]} [style=invis]")
    lines.append("}")
    return lines


def legend_table(kinds: Sequence[str], relation_types: Sequence[str], *, outcomes: bool = False,
                 colouring: tuple[str, Sequence[LegendEntry]] | None = None) -> list[str]:
    """The legend as one table node: a swatch and description per kind, a coloured line glyph per relation."""
    rows = ['<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="11"><B>Legend</B></FONT></TD></TR>']
    for kind in kinds:
        look = NODE_LOOKS[kind]
        rows.append(f'<TR><TD BGCOLOR="{look.fill}" COLOR="{look.border}" BORDER="1">{html(kind)}</TD>'
                    f'<TD ALIGN="LEFT">{html(look.description)}</TD></TR>')
    for relation_type in relation_types:
        edge = EDGE_LOOKS[relation_type]
        rows.append(f'<TR><TD><FONT COLOR="{edge.colour}"><B>{_GLYPHS[relation_type]}</B></FONT></TD>'
                    f'<TD ALIGN="LEFT">{html(_relation_name(relation_type))}</TD></TR>')
    if outcomes:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{_outcome_marks(", ")}</TD></TR>')
    if colouring is not None:
        rows.append(_colouring_rows(*colouring))
    table = (f'<TABLE BORDER="1" COLOR="{colours.LEGEND_BORDER}" CELLBORDER="0" CELLSPACING="3" CELLPADDING="3" '
             f'STYLE="ROUNDED" BGCOLOR="#ffffff">{"".join(rows)}</TABLE>')
    return [f'{quoted(PREFIX + "table")} [shape=plaintext style="" fontsize=9 margin=0 label=<{table}> '
            'tooltip="legend"]']
