"""AIF in and out: every shared AIFdb and xAIF file imports into a valid map whose counts match the file, the dialogue
layer gives speakers and anchored quotes, each loss is reported once per kind, and argmap's export imports back
equal."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from argmap.analysis.check import check
from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.formats import FORMATS, export_with_losses, import_file, importer_for
from argmap.formats.interop import materialise
from argmap.io import load
from argmap.io.canonical import to_authoring
from support import REPO

SHARED = REPO.parent / "shared" / "interop"
AIF = FORMATS["aif"]
NODESETS = sorted(path for folder in (SHARED / "aif", SHARED / "other-formats" / "ova3") if folder.is_dir()
                  for path in folder.rglob("*.json") if path.name != "aif2arggraph.json")
needs_shared = pytest.mark.skipif(not NODESETS, reason="../shared/interop is not here")


def _aif(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("AIF", data)


def _converted(path: Path, tmp_path: Path):
    out = tmp_path / (path.stem + ".yaml")
    converted = materialise(import_file(path, AIF), path, out)
    for file, text in converted.texts.items():
        file.write_text(text, encoding="utf-8")
    out.write_text(converted.yaml, encoding="utf-8")
    return converted, load(out)


@needs_shared
def test_every_shared_aif_file_imports_with_its_counts(tmp_path: Path) -> None:
    assert len(NODESETS) >= 19
    for path in NODESETS:
        aif = _aif(path)
        types = Counter(node["type"] for node in aif["nodes"])
        converted, doc = _converted(path, tmp_path)
        assert doc.fully_loaded, path
        kinds = Counter(node.kind for node in doc.map.nodes if node.by == "author")
        assert kinds["claim"] == types["I"], path
        assert kinds["inference"] >= types["RA"], path
        losses = {loss.kind: loss.count for loss in converted.losses}
        for aif_type, kind in (("L", "locution (L-node) dropped"), ("YA", "illocution (YA-node) dropped"),
                               ("TA", "transition (TA-node) dropped"), ("MA", "rephrase (MA-node) kept as a note")):
            assert losses.get(kind, 0) == types[aif_type], (path, aif_type)
        quotes_ok = [d for d in check(doc) if d.rule.startswith("quote")]
        assert quotes_ok == [], (path, quotes_ok[:2])


@needs_shared
def test_the_empty_nodesets_import_to_empty_maps(tmp_path: Path) -> None:
    for path in (SHARED / "aif/iac/nodeset7107.json", SHARED / "other-formats/ova3/arguebuf-ts-xaif-empty.json"):
        _, doc = _converted(path, tmp_path)
        assert doc.fully_loaded and doc.map.nodes == []


@needs_shared
def test_ova_span_anchors_give_exact_quotes_and_speakers(tmp_path: Path) -> None:
    path = SHARED / "other-formats" / "ova3" / "arguebuf-ts-xaif.json"
    converted, doc = _converted(path, tmp_path)
    text = doc.sources["text"].text
    assert text == "A because B\n"
    by_text = {node.text: node for node in doc.map.nodes}
    assert [(q.text, q.start) for q in by_text["A"].quotes] == [("A", 0)]
    assert [(q.text, q.start) for q in by_text["B"].quotes] == [("B", 10)]
    assert doc.map.actors == {"participant-rachel": "Participant Rachel"}
    assert any(loss.kind == "OVA layout position dropped" and loss.count == 13 for loss in converted.losses)
    relations = {(r.source, r.type, r.target) for r in doc.map.relations}
    inference = next(node.id for node in doc.map.nodes if node.kind == "inference")
    assert {(by_text["B"].id, "supports", inference), (inference, "supports", by_text["A"].id)} <= relations


@needs_shared
def test_dialogue_words_are_quoted_verbatim_from_the_transcript(tmp_path: Path) -> None:
    _, doc = _converted(SHARED / "aif" / "us-2016" / "nodeset10464.json", tmp_path)
    text = doc.sources["text"].text
    quotes = [quote for node in doc.map.nodes for quote in node.quotes]
    assert len(quotes) > 100 and "<span" not in text
    assert all(text[q.start:q.end] == q.text for q in quotes)
    assert {"trump", "wallace"} <= set(doc.map.actors)


@needs_shared
def test_an_attack_on_an_attack_becomes_an_undercut_of_a_con_argument(tmp_path: Path) -> None:
    # micro_b005: "but the German services..." attacks the attack of "Granted, ..." on an inference
    _, doc = _converted(SHARED / "aif" / "microtexts" / "nodeset6365.json", tmp_path)
    ids = doc.map.by_id
    undercut = [r for r in doc.map.relations if r.type == "undercuts"]
    assert len(undercut) == 1 and ids[undercut[0].target].kind == "inference"
    con = undercut[0].target
    assert any(r.source == con and r.type == "attacks" and ids[r.target].kind == "inference"
               for r in doc.map.relations)
    assert [d.format() for d in check(doc) if d.severity == "error"] == []


def test_the_mosul_map_round_trips_through_aif(tmp_path: Path) -> None:
    doc = load(REPO / "maps" / "mosul-2014.yaml")
    exported = export_with_losses(doc, AIF)
    out = tmp_path / "mosul.aif"
    out.write_bytes(exported.data)
    back = materialise(import_file(out, AIF), out, REPO / "maps" / "mosul-2014.yaml").map
    assert to_authoring(back) == to_authoring(doc.map)
    losses = {loss.kind: loss.count for loss in exported.losses}
    assert losses["forecast written as a plain I-node"] == sum(n.kind == "forecast" for n in doc.map.nodes)
    assert losses["ACH group kept only in the 'argmap' extension"] == len(doc.map.hypotheses) > 0
    assert losses["quote kept only in the 'argmap' extension"] == sum(len(n.quotes) for n in doc.map.nodes)
    aif = json.loads(exported.data)
    assert Counter(node["type"] for node in aif["nodes"])["I"] == sum(n.kind != "inference" for n in doc.map.nodes)


def test_bad_aif_gives_one_positioned_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [\n  {"nodeID": "1", "type": "I",}\n]}', encoding="utf-8")
    with pytest.raises(ArgmapError, match=r"bad.json:2:\d+: not valid JSON"):
        import_file(bad, AIF)
    bad.write_text('{"nodes": [{"text": "x"}], "edges": []}', encoding="utf-8")
    with pytest.raises(ArgmapError, match=r"nodes\[0\] is not an AIF node"):
        import_file(bad, AIF)


def test_import_command_writes_a_map_and_reports_losses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "dialogue.json"
    source.write_text(json.dumps({"nodes": [
        {"nodeID": "1", "type": "L", "text": "ANN : it rains"}, {"nodeID": "2", "type": "YA", "text": "Asserting"},
        {"nodeID": "3", "type": "I", "text": "It rains"}, {"nodeID": "4", "type": "L", "text": "BOB : so what"},
        {"nodeID": "5", "type": "TA", "text": "Default Transition"}],
        "edges": [{"fromID": "1", "toID": "2"}, {"fromID": "2", "toID": "3"}, {"fromID": "1", "toID": "5"},
                  {"fromID": "5", "toID": "4"}], "locutions": []}), encoding="utf-8")
    assert importer_for(source).name == "aif"
    out = tmp_path / "out" / "dialogue.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 2  # as for export: a folder the user did not make
    assert "the folder" in capsys.readouterr().err and not out.parent.exists()
    out.parent.mkdir()
    assert main(["import", str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 locutions (L-nodes) dropped: argmap keeps no dialogue layer" in err
    assert "1 transition (TA-node) dropped" in err
    doc = load(out)
    assert doc.fully_loaded and doc.map.actors == {"ann": "ANN"} and doc.map.nodes[0].actors == ["ann"]
    assert main(["import", str(source), "-o", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"kind": "transition (TA-node) dropped", "count": 1,
            "message": "1 transition (TA-node) dropped: argmap keeps no dialogue transitions"} in report["losses"]


def test_import_of_a_file_that_is_no_known_format_is_a_usage_error(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"a": 1}', encoding="utf-8")
    assert main(["import", str(other), "-o", str(tmp_path / "x.yaml")]) == 2
    assert "cannot tell which format" in capsys.readouterr().err
