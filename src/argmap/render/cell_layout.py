"""A view laid out on a grid of terminal cells: Graphviz places the boxes, edges are routed between them.

`dot` (in-process, through pygraphviz) lays the view out bottom to top as in the diagrams, every node a box of
`BOX_WIDTH` x `BOX_HEIGHT` cells. Its x positions become columns; its ranks (the rows of boxes) get rows of their
own, with a gap between two ranks tall enough for the horizontal runs of the edges crossing it, one track each, so
two edges never share a run. An edge leaves its box's top (or bottom) at a column of its own on that side, climbs
to a track of the gap, runs across, and goes on into the next rank: between the boxes of a rank it passes where
Graphviz's spline passes that rank (clear of boxes), until it enters its target. An edge between two boxes of one
rank goes over them through the gap above. Routes are lists of cells; `argmap.render.cells` draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from argmap.render.engine import quiet_stderr
from argmap.render.view import View

#: A box on the grid, in cells: wide enough for an id and two lines of 20 characters.
BOX_WIDTH = 24
BOX_HEIGHT = 4
#: Graphviz points per column: boxes are `BOX_WIDTH * COLUMN_POINTS` points wide.
COLUMN_POINTS = 7.2
#: Columns between two boxes of one rank.
NODE_GAP = 3
MARGIN = 1


@dataclass(frozen=True)
class Rect:
    """A node's box: top row, left column, height and width in cells."""

    top: int
    left: int
    height: int = BOX_HEIGHT
    width: int = BOX_WIDTH

    @property
    def bottom(self) -> int:
        return self.top + self.height - 1

    @property
    def right(self) -> int:
        return self.left + self.width - 1

    @property
    def centre(self) -> tuple[float, float]:
        return (self.top + (self.height - 1) / 2, self.left + (self.width - 1) / 2)

    def contains(self, row: int, col: int) -> bool:
        return self.top <= row <= self.bottom and self.left <= col <= self.right


@dataclass(frozen=True)
class Route:
    """One relation's line: the cells from the one next to its source to the one next to its target, in order
    (the last one takes the arrowhead), and the relation's index in the view."""

    index: int
    cells: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class CellLayout:
    """Boxes by node id, routes by relation, the grid's size in rows and columns."""

    boxes: dict[str, Rect]
    routes: tuple[Route, ...]
    rows: int
    columns: int


def _graphviz_positions(view: View) -> tuple[dict[str, tuple[float, float]], list[list[tuple[float, float]]]]:
    """Node centres and each relation's spline points, in Graphviz points (y up)."""
    import pygraphviz

    graph = pygraphviz.AGraph(directed=True, strict=False)
    graph.graph_attr.update(rankdir="BT", nodesep=str(NODE_GAP * COLUMN_POINTS / 72), ranksep="0.5",
                            splines="spline", newrank="true")
    if len(view.nodes) > 150:  # dot's cheap settings, as for a large diagram
        graph.graph_attr.update(nslimit="2", nslimit1="2", mclimit="0.5", remincross="false")
    graph.node_attr.update(shape="box", fixedsize="true", width=str(BOX_WIDTH * COLUMN_POINTS / 72), height="0.5",
                           label="")
    names = {node.id: f"n{index}" for index, node in enumerate(view.nodes)}
    for node in view.nodes:
        graph.add_node(names[node.id])
    for index, rel in enumerate(view.relations):
        graph.add_edge(names[rel.source], names[rel.target], key=str(index))
    with quiet_stderr(False):
        graph.layout(prog="dot")
    centres: dict[str, tuple[float, float]] = {}
    for node in view.nodes:
        x, y = graph.get_node(names[node.id]).attr["pos"].split(",")[:2]
        centres[node.id] = (float(x), float(y))
    splines: list[list[tuple[float, float]]] = []
    for index, rel in enumerate(view.relations):
        pos = graph.get_edge(names[rel.source], names[rel.target], key=str(index)).attr["pos"] or ""
        points = []
        for part in pos.split():
            fields = part.split(",")
            if fields[0] in ("e", "s"):
                continue
            points.append((float(fields[0]), float(fields[1])))
        splines.append(points)
    return centres, splines


def _x_at(points: Sequence[tuple[float, float]], y: float, default: float) -> float:
    """Where the polyline through `points` crosses the height `y` (the nearest point's x when it does not)."""
    for (x1, y1), (x2, y2) in pairwise(points):
        if (y1 - y) * (y2 - y) <= 0 and y1 != y2:
            return x1 + (x2 - x1) * (y - y1) / (y2 - y1)
    if not points:
        return default
    return min(points, key=lambda p: abs(p[1] - y))[0]


def _free_column(col: int, band: Sequence[Rect]) -> int:
    """`col`, or the nearest column beside the boxes of a rank that it would cross."""
    for rect in band:
        if rect.left - 1 <= col <= rect.right + 1:
            left = col - rect.left < rect.right - col and rect.left >= 2
            return rect.left - 2 if left else rect.right + 2
    return col


