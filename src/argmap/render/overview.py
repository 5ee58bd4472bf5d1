"""The overview of a large view: one node per part of the argument (`argmap.render.parts`), sized by and labelled
with its counts and standing, and one edge per pair of parts that relations join, labelled with their counts by
type. Each part is also a diagram of its own (`part_dots`); `diagram_files` draws the overview and every part, the
parts laid out in parallel processes, with each part of the overview linked to its file.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from argmap.memory import collector_paused
from argmap.render import colours
from argmap.render.colouring import LABEL_WORDS
from argmap.render.dot import CHEAP_SETTINGS, GRAPH_NAME, build_dot, graph_attributes
from argmap.render.layout import Prepared, draw_prepared
from argmap.render.parts import Part, by_conclusion, by_facet
from argmap.render.style import FONT, edge_look
from argmap.render.text import html, quoted, quoted_lines, wrap
from argmap.render.view import View, auto_direction

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


def counts_line(prep: Prepared, part: Part) -> str:
    """`120 nodes: 50 evidence, 40 claims, 20 inferences, 10 forecasts`."""
    kinds: Counter[str] = Counter(str(prep.amap.by_id[node_id].kind) for node_id in part.nodes)
    listed = ", ".join(f"{kinds[k]} {_KIND_WORDS[k][kinds[k] != 1]}" for k in _KIND_WORDS if kinds[k])
    return f"{len(part.nodes)} node{'s' if len(part.nodes) != 1 else ''}" + (f": {listed}" if listed else "")


def standing_line(part: Part, labels: Mapping[str, str]) -> str:
    """`conclusion: accepted · 80 in, 30 out, 10 undecided`; empty without labels."""
    if not labels:
        return ""
    tally = Counter(labels.get(node_id, "") for node_id in part.nodes)
    spread = ", ".join(f"{tally[k]} {w}" for k, w in (("in", "in"), ("out", "out"), ("undec", "undecided"),
                                                       ("unsupported", "unsupported")) if tally[k])
    if part.head is not None and part.head in labels:
        return f"conclusion: {LABEL_WORDS.get(labels[part.head], labels[part.head])} · {spread}"
    return spread


def overview_dot(prep: Prepared, parts: Sequence[Part], links: Mapping[str, str] | None = None) -> str:
    """The overview's DOT: a node per part (id `part-<key>`, linked to `links[key]` when given), edges between
    parts aggregated by type."""
    labels = standing(prep)
    amap, opts = prep.amap, prep.options
    part_of = {node_id: part.key for part in parts for node_id in part.nodes}
    between: dict[tuple[str, str], Counter[str]] = {}
    for rel in prep.view.relations:
        a, b = part_of.get(rel.source), part_of.get(rel.target)
        if a and b and a != b:
            between.setdefault((a, b), Counter())[rel.type] += 1
    if not prep.direction_given:
        opts = replace(opts, direction=auto_direction([p.key for p in parts], list(between)))
    attrs = graph_attributes(replace(opts, engine="dot"), len(parts)) | {"ranksep": "0.8", "nodesep": "0.5",
                                                                                "pack": "true", "packmode": "graph"}
    if len(between) > CHEAP_EDGES:  # a few dozen parts of a big map can be joined by hundreds of labelled edges
        attrs |= CHEAP_SETTINGS
    lines = [f"digraph {GRAPH_NAME} {{", "\tgraph [" + " ".join(f"{k}={quoted(v)}" for k, v in attrs.items()) + "]",
             f"\ttooltip={quoted(amap.title)}",
             f'\tnode [fontname={quoted(FONT)} fontsize=11 fontcolor="{colours.TEXT}" penwidth=1.3 shape=box '
             'style="rounded,filled"]', f'\tedge [fontname={quoted(FONT)} fontsize=9 arrowsize=0.8]']
    if opts.title:
        subtitle = f"overview: {len(parts)} parts, {len(prep.view.nodes):,} nodes (click a part to open it)"
        title = "<BR/>".join(html(line) for line in wrap(amap.title, 90, max_lines=3))
        lines.append(f'\tlabel=<<FONT POINT-SIZE="16"><B>{title}</B></FONT><BR/>'
                     f'<FONT POINT-SIZE="10" COLOR="{colours.MUTED}">{html(subtitle)}</FONT>> labelloc=t')
    biggest = max((len(p.nodes) for p in parts), default=1)
    for part in parts:
        head_label = labels.get(part.head or "", "")
        fill = colours.ACCEPTANCE_FILLS.get(head_label, colours.KIND_FILLS["claim"])
        border = colours.ACCEPTANCE_COLOURS.get(head_label, colours.KIND_COLOURS["claim"])
        scale = math.sqrt(len(part.nodes) / biggest)
        text = "<BR/>".join(html(line) for line in wrap(part.title, 34, max_lines=4)) or " "
        label = (f'<FONT POINT-SIZE="{12 + round(6 * scale)}"><B>{text}</B></FONT><BR/>'
                 f'<FONT POINT-SIZE="10">{html(counts_line(prep, part))}</FONT>')
        stand = standing_line(part, labels)
        if stand:
            label += f'<BR/><FONT POINT-SIZE="9" COLOR="{colours.MUTED}">{html(stand)}</FONT>'
        node = [f'id="part-{part.key}"', "class=part", f'fillcolor="{fill}"', f'color="{border}"',
                f"penwidth={1.3 + 2.5 * scale:.2f}", f"margin=\"{0.15 + 0.5 * scale:.2f},{0.08 + 0.3 * scale:.2f}\"",
                f"label=<{label}>",
                f"tooltip={quoted_lines([part.title, counts_line(prep, part)] + ([stand] if stand else []))}"]
        if links and part.key in links:
            node += [f"URL={quoted(links[part.key])}"]
        lines.append(f"\t{quoted(part.key)} [{' '.join(node)}]")
    for number, ((a, b), types) in enumerate(between.items()):
        main = types.most_common(1)[0][0]
        look = edge_look(main)
        total = sum(types.values())
        text = ", ".join(f"{n} {t}" for t, n in types.most_common())
        lines.append(f'\t{quoted(a)} -> {quoted(b)} [id="link-{number}" class={quoted(main)} color="{look.colour}" '
                     f"style={look.style} arrowhead={look.arrowhead} penwidth={1 + math.log2(total):.2f} "
                     f'xlabel=<<FONT COLOR="{look.colour}">{html(text)}</FONT>> tooltip={quoted(text)}]')
    return "\n".join(lines) + "\n}\n"


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
    """The DOT source of each part's own diagram."""
    out = []
    for number, part in enumerate(parts, 1):
        sub = part_prepared(prep, part, number, len(parts))
        out.append(build_dot(sub.amap, sub.view.nodes, sub.view.relations, sub.options, prep.colouring.overrides,
                             prep.legend))
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
