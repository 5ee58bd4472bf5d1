"""Large diagrams: labels placed after layout (`xlabel`), cheap `dot` settings, the engine chosen by size, and a
view in several connected components laid out in parallel processes and packed into one valid SVG."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import write_dot, write_svg
from argmap.io import load
from argmap.io.document import MapDocument
from argmap.render.diagram import packed_dot, prepare
from argmap.render.pack import shift

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def forest(trees: int, per: int) -> dict[str, Any]:
    """A map of `trees` separate arguments of `per` nodes each (a binary tree of supports and some attacks), with
    one condition per tree so the `if` label is drawn."""
    nodes: list[dict[str, Any]] = []
    relations: list[dict[str, str]] = []
    for t in range(trees):
        for k in range(per):
            kind = "forecast" if k == 0 else "claim"
            node: dict[str, Any] = {"id": f"t{t}-n{k}", "kind": kind, "text": f"Point {k} of argument {t}",
                                    "themes": [f"theme-{t % 3}"], "actors": [f"actor-{t % 2}"]}
            nodes.append(node)
            if k:
                kind_of = "condition" if k == 1 else "attacks" if k % 5 == 0 else "supports"
                relations.append({"source": node["id"], "target": f"t{t}-n{(k - 1) // 2}", "type": kind_of})
    return {"argmap": 1, "title": "Forest of arguments",
            "themes": {f"theme-{i}": f"Theme {i}" for i in range(3)},
            "actors": {f"actor-{i}": f"Actor {i}" for i in range(2)}, "nodes": nodes, "relations": relations}


def write_forest(folder: Path, trees: int, per: int) -> Path:
    path = folder / f"forest-{trees}x{per}.json"
    path.write_text(json.dumps(forest(trees, per)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> MapDocument:
    return load(write_forest(tmp_path_factory.mktemp("forest"), 40, 10))


def classed(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if cls in (g.get("class") or "").split()]


def test_edge_labels_are_xlabels(big: MapDocument) -> None:
    dot = write_dot(big, {}).decode()
    edges = [line for line in dot.splitlines() if " -> " in line and "_legend_" not in line]
    conditions = [line for line in edges if "class=condition" in line]
    assert len(conditions) == 40 and all("xlabel=<" in line for line in conditions)
    assert not any(re.search(r"(?<!x)label=", line) for line in edges)
    assert "nslimit=2" in dot and "remincross=false" in dot  # cheap settings above a few hundred nodes


def test_engine_by_size_unless_named(big: MapDocument) -> None:
    assert prepare(big, {}).engine == "dot"
    assert prepare(big, {"engine": "neato"}).engine == "neato"


def test_components_packed_into_one_svg(big: MapDocument) -> None:
    packed = packed_dot(prepare(big, {}), processes=2)
    assert packed is not None and packed.count('pos="') >= 400
    root = ET.fromstring(write_svg(big, {}))
    nodes = classed(root, "node")
    titles = {(g.find(f"{SVG}title").text or "") for g in nodes}  # type: ignore[union-attr]
    assert {f"t{t}-n{k}" for t in range(40) for k in range(10)} <= titles
    edges = [g for g in classed(root, "edge") if (g.get("id") or "").startswith("rel-")]
    assert sorted(int(g.get("id", "")[4:]) for g in edges) == list(range(360))  # unique ids, none lost
    ifs = [t.text for g in edges if "condition" in (g.get("class") or "") for t in g.iter(f"{SVG}text")]
    assert ifs.count("if") == 40  # every xlabel kept
    linked = [a for g in nodes for a in g.iter(f"{SVG}a") if a.get(f"{XLINK}title")]
    assert len(linked) >= 400  # tooltips on every node
    assert not list(root.iter(f"{SVG}script"))
    # Packed components do not overlap: each tree's nodes lie in a box no other tree's nodes enter.
    boxes: dict[str, list[float]] = {}
    for g in nodes:
        name = g.find(f"{SVG}title").text or ""  # type: ignore[union-attr]
        if not name.startswith("t"):
            continue
        texts = list(g.iter(f"{SVG}text"))
        assert texts
        xs, ys = [float(t.get("x", "")) for t in texts], [float(t.get("y", "")) for t in texts]
        box = boxes.setdefault(name.split("-")[0], [1e9, 1e9, -1e9, -1e9])
        box[:] = [min(box[0], *xs), min(box[1], *ys), max(box[2], *xs), max(box[3], *ys)]
    values = list(boxes.values())
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_small_or_clustered_views_are_laid_out_at_once(big: MapDocument) -> None:
    assert packed_dot(prepare(big, {"cluster": "theme"})) is None
    assert packed_dot(prepare(big, {"theme": ["theme-0"], "kind": ["forecast"]})) is None


def test_shift_keeps_edge_end_markers() -> None:
    assert shift("s,1,2 e,3,4 5,6", 10, 20) == "s,11,22 e,13,24 15,26"


def test_one_big_component_is_cut_into_parts_laid_out_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.render.layout as layout

    monkeypatch.setattr(layout, "SPLIT_ABOVE", 60)
    monkeypatch.setattr(layout, "PIECE", 100)
    doc = load(write_forest(tmp_path, 1, 400))
    packed = packed_dot(prepare(doc, {"full": True}), processes=2)
    assert packed is not None and "splines" in packed
    unrouted = [line for line in packed.splitlines() if ' [id="rel-' in line]  # as argmap wrote them, no pos
    assert unrouted  # relations between parts laid out apart, drawn straight
    root = ET.fromstring(write_svg(doc, {"full": True}))
    edges = [g for g in classed(root, "edge") if (g.get("id") or "").startswith("rel-")]
    assert sorted(int(g.get("id", "")[4:]) for g in edges) == list(range(399))
    assert len(classed(root, "node")) >= 400


def test_chunks_are_connected_pieces_of_at_most_the_size_asked() -> None:
    from argmap.model import Claim, Relation
    from argmap.render.parts import chunks

    data = forest(1, 400)
    nodes = [Claim(id=n["id"], text=n["text"]) for n in data["nodes"]]
    rels = [Relation(**r) for r in data["relations"]]
    pieces = chunks(nodes, rels, 50)
    assert sorted(n for p in pieces for n in p) == sorted(n.id for n in nodes)  # a partition
    assert all(len(p) <= 50 for p in pieces) and len(pieces) <= 400 // 50 * 3
    for piece in pieces:  # each piece hangs together by its own relations
        members = set(piece)
        reached, todo = {piece[0]}, [piece[0]]
        while todo:
            node = todo.pop()
            for r in rels:
                for a, b in ((r.source, r.target), (r.target, r.source)):
                    if a == node and b in members and b not in reached:
                        reached.add(b)
                        todo.append(b)
        assert reached == members
    piece_of = {n: number for number, p in enumerate(pieces) for n in p}
    across = [r for r in rels if piece_of[r.source] != piece_of[r.target]]
    assert len(across) == len(pieces) - 1  # a tree cut into pieces: one relation between each piece and the next


def test_pieces_are_placed_in_the_flow_of_the_diagram() -> None:
    from argmap.render.pack import placed_offsets

    # Piece 1 bears on piece 0 in a bottom-up diagram: it goes below; unlinked boxes never overlap.
    sizes = [(100.0, 50.0), (80.0, 40.0), (60.0, 30.0)]
    offsets = placed_offsets(sizes, {(1, 0): 3}, "BT")
    assert offsets[1][1] + 40 <= offsets[0][1]
    rects = [(x, y, x + w, y + h) for (x, y), (w, h) in zip(offsets, sizes, strict=True)]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
