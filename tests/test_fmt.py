"""`argmap fmt`: the canonical layout keeps the file's own lines (comments, blank lines, block scalars, dates),
is a fixed point and reads back as the same map; `--restyle`, refusals, `--check`, `--diff` and `--write`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.cli.fmt_cmd import header_of
from argmap.edit.canonical import canonical_yaml
from argmap.io import load
from argmap.io.canonical import dump_yaml, to_authoring
from argmap.io.document import MapDocument
from support import MAPS, REPO, copy_map, decorate


def _shown(path: Path) -> str:
    return MapDocument(path, "", "yaml").display_path


@pytest.fixture(params=[m.name for m in MAPS])
def path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    source = next(m for m in MAPS if m.name == request.param)
    return copy_map(source, tmp_path, decorate(source.read_text(encoding="utf-8")))


SCRAMBLED = """\
# yaml-language-server: $schema=../docs/argmap.schema.json
nodes:
  # the first node
  - kind: claim   # a claim
    id: a
    note: >-
      folded over
      two lines
    text: A.   \n
  - text: B.
    # why b
    id: b
    kind: evidence
relations:
  - {source: b, target: a, type: supports}
sources:
  - {id: s, title: S, date: 2014-06-11}
# the title
title: T
argmap: 1
"""

CANONICAL = """\
# yaml-language-server: $schema=../docs/argmap.schema.json
argmap: 1
# the title
title: T
sources:
  - {id: s, title: S, date: 2014-06-11}
nodes:
  # the first node
  - id: a
    kind: claim   # a claim
    text: A.
    note: >-
      folded over
      two lines

  - id: b
    # why b
    kind: evidence
    text: B.
relations:
  - {source: b, target: a, type: supports}
