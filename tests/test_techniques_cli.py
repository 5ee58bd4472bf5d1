"""Key assumptions, signposts and scores as of a date, from the command line, on a small map whose effects are
known by construction."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.cli import main

MAP = """\
nodes:
  - id: rally-helps
    kind: claim
    text: A rally against the enemy helps the premier.
    assumption: {status: failed, reason: The clergy turned on him., would_fail_if: The clergy asks for a new premier.}
  - id: unrelated
    kind: claim
    text: The weather was fine.
    assumption: {status: solid}
  - id: rivals-rally
    kind: evidence
    text: Rivals back the forces.
  - id: momentum
    kind: forecast
    text: The premier gains momentum.
    quotes: [Further violence is likely.]
    words: will
    signposts:
      - watch: The clergy distances itself from him
        points_to: does-not-happen
        observations:
          - {date: 2014-07-09, observed: true, source: The clergy's letter}
          - {date: 2014-06-20, observed: false}
    updates:
      - {date: 2014-07-10, probability: 0.3, reason: the clergy's letter}
      - {date: 2014-08-12, probability: 0.05, reason: a rival designated}
    resolution:
      outcome: did-not-happen
      sources: [{title: A report}]
  - id: weather-forecast
    kind: forecast
    text: Fine weather tomorrow.
    quotes: [Further violence is likely.]
    words: likely
relations:
  - {source: rivals-rally, target: rally-helps, type: supports}
  - {source: rally-helps, target: momentum, type: requires}
  - {source: unrelated, target: weather-forecast, type: supports}
"""


@pytest.fixture
def path(write_map: Callable[..., Path]) -> Path:
    text = MAP.replace("path: source.txt", "")
    p = write_map(text)
    dated = p.read_text(encoding="utf-8").replace("    path: source.txt\n",
                                                  "    path: source.txt\n    date: 2014-06-11\n")
    p.write_text(dated, encoding="utf-8")
    return p


def test_assumptions_lists_status_and_what_rejecting_does(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    assert main(["assumptions", str(path), "--format", "json"]) == 0
    rows = {r["node"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["rally-helps"]["status"] == "failed" and rows["rally-helps"]["scenario"] == "reject-rally-helps"
    assert {"node": "momentum", "before": "in", "after": "out"} in rows["rally-helps"]["labels_changed"]
    assert rows["unrelated"]["labels_changed"] == [{"node": "weather-forecast", "before": "in", "after": "unsupported"}]
    assert main(["assumptions", str(path)]) == 0
    out = capsys.readouterr().out
    assert "momentum in→out" in out and "wrong if: The clergy asks for a new premier." in out


def test_assumption_scenario_needs_no_writing(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenario", str(path), "reject-rally-helps"]) == 0
    assert "momentum" in capsys.readouterr().out


def test_signposts_with_observations_in_date_order(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["signposts", str(path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [o["date"] for o in rows[0]["observations"]] == ["2014-06-20", "2014-07-09"]
    assert main(["signposts", str(path), "--as-of", "2014-07-01", "--format", "json"]) == 0
    assert [o["date"] for o in json.loads(capsys.readouterr().out)[0]["observations"]] == ["2014-06-20"]


def test_score_as_of_takes_the_latest_update(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def brier(date: str | None) -> float:
        assert main(["score", str(path), "--format", "json", *(["--as-of", date] if date else [])]) == 0
        card = json.loads(capsys.readouterr().out)
        return next(f["brier"] for f in card["forecasts"] if f["id"] == "momentum")

    assert brier(None) == pytest.approx(0.875 ** 2)  # as published: "will"
    assert brier("2014-07-01") == pytest.approx(0.875 ** 2)
    assert brier("2014-07-10") == pytest.approx(0.3 ** 2)
    assert brier("2014-09-01") == pytest.approx(0.05 ** 2)


def test_score_as_of_before_the_forecast_was_made(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(path), "--as-of", "2014-01-01", "--format", "json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert {f["status"] for f in card["forecasts"]} == {"no-probability", "unresolved"}


def test_bad_date_is_a_usage_error(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(path), "--as-of", "July"]) == 2
    assert "'July' is not a date: write YYYY-MM-DD" in capsys.readouterr().err


def test_report_has_the_techniques_escaped(write_map: Callable[..., Path], tmp_path: Path) -> None:
    body = MAP.replace("text: A rally against the enemy helps the premier.", "text: A rally <script>x</script> helps.")
    body += """hypotheses:
  - id: fate
    title: The premier's fate
    hypotheses: [momentum, {id: replaced, text: He is replaced.}]
    evidence:
      - {item: rivals-rally, ratings: {momentum: C, replaced: I}}
"""
    graded = body.replace("    text: Rivals back the forces.\n", "    text: Rivals back the forces.\n    grade: B2\n")
    p = write_map(graded)
    for suffix in ("html", "md"):
        out = tmp_path / f"r.{suffix}"
        assert main(["report", str(p), "-o", str(out), "--no-diagram"]) == 0
        text = out.read_text(encoding="utf-8")
        for title in ("Key assumptions", "ACH: The premier's fate", "Signposts and timelines", "Source grades",
                      "Stated confidence" if "confidence" in body else "Probability updates"):
            assert title.replace("'", "&#x27;" if suffix == "html" else "'") in text, (suffix, title)
        assert "<script>" not in text
