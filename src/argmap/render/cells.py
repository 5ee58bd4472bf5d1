"""A node's neighbourhood drawn in character cells, for the explorer's Diagram pane (no Textual here).

The view is the one `argmap export --focus ID --depth N` draws (`argmap.render.view.select_view`, the same
filters), laid out by Graphviz on a grid (`argmap.render.cell_layout`). Everything a colour says is said by the
characters too, so the drawing reads in a monochrome terminal and in a pasted text:

* boxes by kind: claim ┌─┐ single, evidence ╔═╗ double, inference ╭─╮ rounded, forecast ┏━┓ heavy, an
  unknown kind ┌╌┐ dashed. The id is in the top border (● before the focus node's), up to two lines of text
  inside, and the bottom border holds an inference's scheme or a forecast's probability and outcome mark.
* relations by type: supports ─│ solid, ending ▲▼; attacks ━┃ heavy, ending ⊤⊥ (a bar, as in the diagrams);
  undercuts ╌╎ dashed, ending ⊤⊥; condition ┄┆ dotted, ending ◇; requires ═║ double, ending ●.

A `Canvas` holds the lines, the colour roles of their cells (`Span`s: `box:KIND`, `id:KIND`, `focus`, `text`,
`note`, `edge:TYPE`, `head:TYPE`; the widget turns roles into styles) and each node's box, for moving between
nodes (`nearest`) and hit tests. `Diagrams` keeps the canvases of one map, one per (focus, depth, filter).
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass
from threading import Lock

from argmap.analysis.outline import ViewFilter
from argmap.model import ArgMap, Forecast, Inference, NodeBase
from argmap.render.cell_layout import BOX_WIDTH, Rect, lay_out
from argmap.render.style import OUTCOME_MARKS
from argmap.render.text import clean, wrap
from argmap.render.view import View, select_view

#: A neighbourhood of more nodes is cut to the nearest ones (breadth first from the focus): dot stays fast.
MAX_NODES = 120
DEPTHS = (1, 2, 3)

N, E, S, W = 1, 2, 4, 8
_LIGHT = {N | S: "│", E | W: "─", S | E: "╭", S | W: "╮", N | E: "╰", N | W: "╯", N | S | E: "├", N | S | W: "┤",
          S | E | W: "┬", N | E | W: "┴", N | E | S | W: "┼", N: "│", S: "│", E: "─", W: "─"}
_HEAVY = {N | S: "┃", E | W: "━", S | E: "┏", S | W: "┓", N | E: "┗", N | W: "┛", N | S | E: "┣", N | S | W: "┫",
          S | E | W: "┳", N | E | W: "┻", N | E | S | W: "╋", N: "┃", S: "┃", E: "━", W: "━"}
_DOUBLE = {N | S: "║", E | W: "═", S | E: "╔", S | W: "╗", N | E: "╚", N | W: "╝", N | S | E: "╠", N | S | W: "╣",
           S | E | W: "╦", N | E | W: "╩", N | E | S | W: "╬", N: "║", S: "║", E: "═", W: "═"}
_DASHED = _LIGHT | {N | S: "╎", E | W: "╌", N: "╎", S: "╎", E: "╌", W: "╌"}
_DOTTED = _LIGHT | {N | S: "┆", E | W: "┄", N: "┆", S: "┆", E: "┄", W: "┄"}

#: Relation type -> (line glyphs by the directions a cell joins, arrowhead going up, going down).
EDGE_GLYPHS: dict[str, tuple[dict[int, str], str, str]] = {
    "supports": (_LIGHT, "▲", "▼"),
    "attacks": (_HEAVY, "⊤", "⊥"),
    "undercuts": (_DASHED, "⊤", "⊥"),
    "condition": (_DOTTED, "◇", "◇"),
    "requires": (_DOUBLE, "●", "●"),
}
UNKNOWN_EDGE = (_DOTTED, "○", "○")

#: Node kind -> box corners and sides: top-left, top-right, bottom-left, bottom-right, horizontal, vertical.
BOX_GLYPHS: dict[str, str] = {
    "claim": "┌┐└┘─│",
    "evidence": "╔╗╚╝═║",
    "inference": "╭╮╰╯─│",
    "forecast": "┏┓┗┛━┃",
}
UNKNOWN_BOX = "┌┐└┘╌╎"
FOCUS_MARK = "●"

#: The legend, as the pane's help and docs/diagrams.md show it.
LEGEND = (
    "┌─┐ claim   ╔═╗ evidence   ╭─╮ inference   ┏━┓ forecast   ● the focus",
    "─▲ supports   ━⊤ attacks   ╌⊤ undercuts   ┄◇ condition   ═● requires",
)


@dataclass(frozen=True)
class Span:
    """Columns `start` to `end` (exclusive) of one row take the colour role `role`."""

    start: int
    end: int
    role: str


@dataclass(frozen=True)
class Canvas:
    """A drawn neighbourhood: its lines, the colour roles of each line, the box of each node drawn."""

    lines: tuple[str, ...]
    spans: tuple[tuple[Span, ...], ...]
    boxes: dict[str, Rect]
    focus: str | None
    depth: int
    total: int

    @property
    def width(self) -> int:
        return max((len(line) for line in self.lines), default=0)

    @property
    def height(self) -> int:
        return len(self.lines)

    def text(self) -> str:
        """The drawing as plain text, trailing spaces cut."""
        return "\n".join(line.rstrip() for line in self.lines)

    def node_at(self, row: int, col: int) -> str | None:
        """The node whose box covers the cell, if any."""
        for node_id, rect in self.boxes.items():
            if rect.contains(row, col):
                return node_id
        return None


def nearest(boxes: dict[str, Rect], current: str, direction: str) -> str | None:
    """The box nearest to `current`'s in `direction` (up, down, left, right), or None. A row counts twice a
    column (cells are about twice as high as wide). Boxes within 45° of the direction come first.

    >>> boxes = {"a": Rect(0, 0), "b": Rect(0, 30), "c": Rect(10, 0), "d": Rect(10, 60)}
    >>> nearest(boxes, "a", "right"), nearest(boxes, "a", "down"), nearest(boxes, "b", "down")
    ('b', 'c', 'c')
    >>> nearest(boxes, "a", "up") is None
    True
    """
    if current not in boxes:
        return None
    row, col = boxes[current].centre
    best: tuple[tuple[int, float], str] | None = None
    for node_id, rect in boxes.items():
        if node_id == current:
            continue
        r, c = rect.centre
        dy, dx = (r - row) * 2, c - col
        primary, secondary = {"up": (-dy, dx), "down": (dy, dx), "left": (-dx, dy), "right": (dx, dy)}[direction]
        if primary <= 0:
            continue
        score = (0 if abs(secondary) <= primary else 1, primary**2 + secondary**2 if abs(secondary) <= primary
                 else primary + 2 * abs(secondary))
        if best is None or (score, node_id) < best:
            best = (score, node_id)
    return best[1] if best is not None else None


def _trim(view: View, focus: str, limit: int) -> View:
    """The `limit` nodes of `view` nearest to `focus` (breadth first), with the relations between them."""
    adjacent: dict[str, list[str]] = {}
    for rel in view.relations:
        adjacent.setdefault(rel.source, []).append(rel.target)
        adjacent.setdefault(rel.target, []).append(rel.source)
    seen = {focus}
    queue = deque([focus])
    while queue and len(seen) < limit:
        for other in adjacent.get(queue.popleft(), ()):
            if other not in seen and len(seen) < limit:
                seen.add(other)
                queue.append(other)
    nodes = tuple(node for node in view.nodes if node.id in seen)
    relations = tuple(rel for rel in view.relations if rel.source in seen and rel.target in seen)
    return View(nodes, relations, focus)


def _fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis.

    >>> _fit("maliki-benefits-politically", 12)
    'maliki-bene…'
    """
    return text if len(text) <= width else text[: width - 1] + "…"