"""


def test_canonical_layout_moves_lines_and_keeps_the_rest() -> None:
    assert canonical_yaml(SCRAMBLED) == CANONICAL
    assert canonical_yaml(CANONICAL) == CANONICAL


def test_fmt_keeps_comments_blank_lines_block_scalars_and_dates(path: Path, capsys: pytest.CaptureFixture[str]
                                                                ) -> None:
    original = path.read_text(encoding="utf-8")
    before = load(path)
    assert main(["fmt", str(path)]) in (0,)
    capsys.readouterr()
    text = path.read_text(encoding="utf-8")
    assert load(path).map == before.map
    comments = [line.strip() for line in original.splitlines() if line.lstrip().startswith("#")]
    assert sorted(line.strip() for line in text.splitlines() if line.lstrip().startswith("#")) == sorted(comments)
    assert text.count("\n\n") == original.count("\n\n")
    assert ("date: 2014-06-11" in text) == ("date: 2014-06-11" in original) and "'2014" not in text
    assert text.count(": >-") == original.count(": >-")
    stamp = path.stat().st_mtime_ns
    assert main(["fmt", str(path)]) == 0  # a fixed point: not rewritten
    assert path.stat().st_mtime_ns == stamp and path.read_text(encoding="utf-8") == text
    assert main(["fmt", "--check", str(path)]) == 0


@pytest.mark.parametrize("bundled", MAPS, ids=[m.name for m in MAPS])
def test_bundled_maps_are_canonical(bundled: Path) -> None:
    assert main(["fmt", "--check", str(bundled)]) == 0


def test_makefile_runs_fmt_check() -> None:
    assert "fmt --check maps/*.yaml" in (REPO / "Makefile").read_text(encoding="utf-8")


def test_check_names_the_files_to_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    good, bad = folder / "good.yaml", folder / "bad.yaml"
    good.write_text(CANONICAL, encoding="utf-8")
    bad.write_text(SCRAMBLED, encoding="utf-8")
    assert main(["fmt", "--check", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [f"{_shown(bad)}: not in the canonical layout (run `argmap fmt {_shown(bad)}`)"]
    assert bad.read_text(encoding="utf-8") == SCRAMBLED
    assert main(["fmt", "--check", str(good)]) == 0


def test_diff_is_a_preview_and_write_saves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "m.yaml"
    bad.write_text(SCRAMBLED, encoding="utf-8")
    assert main(["fmt", "--diff", str(bad)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"--- {_shown(bad)}\n+++ {_shown(bad)} (formatted)\n") and "+argmap: 1" in out
    assert bad.read_text(encoding="utf-8") == SCRAMBLED and not bad.with_name("m.yaml~").exists()
    assert main(["fmt", "--check", "--diff", str(bad)]) == 1
    assert main(["fmt", "--diff", "--write", str(bad)]) == 0
    assert bad.read_text(encoding="utf-8") == CANONICAL
    assert bad.with_name("m.yaml~").read_text(encoding="utf-8") == SCRAMBLED


def test_restyle_re_emits_and_counts_dropped_comments(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = path.read_text(encoding="utf-8")
    before = load(path)
    assert before.map is not None
    assert main(["fmt", "--restyle", str(path)]) == 0
    assert "comment lines inside the map were not kept" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == header_of(original) + dump_yaml(before.map)
    assert load(path).map == before.map


def test_a_layout_that_cannot_be_kept_suggests_restyle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text("{nodes: [{id: a, kind: claim, text: A.}], title: T}\n", encoding="utf-8")
    assert main(["fmt", str(flow)]) == 1
    err = capsys.readouterr().err
    assert "argmap fmt --restyle" in err and err.count("\n") == 1
    assert main(["fmt", "--restyle", str(flow)]) == 0
    assert flow.read_text(encoding="utf-8").startswith("argmap: 1\ntitle: T\n")


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


def test_canonical_json_keeps_its_offsets(tmp_path: Path) -> None:
    exported = tmp_path / "maps" / "example.json"
    copy_map(MAPS[0], tmp_path)
    assert main(["export", str(tmp_path / "maps" / "example.yaml"), "-o", str(exported)]) == 0
    offsets = [(q["start"], q["end"]) for n in json.loads(exported.read_text(encoding="utf-8"))["nodes"]
               for q in n["quotes"]]
    assert offsets and all(start is not None for start, _ in offsets)
    assert main(["fmt", str(exported)]) == 0
    after = json.loads(exported.read_text(encoding="utf-8"))
    assert [(q["start"], q["end"]) for n in after["nodes"] for q in n.get("quotes", [])] == offsets
    assert main(["fmt", "--check", str(exported)]) == 0


def test_line_ends_are_kept(tmp_path: Path) -> None:
    path = copy_map(MAPS[0], tmp_path, SCRAMBLED.replace("../docs", "docs"))
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["fmt", str(path)]) == 0
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") > 10
    assert main(["fmt", "--check", str(path)]) == 0


def test_ci_recipe_passes_on_the_bundled_maps() -> None:
    maps = [str(m) for m in MAPS]
    done = subprocess.run([sys.executable, "-m", "argmap", "fmt", "--check", *maps], capture_output=True, text=True,
                          cwd=REPO, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


# -- random maps: fmt is idempotent and loses nothing ----------------------------------------------------------

SLUG = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)
TEXT = st.text(alphabet="abc xyz:#'\"-é", min_size=1, max_size=20).filter(lambda s: s.strip() == s and s)
TRIVIA = st.lists(st.sampled_from(["", "# note", "  # indented note"]), max_size=2)


def _entry(key: str, value: object, indent: int) -> str:
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    pad = " " * indent
    return "".join(pad + line + "\n" for line in dumped.splitlines())


@st.composite
def _maps(draw: st.DrawFn) -> tuple[str, list[str]]:
    ids = draw(st.lists(SLUG, min_size=1, max_size=4, unique=True))
    nodes = []
    for node_id in ids:
        fields = {"id": node_id, "kind": draw(st.sampled_from(["claim", "evidence"])), "text": draw(TEXT)}
        if draw(st.booleans()):
            fields["note"] = draw(TEXT) + ("\nsecond line" if draw(st.booleans()) else "")
        if draw(st.booleans()):
            fields["credibility"] = 0.5
        keys = draw(st.permutations(list(fields)))
        lines = []
        for number, key in enumerate(keys):
            entry = _entry(key, fields[key], 4)
            lead = "" if number == 0 else "".join(f"    {t.strip()}\n" if t else "\n" for t in draw(TRIVIA))
            lines.append(lead + ("  - " + entry[4:] if number == 0 else entry))
        nodes.append("".join(lines))
    top = {"argmap": _entry("argmap", 1, 0), "title": _entry("title", draw(TEXT), 0),
           "nodes": "nodes:\n" + "".join(nodes),
           "relations": _entry("relations", [{"source": ids[0], "target": ids[-1], "type": "supports"}], 0)}
    order = draw(st.permutations(list(top)))
    text = "# header\n" + "".join("".join(f"{t.strip()}\n" for t in draw(TRIVIA)) + top[key] for key in order)
    return text, ids


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_maps())
def test_fmt_is_idempotent_and_loses_nothing_on_random_maps(case: tuple[str, list[str]]) -> None:
    text, _ = case
    once = canonical_yaml(text)
    assert canonical_yaml(once) == once
    before, after = load("random.yaml", text=text), load("random.yaml", text=once)
    assert before.map is not None and after.map == before.map
    comments = sorted(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))
    assert sorted(line.strip() for line in once.splitlines() if line.lstrip().startswith("#")) == comments
    assert sum(not line.strip() for line in once.splitlines()) == sum(not line.strip() for line in text.splitlines())


def test_an_item_whose_first_key_is_below_its_dash() -> None:
    text = "title: T\nnodes:\n  -\n    # first\n    text: A.\n    id: a\n    kind: claim\nargmap: 1\n"
    once = canonical_yaml(text)
    assert once == "argmap: 1\ntitle: T\nnodes:\n  -\n    # first\n    id: a\n    kind: claim\n    text: A.\n"
    assert canonical_yaml(once) == once and yaml.safe_load(once) == yaml.safe_load(text)
