"""arg-microtexts: every shared text imports with its segments quoted at exact offsets, roles as actors, and as
many supports, rebuttals, undercuts and linked premises as its XML has; each imported map checks clean."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from argmap.analysis.check import check
from argmap.errors import ArgmapError
from argmap.formats import FORMATS, import_file, importer_for
from argmap.formats.interop import materialise
from argmap.io import load
from support import REPO

CORPUS = REPO.parent / "shared" / "interop" / "microtexts" / "en"
TEXTS = sorted(CORPUS.glob("micro_*.xml")) if CORPUS.is_dir() else []
MICRO = FORMATS["microtexts"]


@pytest.mark.skipif(not TEXTS, reason="../shared/interop is not here")
def test_every_microtext_imports_with_the_counts_of_its_xml(tmp_path: Path) -> None:
    assert len(TEXTS) == 62
    totals: Counter[str] = Counter()
    for path in TEXTS:
        root = ET.parse(path).getroot()
        types = Counter(edge.get("type") for edge in root.iter("edge"))
        totals.update(types)
        out = tmp_path / (path.stem + ".yaml")
        out.write_text(materialise(import_file(path, MICRO), path, out).yaml, encoding="utf-8")
        doc = load(out)
        assert [d.format() for d in check(doc)] == [], path
        amap = doc.map
        kinds = {node.id: node.kind for node in amap.nodes}
        text = doc.sources[amap.sources[0].id].text
        quotes = [quote for node in amap.nodes for quote in node.quotes]
        assert len(quotes) == types["seg"] == len(list(root.iter("edu"))), path
        assert all(text[q.start:q.end] == q.text for q in quotes), path
        roles = Counter(node.actors[0] for node in amap.nodes if node.kind == "claim")
        adus = Counter(adu.get("type") for adu in root.iter("adu"))
        assert roles == Counter({"proponent": adus["pro"], "opponent": adus["opp"]}) - Counter(), path
        rel = Counter((kinds[r.source], r.type, kinds[r.target]) for r in amap.relations)
        assert rel[("inference", "supports", "claim")] + rel[("inference", "supports", "inference")] \
            == types["sup"] + types["exa"], path
        rebuttals = sum(1 for r in amap.relations if r.type == "attacks" and r.source.startswith("c")
                        and root.find(f"edge[@id='{r.source}']").get("type") == "reb")
        undercuts = rel[("claim", "undercuts", "inference")] + sum(
            1 for r in amap.relations if r.type == "attacks"
            and root.find(f"edge[@id='{r.source}']").get("type") == "und")
        assert (rebuttals, undercuts) == (types["reb"], types["und"]), path
        premises = sum(1 for r in amap.relations if r.type == "supports" and kinds[r.target] == "inference")
        assert premises == types["sup"] + types["exa"] + types["reb"] + types["add"] + sum(
            1 for e in root.iter("edge") if e.get("type") == "und" and kinds.get(e.get("id")) == "inference"), path
    assert totals["und"] == 33 and totals["add"] == 10


@pytest.mark.skipif(not TEXTS, reason="../shared/interop is not here")
def test_an_undercut_of_an_undercut_survives() -> None:
    amap = import_file(CORPUS / "micro_b005.xml", MICRO).build(CORPUS / "micro_b005.xml")
    relations = {(r.source, r.type, r.target) for r in amap.relations}
    # a3 undercuts the support c2 (through its own inference c3), which a4 undercuts in turn
    assert {("a2", "supports", "c2"), ("c2", "supports", "a1"), ("a3", "supports", "c3"), ("c3", "attacks", "c2"),
            ("a4", "undercuts", "c3")} <= relations
    assert amap.by_id["a3"].actors == ["opponent"]


def test_bad_xml_is_refused_with_its_position(tmp_path: Path) -> None:
    bad = tmp_path / "micro_x.xml"
    bad.write_text("<arggraph id='x'>\n  <edu id='e1'>text</edu\n</arggraph>", encoding="utf-8")
    assert importer_for(bad).name == "microtexts"
    with pytest.raises(ArgmapError, match=r"micro_x.xml:3:\d+: not well-formed XML"):
        import_file(bad, MICRO)
    bad.write_text("<arggraph id='x'><edu id='e1'>t</edu><adu id='a1' type='pro'/>"
                   "<edge id='c1' src='e1' trg='a1' type='seg'/><edge id='c2' src='a1' trg='a9' type='sup'/>"
                   "</arggraph>", encoding="utf-8")
    with pytest.raises(ArgmapError, match=r"edge 'c2' .* joins 'a1' to 'a9'"):
        import_file(bad, MICRO)