#: A horizontal run of a gap: (key, low column, high column, columns where its line goes on upwards, columns
#: where it goes on downwards, bus). Runs of one bus (the relations of one type entering one box) share a track.
Run = tuple[int, int, int, tuple[int, ...], tuple[int, ...], object]


def _tracks(runs: Sequence[Run]) -> tuple[dict[int, int], int]:
    """Tracks (0 at the top) for the horizontal runs of a gap, by the left-edge algorithm with vertical
    constraints: runs that overlap or touch get different tracks unless they belong to one bus, and a run whose
    line goes on downwards at a column lies below every run spanning that column (upwards: above), so that few
    lines cross.

    >>> tracks, count = _tracks([(0, 0, 5, (), (), None), (1, 3, 9, (), (), None), (2, 7, 12, (), (), None)])
    >>> sorted(tracks.items()), count
    ([(0, 0), (1, 1), (2, 0)], 2)
    >>> sorted(_tracks([(0, 0, 10, (0,), (10,), None), (1, 5, 12, (5,), (12,), None)])[0].items())
    [(0, 1), (1, 0)]
    >>> _tracks([(0, 0, 10, (10,), (0,), "hub"), (1, 5, 10, (10,), (5,), "hub")])  # one bus: one track
    ({0: 0, 1: 0}, 1)
    """
    members: dict[object, list[int]] = {}
    spans: dict[int, tuple[int, int]] = {}
    ups: dict[int, set[int]] = {}
    downs: dict[int, set[int]] = {}
    for key, low, high, up, down, bus in runs:
        if low == high:
            continue
        head = members.setdefault(bus if bus is not None else ("run", key), [key])[0]
        if head != key:
            members[bus].append(key)
        old = spans.get(head, (low, high))
        spans[head] = (min(old[0], low), max(old[1], high))
        ups.setdefault(head, set()).update(up)
        downs.setdefault(head, set()).update(down)
    above: dict[int, set[int]] = {key: set() for key in spans}  # key -> the runs that must lie above it
    for key in spans:
        for other, (low, high) in spans.items():
            if other != key and any(low <= col <= high for col in downs[key]):
                above[key].add(other)
            if other != key and any(low <= col <= high for col in ups[key]):
                above[other].add(key)
    placed: dict[int, int] = {}
    track = 0
    while len(placed) < len(spans):
        left = [key for key in spans if key not in placed]
        ready = [key for key in left if above[key] <= placed.keys()]
        if not ready:  # lines that cross whatever the order: the least constrained run goes first
            ready = [min(left, key=lambda k: (len(above[k] - placed.keys()), spans[k]))]
        end = None
        for key in sorted(ready, key=lambda k: spans[k]):
            if end is None or spans[key][0] > end + 1:
                placed[key] = track
                end = spans[key][1]
        track += 1
    out = {key: placed[keys[0]] for keys in members.values() for key in keys}
    return out, track


