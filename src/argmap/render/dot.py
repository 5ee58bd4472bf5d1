"""The DOT source of a diagram, built line by line with `graphviz.Digraph`: the same view, the same bytes.

Every string from the map passes through `argmap.render.text` (labels are entity-escaped HTML-like labels, other
attributes quoted with their backslashes doubled), so map text never becomes DOT syntax or SVG markup. Nodes and
relations come in file order, attributes in a fixed order, and nothing depends on time or hashing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import graphviz

from argmap.model import ArgMap, Evidence, Forecast, Inference, NodeBase, Relation
from argmap.model.base import is_slug
from argmap.render import colours
from argmap.render.colouring import LegendEntry
from argmap.render.legend import legend_lines
from argmap.render.options import DiagramOptions
from argmap.render.style import FONT, NodeStyle, edge_look, node_look, outcome_colour, outcome_text, probability_text
from argmap.render.text import clean, html, quoted, quoted_lines, safe_url, wrap

GRAPH_NAME = "argmap"
QUOTE_CHARS = 280


def _small(text: str, colour: str = colours.MUTED, size: int = 9, bold: bool = False) -> str:
    body = f"<B>{text}</B>" if bold else text
    return f'<FONT POINT-SIZE="{size}" COLOR="{colour}">{body}</FONT>'


def node_label(node: NodeBase, width: int, override: NodeStyle | None = None, show_id: bool = False) -> str:
    """The HTML-like label of a node (without the outer `<>`): scheme header, wrapped text, badges."""
    parts: list[str] = []
    if isinstance(node, Inference):
        parts.append(_small(f"<I>{html(node.scheme or 'inference')}</I>", colours.SCHEME_TEXT))
    parts.append("<BR/>".join(html(line) for line in wrap(node.text, width)) or " ")
    probability = probability_text(node)
    if probability:
        parts.append(_small(html(probability), colours.TEXT))
    outcome = outcome_text(node)
    if outcome:
        parts.append(_small(html(outcome), outcome_colour(node), bold=True))
    if override is not None and override.badge:
        parts.append(_small(html(override.badge), size=8))
    if show_id:
        parts.append(_small(html(node.id), size=8))
    return "<BR/>".join(parts)


def node_tooltip(node: NodeBase, amap: ArgMap) -> list[str]:
    """What hovering over a node shows: id and kind, text, quotes with their sources, and the node's notes."""
    lines = [f"{node.id} ({node.kind})", node.text]
    if isinstance(node, Inference) and node.warrant:
        lines.append(f"warrant: {node.warrant}")
    if isinstance(node, Evidence) and node.reported_by:
        lines.append(f"reported by: {node.reported_by}")
    if isinstance(node, Forecast):
        if node.words:
            lines.append(f"words: {node.words}")
        if node.horizon is not None and (node.horizon.stated or node.horizon.resolve_by):
            horizon = node.horizon.stated or ""
            if node.horizon.resolve_by:
                horizon += f" (resolve by {node.horizon.resolve_by.isoformat()})"
            lines.append(f"horizon: {horizon.strip()}")
        if node.resolution is not None and node.resolution.note:
            lines.append(f"outcome: {node.resolution.note}")
    for quote in node.quotes:
        text = clean(quote.text)
        if len(text) > QUOTE_CHARS:
            text = text[: QUOTE_CHARS - 1] + "…"
        source = amap.source(quote.source)
        lines.append(f"“{text}”" + (f" ({source.title})" if source is not None else ""))
    if node.note:
        lines.append(f"note: {node.note}")
    return lines


def node_link(node: NodeBase, amap: ArgMap) -> str | None:
    """Where clicking a node leads: a resolved forecast's first record, else the source of its first quote;
    only plain http(s) links."""
    if isinstance(node, Forecast) and node.resolution is not None:
        for record in node.resolution.sources:
            url = safe_url(record.url)
            if url:
                return url
    for quote in node.quotes:
        source = amap.source(quote.source)
        url = safe_url(source.url) if source is not None else None
        if url:
            return url
    return None


