"""The overview of a large view: one compact node per part of the argument (`argmap.render.parts`), labelled
with its number, size, counts by kind and standing, and the strongest links between parts
(`argmap.render.part_links`), as thick as the relations they stand for and numbered with them, the others counted
in the caption. `dot` ranks the parts by their lines of argument, in the diagram's direction (BT: a part below
the part its conclusion bears on; LR: left of it); the other links drawn follow those ranks, never reorder them;
groups of parts no link joins are laid out in rows. Each part is also a diagram of its own (`part_dots`), which
lists its links to the other parts; `diagram_files` draws the overview and every part, the parts laid out in
parallel processes, with each part of the overview linked to its file.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from argmap.memory import collector_paused
from argmap.render import colours
from argmap.render.colouring import LABEL_WORDS
from argmap.render.dot import CHEAP_SETTINGS, GRAPH_NAME, build_dot, graph_attributes
from argmap.render.layout import Prepared, draw_prepared
from argmap.render.part_links import Joined, Link, drawn_links, left_out, part_links, part_summary
from argmap.render.parts import Part, by_conclusion, by_facet
from argmap.render.style import FONT, edge_look
from argmap.render.text import html, quoted, quoted_lines, wrap
from argmap.render.view import View, auto_direction

#: The opacity (hex) of a drawn link that does not rank the layout: the lines of argument read first.
CROSS_ALPHA = "99"
#: A link of this many relations (or the heaviest, when more) is drawn at the full width.
THICKEST = 16
#: An overview with more edges between its parts than this is laid out with `dot`'s cheap settings.
CHEAP_EDGES = 100
_KIND_WORDS = {"evidence": ("evidence", "evidence"), "claim": ("claim", "claims"),
               "inference": ("inference", "inferences"), "forecast": ("forecast", "forecasts")}


def wants_overview(prep: Prepared) -> bool:
    """Whether the view is drawn as an overview: more nodes than `overview_above`, and no `full`."""
    return not prep.options.full and len(prep.view.nodes) > prep.options.overview_above


def parts_of(prep: Prepared) -> list[Part]:
    """The parts of the view: by theme, actor or tag with `cluster`, else by top-level conclusion."""
    facet = prep.options.cluster
    if facet in ("theme", "actor", "tag"):
        names: dict[str, str] = getattr(prep.amap, facet + "s")
        return by_facet(prep.view.nodes, facet, names)
    return by_conclusion(prep.view.nodes, prep.view.relations)


def standing(prep: Prepared) -> dict[str, str]:
    """Each node's grounded acceptance label (`in`, `out`, `undec`, `unsupported`); empty when it cannot be had.

    Only the labels: the overview shows no strength or probability, which would cost a full evaluation
    (`argmap.analysis.semantics.evaluate` computes the labels the same way, then much more)."""
    try:
        from argmap.analysis.framework import build_framework
        from argmap.analysis.labels import grounded_labels

        return grounded_labels(build_framework(prep.amap))
    except Exception:  # a map the reasoning cannot evaluate still gets its overview, without standing
        return {}


def kind_counts(prep: Prepared, part: Part) -> list[str]:
    """`["50 evidence", "40 claims", ...]`: a part's nodes by kind."""
    kinds: Counter[str] = Counter(str(prep.amap.by_id[node_id].kind) for node_id in part.nodes)
    return [f"{kinds[k]} {_KIND_WORDS[k][kinds[k] != 1]}" for k in _KIND_WORDS if kinds[k]]


def counts_line(prep: Prepared, part: Part) -> str:
    """`120 nodes: 50 evidence, 40 claims, 20 inferences, 10 forecasts`."""
    listed = ", ".join(kind_counts(prep, part))
    return f"{len(part.nodes)} node{'s' if len(part.nodes) != 1 else ''}" + (f": {listed}" if listed else "")


def _tally(part: Part, labels: Mapping[str, str]) -> str:
    tally = Counter(labels.get(node_id, "") for node_id in part.nodes)
    return ", ".join(f"{tally[k]} {w}" for k, w in (("in", "in"), ("out", "out"), ("undec", "undecided"),
                                                    ("unsupported", "unsupported")) if tally[k])


def standing_line(part: Part, labels: Mapping[str, str]) -> str:
    """`conclusion: accepted · 80 in, 30 out, 10 undecided`; empty without labels."""
    if not labels:
        return ""
    spread = _tally(part, labels)
    if part.head is not None and part.head in labels:
        return f"conclusion: {LABEL_WORDS.get(labels[part.head], labels[part.head])} · {spread}"
    return spread


