"""`argmap fmt`: the canonical layout, header comments kept, refusals, `--check` and `--diff`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.cli.fmt_cmd import header_of
from argmap.io import load
from argmap.io.canonical import dump_yaml, to_authoring
from argmap.io.document import MapDocument
from support import MAPS, copy_map, decorate


def _shown(path: Path) -> str:
    return MapDocument(path, "", "yaml").display_path


@pytest.fixture(params=[m.name for m in MAPS])
def path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    source = next(m for m in MAPS if m.name == request.param)
    return copy_map(source, tmp_path, decorate(source.read_text(encoding="utf-8")))


def test_fmt_writes_the_canonical_layout_and_keeps_the_header(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = path.read_text(encoding="utf-8")
    before = load(path)
    assert main(["fmt", str(path)]) == 0
    err = capsys.readouterr().err
    text = path.read_text(encoding="utf-8")
    assert before.map is not None
    header = header_of(original)
    assert header.startswith("# yaml-language-server: $schema=")
    assert text == header + dump_yaml(before.map)
    assert load(path).map == before.map
    assert f"formatted {_shown(path)}" in err and "comment lines inside the map were not kept" in err
    assert path.with_name(path.name + "~").read_text(encoding="utf-8") == original
    stamp = path.stat().st_mtime_ns
    assert main(["fmt", str(path)]) == 0  # already canonical: not rewritten
    assert path.stat().st_mtime_ns == stamp
    assert main(["fmt", "--check", str(path)]) == 0


def test_check_names_the_files_to_format(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    canonical = tmp_path / "maps" / "canonical.yaml"
    doc = load(path)
    assert doc.map is not None
    canonical.write_text(dump_yaml(doc.map), encoding="utf-8")
    before = path.read_bytes()
    assert main(["fmt", "--check", str(canonical), str(path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [f"{_shown(path)}: not in the canonical layout (run `argmap fmt {_shown(path)}`)"]
    assert path.read_bytes() == before
    assert main(["fmt", "--check", str(canonical)]) == 0


def test_diff_prints_and_writes_nothing(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = path.read_bytes()
    assert main(["fmt", "--diff", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"--- {_shown(path)}\n+++ {_shown(path)} (formatted)\n")
    assert "-# end of map" in out
    assert path.read_bytes() == before
    assert main(["fmt", "--check", "--diff", str(path)]) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [("title: T\nnodes:\n  - {id: a, kind: clam, text: A}\n", "unknown kind 'clam'"),
     ("title: T\nnodes: [\n", "invalid YAML"),
     ("- a\n- b\n", "a map file must be a mapping")],
)
def test_maps_that_do_not_load_cleanly_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str,
                                                   message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    assert main(["fmt", str(bad)]) == 1
    err = capsys.readouterr().err
    assert message in err and "not formatted: fix the errors reported above first" in err and "Traceback" not in err
    assert bad.read_text(encoding="utf-8") == body
    assert main(["fmt", "--check", str(bad)]) == 1


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", str(tmp_path / "missing.yaml")]) == 2
    assert "no such map file" in capsys.readouterr().err


def test_json_maps_get_the_authoring_form(tmp_path: Path) -> None:
    doc = load(MAPS[0])
    assert doc.map is not None
    path = copy_map(MAPS[0].with_suffix(".json"), tmp_path, json.dumps(doc.data))
    assert main(["fmt", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == to_authoring(doc.map) and text.startswith('{\n  "argmap": 1,\n')
    assert main(["fmt", "--check", str(path)]) == 0


def test_line_ends_are_kept(tmp_path: Path) -> None:
    path = copy_map(MAPS[0], tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["fmt", str(path)]) == 0
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 10
    assert main(["fmt", "--check", str(path)]) == 0
