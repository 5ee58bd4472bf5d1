"""`argmap edit` on the parts of a map other than nodes: the map's title, scenarios, sources, relations' fields and
vocabularies, with the same guarantees (all or nothing, only the changed lines, one-line errors)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.io.parse import parse_text
from support import MAPS, changed, copy_map, decorate

MOSUL = next((m for m in MAPS if m.name == "mosul-2014.yaml"), None)
pytestmark = pytest.mark.skipif(MOSUL is None, reason="maps/mosul-2014.yaml is missing")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    assert MOSUL is not None
    return copy_map(MOSUL, tmp_path, decorate(MOSUL.read_text(encoding="utf-8")))


def _data(path: Path) -> dict:  # type: ignore[type-arg]
    return parse_text(path.read_text(encoding="utf-8"), "yaml", "x")[0]


def test_scenarios_from_the_command_line(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = path.read_text(encoding="utf-8")
    code = main(["edit", str(path), "--scenario-add", "worst", "Worst case",
                 "--assume", "worst", "spectacular-trigger", "true", "--override", "worst", "fear-could-explode", "40%",
                 "--scenario-set", "worst.description=Everything: wrong", "--scenario-rename", "no-trigger", "calm",
                 "--assume", "us-steps-in", "us-more-willing-drones", "none", "--scenario-remove", "maliki-weakened"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.splitlines() == [
        "added scenario 'worst' ('Worst case'); it assumes nothing yet",
        "scenario 'worst' holds spectacular-trigger true",
        "scenario 'worst' sets the probability of fear-could-explode to 0.4",
        "set description of scenario 'worst': (none) -> 'Everything: wrong'",
        "renamed scenario 'no-trigger' to 'calm'",
        "scenario 'us-steps-in' no longer assumes us-more-willing-drones",
        "removed scenario 'maliki-weakened'"]
    scenarios = {s["id"]: s for s in _data(path)["scenarios"]}
    assert scenarios["worst"] == {"id": "worst", "title": "Worst case", "description": "Everything: wrong",
                                  "assume": {"spectacular-trigger": True},
                                  "probabilities": {"fear-could-explode": 0.4}}
    assert "calm" in scenarios and "maliki-weakened" not in scenarios
    lines = changed(before, path.read_text(encoding="utf-8"))
    assert "-  - id: no-trigger  # id comment" in lines and "+  - id: calm  # id comment" in lines
    assert "+    description: 'Everything: wrong'" in lines or '+    description: "Everything: wrong"' in lines
    assert len([line for line in lines if line.startswith("-")]) == 8  # the rename, an assumption, a scenario


def test_map_sources_relations_and_vocabularies(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = path.read_text(encoding="utf-8")
    code = main(["edit", str(path), "--set-map", "title=Mosul: 2014", "--source-set",
                 "chatham-2014-06-11.publisher=Chatham House, London",
                 "--relation-set", "isis-consolidated-territory", "supports", "isis-emboldened", "weight=80%",
                 "--relation-set", "isis-consolidated-territory", "supports", "isis-emboldened", "by=analyst",
                 "--vocab-label", "actors", "maliki", "Nouri al-Maliki",
                 "--vocab-rename", "actors", "isis", "islamic-state"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = _data(path)
    assert data["title"] == "Mosul: 2014" and data["sources"][0]["publisher"] == "Chatham House, London"
    rel = next(r for r in data["relations"] if (r["source"], r["target"]) == ("isis-consolidated-territory",
                                                                                "isis-emboldened"))
    assert rel["weight"] == 0.8 and rel["by"] == "analyst"
    assert data["actors"]["maliki"] == "Nouri al-Maliki" and "isis" not in data["actors"]
    assert not any("isis" in (n.get("actors") or []) for n in data["nodes"])
    assert "renamed actor 'isis' to 'islamic-state' (19 nodes updated)" in out
    lines = changed(before, path.read_text(encoding="utf-8"))
    assert len([line for line in lines if line.startswith("+")]) == 1 + 1 + 1 + 1 + 20  # weight and by on one line


def test_refusals_name_the_file_the_line_and_what_to_do(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = path.read_text(encoding="utf-8")
    cases = [
        (["--assume", "no-triger", "spectacular-trigger", "true"], "no scenario 'no-triger'; did you mean "
                                                                   "'no-trigger'?"),
        (["--assume", "no-trigger", "spectacular-triger", "true"], "no node 'spectacular-triger'; did you mean "
                                                                   "'spectacular-trigger'?"),
        (["--assume", "no-trigger", "spectacular-trigger", "maybe"], "'maybe' is not true or false"),
        (["--override", "no-trigger", "fear-could-explode", "1.5"], "between 0 and 1"),
        (["--source-set", "chatham-2014-06-11.path=../seeds/missing.txt"], "no file ../seeds/missing.txt "
                                                                           "relative to the map"),
        (["--source-set", "chatham.title=x"], "no source 'chatham'"),
        (["--vocab-remove", "actors", "isis"], "actor 'isis' is used by 19 nodes"),
        (["--vocab-rename", "actor", "isis", "x"], "did you mean 'actors'?"),
        (["--relation-set", "isis-consolidated-territory", "supports", "isis-emboldened", "wieght=1"],
         "did you mean 'weight'?"),
        (["--scenario-set", "no-trigger.title="], "a scenario needs a title"),
        (["--scenario-add", "ok", "Fine", "--scenario-add", "ok", "Again"], "a scenario 'ok' already exists"),
    ]
    for extra, message in cases:
        assert main(["edit", str(path), *extra]) == 1
        err = capsys.readouterr().err
        first = err.splitlines()[0]
        assert message in first, (extra, err)
        assert first.startswith(str(path).replace(str(Path.cwd()) + "/", "")) or str(path.name) in first
        assert "nothing was changed" in err
    assert path.read_text(encoding="utf-8") == before
    assert main(["edit", str(path), "--scenario-set", "no-trigger.titel=x"]) == 1
    err = capsys.readouterr().err
    assert ":12" in err.split(": error")[0] or err.split(": error")[0].count(":") >= 2  # a line and a column


def test_forced_vocabulary_removal_lists_the_nodes_and_prune(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["edit", str(path), "--vocab-remove", "actors", "maliki", "--declare", "tags", "spare", "Spare",
                 "--force"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("removed actor 'maliki' and from ")
    assert "  taken off node 'maliki-momentum': actor maliki" in out or "taken off node" in out
    data = _data(path)
    assert "maliki" not in data["actors"] and not any("maliki" in (n.get("actors") or []) for n in data["nodes"])
    assert main(["edit", str(path), "--vocab-prune", "--diff"]) == 0
    out = capsys.readouterr().out
    assert "removed 1 unused entry: tag 'spare'" in out and "-  spare: Spare" in out
    assert main(["edit", str(path), "--vocab-prune", "tags"]) == 0
    capsys.readouterr()
    before = path.read_bytes()
    assert main(["edit", str(path), "--vocab-prune"]) == 0  # nothing to clean is not a failure
    captured = capsys.readouterr()
    assert "nothing to prune" in captured.out and "nothing to change" in captured.err
    assert path.read_bytes() == before


def test_help_lists_every_part_option(capsys: pytest.CaptureFixture[str]) -> None:
    with contextlib.suppress(SystemExit):
        main(["edit", "--help"])
    out = capsys.readouterr().out
    for option in ("--set-map", "--scenario-add", "--scenario-set", "--scenario-rename", "--assume", "--override",
                   "--scenario-remove", "--source-add", "--source-set", "--source-remove", "--relation-set",
                   "--vocab-label", "--vocab-rename", "--vocab-remove", "--vocab-prune"):
        assert option in out
    assert "--assume worst army-fled true" in out