def _packed(items: Sequence[str], width: int) -> list[str]:
    """Items joined by commas, broken between items into lines of about `width` characters.

    >>> _packed(["50 evidence", "40 claims", "20 inferences"], 24)
    ['50 evidence, 40 claims,', '20 inferences']
    """
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(item) + 2 <= width:
            lines[-1] += f" {item}"
        else:
            lines.append(item)
        lines[-1] += ","
    return [line[:-1] if i == len(lines) - 1 else line for i, line in enumerate(lines)]


def part_names(parts: Sequence[Part]) -> dict[str, str]:
    """`part 3`: how the overview, the caption and the part diagrams name each part (its number in the list)."""
    return {part.key: f"part {number}" for number, part in enumerate(parts, 1)}


def part_label(prep: Prepared, part: Part, name: str, labels: Mapping[str, str], scale: float) -> str:
    """A part's compact label: its name and size, its conclusion's text (larger for a larger part), its nodes by
    kind and its standing, each on lines of about 30 characters."""
    muted = f'<FONT POINT-SIZE="9" COLOR="{colours.MUTED}">'
    text = "<BR/>".join(html(line) for line in wrap(part.title, 28, max_lines=3)) or " "
    size = f"{len(part.nodes):,} node{'s' if len(part.nodes) != 1 else ''}"
    label = (f"{muted}{html(name)} · {size}</FONT><BR/>"
             f'<FONT POINT-SIZE="{12 + round(3 * scale)}"><B>{text}</B></FONT>')
    kinds = _packed(kind_counts(prep, part), 30)
    if kinds:
        label += '<BR/><FONT POINT-SIZE="9">' + "<BR/>".join(html(line) for line in kinds) + "</FONT>"
    if labels:
        stand = []
        if part.head is not None and part.head in labels:
            stand.append(f"conclusion {LABEL_WORDS.get(labels[part.head], labels[part.head])}")
        stand += _packed(_tally(part, labels).split(", "), 30)
        label += f"<BR/>{muted}" + "<BR/>".join(html(line) for line in stand if line) + "</FONT>"
    return label


#: A part with more leaves (parts nothing bears on) bearing on it than this has them staggered over several ranks.
STAGGER = 4


def _stagger(ranking: Sequence[Link]) -> dict[int, int]:
    """`minlen` for the ranking links of leaves crowding one part: 1, 2, 3, ... in turn, so a conclusion with
    twenty lines is drawn as a few short rows, not one row twenty parts wide (as Graphviz's `unflatten` does)."""
    has_in = {link.target for link in ranking}
    crowd: dict[str, list[int]] = {}
    for index, link in enumerate(ranking):
        if link.source not in has_in:
            crowd.setdefault(link.target, []).append(index)
    out: dict[int, int] = {}
    for indices in crowd.values():
        if len(indices) > STAGGER:
            levels = math.ceil(len(indices) / STAGGER)
            out.update((index, 1 + turn % levels) for turn, index in enumerate(indices))
    return out


def _levels(keys: Sequence[str], ranking: Sequence[Link]) -> dict[str, int]:
    """Each part's level in the ranking: 0 for a part nothing bears on through its lines, else one more than the
    highest of those that do (the longest path, as `dot` ranks a graph; a cycle's parts keep the level reached)."""
    level = dict.fromkeys(keys, 0)
    into = dict.fromkeys(keys, 0)
    out: dict[str, list[str]] = {}
    for link in ranking:
        out.setdefault(link.source, []).append(link.target)
        into[link.target] += 1
    queue = [key for key in keys if into[key] == 0]
    while queue:
        key = queue.pop()
        for other in out.get(key, ()):
            level[other] = max(level[other], level[key] + 1)
            into[other] -= 1
            if into[other] == 0:
                queue.append(other)
    return level


def overview_caption(parts: Sequence[Part], nodes: int, links: Sequence[Link], drawn: Sequence[bool]) -> list[str]:
    """The overview's subtitle: its size, and the links between parts it draws and leaves out."""
    hidden, hidden_relations = left_out(links, drawn)
    relations = sum(link.total for link in links)
    out = [f"overview: {len(parts)} parts, {nodes:,} nodes (click a part to open it)"]
    if links:
        which = ("the lines of argument, " if any(link.line for link in links) else "") + \
            "each part's strongest link, the heaviest"
        out.append(f"{len(links) - hidden} of {len(links)} links between parts drawn "
                   f"({relations - hidden_relations:,} of {relations:,} relations): {which}; "
                   "a number on a link counts its relations (none: one)")
    if hidden:
        out.append(f"{hidden} weaker link{'s' if hidden != 1 else ''} between parts ({hidden_relations:,} "
                   f"relation{'s' if hidden_relations != 1 else ''}) not drawn: each part's diagram lists its links")
    return out


