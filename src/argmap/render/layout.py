"""The full layout of a view: options checked, view selected, colouring resolved (`prepare`), then laid out as
one graph, or, for a view of more than `PARALLEL_ABOVE` nodes in several connected components or with one of
more than `SPLIT_ABOVE` nodes (cut into pieces), on every core (`argmap.render.pack`) and drawn as one document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from argmap.io.document import MapDocument
from argmap.model import ArgMap, Forecast, NodeBase, Relation
from argmap.render.colouring import Colouring, resolve_colouring
from argmap.render.dot import (
    build_dot,
    component_dot,
    edge_statement,
    engine_for,
    graph_attributes,
    header_dot,
    node_name,
)
from argmap.render.engine import render
from argmap.render.legend import legend_table
from argmap.render.options import DiagramOptions, parse_options
from argmap.render.view import View, auto_direction, select_view

#: Views above this many nodes, in more than one connected component, are laid out in parallel processes.
PARALLEL_ABOVE = 300
#: A connected component above this many nodes is cut into pieces of at most `PIECE` nodes laid out apart.
SPLIT_ABOVE = 1500
PIECE = 1000


@dataclass(frozen=True)
class Prepared:
    """A checked request: the map, its options, the view to draw and its colouring."""

    amap: ArgMap
    options: DiagramOptions
    view: View
    colouring: Colouring
    direction_given: bool = True

    @property
    def engine(self) -> str:
        return self.options.engine or engine_for(len(self.view.nodes))

    @property
    def legend(self) -> tuple[str, Any] | None:
        return (self.colouring.title, self.colouring.entries) if self.colouring.entries else None


def prepare(doc: MapDocument, options: dict[str, Any] | DiagramOptions | None) -> Prepared:
    """Options checked, view selected, colouring resolved, the direction chosen when none is given (but for a view
    drawn as an overview: the overview and each part choose their own). A map whose file does not fully load is
    refused (`ArgmapError`): the diagram would silently lose its bad parts."""
    amap = doc.require_full_map("export")
    opts = options if isinstance(options, DiagramOptions) else parse_options(options)
    view = select_view(amap, focus=opts.focus, depth=opts.depth, kind=opts.kind, tag=opts.tag, actor=opts.actor,
                       theme=opts.theme)
    given = opts.direction is not None
    overview = not opts.full and len(view.nodes) > opts.overview_above  # its parts choose their own direction
    if not given and not overview:
        edges = [(rel.source, rel.target) for rel in view.relations]
        opts = replace(opts, direction=auto_direction([node.id for node in view.nodes], edges))
    return Prepared(amap, opts, view, resolve_colouring(amap, opts.color_by), given)


def view_dot(prep: Prepared) -> str:
    """The DOT source of a prepared view, laid out as one graph."""
    return build_dot(prep.amap, prep.view.nodes, prep.view.relations, prep.options, prep.colouring.overrides,
                     prep.legend)


def components(nodes: Sequence[NodeBase], relations: Sequence[Relation]) -> list[list[int]]:
    """The connected components of a view (relations taken either way), as node indices, largest first.

    >>> from argmap.model import Claim, Relation
    >>> ns = [Claim(id=i, text=i) for i in "abc"]
    >>> components(ns, [Relation(source="c", target="a", type="supports")])
    [[0, 2], [1]]
    """
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = {node.id: i for i, node in enumerate(nodes)}
    for rel in relations:
        a, b = root(index[rel.source]), root(index[rel.target])
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(nodes)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def batches(groups: Sequence[Sequence[int]], count: int) -> list[list[int]]:
    """Groups shared among `count` layout processes in order, each process taking about as many nodes (groups
    that follow each other, the parts of one component, mostly stay together).

    >>> batches([[0, 1, 2], [3, 4], [5]], 2)
    [[0, 1, 2], [3, 4, 5]]
    """
    share = sum(len(g) for g in groups) / count
    out: list[list[int]] = [[]]
    for group in groups:
        if out[-1] and len(out[-1]) + len(group) / 2 > share and len(out) < count:
            out.append([])
        out[-1].extend(group)
    return [sorted(batch) for batch in out if batch]


def split_large(groups: list[list[int]], view: View, count: int) -> tuple[list[list[int]], list[list[int]]]:
    """The components small enough to lay out whole, and the pieces of the others: components of more than
    `SPLIT_ABOVE` nodes are cut into connected pieces of at most `PIECE` nodes (`argmap.render.parts.chunks`), so
    that one big argument is laid out on every core too, in pieces `dot` lays out far faster than the whole (its
    time grows about as the square of the size)."""
    from argmap.render.parts import chunks

    whole: list[list[int]] = []
    pieces: list[list[int]] = []
    for group in groups:
        if len(group) <= SPLIT_ABOVE or count < 2:
            whole.append(group)
            continue
        members = {view.nodes[i].id: i for i in group}
        nodes = [view.nodes[i] for i in group]
        relations = [r for r in view.relations if r.source in members]
        pieces.extend(sorted(members[node_id] for node_id in piece) for piece in chunks(nodes, relations, PIECE))
    return whole, pieces


def packed_dot(prep: Prepared, processes: int | None = None, *, capture_stderr: bool = True) -> str | None:
    """The view laid out on every core and packed, as a positioned DOT for `nop2` (neato -n2); None when the view is
    small, in one component, boxed in clusters, or drawn by the system's Graphviz (then one layout is best).

    Each piece of a big component is laid out on its own, small components together (`dot` packs them); the
    pieces are then placed by a layout of their own (one box per piece, one edge per pair of pieces joined by
    relations, in the diagram's direction), so the relations between pieces, drawn straight, stay short."""
    from argmap.render.pack import layout_all, pack, workers

    view, opts = prep.view, prep.options
    if len(view.nodes) <= PARALLEL_ABOVE or opts.cluster != "none" or opts.system_graphviz:
        return None
    cores = processes or workers()
    whole, pieces = split_large(components(view.nodes, view.relations), view, cores)
    if min(cores, len(whole) + len(pieces)) < 2:
        return None
    units = [*pieces, *batches(whole, cores)] if whole else pieces
    group_of: dict[str, int] = {}
    unit_of: dict[str, int] = {}
    for number, group in enumerate([*pieces, *whole]):
        for i in group:
            group_of[view.nodes[i].id] = number
    for number, unit in enumerate(units):
        for i in unit:
            unit_of[view.nodes[i].id] = number
    rels: list[list[tuple[int, Relation]]] = [[] for _ in units]
    names = {node.id: node_name(node.id, index) for index, node in enumerate(view.nodes)}
    across: list[str] = []
    links: dict[tuple[int, int], int] = {}
    for index, rel in enumerate(view.relations):  # a unit's components and pieces are laid out apart
        if group_of[rel.source] == group_of[rel.target]:
            rels[unit_of[rel.source]].append((index, rel))
        else:
            across.append(f"\t{edge_statement(rel, index, names)}\n")
            pair = (unit_of[rel.source], unit_of[rel.target])
            links[pair] = links.get(pair, 0) + 1
    size = len(view.nodes)
    dots = [component_dot(prep.amap, [(i, view.nodes[i]) for i in unit], rels[number], opts,
                          prep.colouring.overrides, size) for number, unit in enumerate(units)]
    legend: list[str] = []
    if opts.legend:
        outcomes = any(isinstance(n, Forecast) and n.resolution is not None for n in view.nodes)
        kinds = [k for k in ("evidence", "claim", "inference", "forecast") if any(n.kind == k for n in view.nodes)]
        types = [t for t in ("supports", "attacks", "undercuts", "condition", "requires")
                 if any(r.type == t for r in view.relations)]
        legend = legend_table(kinds, types, outcomes=outcomes and "forecast" in kinds, colouring=prep.legend)
    header = header_dot(prep.amap, opts, legend)
    laid = layout_all([*dots, header] if header else dots, prep.engine, processes, capture_stderr=capture_stderr)
    attrs = graph_attributes(opts, size) | {"tooltip": prep.amap.title}
    if across:
        attrs["splines"] = "line"  # only the relations between parts laid out apart have no route yet
    return pack(laid[: len(dots)], attrs, laid[-1] if header else None, "".join(across), links,
                opts.direction or "BT")


def draw_prepared(prep: Prepared, fmt: str, *, capture_stderr: bool = True, processes: int | None = None) -> bytes:
    """A prepared view drawn as `fmt`: packed from parallel layouts when that pays, else laid out at once."""
    opts = prep.options
    packed = packed_dot(prep, processes, capture_stderr=capture_stderr)
    if packed is not None:
        return render(packed, fmt, "nop2", dpi=opts.dpi, capture_stderr=capture_stderr)
    return render(view_dot(prep), fmt, prep.engine, system=opts.system_graphviz, dpi=opts.dpi,
                  capture_stderr=capture_stderr)
