"""Rendering through Graphviz: well-formed SVG holding every node, PNG and PDF signatures, same bytes twice,
tooltips, engine errors, and the system Graphviz option."""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.formats import write_dot as export_dot
from argmap.formats import write_pdf as export_pdf
from argmap.formats import write_png as export_png
from argmap.formats import write_svg as export_svg
from argmap.io import load
from argmap.io.document import MapDocument
from argmap.render.engine import render, stable_pdf
from support import load_rich_map

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
EXAMPLE = Path(__file__).resolve().parent.parent / "maps" / "example.yaml"


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> MapDocument:
    return load_rich_map(tmp_path_factory.mktemp("rich"))


@pytest.fixture(scope="module")
def rich_svg(rich: MapDocument) -> bytes:
    return export_svg(rich, {})


def groups(root: ET.Element, cls: str) -> dict[str, ET.Element]:
    """SVG groups of a class (`node`, `edge`), by their <title>."""
    found = {}
    for group in root.iter(f"{SVG}g"):
        if cls in (group.get("class") or "").split():
            title = group.find(f"{SVG}title")
            assert title is not None
            found[title.text or ""] = group
    return found


def test_svg_is_well_formed_and_holds_every_node(rich: MapDocument, rich_svg: bytes) -> None:
    assert rich.map is not None
    root = ET.fromstring(rich_svg)
    assert root.tag == f"{SVG}svg"
    nodes = groups(root, "node")
    for node in rich.map.nodes:
        assert node.id in nodes
        assert node.kind in (nodes[node.id].get("class") or "").split()
        assert nodes[node.id].get("id") == f"node-{node.id}"
    edges = groups(root, "edge")
    assert len([t for t in edges if not t.startswith("_legend_")]) == len(rich.map.relations)


def test_svg_text_and_tooltips(rich_svg: bytes) -> None:
    root = ET.fromstring(rich_svg)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "The fall of Fort Amber" in texts and "p≈0.68 (likely)" in texts and "✓ happened" in texts
    node = groups(root, "node")["nothing-to-defend"]
    link = node.find(f".//{SVG}a")
    assert link is not None
    assert link.get(f"{XLINK}title", "").splitlines() == [
        "nothing-to-defend (claim)", "The soldiers saw nothing in Fort Amber worth defending.",
        "note: The author's central judgement."]
    assert link.get(f"{XLINK}href") is None  # links are off by default


def test_svg_links_when_asked(rich: MapDocument) -> None:
    root = ET.fromstring(export_svg(rich, {"links": True}))
    link = groups(root, "node")["rebels-march"].find(f".//{SVG}a")
    assert link is not None and link.get(f"{XLINK}href") == "https://example.org/chronicle"


def test_same_map_same_svg(rich: MapDocument, rich_svg: bytes, tmp_path: Path) -> None:
    again = export_svg(load_rich_map(tmp_path), {})
    assert again == rich_svg
    assert b"<!-- Title: argmap Pages: 1 -->" in rich_svg


def test_no_shrink_to_fit(rich: MapDocument, rich_svg: bytes) -> None:
    assert not re.search(r"(?<![A-Za-z-])size=", export_dot(rich, {}).decode())  # no page size to squeeze into
    root = ET.fromstring(rich_svg)
    assert root.get("width", "").endswith("pt") and float(root.get("width", "0pt")[:-2]) > 800


def test_png_signature(rich: MapDocument) -> None:
    data = export_png(rich, {})
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


def test_png_resolution(rich: MapDocument) -> None:
    def width(png: bytes) -> int:
        return int.from_bytes(png[16:20], "big")  # the IHDR chunk's width

    normal, fine = width(export_png(rich, {})), width(export_png(rich, {"dpi": "192"}))
    assert abs(fine - 2 * normal) <= 2
    assert export_svg(rich, {"dpi": 192}) == export_svg(rich, {})  # scalable formats ignore it