def overview_dot(prep: Prepared, parts: Sequence[Part], links: Mapping[str, str] | None = None) -> str:
    """The overview's DOT: a node per part (id `part-<key>`, linked to `links[key]` when given) and the strongest
    links between parts (`argmap.render.part_links`), ranked by the parts' lines in the diagram's direction."""
    labels = standing(prep)
    amap, opts = prep.amap, prep.options
    between = part_links(parts, prep.view.relations)
    drawn = drawn_links(between, opts.overview_links)
    shown = [link for link, flag in zip(between, drawn, strict=True) if flag]
    ranking = [link for link in shown if link.line] or shown  # the lines rank the layout; without any, every link
    if not prep.direction_given:
        opts = replace(opts, direction=auto_direction([p.key for p in parts],
                                                      [(link.source, link.target) for link in ranking]))
    attrs = graph_attributes(replace(opts, engine="dot"), len(parts)) | {"ranksep": "0.5", "nodesep": "0.3"}
    if len(shown) > CHEAP_EDGES:  # `--overview-links all` on a big map: hundreds of labelled edges
        attrs |= CHEAP_SETTINGS
    caption = overview_caption(parts, len(prep.view.nodes), between, drawn)
    lines = [f"digraph {GRAPH_NAME} {{", "\tgraph [" + " ".join(f"{k}={quoted(v)}" for k, v in attrs.items()) + "]",
             f"\ttooltip={quoted_lines([amap.title, *caption])}",
             f'\tnode [fontname={quoted(FONT)} fontsize=11 fontcolor="{colours.TEXT}" penwidth=1.3 shape=box '
             'style="rounded,filled" margin="0.12,0.06"]',
             f"\tedge [fontname={quoted(FONT)} fontsize=10 arrowsize=0.8]"]
    if opts.title or len(shown) < len(between):  # what is left out is said even without a title
        title = "<BR/>".join(html(line) for line in wrap(amap.title, 90, max_lines=3))
        heading = f'<FONT POINT-SIZE="16"><B>{title}</B></FONT><BR/>' if opts.title else ""
        notes = "<BR/>".join(html(line) for line in caption[0 if opts.title else 1:])
        lines.append(f'\tlabel=<{heading}<FONT POINT-SIZE="10" COLOR="{colours.MUTED}">{notes}</FONT>> labelloc=t')
    names = part_names(parts)
    biggest = max((len(p.nodes) for p in parts), default=1)
    for part in sorted(parts, key=lambda p: -len(p.nodes)):  # the largest first: dot places them first
        head_label = labels.get(part.head or "", "")
        fill = colours.ACCEPTANCE_FILLS.get(head_label, colours.KIND_FILLS["claim"])
        border = colours.ACCEPTANCE_COLOURS.get(head_label, colours.KIND_COLOURS["claim"])
        scale = math.sqrt(len(part.nodes) / biggest)
        stand = standing_line(part, labels)
        tip = [f"{names[part.key]}: {part.title}", counts_line(prep, part)] + ([stand] if stand else [])
        node = [f'id="part-{part.key}"', "class=part", f'fillcolor="{fill}"', f'color="{border}"',
                f"penwidth={1.2 + 2 * scale:.2f}", f"label=<{part_label(prep, part, names[part.key], labels, scale)}>",
                f"tooltip={quoted_lines(tip)}"]
        if links and part.key in links:
            node += [f"URL={quoted(links[part.key])}"]
        lines.append(f"\t{quoted(part.key)} [{' '.join(node)}]")
    heaviest = max((link.total for link in shown), default=1)
    minlen = _stagger(ranking)
    ranked = {id(link): index for index, link in enumerate(ranking)}
    level = _levels([p.key for p in parts], ranking)
    for number, link in enumerate(shown):
        look = edge_look(link.main)
        width = 1.2 + 3.8 * math.sqrt(link.total / max(heaviest, THICKEST))
        a, b, colour, extra = link.source, link.target, look.colour, f" arrowhead={look.arrowhead}"
        if id(link) not in ranked:  # across the lines: lighter, and never pulling the ranks out of their order
            colour += CROSS_ALPHA
            if level[a] == level[b]:
                extra += " constraint=false"
            else:
                extra += " weight=0"
                if level[a] > level[b]:  # drawn from the other end, the arrow where it belongs
                    a, b, extra = b, a, f" dir=back arrowtail={look.arrowhead} weight=0"
        elif ranked[id(link)] in minlen:
            extra += f" minlen={minlen[ranked[id(link)]]}"
        if link.total > 1:
            extra += f' xlabel=<<FONT COLOR="{look.colour}">{link.total:,}</FONT>>'
        text = f"{names[link.source]} → {names[link.target]}: {link.text}"
        lines.append(f'\t{quoted(a)} -> {quoted(b)} [id="link-{number}" class={quoted(link.main)} '
                     f'color="{colour}" style={look.style} penwidth={width:.2f} tooltip={quoted(text)}{extra}]')
    lines += _rows([p.key for p in parts], shown, level, opts.direction or "BT")
    return "\n".join(lines) + "\n}\n"


