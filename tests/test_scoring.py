"""Forecast scoring: Brier arithmetic, the partly/unclear rules, baselines, calibration, and `argmap score`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis.scoring import (
    BINS,
    brier,
    calibration,
    outcome_value,
    score_forecasts,
    scorecard_lines,
)
from argmap.cli import main
from argmap.model import ArgMap, Forecast, Resolution

FORECASTS = """\
nodes:
  - {id: falls, kind: forecast, text: More cities fall., words: likely, resolution: {outcome: happened}}
  - {id: maliki, kind: forecast, text: Maliki benefits., probability: 0.7, resolution: {outcome: did-not-happen}}
  - {id: drones, kind: forecast, text: US supplies drones., words: may, resolution: {outcome: partly}}
  - {id: recruits, kind: forecast, text: Prisoners join ISIS., words: will, resolution: {outcome: unclear}}
  - {id: later, kind: forecast, text: Something later., words: will}
  - {id: vague, kind: forecast, text: Something vague., words: some day, resolution: {outcome: happened}}
"""


def amap_of(*rows: tuple[str, float | None, str | None]) -> ArgMap:
    nodes = [Forecast(id=f"f{i}", text="x", probability=p,
                      resolution=Resolution(outcome=o) if o else None)  # type: ignore[arg-type]
             for i, (_, p, o) in enumerate(rows)]
    return ArgMap(title="t", nodes=nodes)


def test_brier_and_outcome_values() -> None:
    assert brier(0.7, 0.0) == pytest.approx(0.49)
    assert brier(0.675, 1.0) == pytest.approx(0.105625)
    assert outcome_value("happened") == 1 and outcome_value("did-not-happen") == 0
    assert outcome_value("partly") == 0.5 and outcome_value("unclear") is None
    assert outcome_value("partly", partly="happened") == 1
    assert outcome_value("partly", partly="did-not-happen") == 0
    assert outcome_value("partly", partly="exclude") is None
    assert outcome_value("unclear", unclear="half") == 0.5
    with pytest.raises(ValueError, match="unknown partly rule"):
        outcome_value("partly", partly="sometimes")


def test_default_rules_score_partly_as_half_and_leave_unclear_out(write_map: Callable[..., Path]) -> None:
    from argmap.io import load

    doc = load(write_map(FORECASTS))
    assert doc.map is not None
    card = score_forecasts(doc.map)
    status = {r.id: r.status for r in card.forecasts}
    assert status == {"falls": "scored", "maliki": "scored", "drones": "scored", "recruits": "excluded",
                      "later": "unresolved", "vague": "no-probability"}
    expected = [(0.675 - 1) ** 2, (0.7 - 0) ** 2, (0.5 - 0.5) ** 2]
    assert card.brier == pytest.approx(sum(expected) / 3)
    assert card.baseline_brier == pytest.approx((0.25 + 0.25 + 0) / 3)
    assert card.skill == pytest.approx(1 - card.brier / card.baseline_brier)
    assert card.base_rate == pytest.approx(0.5)
    assert card.counts == {"scored": 3, "excluded": 1, "voided": 0, "unresolved": 1, "no-probability": 1}
    words = {r.id: (r.words, r.probability, r.basis) for r in card.forecasts}
    assert words["falls"] == ("likely", 0.675, "scale") and words["maliki"] == (None, 0.7, "stated")


@pytest.mark.parametrize(
    ("partly", "unclear", "scored", "mean"),
    [
        ("happened", "exclude", 3, ((0.675 - 1) ** 2 + 0.49 + 0.25) / 3),
        ("did-not-happen", "exclude", 3, ((0.675 - 1) ** 2 + 0.49 + 0.25) / 3),
        ("exclude", "exclude", 2, ((0.675 - 1) ** 2 + 0.49) / 2),
        ("half", "half", 4, ((0.675 - 1) ** 2 + 0.49 + 0 + (0.875 - 0.5) ** 2) / 4),
    ],
)
def test_rules_change_what_counts(write_map: Callable[..., Path], partly: str, unclear: str, scored: int,
                                  mean: float) -> None:
    from argmap.io import load

    doc = load(write_map(FORECASTS))
    assert doc.map is not None
    card = score_forecasts(doc.map, partly=partly, unclear=unclear)
    assert len(card.scored) == scored
    assert card.brier == pytest.approx(mean)


def test_always_half_baseline_is_a_quarter_on_clear_outcomes() -> None:
    card = score_forecasts(amap_of(("a", 0.9, "happened"), ("b", 0.2, "did-not-happen")))
    assert card.baseline_brier == pytest.approx(0.25)
    assert card.brier == pytest.approx((0.01 + 0.04) / 2)
    assert card.skill == pytest.approx(1 - 0.025 / 0.25)
    assert card.base_rate_brier == pytest.approx(0.25)


def test_skill_is_undefined_when_the_baseline_is_perfect() -> None:
    card = score_forecasts(amap_of(("a", 0.9, "partly")))
    assert card.baseline_brier == 0 and card.skill is None
    assert "skill undefined" in "\n".join(scorecard_lines(card))


def test_nothing_scored_gives_no_numbers() -> None:
    card = score_forecasts(amap_of(("a", 0.9, None)))
    assert card.brier is None and card.calibration is None
    assert "No forecast can be scored" in "\n".join(scorecard_lines(card))


def test_calibration_bins_and_minimum() -> None:
    probabilities = [0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0]
    values = [0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0]
    bins = calibration(probabilities, values)
    assert [(b.low, b.high) for b in bins] == list(BINS)
    assert [b.count for b in bins] == [3, 1, 1, 1, 2]          # 0.2 falls in the first bin, 0 too
    assert bins[0].mean_probability == pytest.approx(0.1) and bins[0].observed == pytest.approx(1 / 3)
    assert bins[4].observed == pytest.approx(0.5)
    few = score_forecasts(amap_of(*(("x", 0.8, "happened"),) * 4))
    assert few.calibration is None
    assert "Calibration table omitted: 4 scored forecasts, fewer than 5" in "\n".join(scorecard_lines(few))
    enough = score_forecasts(amap_of(*(("x", 0.8, "happened"),) * 4), calibration_min=4)
    assert enough.calibration is not None and enough.calibration[3].count == 4


def test_score_command_text(write_map: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map(FORECASTS)
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "falls" in out and "likely" in out and "0.675 (scale)" in out and "0.106" in out
    assert f"Mean Brier score {((0.675 - 1) ** 2 + 0.49) / 3:.3f}" in out
    assert "partly counts as 0.5, unclear as excluded" in out
    assert main(["score", str(path), "--partly", "exclude", "--unclear", "half", "--calibration-min", "1"]) == 0
    out = capsys.readouterr().out
    assert "partly counts as excluded, unclear as 0.5" in out and "Calibration (forecasts by probability bin)" in out


def test_score_command_json(write_map: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(write_map(FORECASTS)), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["partly"] == "half" and data["unclear"] == "exclude"
    assert data["brier"] == pytest.approx(((0.675 - 1) ** 2 + 0.49) / 3)
    assert [f["id"] for f in data["forecasts"]][:2] == ["falls", "maliki"]
    assert data["calibration"] is None


def test_score_refuses_broken_maps_and_bad_options(write_map: Callable[..., Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_map("nodes:\n  - {id: a, kind: forcast, text: x}\n")
    assert main(["score", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "[schema]" in err and "fix them first" in err
    assert main(["score", str(bad), "--partly", "sometimes"]) == 2
    assert "invalid choice" in capsys.readouterr().err


# -- uncertainty, groups, possibilities, conditions -------------------------------------------------------------------

GROUPED = """\
nodes:
  - {id: a, kind: forecast, text: A., probability: 0.9, group: g, resolution: {outcome: happened}}
  - {id: b, kind: forecast, text: B., probability: 0.8, group: g, resolution: {outcome: happened}}
  - {id: c, kind: forecast, text: C., probability: 0.3, resolution: {outcome: happened}}
  - {id: d, kind: forecast, text: D., words: may, resolution: {outcome: did-not-happen, criteria: Before 2015.}}
  - {id: t, kind: claim, text: The trigger.}
  - {id: e, kind: forecast, text: E., probability: 0.6, resolution: {outcome: happened, condition_held: false}}
  - {id: f, kind: forecast, text: F., probability: 0.7, resolution: {outcome: partly, condition_held: true}}
