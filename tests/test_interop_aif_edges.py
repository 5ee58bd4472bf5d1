"""AIF nodesets built by hand for what the shared files do not hold: relations in the file's edge order, edges to
nodes a nodeset lacks, numeric ids, a byte-order mark, bytes that are no UTF-8, rephrases and inferences for
inferences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.formats import FORMATS, import_file

AIF = FORMATS["aif"]


def _nodeset(tmp_path: Path, nodes: list[tuple[object, str, str]], edges: list[tuple[object, object]],
             name: str = "set.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({
        "nodes": [{"nodeID": key, "type": kind, "text": text} for key, kind, text in nodes],
        "edges": [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)],
        "locutions": []}), encoding="utf-8")
    return path


def _relations(path: Path) -> list[tuple[str, str, str]]:
    imported = import_file(path, AIF)
    imported.build(path)  # a valid map
    return [(r["source"], r["type"], r["target"]) for r in imported.data["relations"]]


NODES = [("1", "I", "Oil prices fall"), ("2", "I", "Budgets shrink"), ("3", "I", "Unrest grows"),
         ("4", "RA", "Default Inference"), ("5", "CA", "Default Conflict"), ("6", "RA", "Default Inference")]


def test_relations_come_in_the_order_of_the_edges_that_make_them(tmp_path: Path) -> None:
    edges = [("5", "3"), ("6", "3"), ("2", "6"), ("1", "4"), ("4", "2"), ("1", "5")]
    assert _relations(_nodeset(tmp_path, NODES, edges)) == [
        ("inference-2", "supports", "unrest-grows"),
        ("budgets-shrink", "supports", "inference-2"),
        ("oil-prices-fall", "supports", "inference"),
        ("inference", "supports", "budgets-shrink"),
        ("oil-prices-fall", "attacks", "unrest-grows"),  # a plain attack: where its premise's edge stands
    ]
    reordered = [edges[i] for i in (3, 4, 5, 0, 2, 1)]
    assert _relations(_nodeset(tmp_path, NODES, reordered)) == [
        ("oil-prices-fall", "supports", "inference"),
        ("inference", "supports", "budgets-shrink"),
        ("oil-prices-fall", "attacks", "unrest-grows"),
        ("budgets-shrink", "supports", "inference-2"),
        ("inference-2", "supports", "unrest-grows"),
    ]


def test_an_edge_to_a_node_the_nodeset_lacks_is_dropped_and_counted(tmp_path: Path) -> None:
    path = _nodeset(tmp_path, NODES, [("1", "4"), ("4", "99"), ("77", "4"), ("4", "2")])
    imported = import_file(path, AIF)
    assert [(r["source"], r["target"]) for r in imported.data["relations"]] == [
        ("oil-prices-fall", "inference"), ("inference", "budgets-shrink")]
    assert [loss.message for loss in imported.losses if loss.kind == "edge dropped"] == [
        "2 edges dropped: it names a node the nodeset does not have"]


def test_numeric_ids_import_as_their_text(tmp_path: Path) -> None:
    numeric = [(int(key), kind, text) for key, kind, text in NODES]
    edges = [(1, 4), (4, 2), ("1", 5), (5, 3)]
    assert _relations(_nodeset(tmp_path, numeric, edges)) == _relations(
        _nodeset(tmp_path, NODES, [(str(a), str(b)) for a, b in edges], "text.json"))


def test_a_byte_order_mark_is_read_past_and_bad_bytes_are_named(tmp_path: Path) -> None:
    path = _nodeset(tmp_path, NODES, [("1", "4"), ("4", "2")])
    plain = _relations(path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _relations(path) == plain
    text = path.read_bytes()
    at = text.index(b"Oil")
    path.write_bytes(text[:at] + b"\xff" + text[at:])
    with pytest.raises(ArgmapError, match=rf"set.json: not UTF-8 text \(byte {at}\); save the file as UTF-8"):
        import_file(path, AIF)


def test_a_rephrase_becomes_a_note_and_an_inference_for_an_inference_a_statement(tmp_path: Path) -> None:
    nodes = [*NODES, ("8", "MA", "Default Rephrase"), ("9", "I", "Prices drop")]
    edges = [("1", "4"), ("4", "2"), ("9", "8"), ("8", "1"), ("3", "6"), ("6", "4")]
    imported = import_file(_nodeset(tmp_path, nodes, edges), AIF)
    by_id = {node["id"]: node for node in imported.data["nodes"]}
    assert by_id["oil-prices-fall"]["note"] == "Rephrases 'prices-drop' (AIF MA)."
    bridge = "inference-2-for-inference"
    assert by_id[bridge]["kind"] == "claim" and by_id[bridge]["by"] == "analyst"
    assert [(r["source"], r["target"]) for r in imported.data["relations"]][-3:] == [
        ("unrest-grows", "inference-2"), ("inference-2", bridge), (bridge, "inference")]
    assert [node["id"] for node in imported.data["nodes"]][-1] == bridge


def test_what_only_the_standard_parser_reads_still_imports(tmp_path: Path) -> None:
    path = _nodeset(tmp_path, NODES, [("1", "4"), ("4", "2")])
    plain = _relations(path)
    path.write_text(path.read_text(encoding="utf-8").replace('"locutions": []', '"locutions": [], "score": NaN'),
                    encoding="utf-8")
    assert _relations(path) == plain
    imported = import_file(path, AIF, text=path.read_text(encoding="utf-8"))
    assert [(r["source"], r["target"]) for r in imported.data["relations"]] == [(a, b) for a, _, b in plain]
