"""Forecasts scored against what happened: Brier scores, a skill score against a baseline, and calibration.

Each resolved forecast with a probability p gets an outcome value o and the Brier score (p - o)^2: 0 is perfect,
1 is certain and wrong. `happened` is 1 and `did-not-happen` is 0; how `partly` and `unclear` count is a choice:

* `partly`: `half` (o = 0.5, the default), `happened` (o = 1), `did-not-happen` (o = 0) or `exclude`;
* `unclear`: `exclude` (the default: nothing can be scored) or `half` (o = 0.5).

The overall score is the mean over scored forecasts. The baseline is a forecaster who always says 0.5 (its Brier
score is 0.25 on clear outcomes); the Brier skill score is 1 - BS / BS_baseline (above 0: better than the baseline).
A second reference, the base rate (always forecasting the mean outcome of the scored set), is given too; it is
known only after the fact, so it is a harder bar. The calibration table groups forecasts in probability bins
0-0.2, 0.2-0.4, 0.4-0.6, 0.6-0.8, 0.8-1 (each bin includes its upper bound, the first also 0) and compares the
mean forecast with the observed frequency; it is given only when at least `calibration_min` (default 5) forecasts
are scored, since with fewer it says nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from argmap.analysis.tables import number, text_table
from argmap.model import ArgMap, Forecast

#: How a `partly` outcome counts: its outcome value, or None to leave the forecast out.
PARTLY_RULES: dict[str, float | None] = {"half": 0.5, "happened": 1.0, "did-not-happen": 0.0, "exclude": None}
#: How an `unclear` outcome counts.
UNCLEAR_RULES: dict[str, float | None] = {"exclude": None, "half": 0.5}
CALIBRATION_MIN = 5
BINS: tuple[tuple[float, float], ...] = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0))
BASELINE_PROBABILITY = 0.5


@dataclass
class ScoredForecast:
    """One forecast's row: the author's words and probability, the outcome, and the score (None when unscored).
    `status` is `scored`, `unresolved`, `no-probability` or `excluded` (by the partly/unclear rule)."""

    id: str
    text: str
    words: str | None
    probability: float | None
    basis: str
    outcome: str | None
    value: float | None
    brier: float | None
    status: str
    resolve_by: str | None = None


@dataclass
class CalibrationBin:
    """Forecasts whose probability falls in (low, high]: how many, their mean probability, what happened."""

    low: float
    high: float
    count: int
    mean_probability: float | None
    observed: float | None


@dataclass
class Scorecard:
    """The scores of a map's forecasts under one choice of rules."""

    forecasts: list[ScoredForecast]
    partly: str
    unclear: str
    calibration_min: int
    brier: float | None = None
    baseline_brier: float | None = None
    skill: float | None = None
    base_rate: float | None = None
    base_rate_brier: float | None = None
    base_rate_skill: float | None = None
    calibration: list[CalibrationBin] | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def scored(self) -> list[ScoredForecast]:
        return [f for f in self.forecasts if f.status == "scored"]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of `argmap score --format json`."""
        return asdict(self)


def outcome_value(outcome: str, partly: str = "half", unclear: str = "exclude") -> float | None:
    """The number an outcome counts as under the rules, or None when it is left out."""
    if partly not in PARTLY_RULES:
        raise ValueError(f"unknown partly rule '{partly}' (known: {', '.join(PARTLY_RULES)})")
    if unclear not in UNCLEAR_RULES:
        raise ValueError(f"unknown unclear rule '{unclear}' (known: {', '.join(UNCLEAR_RULES)})")
    return {"happened": 1.0, "did-not-happen": 0.0, "partly": PARTLY_RULES[partly],
            "unclear": UNCLEAR_RULES[unclear]}[outcome]


def brier(probability: float, outcome: float) -> float:
    """(p - o)^2."""
    return (probability - outcome) ** 2


def score_forecasts(amap: ArgMap, *, partly: str = "half", unclear: str = "exclude",
                    calibration_min: int = CALIBRATION_MIN) -> Scorecard:
    """Score every forecast of the map (see the module docstring for the rules)."""
    rows: list[ScoredForecast] = []
    for node in amap.nodes:
        if not isinstance(node, Forecast):
            continue
        outcome = node.resolution.outcome if node.resolution else None
        value = outcome_value(outcome, partly, unclear) if outcome else None
        if outcome is None:
            status = "unresolved"
        elif node.probability is None:
            status = "no-probability"
        elif value is None:
            status = "excluded"
        else:
            status = "scored"
        score = brier(node.probability, value) if status == "scored" and node.probability is not None \
            and value is not None else None
        horizon = node.horizon.resolve_by.isoformat() if node.horizon and node.horizon.resolve_by else None
        rows.append(ScoredForecast(node.id, node.text, node.words, node.probability, node.probability_basis,
                                   outcome, value, score, status, horizon))
    card = Scorecard(rows, partly, unclear, calibration_min)
    card.counts = {status: sum(1 for r in rows if r.status == status)
                   for status in ("scored", "excluded", "unresolved", "no-probability")}
    scored = card.scored
    if not scored:
        return card
    probabilities = [r.probability for r in scored if r.probability is not None]
    values = [r.value for r in scored if r.value is not None]
    card.brier = _mean([brier(p, o) for p, o in zip(probabilities, values, strict=True)])
    card.baseline_brier = _mean([brier(BASELINE_PROBABILITY, o) for o in values])
    card.skill = _skill(card.brier, card.baseline_brier)
    card.base_rate = rate = sum(values) / len(values)
    card.base_rate_brier = _mean([brier(rate, o) for o in values])
    card.base_rate_skill = _skill(card.brier, card.base_rate_brier)
    if len(scored) >= calibration_min:
        card.calibration = calibration(probabilities, values)
    return card


def calibration(probabilities: list[float], values: list[float]) -> list[CalibrationBin]:
    """Mean forecast and observed frequency per probability bin (empty bins included, with count 0)."""
    bins = []
    for i, (low, high) in enumerate(BINS):
        members = [(p, o) for p, o in zip(probabilities, values, strict=True)
                   if (low < p <= high) or (i == 0 and p == low)]
        bins.append(CalibrationBin(low, high, len(members), _mean([p for p, _ in members]),
                                   _mean([o for _, o in members])))
    return bins


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _skill(score: float | None, reference: float | None) -> float | None:
    if score is None or not reference:
        return None
    return 1.0 - score / reference


def probability_text(row: ScoredForecast) -> str:
    """`0.675 (scale)` when derived from the words, `0.7` when stated."""
    if row.probability is None:
        return "–"
    return f"{row.probability:g}" + (" (scale)" if row.basis == "scale" else "")


def scorecard_lines(card: Scorecard) -> list[str]:
    """The scorecard as terminal text."""
    rows = [[r.id, r.words or "–", probability_text(r), r.outcome or "unresolved",
             number(r.value, 1) if r.value is not None else "–", number(r.brier), r.status]
            for r in card.forecasts]
    lines = text_table(["forecast", "words", "p", "outcome", "o", "Brier", "status"], rows, right=[4, 5],
                       widths={0: 34, 1: 24})
    lines.append("")
    lines.extend(summary_lines(card))
    if card.calibration is not None:
        lines.append("")
        lines.append("Calibration (forecasts by probability bin):")
        lines.extend(text_table(["bin", "n", "mean p", "observed"],
                                [[f"{b.low:.1f}-{b.high:.1f}", b.count, number(b.mean_probability, 2),
                                  number(b.observed, 2)] for b in card.calibration], right=[1, 2, 3]))
    elif card.scored:
        lines.append(f"Calibration table omitted: {len(card.scored)} scored forecast(s), fewer than "
                     f"{card.calibration_min}.")
    return lines


def summary_lines(card: Scorecard) -> list[str]:
    """The overall score, the baselines and the rules in force."""
    counts = card.counts
    lines = [f"Scored {counts.get('scored', 0)} of {len(card.forecasts)} forecast(s) "
             f"({counts.get('excluded', 0)} excluded by rule, {counts.get('unresolved', 0)} unresolved, "
             f"{counts.get('no-probability', 0)} without probability); partly counts as "
             f"{_rule_text(card.partly)}, unclear as {_rule_text(card.unclear)}."]
    if card.brier is None:
        lines.append("No forecast can be scored: resolve forecasts (resolution.outcome) and give probabilities.")
        return lines
    lines.append(f"Mean Brier score {card.brier:.3f} (0 is perfect); always-0.5 baseline {number(card.baseline_brier)}"
                 f", skill {_signed(card.skill)}.")
    lines.append(f"Base rate {number(card.base_rate, 2)} (known only afterwards): Brier {number(card.base_rate_brier)}"
                 f", skill against it {_signed(card.base_rate_skill)}.")
    return lines


def _rule_text(rule: str) -> str:
    return {"half": "0.5", "happened": "1 (happened)", "did-not-happen": "0 (did not happen)",
            "exclude": "excluded"}[rule]


def _signed(value: float | None) -> str:
    return "undefined" if value is None else f"{value:+.3f}"
