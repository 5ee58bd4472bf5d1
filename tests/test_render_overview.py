"""The overview of a large view: one node per part, counts and standing in its label, edges aggregated between
parts; `-o DIR/` writes it with one diagram per part, each linked from the overview, every node in one of them;
`--full` draws every node; `--cluster` makes parts of themes, actors or tags."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from argmap.cli import main
from argmap.formats import write_dot, write_svg
from argmap.io import load
from argmap.render.diagram import prepare
from argmap.render.overview import parts_of
from argmap.render.parts import by_conclusion
from test_render_big import forest

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def joined_forest() -> dict[str, Any]:
    """Six arguments of 15 nodes; a premise of the second also attacks the first one's conclusion."""
    data = forest(6, 15)
    data["relations"].append({"source": "t1-n14", "target": "t0-n0", "type": "attacks"})
    return data


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(joined_forest()), encoding="utf-8")
    return path


def node_titles(svg: bytes) -> set[str]:
    root = ET.fromstring(svg)
    return {g.findtext(f"{SVG}title") or "" for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "")}


def test_parts_are_conclusions_with_what_bears_on_them(big: Path) -> None:
    prep = prepare(load(big), {})
    parts = parts_of(prep)
    heads = {p.head for p in parts}
    assert heads == {f"t{t}-n0" for t in range(6)}
    assert "t1-n14" in next(p.nodes for p in parts if p.head == "t0-n0")  # its nearest conclusion
    assert sorted(n for p in parts for n in p.nodes) == sorted(n.id for n in prep.view.nodes)  # a partition


def test_a_dominant_part_is_split_under_its_conclusion() -> None:
    data = forest(1, 200)
    doc_nodes = [type("N", (), {"id": n["id"], "text": n["text"]})() for n in data["nodes"]]
    rels = [type("R", (), r)() for r in data["relations"]]
    parts = by_conclusion(doc_nodes, rels, target=8)  # type: ignore[arg-type]
    assert len(parts) >= 3 and max(len(p.nodes) for p in parts) < 200
    assert [p.nodes for p in parts if p.head == "t0-n0"] == [("t0-n0",)]


def test_export_draws_the_overview_above_the_limit(big: Path) -> None:
    doc = load(big)
    dot = write_dot(doc, {"overview_above": 20}).decode()
    assert dot.count("class=part") == 6
    assert dot.count('id="link-') == 1 and "1 supports" in dot  # between two parts, aggregated and counted
    assert "15 nodes: 14 claims, 1 forecast" in dot and "conclusion: rejected · 13 in, 3 out" in dot
    full = write_svg(doc, {"overview_above": 20, "full": True})
    assert {f"t{t}-n{k}" for t in range(6) for k in range(15)} <= node_titles(full)
    assert "class=part" not in write_dot(doc, {}).decode()  # under the default limit: every node


def test_folder_holds_the_overview_and_every_part_linked(big: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(big), "-o", f"{out}/", "--overview-above", "20"]) == 0
    overview = ET.fromstring((out / "overview.svg").read_bytes())
    links = [a.get(f"{XLINK}href") or "" for a in overview.iter(f"{SVG}a") if a.get(f"{XLINK}href")]
    assert len(links) == 6 and all((out / link).is_file() for link in links)
    reached: set[str] = set()
    for link in links:
        reached |= node_titles((out / link).read_bytes())
    assert {f"t{t}-n{k}" for t in range(6) for k in range(15)} <= reached  # every node one click away
    assert not list(overview.iter(f"{SVG}script"))


def test_cluster_makes_parts_of_a_facet(big: Path) -> None:
    dot = write_dot(load(big), {"overview_above": 20, "cluster": "theme"}).decode()
    assert dot.count("class=part") == 3 and "Theme 0" in dot and "30 nodes" in dot


def test_a_missing_folder_is_refused(big: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(big), "-o", f"{tmp_path}/nowhere/"]) != 0
    assert "no such folder" in capsys.readouterr().err


def test_small_view_in_a_folder_is_one_diagram(tmp_path: Path, big: Path) -> None:
    assert main(["export", str(big), "-o", f"{tmp_path}/"]) == 0
    assert (tmp_path / "diagram.svg").is_file() and not (tmp_path / "overview.svg").exists()




def test_a_conclusion_with_many_direct_reasons_gives_a_few_parts() -> None:
    """300 reasons bear directly on one conclusion, each with a premise: the largest lines get parts, the rest
    stay with the conclusion, never one part per reason."""
    from argmap.model import Claim, Relation

    nodes = [Claim(id="c", text="conclusion")]
    rels = []
    for i in range(300):
        nodes += [Claim(id=f"r{i}", text=f"reason {i}"), Claim(id=f"p{i}", text=f"premise {i}")]
        rels += [Relation(source=f"r{i}", target="c", type="supports"),
                 Relation(source=f"p{i}", target=f"r{i}", type="supports")]
    for k in range(40):  # one big line under r0
        nodes.append(Claim(id=f"d{k}", text=f"deep {k}"))
        rels.append(Relation(source=f"d{k}", target="p0" if k == 0 else f"d{k - 1}", type="supports"))
    parts = by_conclusion(nodes, rels, target=8)
    assert 2 <= len(parts) <= 8
    assert sorted(n for p in parts for n in p.nodes) == sorted(n.id for n in nodes)  # a partition
    assert any(p.head == "r0" and len(p.nodes) == 42 for p in parts)  # the largest line has a part of its own