def test_pdf_signature_and_fixed_date(rich: MapDocument) -> None:
    data = export_pdf(rich, {})
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"/CreationDate (D:20000101000000Z)" in data
    assert export_pdf(rich, {}) == data


def test_stable_pdf_keeps_the_length() -> None:
    data = b"1 0 obj << /CreationDate (D:20261123223820Z) >> endobj"
    fixed = stable_pdf(data)
    assert len(fixed) == len(data) and b"D:20000101000000Z" in fixed
    zoned = b"<< /CreationDate (D:20261123223820+01'00') >>"
    assert len(stable_pdf(zoned)) == len(zoned)


def test_other_engines_draw_too(rich: MapDocument) -> None:
    for engine in ("neato", "fdp"):
        root = ET.fromstring(export_svg(rich, {"engine": engine, "cluster": "theme"}))
        assert "garrison-fled" in groups(root, "node")


def test_bad_engine_is_a_clear_error(rich: MapDocument) -> None:
    with pytest.raises(ArgmapError, match=r"Graphviz has no layout engine 'dotty' .*engines: dot, neato"):
        export_svg(rich, {"engine": "dotty"})


def test_bad_dot_is_a_clear_error() -> None:
    with pytest.raises(ArgmapError, match="Graphviz could not draw the diagram"):
        render("digraph { a -> }", "svg")
    with pytest.raises(ArgmapError, match="cannot render 'gif'"):
        render("digraph { a }", "gif")


def test_system_graphviz_missing(rich: MapDocument, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ArgmapError, match="no `dot` program on PATH"):
        export_svg(rich, {"system_graphviz": True})


def fake_dot(folder: Path, script: str) -> None:
    path = folder / "dot"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a stand-in for Graphviz")
def test_system_graphviz_runs_dot_from_path(rich: MapDocument, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    fake_dot(tmp_path, 'echo "<svg args=\'$*\'/>"; cat > "$(dirname "$0")/input.dot"\n')
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + os.environ.get("PATH", ""))
    data = export_svg(rich, {"system_graphviz": "yes", "engine": "neato"})
    assert data.strip() == b"<svg args='-Kneato -Tsvg'/>"
    assert export_png(rich, {"system_graphviz": "yes", "dpi": 150}).strip() == b"<svg args='-Kdot -Tpng -Gdpi=150'/>"
    assert (tmp_path / "input.dot").read_text(encoding="utf-8").startswith("digraph argmap {")
    fake_dot(tmp_path, 'echo "Error: Layout type: \\"$1\\" not recognized" >&2; exit 1\n')
    with pytest.raises(ArgmapError, match="no layout engine 'nope'"):
        export_svg(rich, {"system_graphviz": True, "engine": "nope"})
    fake_dot(tmp_path, 'echo "Error: something broke" >&2; exit 3\n')
    with pytest.raises(ArgmapError, match=r"failed \(exit 3\): Error: something broke"):
        export_svg(rich, {"system_graphviz": True})


def test_example_map_renders() -> None:
    root = ET.fromstring(export_svg(load(EXAMPLE), {}))
    assert "flight-reveals-motive" in groups(root, "node")


def test_the_report_inlines_the_diagram(rich: MapDocument) -> None:
    from argmap.report.content import diagram_svg

    svg, note = diagram_svg(rich, {"color_by": "acceptance"})
    assert note is None and svg is not None and svg.startswith("<svg")
    assert "rebels-march" in groups(ET.fromstring(svg), "node")


def test_rendering_from_a_worker_thread(rich: MapDocument, rich_svg: bytes) -> None:
    """The explorer exports from a worker thread: same bytes, and the process's standard error is left alone."""
    import threading

    results: list[bytes] = []
    worker = threading.Thread(target=lambda: results.append(export_svg(rich, {})))
    worker.start()
    worker.join()
    assert results == [rich_svg]
