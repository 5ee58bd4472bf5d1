"""Rule settings: a map's `rules:` and a project file turn rules off or change their severity, a node silences a
rule for itself with a reason, `check --show-silenced` lists what is silenced; bad settings are findings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis.rule_settings import project_rules
from argmap.cli import main

LONELY = "nodes:\n  - {id: a, kind: claim, text: x}\n  - {id: b, kind: claim, text: y, tags: [zz]}\n"


def check_json(path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[dict[str, object]]]:
    capsys.readouterr()
    project_rules.cache_clear()
    code = main(["check", "--format", "json", *options, str(path)])
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return code, found


def rules_of(found: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((f["rule"], f["severity"], f.get("node"), "silenced" in f) for f in found)


def test_without_settings(write_map: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, found = check_json(write_map(LONELY), capsys)
    assert code == 1
    assert rules_of(found) == [("isolated-node", "warning", "a", False), ("isolated-node", "warning", "b", False),
                               ("undeclared-tag", "error", "b", False)]


def test_the_map_turns_a_rule_off_and_lowers_another(write_map: Callable[..., Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map("rules:\n  isolated-node: off\n  undeclared-tag: warning\n" + LONELY)
    code, found = check_json(path, capsys)
    assert code == 0 and rules_of(found) == [("undeclared-tag", "warning", "b", False)]
    code, found = check_json(path, capsys, "--show-silenced")
    assert [f["silenced"] for f in found if "silenced" in f] == ["turned off by the map's rules"] * 2


def test_a_node_silences_a_rule_for_itself(write_map: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    body = LONELY.replace("tags: [zz]}", "tags: [zz], silence: {undeclared-tag: declared in the next release}}")
    path = write_map(body)
    code, found = check_json(path, capsys)
    assert code == 0 and rules_of(found) == [("isolated-node", "warning", "a", False),
                                             ("isolated-node", "warning", "b", False)]
    assert main(["check", "--show-silenced", str(path)]) == 0
    out, err = capsys.readouterr()
    line = next(line for line in out.splitlines() if "[undeclared-tag]" in line)
    assert ":8:" in line and ": silenced: node 'b': tag 'zz'" in line
    assert line.endswith("(silenced by node 'b': declared in the next release)")
    assert "1 silenced" in err


def test_a_project_file_beside_the_maps(write_map: Callable[..., Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map(LONELY)
    (tmp_path / "argmap.toml").write_text('[rules]\nisolated-node = "off"\nundeclared-tag = "info"\n',
                                          encoding="utf-8")
    code, found = check_json(path, capsys)
    assert code == 0 and rules_of(found) == [("undeclared-tag", "info", "b", False)]
    (tmp_path / "map.yaml").write_text((tmp_path / "map.yaml").read_text(encoding="utf-8").replace(
        "nodes:", "rules: {undeclared-tag: error}\nnodes:"), encoding="utf-8")
    code, found = check_json(path, capsys)  # the map's own setting wins
    assert code == 1 and rules_of(found) == [("undeclared-tag", "error", "b", False)]
    (tmp_path / "argmap.toml").unlink()
    (tmp_path / ".argmap.yaml").write_text("rules:\n  isolated-node: off\n", encoding="utf-8")
    code, found = check_json(path, capsys)
    assert rules_of(found) == [("undeclared-tag", "error", "b", False)]


def test_bad_settings_are_findings_at_their_line(write_map: Callable[..., Path], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "argmap.toml").write_text('[rules]\nisolated-nod = "off"\nundeclared-tag = "loud"\n',
                                          encoding="utf-8")
    body = ("rules:\n  schema: off\n  undeclared-tg: warning\n"
            + LONELY.replace("tags: [zz]}", "tags: [zz], silence: {undeclared-tags: because}}"))
    path = write_map(body)
    code, found = check_json(path, capsys)
    settings = sorted((str(f["file"]).rsplit("/", 1)[-1], f["line"], f["message"]) for f in found
                      if f["rule"] == "rule-settings")
    assert code == 1  # the tag error stands: neither setting about it is valid
    assert [(name, line) for name, line, _ in settings] == [("argmap.toml", 2), ("argmap.toml", 3), ("map.yaml", 7),
                                                            ("map.yaml", 8), ("map.yaml", 11)]
    messages = " | ".join(str(m) for _, _, m in settings)
    assert "'isolated-nod' is not a rule; did you mean 'isolated-node'?" in messages
    assert "'schema' cannot be changed" in messages and "'loud' is not a level" in messages
    assert "'undeclared-tg' is not a rule; did you mean 'undeclared-tag'?" in messages
    assert "'undeclared-tags' is not a rule that can be silenced; did you mean 'undeclared-tag'?" in messages


def test_a_broken_project_file_is_one_finding(write_map: Callable[..., Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "argmap.toml").write_text("[rules\n", encoding="utf-8")
    code, found = check_json(write_map(LONELY), capsys)
    assert code == 1  # the tag error: a broken project file changes nothing
    [problem] = [f for f in found if f["rule"] == "rule-settings"]
    assert str(problem["file"]).endswith("argmap.toml") and "cannot read the project file" in str(problem["message"])


def test_sarif_marks_silenced_results_as_suppressed(write_map: Callable[..., Path],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map("rules: {isolated-node: off}\n" + LONELY)
    capsys.readouterr()
    assert main(["check", "--format", "sarif", "--show-silenced", str(path)]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 2 and suppressed[0]["suppressions"][0]["justification"] == \
        "turned off by the map's rules"
