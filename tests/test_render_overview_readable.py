"""The overview of a big map stays readable: measured on the SVG itself (`figures`): its size in points, the links
it draws and leaves out (said in its caption, listed on the part pages), how often two drawn links cross and how
often a link runs over a part it does not join. The synthetic maps of `benchmarks/synthetic.py` split into 24
parts; drawn whole they had 118 links at 2,000 nodes and 242 at 10,000, criss-crossing a picture of 6992x3493 pt.
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from argmap.cli import main
from argmap.formats import write_dot, write_svg
from argmap.io import load
from argmap.render.diagram import prepare
from argmap.render.overview import part_dots, parts_of
from argmap.render.part_links import drawn_links, left_out, part_links


def _synthetic_maps() -> Any:
    """benchmarks/synthetic.py, the maps the benchmarks draw (not a package: loaded from its file)."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"
    spec = importlib.util.spec_from_file_location("synthetic_maps", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


write_map = _synthetic_maps().write_map

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
Point = tuple[float, float]


def _points(d: str) -> list[Point]:
    numbers = [float(n) for n in _NUMBER.findall(d)]
    return list(zip(numbers[0::2], numbers[1::2], strict=True))


def _curve(d: str, steps: int = 8) -> list[Point]:
    """A Graphviz edge path (`M p C p p p p p p ...`, cubic Béziers) as a polyline."""
    pts = _points(d)
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(1, steps + 1):
            t = k / steps
            a, b, c, e = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out


def _cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    def side(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    return side(p, q, r) * side(p, q, s) < 0 and side(r, s, p) * side(r, s, q) < 0


def _near(point: Point, ends: list[Point], distance: float = 14.0) -> bool:
    return any(abs(point[0] - x) < distance and abs(point[1] - y) < distance for x, y in ends)


def figures(svg: bytes) -> dict[str, Any]:
    """What the overview looks like, in numbers: `width` and `height` in points, `parts`, `links` drawn,
    `crossings` (pairs of drawn links' segments that cross, away from the parts they join) and `over_parts`
    (drawn links running across a part they do not join)."""
    root = ET.fromstring(svg)
    width, height = (float(_NUMBER.findall(root.get(k) or "0")[0]) for k in ("width", "height"))
    boxes: dict[str, tuple[float, float, float, float]] = {}
    curves: list[tuple[str, str, list[Point]]] = []
    for g in root.iter(f"{SVG}g"):
        cls = g.get("class") or ""
        if "node" in cls.split() and "part" in cls.split():
            pts = [pt for shape in g.iter() if shape.tag in (f"{SVG}path", f"{SVG}polygon")
                   for pt in _points(shape.get("d") or shape.get("points") or "")]
            xs, ys = [x for x, _ in pts], [y for _, y in pts]
            boxes[g.findtext(f"{SVG}title") or ""] = (min(xs), min(ys), max(xs), max(ys))
        elif "edge" in cls.split():
            title = (g.findtext(f"{SVG}title") or "").replace("&#45;", "-")
            a, _, b = title.partition("->")
            path = next(g.iter(f"{SVG}path"), None)
            if path is not None:
                curves.append((a, b, _curve(path.get("d") or "")))
    crossings = 0
    for i, (_, _, one) in enumerate(curves):
        for _, _, other in curves[i + 1:]:
            ends = [one[0], one[-1], other[0], other[-1]]
            for p, q in pairwise(one):
                for r, s in pairwise(other):
                    if _cross(p, q, r, s) and not _near(p, ends) and not _near(r, ends):
                        crossings += 1
    over = 0
    for a, b, curve in curves:
        for key, (x0, y0, x1, y1) in boxes.items():
            if key not in (a, b) and any(x0 + 2 < x < x1 - 2 and y0 + 2 < y < y1 - 2 for x, y in curve):
                over += 1
    return {"width": width, "height": height, "parts": len(boxes), "links": len(curves), "crossings": crossings,
            "over_parts": over}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_map(tmp_path_factory.mktemp("synthetic"), 2000)


@pytest.fixture(scope="module")
def overview(synthetic: Path) -> bytes:
    return write_svg(load(synthetic), {})


def test_the_overview_of_2000_nodes_is_compact_and_uncluttered(overview: bytes) -> None:
    got = figures(overview)
    assert got["parts"] == 24
    assert got["width"] <= 1800 and got["height"] <= 1500, got  # was 6992x3493 pt
    assert 0.5 <= got["width"] / got["height"] <= 2.0, got
    assert got["links"] <= 2 * got["parts"], got  # was 118
    assert got["crossings"] <= 20 and got["over_parts"] <= 4, got


def test_what_the_overview_leaves_out_is_said(synthetic: Path, overview: bytes) -> None:
    prep = prepare(load(synthetic), {})
    parts = parts_of(prep)
    links = part_links(parts, prep.view.relations)
    drawn = drawn_links(links)
    hidden, relations = left_out(links, drawn)
    assert len(links) == 118 and 0 < hidden < 118
    text = " ".join(ET.fromstring(overview).itertext())
    assert f"{len(links) - hidden} of {len(links)} links between parts drawn" in text
    assert f"{hidden} weaker links between parts ({relations:,} relations) not drawn" in text
    dots = part_dots(prep, parts)
    assert sum("are not drawn in the overview" in dot for dot in dots) >= hidden // 4  # each hidden link on 2 pages
    assert all(("bears on part" in dot) or ("borne on by part" in dot) for dot in dots)


def test_every_part_has_its_line_and_its_strongest_link(synthetic: Path) -> None:
    prep = prepare(load(synthetic), {})
    parts = parts_of(prep)
    links = part_links(parts, prep.view.relations)
    drawn = drawn_links(links)
    assert all(flag for link, flag in zip(links, drawn, strict=True) if link.line)
    assert sum(link.line for link in links) >= len(parts) - 1  # every part split off bears on another
    for part in parts:
        mine = [(link.total, flag) for link, flag in zip(links, drawn, strict=True)
                if part.key in (link.source, link.target)]
        assert max(mine)[1] or any(flag and total == max(mine)[0] for total, flag in mine)
    heaviest = max(links, key=lambda link: link.total)
    assert drawn[links.index(heaviest)]


def test_overview_links_all_draws_every_link(synthetic: Path) -> None:
    dot = write_dot(load(synthetic), {"overview_links": "all"}).decode()
    assert dot.count('id="link-') == 118 and "not drawn" not in dot
    fewer = write_dot(load(synthetic), {"overview_links": "0"}).decode()
    assert fewer.count('id="link-') < write_dot(load(synthetic), {}).decode().count('id="link-')


def test_the_overview_ranks_parts_below_what_they_bear_on(synthetic: Path) -> None:
    """BT: a part whose conclusion bears on another's is drawn below it (SVG y grows downwards)."""
    svg = write_svg(load(synthetic), {"direction": "BT"})
    root = ET.fromstring(svg)
    centre: dict[str, float] = {}
    for g in root.iter(f"{SVG}g"):
        if "part" in (g.get("class") or "").split():
            ys = [y for shape in g.iter() if shape.tag == f"{SVG}path" for _, y in _points(shape.get("d") or "")]
            centre[g.findtext(f"{SVG}title") or ""] = sum(ys) / len(ys)
    prep = prepare(load(synthetic), {})
    lines = [link for link in part_links(parts_of(prep), prep.view.relations) if link.line]
    assert lines and all(centre[link.source] > centre[link.target] for link in lines)


def test_the_folder_and_page_keep_their_links(synthetic: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(synthetic), "-o", f"{out}/"]) == 0
    root = ET.fromstring((out / "overview.svg").read_bytes())
    links = {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a") if a.get(f"{XLINK}href")}
    assert len(links) == 24 and all((out / str(link)).is_file() for link in links)
    assert not list(root.iter(f"{SVG}script"))
    page = tmp_path / "map.html"
    assert main(["export", str(synthetic), "-o", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.count('<template id="tpl-part-') == 24 and "not drawn in the overview" in text
    assert "http://" not in text.replace("http://www.w3.org", "")


def test_a_star_of_lines_is_staggered_not_one_wide_row(tmp_path: Path) -> None:
    """One conclusion with 23 equal lines: without staggering one rank 23 parts wide."""
    nodes: list[dict[str, Any]] = [{"id": "c", "kind": "claim", "text": "the conclusion"}]
    relations = []
    for i in range(23):
        for k in range(30):
            nodes.append({"id": f"r{i}-{k}", "kind": "claim", "text": f"reason {i} step {k}"})
            target = "c" if k == 0 else f"r{i}-{k - 1}"
            relations.append({"source": f"r{i}-{k}", "target": target, "type": "supports"})
    path = tmp_path / "star.yaml"
    import yaml

    path.write_text(yaml.safe_dump({"argmap": 1, "title": "Star", "nodes": nodes, "relations": relations}),
                    encoding="utf-8")
    for direction in ("BT", "LR"):
        got = figures(write_svg(load(path), {"direction": direction}))
        assert got["parts"] == 24, got
        assert 0.4 <= got["width"] / got["height"] <= 2.5, (direction, got)


def test_a_bad_overview_links_value_is_one_clear_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                      synthetic: Path) -> None:
    out = str(tmp_path / "x.svg")
    assert main(["export", str(synthetic), "-o", out, "--overview-links", "lots"]) != 0
    assert "overview_links takes a whole number or all, not 'lots'" in capsys.readouterr().err


def test_which_links_are_drawn() -> None:
    """Lines always; each part's strongest; any of 5% of the relations; a bridge between groups left apart."""
    from argmap.render.part_links import Link

    def link(a: str, b: str, n: int, line: bool = False) -> Link:
        return Link(a, b, (("supports", n),), line)

    links = [link("b", "a", 1, line=True), link("c", "a", 30), link("c", "b", 2), link("d", "b", 3),
             link("d", "c", 2), link("e", "f", 1), link("f", "a", 1)] + [link("x", "y", 1) for _ in range(40)]
    drawn = drawn_links(links, top=1)
    assert drawn[0]  # a line, though of one relation
    assert drawn[1]  # the strongest of a and of c, and above 5%
    assert drawn[3] and not drawn[4]  # d's strongest is to b
    assert drawn[5]  # e's and f's strongest
    assert drawn[6]  # the bridge that joins {e, f} to the rest
    assert not drawn[2]
    assert all(drawn_links(links, top=1_000_000))
    hidden = [x.total for x, flag in zip(links, drawn, strict=True) if not flag]
    assert left_out(links, drawn) == (len(hidden), sum(hidden))


def test_facet_overview_keeps_its_link_numbers(synthetic: Path) -> None:
    """Themes, each linked to each other: the drawn links are numbered (Graphviz's pack, used before, lost
    every edge label when the drawing fell apart in pieces)."""
    svg = write_svg(load(synthetic), {"cluster": "theme"})
    root = ET.fromstring(svg)
    numbers = [t.text for g in root.iter(f"{SVG}g") if "edge" in (g.get("class") or "").split()
               for t in g.iter(f"{SVG}text")]
    got = figures(svg)
    assert got["parts"] == 8 and got["links"] >= 7 and len(numbers) == got["links"], (got, numbers)
    assert "links between parts drawn" in " ".join(root.itertext())


def test_hostile_part_titles_stay_text_on_every_page(tmp_path: Path) -> None:
    """A conclusion's text with markup reaches the overview and the other parts' link lists as text."""
    evil = '</FONT><B>x</B> <script>alert("1")</script> & \\N "quoted"'
    nodes: list[dict[str, Any]] = []
    relations = []
    for t in range(3):
        nodes.append({"id": f"c{t}", "kind": "claim", "text": evil if t == 0 else f"conclusion {t}"})
        for k in range(8):
            nodes.append({"id": f"c{t}-{k}", "kind": "claim", "text": f"reason {t} {k}"})
            relations.append({"source": f"c{t}-{k}", "target": f"c{t}", "type": "supports"})
    relations.append({"source": "c1-0", "target": "c0", "type": "attacks"})
    import yaml

    path = tmp_path / "evil.yaml"
    path.write_text(yaml.safe_dump({"argmap": 1, "title": "Evil", "nodes": nodes, "relations": relations}),
                    encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(path), "-o", f"{out}/", "--overview-above", "5"]) == 0
    for svg in out.glob("*.svg"):
        root = ET.fromstring(svg.read_bytes())  # well-formed
        assert not list(root.iter(f"{SVG}script")), svg
    text = " ".join(ET.fromstring((out / "part-2.svg").read_bytes()).itertext())
    assert "borne on by part 1 (</FONT><B>x</B>" in text