def _spread(box: Rect, count: int) -> list[int]:
    """`count` columns along a side of `box`, evenly spread inside its corners (shared when too many)."""
    inner = box.width - 2
    return [box.left + 1 + min(inner - 1, (inner * (i + 1)) // (count + 1)) for i in range(count)]


def lay_out(view: View) -> CellLayout:
    """The boxes and edge routes of `view` on a grid of cells (see the module's description)."""
    if not view.nodes:
        return CellLayout({}, (), 0, 0)
    centres, splines = _graphviz_positions(view)
    min_x = min(x for x, _ in centres.values())
    heights = sorted({round(y) for _, y in centres.values()}, reverse=True)
    rank_of = {node_id: heights.index(round(y)) for node_id, (_, y) in centres.items()}
    left_of = {node_id: MARGIN + round((x - min_x) / COLUMN_POINTS) for node_id, (x, _) in centres.items()}

    # each relation: the ranks it crosses, the column it passes each intermediate rank at, which sides it uses
    plans: list[tuple[int, str, str, list[int], list[int]]] = []  # index, source, target, ranks, mid columns
    bands: dict[int, list[Rect]] = {}
    for node_id, rank in rank_of.items():
        bands.setdefault(rank, []).append(Rect(0, left_of[node_id]))
    for index, rel in enumerate(view.relations):
        if rel.source == rel.target:
            continue  # a relation of a node to itself has no line to draw
        rs, rt = rank_of[rel.source], rank_of[rel.target]
        step = -1 if rt < rs else 1
        ranks = list(range(rs, rt + step, step)) if rs != rt else [rs, rs]
        mids = []
        for rank in ranks[1:-1]:
            col = MARGIN + round((_x_at(splines[index], heights[rank], centres[rel.source][0]) - min_x) / COLUMN_POINTS)
            mids.append(_free_column(col, bands[rank]))
        plans.append((index, rel.source, rel.target, ranks, mids))

    # attach columns: each side of each box shares its width among the relations using it, ordered by where
    # each relation goes next, so that lines leaving one box do not cross each other
    sides: dict[tuple[str, str], list[tuple[float, list[int], str]]] = {}
    buses: dict[tuple[str, str, str], list[int]] = {}
    for index, source, target, ranks, mids in plans:
        going_up = ranks[-1] < ranks[0] or ranks[0] == ranks[-1]
        source_side = "top" if going_up else "bottom"
        target_side = "bottom" if ranks[-1] < ranks[0] else "top"
        toward_target = mids[0] if mids else left_of[target] + BOX_WIDTH / 2
        toward_source = mids[-1] if mids else left_of[source] + BOX_WIDTH / 2
        sides.setdefault((source, source_side), []).append((toward_target, [index], "start"))
        ending = buses.setdefault((target, target_side, view.relations[index].type), [])
        if not ending:  # the relations of one type entering one side share its column (a bus)
            sides.setdefault((target, target_side), []).append((toward_source, ending, "end"))
        ending.append(index)
    attach: dict[tuple[int, str], int] = {}
    for (node_id, _side), users in sides.items():
        users.sort(key=lambda user: (user[0], user[1][0]))
        for col, (_, indices, end) in zip(_spread(Rect(0, left_of[node_id]), len(users)), users, strict=True):
            for index in indices:
                attach[(index, end)] = col

    # the horizontal runs of each gap (gap g lies above rank g), their tracks, then every rank's rows
    runs: dict[int, list[Run]] = {}
    columns_of: dict[int, list[int]] = {}
    for index, _source, target, ranks, mids in plans:
        cols = [attach[(index, "start")], *mids, attach[(index, "end")]]
        columns_of[index] = cols
        if ranks[0] == ranks[1]:  # over the rank: both lines come up from below
            runs.setdefault(ranks[0], []).append((index, min(cols), max(cols), (), (cols[0], cols[1]), None))
            continue
        up = ranks[-1] < ranks[0]
        steps = list(zip(ranks, ranks[1:], pairwise(cols), strict=False))
        for number, (a, b, (c, d)) in enumerate(steps):
            above, below = (d, c) if up else (c, d)
            bus = (target, view.relations[index].type) if number == len(steps) - 1 else None
            runs.setdefault(max(a, b), []).append((index, min(c, d), max(c, d), (above,), (below,), bus))
    track_of: dict[tuple[int, int], int] = {}
    gap_rows: dict[int, int] = {}
    for gap, spans in runs.items():
        tracks, count = _tracks(spans)
        for key, track in tracks.items():
            track_of[(gap, key)] = track
        gap_rows[gap] = 2 + max(count, 1)
    tops: list[int] = []
    row = 0
    for rank in range(len(heights)):
        row += gap_rows.get(rank, 1 if rank else 0)
        tops.append(row)
        row += BOX_HEIGHT
    rows = row + gap_rows.get(len(heights), 0)
    boxes = {node.id: Rect(tops[rank_of[node.id]], left_of[node.id]) for node in view.nodes}

    routes = []
    for index, source, target, ranks, _mids in plans:
        routes.append(Route(index, tuple(_route(index, boxes[source], boxes[target], ranks, columns_of[index],
                                                tops, track_of))))
    columns = max(rect.right for rect in boxes.values()) + 1 + MARGIN
    columns = max([columns, *(col + 1 + MARGIN for route in routes for _, col in route.cells)])
    return CellLayout(boxes, tuple(routes), rows, columns)


def _route(index: int, source: Rect, target: Rect, ranks: list[int], cols: list[int], tops: list[int],
           track_of: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """The cells of one relation's line: vertical through the ranks, horizontal on its track of each gap."""
    if ranks[0] == ranks[-1]:  # the same rank: up into the gap above, across, down into the target's top
        gap_start = tops[ranks[0] - 1] + BOX_HEIGHT if ranks[0] else 0
        track_row = gap_start + 1 + track_of.get((ranks[0], index), 0)
        points = [(source.top - 1, cols[0]), (track_row, cols[0]), (track_row, cols[1]), (target.top - 1, cols[1])]
        return _cells(points)
    up = ranks[-1] < ranks[0]
    points = [(source.top - 1 if up else source.bottom + 1, cols[0])]
    for step, (a, b) in enumerate(pairwise(ranks)):
        gap = max(a, b)
        upper_bottom = tops[gap - 1] + BOX_HEIGHT - 1
        track_row = upper_bottom + 2 + track_of.get((gap, index), 0)
        points += [(track_row, cols[step]), (track_row, cols[step + 1])]
    points.append((target.bottom + 1 if up else target.top - 1, cols[-1]))
    return _cells(points)


def _cells(points: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every cell along the axis-parallel segments between `points`, in order, none twice in a row.

    >>> _cells([(3, 1), (1, 1), (1, 3)])
    [(3, 1), (2, 1), (1, 1), (1, 2), (1, 3)]
    """
    out = [points[0]]
    for (r1, c1), (r2, c2) in pairwise(points):
        if r1 != r2:
            step = 1 if r2 > r1 else -1
            out.extend((row, c1) for row in range(r1 + step, r2 + step, step))
        if c1 != c2:
            step = 1 if c2 > c1 else -1
            out.extend((r2, col) for col in range(c1 + step, c2 + step, step))
    return out
