"""Importing a folder: the same results on one process and on several (batched), one broken file reported while the
rest go on, and a progress bar only for a person at a terminal."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

from argmap.cli import import_corpus, main
from argmap.cli.import_corpus import POOL_MIN_PER_WORKER, convert_folder


def _corpus(folder: Path, count: int) -> None:
    for index in range(count):
        nodes = [{"nodeID": "1", "type": "I", "text": f"Claim {index}"}, {"nodeID": "2", "type": "I", "text": "Why"},
                 {"nodeID": "3", "type": "RA", "text": "Default Inference"}]
        edges = [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}]
        path = folder / f"set{index // 10}" / f"nodeset{index}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"nodes": nodes, "edges": edges, "locutions": []}), encoding="utf-8")
    (folder / "set0" / "broken.json").write_text('{"nodes": [', encoding="utf-8")


def _kept(results: list[dict]) -> list[tuple]:
    return [(Path(r["file"]).name, r["error"] is None, r.get("nodes"), r.get("relations")) for r in results]


def test_a_folder_converts_the_same_on_one_process_and_on_two(tmp_path: Path) -> None:
    count = 2 * POOL_MIN_PER_WORKER + 3  # enough for two workers
    _corpus(tmp_path / "in", count)
    one = convert_folder(tmp_path / "in", tmp_path / "one", "aif", jobs=1)
    two = convert_folder(tmp_path / "in", tmp_path / "two", "aif", jobs=2)
    assert _kept(one) == _kept(two) and len(one) == count + 1
    broken = [r for r in two if r["error"]]
    assert len(broken) == 1 and "broken.json:1:" in broken[0]["error"]
    assert sorted(p.name for p in (tmp_path / "two").rglob("*.yaml")) == \
        sorted(p.name for p in (tmp_path / "one").rglob("*.yaml"))
    assert gc.get_freeze_count() == 0  # the objects frozen for the workers' sake are the collector's again


def test_the_parallel_path_forks_warm_workers_on_the_cores_it_may_use(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert 1 <= import_corpus.available_cores() <= (os.cpu_count() or 1)
    _corpus(tmp_path / "in", 2 * POOL_MIN_PER_WORKER)
    here: list[str] = []
    convert = import_corpus.convert_one
    monkeypatch.setattr(import_corpus, "convert_one", lambda *task: here.append(task[0]) or convert(*task))
    results = convert_folder(tmp_path / "in", tmp_path / "out", "aif", jobs=2)
    assert len(here) == 1 and here[0] in {r["file"] for r in results}  # one here, the rest in the workers
    assert sum(1 for r in results if r["error"] is None) == 2 * POOL_MIN_PER_WORKER


def test_no_progress_bar_without_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    _corpus(tmp_path / "in", 5)
    (tmp_path / "out").mkdir()
    assert main(["import", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "importing" not in err and "\x1b[" not in err and "5 imported" in err
    assert isinstance(import_corpus._progress(5), import_corpus._NoProgress)
    monkeypatch.setattr(import_corpus.sys.stderr, "isatty", lambda: True)
    assert isinstance(import_corpus._progress(5), import_corpus._Bar)  # a person watching gets one
    monkeypatch.setenv("CI", "1")
    assert isinstance(import_corpus._progress(5), import_corpus._NoProgress)
