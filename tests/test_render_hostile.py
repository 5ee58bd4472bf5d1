"""Hostile text never becomes DOT syntax or SVG markup: the SVG stays well-formed, holds no script, no event
handler, no `javascript:` link, and shows the text literally. Maps are loaded from files (valid maps with hostile
text) and built with `model_construct` (ids, urls and vocabularies that validation would refuse)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.formats import write_dot as export_dot
from argmap.formats import write_svg as export_svg
from argmap.io import load
from argmap.io.document import MapDocument
from argmap.model import ArgMap, Claim, Forecast, Quote, Relation, Source
from argmap.model.nodes import Resolution, ResolutionSource
from argmap.render.text import clean

INJECT = '"]; x [label="pwned'
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
BACKSLASHES = r"back \N \G \E \T \H \L \l \n \r \\ \" end\\"
ARABIC = "سقطت الموصل في يد تنظيم الدولة"
CONTROLS = "ctl " + "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\x7f end"
HTML_LABEL = "<<B>bold</B>>"
ENTITIES = "&amp; &lt; &#92; ]]> <!-- -->"
PIECES = [INJECT, SCRIPT, IMG, BACKSLASHES, ARABIC, HTML_LABEL, ENTITIES]
SVG = "{http://www.w3.org/2000/svg}"
OPTIONS = {"links": True, "cluster": "theme", "ids": True}


def text_of(svg: bytes) -> str:
    """All text a reader can see or hover over: text content and tooltips, entity-decoded by the XML parser."""
    root = ET.fromstring(svg)
    parts = ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]
    parts += [value for el in root.iter() for key, value in el.attrib.items() if key.endswith("title")]
    return "\n".join(parts)


def assert_inert(svg: bytes) -> ET.Element:
    """Well-formed, no script or foreign content, no event handlers, only http(s) links."""
    root = ET.fromstring(svg)  # raises on malformed XML
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1].lower()
        assert local not in ("script", "foreignobject", "iframe", "object", "embed", "image"), element.tag
        for key, value in element.attrib.items():
            name = key.rsplit("}", 1)[-1].lower()
            assert not name.startswith("on"), (key, value)
            if name in ("href", "src"):
                assert re.match(r"https?://", value), value
    assert b"javascript:" not in svg.lower()
    assert b"<script" not in svg.lower()
    return root


def hostile_yaml(folder: Path) -> MapDocument:
    text = " ".join(PIECES)
    source = f"{text}\n{CONTROLS}\n"
    data = {
        "title": f"{SCRIPT} {INJECT}",
        "description": IMG,
        "sources": [{"id": "src", "title": SCRIPT, "url": "https://example.org/a?b=1&c=2", "path": "s.txt"}],
        "themes": {"t": f"{IMG} {BACKSLASHES}"},
        "actors": {"a": SCRIPT},
        "nodes": [
            {"id": "hostile", "kind": "claim", "text": text, "quotes": [text], "themes": ["t"], "actors": ["a"],
             "note": f"{CONTROLS} {SCRIPT}"},
            {"id": "controls", "kind": "evidence", "text": CONTROLS, "quotes": [CONTROLS], "reported_by": IMG},
            {"id": "step", "kind": "inference", "text": BACKSLASHES, "warrant": SCRIPT, "scheme": "sign"},
            {"id": "later", "kind": "forecast", "text": ARABIC, "words": IMG, "probability": 0.6,
             "resolution": {"outcome": "unclear", "note": INJECT,
                            "sources": [{"title": SCRIPT, "url": "https://example.org/x"}]}},
        ],
        "relations": [
            {"source": "hostile", "target": "step", "type": "supports", "note": SCRIPT},
            {"source": "controls", "target": "step", "type": "supports", "note": BACKSLASHES},
            {"source": "step", "target": "later", "type": "supports", "note": INJECT},
        ],
    }
    (folder / "s.txt").write_text(source, encoding="utf-8")
    path = folder / "hostile.yaml"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")  # JSON is YAML; \u escapes for controls
    doc = load(path)
    assert doc.map is not None and not [d for d in doc.diagnostics if d.rule in ("syntax", "schema")]
    return doc


def constructed() -> MapDocument:
    """A map no file could hold: hostile ids, javascript: links, a hostile theme id; built past validation."""
    src = Source.model_construct(id='s"><x', title=SCRIPT, url="javascript:alert(1)", path=None)
    first = Claim.model_construct(
        id=INJECT, kind="claim", text=SCRIPT, note=BACKSLASHES, tags=[], actors=[], themes=[IMG],
        quotes=[Quote.model_construct(text=IMG, source='s"><x')])
    second = Forecast.model_construct(
        id=SCRIPT, kind="forecast", text=BACKSLASHES, note=None, quotes=[], tags=[], actors=[], themes=[],
        words="likely", probability=0.7, probability_basis="stated", horizon=None, signposts=[],
        resolution=Resolution.model_construct(outcome="happened", date=None, note=IMG, sources=[
            ResolutionSource.model_construct(title="x", url="javascript:alert(1)", date=None),
            ResolutionSource.model_construct(title="y", url="JaVaScRiPt:alert(2)", date=None)]))
    third = Claim.model_construct(id="a\\", kind="claim", text="\\", note=None, quotes=[], tags=[], actors=[],
                                  themes=[])
    relations = [Relation.model_construct(source=INJECT, target=SCRIPT, type="supports", note=SCRIPT, weight=None),
                 Relation.model_construct(source="a\\", target=SCRIPT, type="attacks", note=None, weight=None)]
    amap = ArgMap.model_construct(argmap=1, title=IMG, description=None, sources=[src], tags={}, actors={},
                                  themes={IMG: SCRIPT}, nodes=[first, second, third], relations=relations,
                                  scenarios=[])
    return MapDocument(path=Path("constructed.yaml"), text="", format="yaml", map=amap)


@pytest.fixture(scope="module")
def from_file(tmp_path_factory: pytest.TempPathFactory) -> MapDocument:
    return hostile_yaml(tmp_path_factory.mktemp("hostile"))


def test_hostile_text_from_a_file_stays_text(from_file: MapDocument) -> None:
    svg = export_svg(from_file, OPTIONS)
    root = assert_inert(svg)
    shown = text_of(svg)
    for piece in (INJECT, SCRIPT, IMG, ARABIC, HTML_LABEL, ENTITIES):
        assert piece in shown, piece
    assert BACKSLASHES in shown  # DOT's escapes stay literal: no node name, no graph name, no line break
    assert clean(CONTROLS) in shown and "␀␁␂" in shown and "␡" in shown
    # Exactly the map's four nodes: the injection added none (and the legend's own nodes are its own).
    nodes = [g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()]
    titles = sorted(t.text or "" for g in nodes for t in g.findall(f"{SVG}title") if not
                    (t.text or "").startswith("_legend_"))
    assert titles == ["controls", "hostile", "later", "step"]


def test_the_dot_has_no_injected_statement(from_file: MapDocument) -> None:
    dot = export_dot(from_file, OPTIONS).decode("utf-8")
    statements = re.findall(r'^\t+"([^"\\]*)" \[', dot, re.M)
    assert sorted(s for s in statements if not s.startswith("_legend_")) == ["controls", "hostile", "later", "step"]
    assert "pwned\" [" not in dot and "\x00" not in dot and "\x1b" not in dot


def test_constructed_map_with_hostile_ids_and_links(tmp_path: Path) -> None:
    doc = constructed()
    svg = export_svg(doc, OPTIONS)
    root = assert_inert(svg)
    shown = text_of(svg)
    for piece in (INJECT, SCRIPT, IMG, BACKSLASHES):
        assert piece in shown, piece
    assert not [a for a in root.iter() if any(k.endswith("href") for k in a.attrib)]  # every link was unsafe
    ids = [g.get("id") for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()]
    assert "node-0" in ids and "node-1" in ids and "node-2" in ids
    # The attack from the node named "a\" reaches its target: names are safe and consistent.
    edges = [g for g in root.iter(f"{SVG}g") if "attacks" in (g.get("class") or "").split()]
    assert len(edges) == 1


def test_every_format_of_the_hostile_map_renders(from_file: MapDocument) -> None:
    from argmap.formats import write_pdf as export_pdf
    from argmap.formats import write_png as export_png

    assert export_png(from_file, {}).startswith(b"\x89PNG")
    assert export_pdf(constructed(), {}).startswith(b"%PDF")