def node_name(node_id: str, index: int) -> str:
    """The node's name in the DOT source (and the `<title>` of its SVG group): its id when the id is a valid
    slug (as every loaded map's ids are), else `#<index>`, which no slug can be.

    >>> node_name("army-fled", 3), node_name('"]; x [label="pwned', 4), node_name("Upper", 5)
    ('army-fled', '#4', '#5')
    """
    return node_id if is_slug(node_id) else f"#{index}"


def svg_id(node_id: str, index: int) -> str:
    """A stable SVG id for a node: `node-<id>` for a slug id, else `node-<index>`.

    >>> svg_id("army-fled", 3), svg_id('"><script>', 4)
    ('node-army-fled', 'node-4')
    """
    return f"node-{node_id}" if is_slug(node_id) else f"node-{index}"


def node_statement(node: NodeBase, index: int, amap: ArgMap, options: DiagramOptions,
                   override: NodeStyle | None, focus: bool) -> str:
    look = node_look(node.kind)
    fill = (override.fill if override and override.fill else None) or look.fill
    border = (override.border if override and override.border else None) or look.border
    kind_class = node.kind if node.kind in ("claim", "evidence", "inference", "forecast") else "unknown"
    attrs = [f'id="{svg_id(node.id, index)}"', f"class={kind_class}", f"shape={look.shape}",
             f"style={quoted(look.style)}", f'fillcolor="{fill}"', f'color="{border}"']
    attrs += [f"{key}={quoted(value)}" for key, value in look.attrs.items()]
    if focus:
        attrs.append("penwidth=3")
    attrs.append(f"label=<{node_label(node, options.wrap, override, options.ids)}>")
    attrs.append(f"tooltip={quoted_lines(node_tooltip(node, amap))}")
    if options.links:
        url = node_link(node, amap)
        if url:
            attrs += [f"URL={quoted(url)}", 'target="_blank"']
    return f"{quoted(node_name(node.id, index))} [{' '.join(attrs)}]"


def edge_statement(rel: Relation, index: int, names: Mapping[str, str]) -> str:
    look = edge_look(rel.type)
    type_class = rel.type if rel.type in ("supports", "attacks", "undercuts", "condition", "requires") else "unknown"
    penwidth = look.penwidth if rel.weight is None else round(0.6 + 1.6 * rel.weight, 2)
    attrs = [f"id=\"rel-{index}\"", f"class={type_class}", f'color="{look.colour}"', f"style={look.style}",
             f"arrowhead={look.arrowhead}", f"penwidth={penwidth}"]
    if look.label:  # an xlabel is placed after layout: a `label` would make dot double every rank
        attrs.append(f'xlabel=<{_small(html(look.label), look.colour, 10, bold=True)}>')
    tooltip = [f"{rel.source} {rel.type} {rel.target}"]
    if rel.weight is not None:
        tooltip.append(f"weight {rel.weight:g}")
    if rel.note:
        tooltip.append(rel.note)
    attrs.append(f"tooltip={quoted_lines(tooltip)}")
    return f"{quoted(names[rel.source])} -> {quoted(names[rel.target])} [{' '.join(attrs)}]"


def _facet_of(node: NodeBase, facet: str) -> str | None:
    values: list[str] = list(getattr(node, facet + "s"))
    return values[0] if values else None


def _title_label(amap: ArgMap, subtitle: str, notes: Sequence[str] = ()) -> str:
    title = "<BR/>".join(html(line) for line in wrap(amap.title, 90, max_lines=3))
    label = f'<FONT POINT-SIZE="16"><B>{title}</B></FONT>'
    if subtitle:
        label += "<BR/>" + _small(html(subtitle), size=10)
    for note in notes:
        label += "<BR/>" + "<BR/>".join(_small(html(line), size=10) for line in wrap(note, 120, max_lines=4))
    return label


