"""GraphML out and back, the yEd AIF-style maps in, and whole folders converted with a summary."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.formats import FORMATS, export_with_losses, import_file
from argmap.formats.interop import materialise
from argmap.io import load
from argmap.io.canonical import to_authoring
from support import REPO

SHARED = REPO.parent / "shared" / "interop"
GRAPHML = FORMATS["graphml"]
NS = "{http://graphml.graphdrawing.org/xmlns}"


def test_the_mosul_map_round_trips_through_graphml(tmp_path: Path) -> None:
    doc = load(REPO / "maps" / "mosul-2014.yaml")
    exported = export_with_losses(doc, GRAPHML)
    out = tmp_path / "mosul.graphml"
    out.write_bytes(exported.data)
    root = ET.fromstring(exported.data)
    names = {key.get("attr.name") for key in root.iter(f"{NS}key")}
    assert {"label", "kind", "x", "y", "type"} <= names
    xs = [float(d.text or 0) for d in root.iter(f"{NS}data") if d.get("key") == "x"]
    assert len(xs) == len(doc.map.nodes) and len(set(xs)) > 5  # laid out, not stacked
    back = materialise(import_file(out, GRAPHML), out, REPO / "maps" / "mosul-2014.yaml").map  # placed as the map
    assert to_authoring(back) == to_authoring(doc.map)


@pytest.mark.skipif(not (SHARED / "other-formats").is_dir(), reason="../shared/interop is not here")
def test_yed_aif_style_maps_import() -> None:
    path = SHARED / "other-formats" / "yed-graphml" / "dstl-eleatics" / "wigmore.graphml"
    amap = import_file(path, GRAPHML).build(path)
    assert len(amap.nodes) == 18 and len(amap.relations) == 17


def test_a_folder_imports_on_several_processes_and_a_broken_file_does_not_stop_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    doc = load(REPO / "maps" / "mosul-2014.yaml")
    for index in range(3):
        (folder / f"m{index}.aif").write_bytes(export_with_losses(doc, FORMATS["aif"]).data)
    (folder / "broken.json").write_text('{"nodes": [{"nodeID": "1", "type": "I"', encoding="utf-8")
    (folder / "notes.txt").write_text("not a map", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(folder), "-o", str(out), "-j", "2", "--format", "json"]) == 1
    results = json.loads(capsys.readouterr().out)
    by_name = {Path(result["file"]).name: result for result in results}
    assert set(by_name) == {"m0.aif", "m1.aif", "m2.aif", "broken.json"}
    assert all(by_name[f"m{i}.aif"]["nodes"] == len(doc.map.nodes) for i in range(3))
    assert "broken.json:1:" in by_name["broken.json"]["error"]
    assert sorted(p.name for p in out.glob("*.yaml")) == ["m0.yaml", "m1.yaml", "m2.yaml"]
    assert main(["import", str(folder), "-o", str(out), "-j", "1"]) == 1
    text = capsys.readouterr()
    assert "m0.aif" in text.out and "FAILED" in text.out and "3 imported into" in text.err


@pytest.mark.skipif(not (SHARED / "microtexts").is_dir(), reason="../shared/interop is not here")
def test_the_microtexts_corpus_converts_and_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted((SHARED / "microtexts" / "en").glob("micro_b00*.*")):
        shutil.copy(path, folder / path.name)
    out = tmp_path / "maps"
    assert main(["import", str(folder), "-o", str(out), "-j", "2"]) == 0
    capsys.readouterr()
    maps = sorted(str(p) for p in out.glob("*.yaml"))
    assert len(maps) == 9
    assert main(["check", *maps]) == 0


def test_graphml_export_prints_nothing_of_graphviz(tmp_path: Path) -> None:
    # a fresh process: Fontconfig speaks (here, of its sample configuration) the first time Graphviz lays out
    out = tmp_path / "mosul.graphml"
    done = subprocess.run([sys.executable, "-m", "argmap", "export", str(REPO / "maps" / "mosul-2014.yaml"), "-o",
                           str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Fontconfig" not in done.stderr and "Warning" not in done.stderr
    assert done.stderr.startswith(f"{REPO / 'maps' / 'mosul-2014.yaml'}: warning:") or done.stderr.startswith("wrote")
