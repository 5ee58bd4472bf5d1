"""`argmap coverage`: sentences no quote covers with their lines, the share covered, declared exclusions and
minimum, and the `check --strict` warning below it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis.coverage import coverage, split_sentences
from argmap.cli import main
from argmap.io import load

SOURCE = ("By Jane Doe\n"
          "\n"
          "The army fled the city. Residents stayed behind because they had nowhere to go. Dr. Smith said so.\n"
          "Photo: soldiers leaving, 10 June.\n"
          "Prices rose sharply.\n")

MAP = """\
argmap: 1
title: T
sources:
  - id: s
    title: S
    path: source.txt
{coverage}nodes:
  - id: fled
    kind: evidence
    text: The army fled.
    quotes: [The army fled the city.]
  - id: stayed
    kind: claim
    text: Residents stayed.
    quotes: [Residents stayed behind]
relations:
  - {{source: fled, target: stayed, type: supports}}
"""


def _write(tmp_path: Path, coverage_yaml: str = "") -> Path:
    (tmp_path / "source.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "map.yaml"
    path.write_text(MAP.format(coverage=coverage_yaml), encoding="utf-8")
    return path


def test_sentences_split_with_abbreviations_kept_whole() -> None:
    line = SOURCE.splitlines()[2]
    assert [line[s:e] for s, e in split_sentences(line)] == [
        "The army fled the city.", "Residents stayed behind because they had nowhere to go.", "Dr. Smith said so."]


def test_lists_uncovered_sentences_with_their_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["coverage", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        'source.txt:1: uncovered: "By Jane Doe"',
        'source.txt:3: partly: "Residents stayed behind because they had nowhere to go." (not quoted: because they '
        'had nowhere to go)',
        'source.txt:3: uncovered: "Dr. Smith said so."',
        'source.txt:4: uncovered: "Photo: soldiers leaving, 10 June."',
        'source.txt:5: uncovered: "Prices rose sharply."',
        "source 's': 27.6% of words covered (8 of 29), 1 of 6 sentences fully",
    ]


def test_exclusions_and_minimum(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = ("    coverage:\n      minimum: 0.9\n      exclude: [By Jane Doe, 'Photo: ...', Never there]\n")
    path = _write(tmp_path, settings.replace("    coverage", "coverage").replace("\n      ", "\n  "))
    doc = load(path)
    (result,) = coverage(doc)
    assert result.excluded == [1, 4] and result.unused_exclusions == ["Never there"]
    assert result.words == 21 and result.covered_words == 8 and result.below_minimum
    assert main(["coverage", str(path)]) == 1  # below the declared minimum: fails CI
    captured = capsys.readouterr()
    assert "minimum 90% NOT reached" in captured.out and "matches no line of 's': \"Never there\"" in captured.err
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 0
    out = capsys.readouterr().out
    assert "warning: source 's': quotes cover 38.1% of its words, below the minimum of 90%" in out
    assert "[coverage-minimum]" in out and f"{path.name}:8:12: warning" in out.replace(str(tmp_path) + "/", "")


def test_source_settings_add_to_the_maps(tmp_path: Path) -> None:
    path = _write(tmp_path, "coverage: {exclude: [By Jane Doe], minimum: 0.1}\n")
    text = path.read_text(encoding="utf-8").replace("    path: source.txt\n", "    path: source.txt\n    coverage: "
                                                    "{exclude: ['Photo: ...'], minimum: 0.5}\n")
    path.write_text(text, encoding="utf-8")
    (result,) = coverage(load(path))
    assert result.excluded == [1, 4] and result.settings.minimum == 0.5


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", str(_write(tmp_path)), "--format", "json"]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert data["source"] == "s" and data["sentences"] == 6 and data["covered_sentences"] == 1
    assert data["gaps"][0] == {"line": 1, "start": 0, "end": 11, "status": "uncovered", "text": "By Jane Doe",
                               "missing": ["By", "Jane", "Doe"]}
    assert 0 < data["share"] < 1


def test_bad_input_is_one_line(tmp_path: Path, write_map: Callable[..., Path],
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", str(tmp_path / "missing.yaml")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["coverage", str(_write(tmp_path)), "--source", "x"]) == 2
    assert "no source 'x' (the map has: s)" in capsys.readouterr().err