def _rows(keys: Sequence[str], shown: Sequence[Link], level: Mapping[str, int], direction: str) -> list[str]:
    """Invisible statements that lay the unjoined groups of parts out in rows, largest first, about as wide as
    the rows are deep, each row after the one before in the reading order. (Graphviz's `pack`, which would
    otherwise place them, loses every edge label.)"""
    joined = Joined(keys)
    for link in shown:
        joined.join(link.source, link.target)
    members: dict[str, list[str]] = {}
    for key in keys:
        members.setdefault(joined.find(key), []).append(key)
    groups = sorted(members.values(), key=lambda ks: -len(ks))
    if len(groups) < 2:
        return []

    def breadth(ks: list[str]) -> int:
        return max(Counter(level[k] for k in ks).values())

    # a part is about 190 x 110 pt with its gaps drawn down the page, 260 x 90 across it
    budget = max(max(breadth(g) for g in groups),
                 round(math.sqrt((0.58 if direction in ("TB", "BT") else 2.9) * len(keys))))
    rows: list[list[list[str]]] = [[]]
    used = 0
    for g in groups:
        if rows[-1] and used + breadth(g) > budget:
            rows.append([])
            used = 0
        rows[-1].append(g)
        used += breadth(g)
    out = []
    forward = direction in ("TB", "LR")  # the rank axis runs down or right: the next row comes after
    for number, (one, two) in enumerate(pairwise(rows)):
        first, then = (one, two) if forward else (two, one)
        gate = quoted(f"_row_{number + 1}")
        out.append(f'\t{gate} [shape=point style=invis width=0 height=0 label=""]')
        for g in first:
            last = max(g, key=lambda k: level[k])
            out.append(f"\t{quoted(last)} -> {gate} [style=invis]")
        for g in then:
            start = min(g, key=lambda k: level[k])
            out.append(f"\t{gate} -> {quoted(start)} [style=invis]")
    return out


def part_prepared(prep: Prepared, part: Part, number: int, count: int) -> Prepared:
    """A part as a view of its own: its nodes and the relations among them, titled with the part."""
    members = set(part.nodes)
    nodes = tuple(n for n in prep.view.nodes if n.id in members)
    relations = tuple(r for r in prep.view.relations if r.source in members and r.target in members)
    title = f"{prep.amap.title}: part {number} of {count}, {part.title}"
    amap = prep.amap.model_copy(update={"title": title})
    opts = replace(prep.options, full=True)
    if not prep.direction_given:
        opts = replace(opts, direction=auto_direction([n.id for n in nodes], [(r.source, r.target) for r in relations]))
    return Prepared(amap, opts, View(nodes, relations), prep.colouring, prep.direction_given)


def part_dots(prep: Prepared, parts: Sequence[Part]) -> list[str]:
    """The DOT source of each part's own diagram, its links to the other parts listed under its title."""
    between = part_links(parts, prep.view.relations)
    drawn = drawn_links(between, prep.options.overview_links)
    numbers = part_names(parts)
    names = {part.key: f"{numbers[part.key]} ({(wrap(part.title, 40, max_lines=1) or [''])[0]})" for part in parts}
    out = []
    for number, part in enumerate(parts, 1):
        sub = part_prepared(prep, part, number, len(parts))
        out.append(build_dot(sub.amap, sub.view.nodes, sub.view.relations, sub.options, prep.colouring.overrides,
                             prep.legend, notes=part_summary(part.key, between, drawn, names)))
    return out


def part_file(part: Part, fmt: str) -> str:
    return f"{part.key}.{fmt}"


def diagram_files(prep: Prepared, fmt: str) -> dict[str, bytes]:
    """`overview.<fmt>` linking to one `<part>.<fmt>` per part (every part laid out in a process of its own),
    or, for a view small enough (or `full`), the whole diagram as `diagram.<fmt>`."""
    from argmap.render.pack import draw_all

    with collector_paused():  # the parts and their DOT are made in bulk and hold no cycles
        if not wants_overview(prep):
            return {f"diagram.{fmt}": draw_prepared(prep, fmt)}
        parts = parts_of(prep)
        links = {part.key: part_file(part, fmt) for part in parts} if fmt in ("svg", "pdf") else None
        dots = [overview_dot(prep, parts, links), *part_dots(prep, parts)]
    drawn = draw_all(dots, fmt, "dot", dpi=prep.options.dpi)
    files = {f"overview.{fmt}": drawn[0]}
    files.update((part_file(part, fmt), data) for part, data in zip(parts, drawn[1:], strict=True))
    return files