def view_subtitle(options: DiagramOptions) -> str:
    """`neighbourhood of X (depth 2) · kind: claim` describing a partial view; empty for the whole map."""
    parts = []
    if options.focus:
        parts.append(f"neighbourhood of {options.focus} (depth {options.depth})")
    for facet in ("kind", "tag", "actor", "theme"):
        values = getattr(options, facet)
        if values:
            parts.append(f"{facet}: {', '.join(values)}")
    return " · ".join(parts)


#: Above this many nodes `dot` runs with its cheap settings (fewer network-simplex and crossing-minimisation
#: passes, no second crossing pass over clusters): the picture stays clean, the layout takes far less time.
CHEAP_ABOVE = 300
CHEAP_SETTINGS = {"nslimit": "2", "nslimit1": "2", "mclimit": "0.5", "remincross": "false"}


def graph_attributes(options: DiagramOptions, size: int = 0) -> dict[str, str]:
    """Layout and look of the whole drawing of `size` nodes. No `size` attribute: a diagram is drawn at full
    size, never squeezed."""
    engine = options.engine or engine_for(size)
    attrs = {"rankdir": options.direction or "BT", "nodesep": "0.3", "ranksep": "0.45", "splines": "true",
             "fontname": FONT, "fontcolor": colours.TEXT, "bgcolor": "white", "pad": "0.3",
             "outputorder": "edgesfirst", "forcelabels": "true"}
    if engine == "dot":
        attrs["newrank"] = "true"
        if size > CHEAP_ABOVE:
            attrs.update(CHEAP_SETTINGS)
    else:
        attrs["overlap"] = "false"
        if engine == "sfdp":
            attrs.update({"overlap": "prism0", "splines": "false", "outputorder": "edgesfirst"})
    return attrs


#: Above this many nodes the default engine is `sfdp` (multilevel force-directed), not `dot`.
SFDP_ABOVE = 20000


def engine_for(size: int) -> str:
    """The layout engine for a diagram of `size` nodes when the user names none.

    >>> engine_for(85), engine_for(50000)
    ('dot', 'sfdp')
    """
    return "sfdp" if size > SFDP_ABOVE else "dot"


def build_dot(amap: ArgMap, view_nodes: Sequence[NodeBase], view_relations: Sequence[Relation],
              options: DiagramOptions, overrides: Mapping[str, NodeStyle] | None = None,
              colouring_legend: tuple[str, Sequence[LegendEntry]] | None = None, notes: Sequence[str] = ()) -> str:
    """The DOT source of the given nodes and relations of `amap`.

    `overrides` (node id -> `NodeStyle`) replaces a node's fill or border and adds a badge line; with it,
    `colouring_legend` (title, entries) adds the swatches that explain the colours to the legend. `notes` are
    lines of text under the title (a part of an overview: its links to the other parts)."""
    overrides = overrides or {}
    graph = graphviz.Digraph(GRAPH_NAME, graph_attr=graph_attributes(options, len(view_nodes)), node_attr={
        "fontname": FONT, "fontsize": "11", "fontcolor": colours.TEXT, "penwidth": "1.3"},
        edge_attr={"fontname": FONT, "fontsize": "9", "arrowsize": "0.8", "color": colours.MUTED})
    graph.body.append(f"\ttooltip={quoted(amap.title)}\n")
    if options.title:
        graph.body.append(f"\tlabel=<{_title_label(amap, view_subtitle(options), notes)}> labelloc=t\n")
    statements = {node.id: node_statement(node, index, amap, options, overrides.get(node.id),
                                          node.id == options.focus)
                  for index, node in enumerate(view_nodes)}
    if options.cluster in ("theme", "actor", "tag"):
        facet = options.cluster
        vocabulary: dict[str, str] = getattr(amap, facet + "s")
        values_used = [v for n in view_nodes for v in getattr(n, facet + "s")]
        order = list(vocabulary) + [v for v in values_used if v not in vocabulary]
        members: dict[str, list[str]] = {}
        for node in view_nodes:
            value = _facet_of(node, facet)
            if value is not None:
                members.setdefault(value, []).append(node.id)
        labelloc = "b" if (options.direction or "BT") == "BT" else "t"  # a BT layout turns clusters upside down
        loose = [node.id for node in view_nodes if _facet_of(node, facet) is None]
        for number, value in enumerate(dict.fromkeys(t for t in order if t in members)):
            name = vocabulary.get(value, value)
            graph.body.append(f"\tsubgraph {quoted(f'cluster_{number}')} {{\n")
            graph.body.append(f"\t\tlabel=<<B>{html(name)}</B>> labeljust=l labelloc={labelloc} fontsize=12 "
                              f'style="rounded,filled" color="{colours.CLUSTER_BORDER}" '
                              f'fillcolor="{colours.CLUSTER_FILL}" '
                              f"tooltip={quoted(facet + ': ' + value)}\n")
            graph.body.extend(f"\t\t{statements[node_id]}\n" for node_id in members[value])
            graph.body.append("\t}\n")
        graph.body.extend(f"\t{statements[node_id]}\n" for node_id in loose)
    else:
        graph.body.extend(f"\t{statement}\n" for statement in statements.values())
    names = {node.id: node_name(node.id, index) for index, node in enumerate(view_nodes)}
    graph.body.extend(f"\t{edge_statement(rel, index, names)}\n" for index, rel in enumerate(view_relations))
    if options.legend and view_nodes:
        outcomes = any(isinstance(n, Forecast) and n.resolution is not None for n in view_nodes)
        graph.body.extend(f"\t{line}\n" for line in legend_lines(
            (n.kind for n in view_nodes), (r.type for r in view_relations), outcomes=outcomes,
            colouring=colouring_legend, direction=options.direction or "BT"))
    return graph.source


