"""Large diagrams laid out on every core: the connected components of a view, and the pieces of a big one, are
laid out in parallel processes (each by the same Graphviz engine, from its own DOT), then packed side by side in
rows, or, when relations join them, placed by a layout of one box per piece, and drawn once, as one document, by
`nop2` (neato -n2) (which keeps every position and edge route it is given). Node and edge attributes
(ids, classes, tooltips, links) pass through unchanged, so the SVG is one valid drawing with its tooltips.

Coordinates in Graphviz's laid-out DOT are points: `pos` of nodes (`x,y`), of edges (`e,x,y s,x,y x,y ...`),
label positions (`lp`, `xlp`) and bounding boxes (`bb`); packing shifts them all.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor

from argmap.errors import ArgmapError
from argmap.render.engine import quiet_stderr

#: Space between packed components, in points.
GAP = 24.0
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def workers() -> int:
    """How many layout processes to run: every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def layout_one(dot: str, engine: str, capture_stderr: bool = True) -> str:
    """`dot` laid out by `engine`: Graphviz's DOT output, with positions (runs in a worker process, whose standard
    error is its own to capture)."""
    import pygraphviz

    with quiet_stderr(capture_stderr):
        graph = pygraphviz.AGraph(string=dot)
        data = graph.draw(format="dot", prog=engine)
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


def layout_all(dots: Sequence[str], engine: str, processes: int | None = None, *,
               capture_stderr: bool = True) -> list[str]:
    """Every DOT laid out, in parallel processes when there are several and more than one core
    (`capture_stderr` as in `argmap.render.engine.render`, for a layout in this process)."""
    processes = min(processes or workers(), len(dots))
    if processes <= 1:
        return [layout_one(dot, engine, capture_stderr) for dot in dots]
    order = sorted(range(len(dots)), key=lambda i: -len(dots[i]))  # the longest first: the cores finish together
    try:
        with ProcessPoolExecutor(max_workers=processes) as pool:
            laid = list(pool.map(layout_one, [dots[i] for i in order], [engine] * len(dots)))
    except Exception as exc:  # a worker's Graphviz failure, or no process could start
        raise ArgmapError(f"Graphviz could not lay out the diagram with '{engine}': {exc}") from None
    out = [""] * len(dots)
    for i, text in zip(order, laid, strict=True):
        out[i] = text
    return out


def draw_one(dot: str, fmt: str, engine: str, dpi: int | None = None, capture_stderr: bool = True) -> bytes:
    """`dot` laid out by `engine` and drawn as `fmt` (runs in a worker process)."""
    from argmap.render.engine import render

    return render(dot, fmt, engine, dpi=dpi, capture_stderr=capture_stderr)


def draw_all(dots: Sequence[str], fmt: str, engine: str, *, dpi: int | None = None,
             processes: int | None = None, capture_stderr: bool = True) -> list[bytes]:
    """Every DOT laid out and drawn as `fmt`, in parallel processes when there are several and more than one core
    (an `ArgmapError` from a worker passes through as it is; `capture_stderr` for a drawing in this process)."""
    processes = min(processes or workers(), len(dots))
    if processes <= 1:
        return [draw_one(dot, fmt, engine, dpi, capture_stderr) for dot in dots]
    n = len(dots)
    with ProcessPoolExecutor(max_workers=processes) as pool:
        return list(pool.map(draw_one, dots, [fmt] * n, [engine] * n, [dpi] * n))


def shift(value: str, dx: float, dy: float) -> str:
    """A coordinate list moved by (dx, dy): `x,y` pairs, with the `e,`/`s,` markers of edge ends kept.

    >>> shift("e,10,20 1.5,2 3,4", 100, 1000)
    'e,110,1020 101.5,1002 103,1004'
    >>> shift("0,0,50,60", 10, 5)
    '10,5,60,65'
    """
    out: list[str] = []
    for item in value.split():  # plain string operations: a large diagram has tens of thousands of these
        prefix = ""
        if item[:2] in ("e,", "s,"):
            prefix, item = item[:2], item[2:]
        try:
            numbers = [float(n) for n in item.split(",")]
        except ValueError:  # not plain numbers: take the numbers it holds
            numbers = [float(n) for n in _NUMBER.findall(item)]
        out.append(prefix + ",".join(f"{n + (dy if index % 2 else dx):.6g}" for index, n in enumerate(numbers)))
    return " ".join(out)


_GRAPH_BLOCK = re.compile(r"^\tgraph \[(.*?)\];\n", re.S | re.M)
_BB = re.compile(r'\bbb="([^"]*)"')
#: Positions in Graphviz's DOT output; a quote inside a map's text is always escaped (`\"`), never matched.
_POSITION = re.compile(r'(?<![\w\\])(pos|lp|xlp|head_lp|tail_lp)="([^"]*)"')


def _split(text: str) -> tuple[tuple[float, float, float, float], str]:
    """A laid-out DOT's bounding box and its body (the statements between the graph attributes and the `}`)."""
    block = _GRAPH_BLOCK.search(text)
    bb = _BB.search(block.group(1)) if block else None
    numbers = [float(n) for n in _NUMBER.findall(bb.group(1))] if bb else []
    box = (numbers[0], numbers[1], numbers[2], numbers[3]) if len(numbers) == 4 else (0.0, 0.0, 0.0, 0.0)
    body = text[block.end():] if block else text[text.index("{") + 1:]
    return box, body[: body.rindex("}")]


