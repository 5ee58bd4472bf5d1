"""The neighbourhood drawn in character cells (`argmap.render.cells`): boxes, routed edges, moving between boxes."""

from __future__ import annotations

import itertools

import pytest

from argmap.analysis.outline import ViewFilter
from argmap.io import load
from argmap.model import ArgMap, Claim, Evidence, Relation
from argmap.render.cell_layout import BOX_HEIGHT, BOX_WIDTH, Rect, lay_out
from argmap.render.cells import (
    BOX_GLYPHS,
    EDGE_GLYPHS,
    Canvas,
    Diagrams,
    draw_view,
    nearest,
    neighbourhood_canvas,
)
from argmap.render.view import select_view
from support import DATA, MAPS


@pytest.fixture(scope="module")
def harbour() -> ArgMap:
    amap = load(DATA / "harbour.yaml").map
    assert amap is not None
    return amap


def cells_of(canvas: Canvas, role: str) -> set[tuple[int, int]]:
    return {(row, col) for row, spans in enumerate(canvas.spans) for span in spans if span.role == role
            for col in range(span.start, span.end)}


def test_every_node_has_a_box_in_its_kinds_style_with_its_id(harbour: ArgMap) -> None:
    canvas = neighbourhood_canvas(harbour, "momentum", 2)
    view = select_view(harbour, focus="momentum", depth=2)
    assert set(canvas.boxes) == set(view.ids)
    for node in view.nodes:
        rect = canvas.boxes[node.id]
        tl, tr, bl, br, _h, v = BOX_GLYPHS[node.kind]
        assert canvas.lines[rect.top][rect.left] == tl and canvas.lines[rect.top][rect.right] == tr
        assert canvas.lines[rect.bottom][rect.left] == bl and canvas.lines[rect.bottom][rect.right] == br
        assert canvas.lines[rect.top + 1][rect.left] == v
        assert node.id[:10] in canvas.lines[rect.top][rect.left:rect.right + 1]
    focus = canvas.boxes["momentum"]
    assert "● momentum" in canvas.lines[focus.top]
    assert cells_of(canvas, "focus")


def test_boxes_never_overlap_and_keep_their_size(harbour: ArgMap) -> None:
    for focus in ("momentum", "strike-spreads", "pickets-hold"):
        for depth in (1, 2, 3):
            canvas = neighbourhood_canvas(harbour, focus, depth)
            for a, b in itertools.combinations(canvas.boxes.values(), 2):
                apart = a.right < b.left or b.right < a.left or a.bottom < b.top or b.bottom < a.top
                assert apart, (focus, depth, a, b)
            for rect in canvas.boxes.values():
                assert (rect.width, rect.height) == (BOX_WIDTH, BOX_HEIGHT)
                assert rect.bottom < canvas.height and rect.right < canvas.width


def test_an_edge_runs_between_its_two_boxes_ending_in_its_arrowhead(harbour: ArgMap) -> None:
    view = select_view(harbour, focus="momentum", depth=1)
    layout = lay_out(view)
    canvas = draw_view(view)
    for route in layout.routes:
        rel = view.relations[route.index]
        source, target = layout.boxes[rel.source], layout.boxes[rel.target]
        first, last = route.cells[0], route.cells[-1]
        assert first[0] in (source.top - 1, source.bottom + 1) and source.left < first[1] < source.right
        assert last[0] in (target.top - 1, target.bottom + 1) and target.left < last[1] < target.right
        for (r1, c1), (r2, c2) in itertools.pairwise(route.cells):  # one step at a time, never through a box
            assert abs(r1 - r2) + abs(c1 - c2) == 1
        for row, col in route.cells:
            assert not any(rect.contains(row, col) for rect in layout.boxes.values())
        glyphs, up, down = EDGE_GLYPHS[rel.type]
        assert canvas.lines[last[0]][last[1]] == (up if last[0] > target.bottom else down)
        middle = [canvas.lines[r][c] for r, c in route.cells[1:-1]]
        joins = set(glyphs.values()) | set("┼├┤┬┴╋╬")
        assert all(char in joins for char in middle)


def test_each_relation_type_is_told_apart_without_colour(harbour: ArgMap) -> None:
    straight = {kind: glyphs[0][1 | 4] for kind, glyphs in EDGE_GLYPHS.items()}
    heads = {kind: glyphs[1] for kind, glyphs in EDGE_GLYPHS.items()}
    assert len(set(straight.values())) == len(straight)  # line styles differ
    assert heads["supports"] != heads["attacks"] != heads["condition"] != heads["requires"]
    canvas = neighbourhood_canvas(harbour, "momentum", 2)  # supports, attacks, undercuts and condition
    text = canvas.text()
    for kind in ("supports", "attacks", "undercuts", "condition"):
        assert cells_of(canvas, f"edge:{kind}") and cells_of(canvas, f"head:{kind}"), kind
        assert straight[kind] in text or heads[kind] in text


def test_a_cycle_and_two_relations_between_the_same_nodes_are_drawn(harbour: ArgMap) -> None:
    canvas = neighbourhood_canvas(harbour, "pickets-hold", 1)  # pickets-hold and strike-popular support each other
    assert set(canvas.boxes) == {"pickets-hold", "strike-popular"}
    assert len(cells_of(canvas, "head:supports")) == 2