def component_dot(amap: ArgMap, nodes: Sequence[tuple[int, NodeBase]], relations: Sequence[tuple[int, Relation]],
                  options: DiagramOptions, overrides: Mapping[str, NodeStyle], size: int) -> str:
    """The DOT of some connected components of a view, laid out on their own and packed (`pack=true`) before
    `argmap.render.pack` puts them beside the others: nodes and relations keep their index in the whole view
    (so their SVG ids stay unique), the graph attributes are those of the whole `size`-node diagram."""
    attrs = graph_attributes(options, size) | {"pack": "true", "packmode": "graph"}
    lines = [f"digraph {GRAPH_NAME} {{", "\tgraph [" + " ".join(f"{k}={quoted(v)}" for k, v in attrs.items()) + "]",
             f'\tnode [fontname={quoted(FONT)} fontsize=11 fontcolor="{colours.TEXT}" penwidth=1.3]',
             f'\tedge [fontname={quoted(FONT)} fontsize=9 arrowsize=0.8 color="{colours.MUTED}"]']
    names = {node.id: node_name(node.id, index) for index, node in nodes}
    lines += [f"\t{node_statement(node, index, amap, options, overrides.get(node.id), node.id == options.focus)}"
              for index, node in nodes]
    lines += [f"\t{edge_statement(rel, index, names)}" for index, rel in relations]
    return "\n".join(lines) + "\n}\n"


def header_dot(amap: ArgMap, options: DiagramOptions, legend: Sequence[str]) -> str | None:
    """The title and the legend (as one table) of a packed diagram, side by side; None when neither is drawn."""
    lines = [f"digraph {GRAPH_NAME} {{", "\tnodesep=0.6 pad=0",
             f'\tnode [fontname={quoted(FONT)} fontsize=11 fontcolor="{colours.TEXT}"]']
    if options.title:
        lines.append(f'\t"_title" [shape=plaintext label=<{_title_label(amap, view_subtitle(options))}> '
                     f"tooltip={quoted(amap.title)}]")
    lines += [f"\t{line}" for line in legend]
    if len(lines) == 3:
        return None
    if options.title and legend:
        lines.append('\t{rank=same "_title" "_legend_table"}')
    return "\n".join(lines) + "\n}\n"