def shelf_offsets(boxes: Sequence[tuple[float, float]], aspect: float = 1.4) -> list[tuple[float, float]]:
    """Where to put each (width, height) box, largest first in rows (shelves) about `aspect` times as wide as
    the whole is high; returns the lower-left corner of each box, top row first (y grows upwards).

    >>> shelf_offsets([(10, 10), (10, 10)], aspect=100)
    [(0.0, -10.0), (34.0, -10.0)]
    """
    area = sum((w + GAP) * (h + GAP) for w, h in boxes)
    row_width = max(max((w for w, _ in boxes), default=0.0), math.sqrt(area * aspect))
    order = sorted(range(len(boxes)), key=lambda i: -boxes[i][1])
    rows: list[list[int]] = [[]]
    width = 0.0
    for index in order:
        w = boxes[index][0]
        if rows[-1] and width + w > row_width:
            rows.append([])
            width = 0.0
        rows[-1].append(index)
        width += w + GAP
    offsets: list[tuple[float, float]] = [(0.0, 0.0)] * len(boxes)
    top = 0.0
    for row in rows:
        height = max(boxes[i][1] for i in row)
        x = 0.0
        for index in row:
            offsets[index] = (x, top - height)
            x += boxes[index][0] + GAP
        top -= height + GAP
    return offsets


def placed_offsets(boxes: Sequence[tuple[float, float]], links: Mapping[tuple[int, int], int],
                   direction: str = "BT") -> list[tuple[float, float]]:
    """Where to put each (width, height) box so that linked boxes sit near each other, in the flow of the
    diagram: a `dot` layout of one fixed-size box per piece and one edge per linked pair (`links`: (from, to) ->
    how many relations), weighted by the relations it stands for; returns each box's lower-left corner."""
    import pygraphviz

    lines = [f"digraph pieces {{\n\tgraph [rankdir={direction} nodesep={GAP / 72:.3f} ranksep={2 * GAP / 72:.3f}]",
             '\tnode [shape=box fixedsize=true label=""]']
    lines += [f'\t"{i}" [width={w / 72:.4f} height={h / 72:.4f}]' for i, (w, h) in enumerate(boxes)]
    lines += [f'\t"{a}" -> "{b}" [weight={count}]' for (a, b), count in links.items() if a != b]
    with quiet_stderr():
        graph = pygraphviz.AGraph(string="\n".join(lines) + "\n}\n")
        graph.layout(prog="dot")
    offsets = []
    for i, (w, h) in enumerate(boxes):
        x, y = (float(n) for n in graph.get_node(str(i)).attr["pos"].split(","))
        offsets.append((x - w / 2, y - h / 2))
    return offsets


def pack(laid_out: Sequence[str], graph_attrs: dict[str, str], header: str | None = None, extra: str = "",
         links: Mapping[tuple[int, int], int] | None = None, direction: str = "BT") -> str:
    """The laid-out components as one DOT for `nop2` (neato -n2): each moved to its shelf, or, when `links` join
    them, to its place in a layout of the pieces (`placed_offsets`), bounding box around all; `header` (laid out
    too: the title and legend) goes above them, at the left. Works on Graphviz's DOT text, so HTML-like labels
    and every attribute pass through byte for byte. `extra` statements (edges between components laid out apart)
    are added at the end, unpositioned."""
    pieces = [_split(text) for text in laid_out]
    boxes = [(x1 - x0, y1 - y0) for (x0, y0, x1, y1), _ in pieces]
    offsets = placed_offsets(boxes, links, direction) if links else shelf_offsets(boxes)
    if header is not None:
        top = max((oy + h for (_, oy), (_, h) in zip(offsets, boxes, strict=True)), default=0.0)
        left = min((ox for ox, _ in offsets), default=0.0)
        pieces.insert(0, _split(header))
        offsets.insert(0, (left, top + GAP))
    lowest = min((oy for _, oy in offsets), default=0.0)
    leftmost = min((ox for ox, _ in offsets), default=0.0)
    offsets = [(ox - leftmost, oy) for ox, oy in offsets]
    right, highest = 0.0, 0.0
    bodies: list[str] = []
    for ((x0, y0, x1, y1), body), (ox, oy) in zip(pieces, offsets, strict=True):
        dx, dy = ox - x0, oy - lowest - y0
        right, highest = max(right, ox + x1 - x0), max(highest, oy - lowest + y1 - y0)
        bodies.append(_POSITION.sub(_mover(dx, dy), body))
    attrs = graph_attrs | {"bb": f"0,0,{right:.6g},{highest:.6g}"}
    head = "\tgraph [" + " ".join(f'{key}="{_escape(value)}"' for key, value in attrs.items()) + "];\n"
    return "digraph argmap {\n" + head + "".join(bodies) + extra + "}\n"


def _mover(dx: float, dy: float) -> Callable[[re.Match[str]], str]:
    def move(match: re.Match[str]) -> str:
        return f'{match.group(1)}="{shift(match.group(2), dx, dy)}"'

    return move


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')