def test_a_node_alone_is_one_box() -> None:
    amap = ArgMap(title="one", nodes=[Claim(id="solo", text="Nothing relates to this.")])
    canvas = neighbourhood_canvas(amap, "solo", 2)
    assert list(canvas.boxes) == ["solo"] and canvas.height == BOX_HEIGHT
    assert "Nothing relates to" in canvas.text()


def test_text_is_wrapped_cut_and_cleaned() -> None:
    long = "word " * 40 + "[bold]x[/bold]\x07"
    amap = ArgMap(title="t", nodes=[Claim(id="a-very-long-identifier-that-goes-on", text=long),
                                    Evidence(id="e", text="[red]not markup[/red]\tand a tab")],
                  relations=[Relation(source="e", target="a-very-long-identifier-that-goes-on", type="supports")])
    canvas = neighbourhood_canvas(amap, "e", 1)
    assert all(len(line) == canvas.width for line in canvas.lines)
    rect = canvas.boxes["a-very-long-identifier-that-goes-on"]
    inner = [canvas.lines[row][rect.left:rect.right + 1] for row in range(rect.top, rect.bottom + 1)]
    assert inner[0].startswith("┌─ a-very-long-identi") and "…" in inner[0]
    assert inner[2].rstrip("│ ").endswith("…")
    assert "║ [red]not " in canvas.text() and "║ markup[/red] and a … ║" in canvas.text()  # as typed, a tab a space
    assert "\x07" not in canvas.text() and "\t" not in canvas.text()


def test_a_large_neighbourhood_is_cut_to_the_nearest_nodes() -> None:
    nodes = [Claim(id="hub", text="hub")] + [Evidence(id=f"e{i}", text=f"e{i}") for i in range(30)]
    relations = [Relation(source=f"e{i}", target="hub", type="supports") for i in range(30)]
    amap = ArgMap(title="wide", nodes=nodes, relations=relations)
    canvas = neighbourhood_canvas(amap, "hub", 1, limit=10)
    assert len(canvas.boxes) == 10 and canvas.total == 31 and "hub" in canvas.boxes


def test_filters_keep_the_focus(harbour: ArgMap) -> None:
    evidence = ViewFilter(kind=frozenset({"evidence"}))
    canvas = neighbourhood_canvas(harbour, "momentum", 2, evidence)
    kinds = {harbour.by_id[node_id].kind for node_id in canvas.boxes if node_id != "momentum"}
    assert "momentum" in canvas.boxes and kinds == {"evidence"}


def test_nearest_box_in_each_direction() -> None:
    boxes = {"mid": Rect(10, 30), "up": Rect(0, 32), "down": Rect(20, 26), "left": Rect(10, 0),
             "right": Rect(10, 60), "far-up": Rect(0, 200)}
    assert [nearest(boxes, "mid", d) for d in ("up", "down", "left", "right")] == ["up", "down", "left", "right"]
    assert nearest(boxes, "left", "left") is None
    assert nearest(boxes, "up", "right") == "right"  # nearer, within 45° of the way
    assert nearest(boxes, "left", "up") == "up"  # none within 45°: the nearest that is higher
    assert nearest(boxes, "missing", "up") is None


def test_moving_reaches_every_box_of_a_drawing(harbour: ArgMap) -> None:
    canvas = neighbourhood_canvas(harbour, "momentum", 3)
    seen = {"momentum"}
    frontier = ["momentum"]
    while frontier:
        current = frontier.pop()
        for direction in ("up", "down", "left", "right"):
            found = nearest(canvas.boxes, current, direction)
            if found is not None and found not in seen:
                seen.add(found)
                frontier.append(found)
    assert seen == set(canvas.boxes)


def test_node_at_finds_the_box_under_a_cell(harbour: ArgMap) -> None:
    canvas = neighbourhood_canvas(harbour, "momentum", 1)
    rect = canvas.boxes["momentum"]
    assert canvas.node_at(rect.top + 1, rect.left + 1) == "momentum"
    assert canvas.node_at(canvas.height + 5, 0) is None


def test_diagrams_keep_each_layout(harbour: ArgMap) -> None:
    diagrams = Diagrams(harbour, size=2)
    first = diagrams.canvas("momentum", 2, ViewFilter())
    assert diagrams.cached("momentum", 2, ViewFilter()) is first
    assert diagrams.canvas("momentum", 2, ViewFilter()) is first
    diagrams.canvas("momentum", 1, ViewFilter())
    diagrams.canvas("momentum", 3, ViewFilter())
    assert diagrams.cached("momentum", 2, ViewFilter()) is None  # the oldest went


@pytest.mark.skipif(not MAPS, reason="no bundled maps")
def test_every_node_of_the_bundled_maps_draws(harbour: ArgMap) -> None:
    for path in MAPS:
        amap = load(path).map
        assert amap is not None
        for node in amap.nodes[::7]:
            canvas = neighbourhood_canvas(amap, node.id, 2)
            assert node.id in canvas.boxes and canvas.height >= BOX_HEIGHT