def _footer(node: NodeBase) -> str:
    if isinstance(node, Inference):
        return node.scheme or ""
    if isinstance(node, Forecast):
        parts = []
        if node.probability is not None:
            parts.append(f"p{'≈' if node.probability_basis == 'scale' else '='}{node.probability:.2f}")
        if node.resolution is not None and node.resolution.outcome is not None:
            parts.append(OUTCOME_MARKS.get(node.resolution.outcome, "?"))
        return " ".join(parts)
    return ""


class _Grid:
    """Characters (dense) and colour roles (sparse: most cells of a big drawing are blank)."""

    def __init__(self, rows: int, columns: int) -> None:
        self.chars = [[" "] * columns for _ in range(rows)]
        self.roles: list[dict[int, str]] = [{} for _ in range(rows)]
        self.masks: dict[tuple[int, int], int] = {}

    def put(self, row: int, col: int, text: str, role: str) -> None:
        chars, roles = self.chars[row], self.roles[row]
        for offset, char in enumerate(text):
            chars[col + offset] = char
            roles[col + offset] = role

    def spans(self) -> tuple[tuple[Span, ...], ...]:
        out = []
        for roles in self.roles:
            row: list[Span] = []
            for col in sorted(roles):
                role = roles[col]
                if row and row[-1].end == col and row[-1].role == role:
                    row[-1] = Span(row[-1].start, col + 1, role)
                else:
                    row.append(Span(col, col + 1, role))
            out.append(tuple(row))
        return tuple(out)


_BACK = {N: S, S: N, E: W, W: E}


def _direction(a: tuple[int, int], b: tuple[int, int]) -> int:
    if b[0] < a[0]:
        return N
    if b[0] > a[0]:
        return S
    return E if b[1] > a[1] else W


