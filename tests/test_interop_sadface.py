"""SADFace in and out: both shared dialects import, atoms' sources become quotes, and the Mosul map round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.formats import FORMATS, export_with_losses, import_file, importer_for
from argmap.formats.interop import materialise
from argmap.io import load
from argmap.io.canonical import to_authoring
from support import REPO

SHARED = REPO.parent / "shared" / "interop" / "other-formats" / "sadface"
SADFACE = FORMATS["sadface"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/interop is not here")
@pytest.mark.parametrize("name", ["arguebuf-ts-sadface.json", "hangback-data.json", "minimal.json"])
def test_the_shared_sadface_files_import(name: str) -> None:
    path = SHARED / name
    assert importer_for(path).name == "sadface"
    data = json.loads(path.read_text(encoding="utf-8"))
    amap = import_file(path, SADFACE).build(path)
    atoms = [node for node in data["nodes"] if node["type"] == "atom"]
    assert sum(node.kind == "claim" for node in amap.nodes) == len(atoms)
    if name != "minimal.json":
        # the Hangback example: two premises support the conclusion, a third attacks one of them
        types = sorted(r.type for r in amap.relations)
        assert types == ["attacks", "supports", "supports", "supports"]
        assert amap.title == "Hangback Example"


def test_atom_sources_become_quotes_with_offsets(tmp_path: Path) -> None:
    doc = {"metadata": {"core": {"title": "T", "version": "0.5"}},
           "resources": [{"id": "r1", "type": "text", "content": "Rain falls. So roads are wet."}],
           "nodes": [{"id": "a", "type": "atom", "text": "Rain falls", "sources": [
               {"resource_id": "r1", "text": "Rain falls", "offset": 0}]},
               {"id": "b", "type": "atom", "text": "Roads are wet", "sources": []},
               {"id": "i", "type": "inference", "name": "Cause To Effect"}],
           "edges": [{"id": "1", "source_id": "a", "target_id": "i"}, {"id": "2", "source_id": "i", "target_id": "b"}]}
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    imported = import_file(path, SADFACE)
    amap = imported.build(path)
    quote = amap.by_id["rain-falls"].quotes[0]
    assert (quote.text, quote.source, quote.start, quote.end) == ("Rain falls", "r1", 0, 10)
    assert imported.texts == {"r1": "Rain falls. So roads are wet."}
    assert amap.by_id["inference"].scheme == "causal"


def test_the_mosul_map_round_trips_through_sadface(tmp_path: Path) -> None:
    doc = load(REPO / "maps" / "mosul-2014.yaml")
    exported = export_with_losses(doc, SADFACE)
    out = tmp_path / "mosul.sadface"
    out.write_bytes(exported.data)
    data = json.loads(exported.data)
    assert {node["type"] for node in data["nodes"]} == {"atom", "inference", "conflict"}
    written = sum(len(node.get("sources", [])) for node in data["nodes"])
    unplaced = sum(loss.count for loss in exported.losses if loss.kind == "quote kept only in 'metadata.argmap'")
    assert written > 50 and written + unplaced == sum(len(n.quotes) for n in doc.map.nodes)
    back = materialise(import_file(out, SADFACE), out, REPO / "maps" / "mosul-2014.yaml").map  # placed as the map
    assert to_authoring(back) == to_authoring(doc.map)
    assert any(loss.kind == "scenario kept only in 'metadata.argmap'" for loss in exported.losses)


def test_a_broken_sadface_edge_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"metadata": {"core": {}}, "nodes": [], "edges": [{"source_id": "a"}]}', encoding="utf-8")
    with pytest.raises(ArgmapError, match=r"edges\[0\] is not a SADFace edge"):
        import_file(path, SADFACE)
