"""The command line: exit codes, output formats, usage errors without tracebacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.io import load
from argmap.model.schema import json_schema
from support import REPO

EXAMPLE = REPO / "maps" / "example.yaml"


def test_check_clean_map_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == ""


def test_check_reports_errors_and_exits_one(write_map: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map("nodes:\n  - {id: a, kind: evidense, text: x}\n")
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.strip().endswith("did you mean 'evidence'?) [schema]")
    assert ":7:19: error: node 'a': unknown kind 'evidense'" in out
    assert "1 error, 0 warnings in 1 map" in err


def test_check_json_format(write_map: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map("nodes:\n  - {id: a, kind: evidense, text: x}\n")
    assert main(["check", "--format", "json", str(path)]) == 1
    [finding] = json.loads(capsys.readouterr().out)
    assert finding["rule"] == "schema" and finding["line"] == 7 and finding["column"] == 19
    assert finding["node"] == "a" and finding["loc"] == ["nodes", 0, "kind"]


def test_check_several_maps(write_map: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_map("nodes:\n  - {id: a, kind: claim}\n", name="bad.yaml")
    assert main(["check", str(EXAMPLE), str(bad)]) == 1
    assert "missing required field 'text'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check"], "give at least one MAP"),
        (["check", "--format", "xml", "m"], "invalid choice"),
        (["check", "/nonexistent/map.yaml"], "no such map file"),
        (["export", str(EXAMPLE)], "give MAP and -o OUT"),
        (["export", str(EXAMPLE), "-o", "x.unknown"], "cannot tell the format"),
        (["export", str(EXAMPLE), "-o", "-", "--to", "docx"], "unknown format 'docx'"),
        (["check", "--bogus"], "unrecognized arguments"),
    ],
)
def test_usage_errors_exit_two(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_rules_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--rules"]) == 0
    assert "support-cycle" in capsys.readouterr().out


def test_export_json_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", str(EXAMPLE), "-o", "-", "--to", "json"]) == 0
    data = json.loads(capsysbinary.readouterr().out)
    assert list(data)[:4] == ["argmap", "title", "description", "sources"]
    node = data["nodes"][0]
    assert list(node)[:4] == ["id", "kind", "text", "quotes"]
    quote = node["quotes"][0]
    source = (REPO / "seeds" / "chatham-house-2014-06-11-mosul.txt").read_text(encoding="utf-8")
    assert source[quote["start"] : quote["end"]] == quote["text"]
    assert {"source", "target", "type"} <= set(data["relations"][0])


def test_export_by_suffix(tmp_path: Path) -> None:
    out = tmp_path / "copy.yaml"
    assert main(["export", str(EXAMPLE), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("argmap: 1\ntitle:")


def test_export_refuses_broken_map(write_map: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map("nodes:\n  - {id: a, kind: claim}\n")
    assert main(["export", str(path), "-o", "-", "--to", "json"]) == 2
    assert "cannot export" in capsys.readouterr().err


def test_schema_command_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "argmap map"
    assert "nodes" in schema["properties"]


def test_committed_schema_is_current() -> None:
    committed = json.loads((REPO / "docs" / "argmap.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run `argmap schema -o docs/argmap.schema.json`"


def test_example_map_is_clean() -> None:
    from argmap.analysis.check import check

    assert check(load(EXAMPLE)) == []


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "check" in capsys.readouterr().out
    assert main(["--version"]) == 0
    assert "argmap 0." in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["scenario", str(EXAMPLE), "s", "--threshold", "2"], "argument --threshold: '2' is not above 0 and at most 1"),
    (["scenario", str(EXAMPLE), "s", "--threshold", "0"], "'0' is not above 0 and at most 1"),
    (["scenario", str(EXAMPLE), "s", "--threshold", "nan"], "'nan' is not a number"),
    (["sensitivity", str(EXAMPLE), "--top", "-3"], "argument --top: '-3' is negative: give 0 or more"),
    (["sensitivity", str(EXAMPLE), "--top", "x"], "argument --top: 'x' is not a whole number"),
    (["standing", str(EXAMPLE), "--possibility", "1.5"], "'1.5' is not a probability (from 0 to 1)"),
    (["score", str(EXAMPLE), "--calibration-min", "-1"], "'-1' is negative"),
    (["export", str(EXAMPLE), "-o", "-", "--to", "dot", "--depth", "-2"], "argument --depth: '-2' is negative"),
    (["serve", str(EXAMPLE), "--port", "70000"], "'70000' is not a port (0 to 65535)"),
    (["import", "x.json", "-o", "y.yaml", "--jobs", "-1"], "argument --jobs/-j: '-1' is negative"),
])
def test_numeric_options_out_of_range_are_one_line_usage_errors(argv: list[str], message: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"argmap {argv[0]}: error: ") and message in err
    assert err.count("\n") == 1 and f"(see `argmap {argv[0]} --help`)" in err


def test_counts_in_messages_agree_with_their_number() -> None:
    from argmap.model import ArgMap
    from argmap.tui.topbar import status_line

    one = ArgMap.model_validate({"title": "T", "nodes": [{"id": "a", "kind": "claim", "text": "x"}]})
    assert status_line(one, [], None, "") == "1 node · 0 errors, 0 warnings "