def _draw_box(grid: _Grid, node: NodeBase, rect: Rect, focus: bool) -> None:
    tl, tr, bl, br, h, v = tuple(BOX_GLYPHS.get(node.kind, UNKNOWN_BOX))
    border, inner = f"box:{node.kind}", rect.width - 4
    label = _fit(f"{FOCUS_MARK} {node.id}" if focus else node.id, rect.width - 5)
    grid.put(rect.top, rect.left, tl + h, border)
    grid.put(rect.top, rect.left + 2, f" {label} ", "focus" if focus else f"id:{node.kind}")
    grid.put(rect.top, rect.left + 4 + len(label), h * (rect.width - 5 - len(label)) + tr, border)
    room = rect.height - 2
    lines = wrap(node.text, inner, max_lines=1000)
    if len(lines) > room:  # the last line shown runs on to the box's edge, cut with an ellipsis
        lines = [*lines[: room - 1], " ".join(lines[room - 1:])]
    lines = [_fit(line, inner) for line in lines]
    for number in range(rect.height - 2):
        row = rect.top + 1 + number
        grid.put(row, rect.left, v, border)
        grid.put(row, rect.left + 1, " " + (lines[number] if number < len(lines) else "").ljust(inner) + " ", "text")
        grid.put(row, rect.right, v, border)
    footer = _fit(clean(_footer(node)), rect.width - 6)
    bottom = rect.top + rect.height - 1
    grid.put(bottom, rect.left, bl + h * (rect.width - 2) + br, border)
    if footer:
        grid.put(bottom, rect.right - 2 - len(footer), f" {footer} ", "note")


def draw_view(view: View, depth: int = 0, total: int | None = None) -> Canvas:
    """The canvas of a view: edges first, boxes over them, arrowheads last."""
    layout = lay_out(view)
    grid = _Grid(layout.rows, layout.columns)
    heads: list[tuple[int, int, str, str]] = []
    families: dict[tuple[int, int], dict[int, str]] = {}
    for route in layout.routes:
        rel = view.relations[route.index]
        glyphs, up, down = EDGE_GLYPHS.get(rel.type, UNKNOWN_EDGE)
        cells = route.cells
        source = layout.boxes[rel.source]
        role = f"edge:{rel.type}"
        back = S if cells[0][0] < source.top else N  # the first cell joins the source's border
        masks, roles = grid.masks, grid.roles
        for number, cell in enumerate(cells[:-1]):
            onward = _direction(cell, cells[number + 1])
            masks[cell] = masks.get(cell, 0) | onward | back
            roles[cell[0]][cell[1]] = role
            families[cell] = glyphs
            back = _BACK[onward]
        last = cells[-1]
        heads.append((last[0], last[1], up if layout.boxes[rel.target].top < last[0] else down, rel.type))
    for (row, col), glyphs in families.items():
        grid.chars[row][col] = glyphs.get(grid.masks[(row, col)], "·")
    for node in view.nodes:
        _draw_box(grid, node, layout.boxes[node.id], node.id == view.focus)
    for row, col, glyph, kind in heads:
        grid.put(row, col, glyph, f"head:{kind}")
    lines = tuple("".join(chars) for chars in grid.chars)
    return Canvas(lines, grid.spans(), layout.boxes, view.focus, depth, len(view.nodes) if total is None else total)


def neighbourhood_canvas(amap: ArgMap, focus: str, depth: int, view_filter: ViewFilter | None = None,
                         limit: int = MAX_NODES) -> Canvas:
    """The neighbourhood of `focus` within `depth` relations, filtered as the explorer's view, as a canvas (the
    `limit` nodes nearest to the focus when it holds more; `Canvas.total` counts them all)."""
    options = (view_filter or ViewFilter()).as_options()
    view = select_view(amap, focus=focus, depth=depth, kind=options["kind"], tag=options["tag"],
                       actor=options["actor"], theme=options["theme"])
    total = len(view.nodes)
    if total > limit:
        view = _trim(view, focus, limit)
    return draw_view(view, depth, total)


class Diagrams:
    """The canvases of one map, kept per (focus, depth, filter) for the last `size` asked (a layout costs
    milliseconds to seconds; going back to a node shows its drawing at once). Safe to share between the thread
    that shows drawings and the one that lays them out."""

    def __init__(self, amap: ArgMap, size: int = 32) -> None:
        self.amap = amap
        self.size = size
        self._kept: OrderedDict[tuple[str, int, ViewFilter], Canvas] = OrderedDict()
        self._lock = Lock()

    def cached(self, focus: str, depth: int, view_filter: ViewFilter) -> Canvas | None:
        """The canvas already drawn for these, or None."""
        key = (focus, depth, view_filter)
        with self._lock:
            canvas = self._kept.get(key)
            if canvas is not None:
                self._kept.move_to_end(key)
        return canvas

    def canvas(self, focus: str, depth: int, view_filter: ViewFilter) -> Canvas:
        """The canvas for these, drawn now unless kept."""
        canvas = self.cached(focus, depth, view_filter)
        if canvas is None:
            canvas = neighbourhood_canvas(self.amap, focus, depth, view_filter)
            with self._lock:
                self._kept[(focus, depth, view_filter)] = canvas
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return canvas


__all__ = ["BOX_WIDTH", "DEPTHS", "LEGEND", "Canvas", "Diagrams", "Span", "draw_view", "nearest",
           "neighbourhood_canvas"]