relations:
  - {source: t, target: e, type: condition}
  - {source: t, target: f, type: condition}
"""


def test_groups_count_once_and_conditions_void(write_map: Callable[..., Path]) -> None:
    from argmap.io import load

    amap = load(write_map(GROUPED)).map
    assert amap is not None
    card = score_forecasts(amap)
    status = {r.id: r.status for r in card.forecasts}
    assert status["e"] == "voided" and status["f"] == "scored"
    units = [(0.01 + 0.04) / 2, 0.49, 0.25, 0.04]                    # g's mean, c, d (0.5 vs 0), f (0.7 vs 0.5)
    assert card.units == 4 and card.brier == pytest.approx(sum(units) / 4)
    assert card.per_forecast_brier == pytest.approx((0.01 + 0.04 + 0.49 + 0.25 + 0.04) / 5)
    assert score_forecasts(amap, conditional="score").counts["scored"] == 6
    assert score_forecasts(amap, possibility=None).counts["excluded"] == 1
    assert score_forecasts(amap, possibility=0.2).forecasts[3].brier == pytest.approx(0.04)
    assert next(r for r in card.forecasts if r.id == "d").criteria == "Before 2015."


def test_interval_is_seeded_and_contains_the_mean(write_map: Callable[..., Path]) -> None:
    from argmap.io import load

    amap = load(write_map(GROUPED)).map
    assert amap is not None
    first, again = score_forecasts(amap), score_forecasts(amap)
    assert first.interval == again.interval and first.interval is not None
    assert first.brier is not None and first.interval[0] <= first.brier <= first.interval[1]
    assert first.log_score is not None and first.baseline_log_score == pytest.approx(0.6931, abs=1e-3)
    assert set(first.by_convention) == {"half", "happened", "did-not-happen", "exclude"}


def test_mosul_scores_under_every_convention(capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.io import load
    from support import REPO

    amap = load(REPO / "maps" / "mosul-2014.yaml").map
    assert amap is not None
    card = score_forecasts(amap)
    values = card.by_convention
    assert all(v is not None for v in values.values())
    assert min(values.values()) < card.per_forecast_brier + 1e-9 <= max(values.values()) + 1e-9  # type: ignore[operator]
    assert values["half"] == pytest.approx(card.brier)
    assert card.units < len(card.scored)                             # the grouped forecasts count once
    fear = next(r for r in card.forecasts if r.id == "fear-could-explode")
    assert fear.conditional and fear.condition_held is True and fear.status == "scored" and fear.probability == 0.675
    assert main(["score", str(REPO / "maps" / "mosul-2014.yaml"), "--possibility", "exclude"]) == 0
    assert "a possibility (may, could) as excluded" in capsys.readouterr().out
    assert main(["score", str(REPO / "maps" / "mosul-2014.yaml"), "--possibility", "2"]) == 2
