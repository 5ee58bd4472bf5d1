"""Forecasts scored against what happened: Brier scores, a skill score against a baseline, and calibration.

Each resolved forecast with a probability p gets an outcome value o and the Brier score (p - o)^2: 0 is perfect,
1 is certain and wrong. `happened` is 1 and `did-not-happen` is 0; how `partly` and `unclear` count is a choice:

* `partly`: `half` (o = 0.5, the default), `happened` (o = 1), `did-not-happen` (o = 0) or `exclude`;
* `unclear`: `exclude` (the default: nothing can be scored) or `half` (o = 0.5).

Two more judgement calls have options:

* `possibility`: words that only state a possibility ("may", "could") carry no assessed probability; they count
  as 0.5 by default, as any other number given, or are left out (`exclude`);
* `conditional`: a forecast with a `condition` states P(F | C). By the usual practice (`void`, the default) it is
  scored, with that figure, only when its condition came true (`resolution.condition_held`, or the condition's own
  resolution when it is a forecast); otherwise it is voided. `score` scores the figure whatever the condition did.

The overall score is the mean over *units* (`argmap.analysis.score_stats`: a `group` of correlated forecasts counts
once), with a seeded bootstrap interval, the log score, and the mean Brier score under each `partly` rule (unclear
left out), whose spread is the range the headline hides. The baseline is a forecaster who always says 0.5 (its Brier
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

from argmap.analysis import score_stats
from argmap.analysis.score_stats import brier
from argmap.analysis.tables import number, text_table
from argmap.errors import plural
from argmap.model import ArgMap, Forecast

#: How a `partly` outcome counts: its outcome value, or None to leave the forecast out.
PARTLY_RULES: dict[str, float | None] = {"half": 0.5, "happened": 1.0, "did-not-happen": 0.0, "exclude": None}
#: How an `unclear` outcome counts.
UNCLEAR_RULES: dict[str, float | None] = {"exclude": None, "half": 0.5}
CALIBRATION_MIN = 5
BINS: tuple[tuple[float, float], ...] = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.0))
BASELINE_PROBABILITY = 0.5
CONDITIONAL_RULES: tuple[str, ...] = ("void", "score")


def possibility_rule(text: str) -> float | None:
    """`--possibility`: a number in [0, 1], or `exclude` (None)."""
    if text == "exclude":
        return None
    value = float(text)
    if not 0 <= value <= 1:
        raise ValueError(f"possibility must be 'exclude' or between 0 and 1, not {text}")
    return value


@dataclass
class ScoredForecast:
    """One forecast's row: the author's words and probability, the outcome, and the score (None when unscored).
    `status` is `scored`, `unresolved`, `no-probability`, `excluded` (by the partly/unclear or possibility rule)
    or `voided` (a conditional forecast whose condition did not come true, or is not known to have)."""

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
    group: str | None = None
    assessed: bool = True
    conditional: bool = False
    condition_held: bool | None = None
    criteria: str | None = None


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
    possibility: float | None = 0.5
    conditional: str = "void"
    units: int = 0
    per_forecast_brier: float | None = None
    interval: tuple[float, float] | None = None
    log_score: float | None = None
    baseline_log_score: float | None = None
    by_convention: dict[str, float | None] = field(default_factory=dict)
    without_possibilities: float | None = None

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


def score_forecasts(amap: ArgMap, *, partly: str = "half", unclear: str = "exclude",
                    calibration_min: int = CALIBRATION_MIN, possibility: float | None = 0.5,
                    conditional: str = "void", conventions: bool = True) -> Scorecard:
    """Score every forecast of the map (see the module docstring for the rules)."""
    if conditional not in CONDITIONAL_RULES:
        raise ValueError(f"unknown conditional rule '{conditional}' (known: {', '.join(CONDITIONAL_RULES)})")
    conditions = _conditions(amap)
    rows = [_row(amap, node, partly, unclear, possibility, conditional, conditions) for node in amap.nodes
            if isinstance(node, Forecast)]
    card = Scorecard(rows, partly, unclear, calibration_min, possibility=possibility, conditional=conditional)
    card.counts = {status: sum(1 for r in rows if r.status == status)
                   for status in ("scored", "excluded", "voided", "unresolved", "no-probability")}
    scored = card.scored
    if conventions:
        card.by_convention = {rule: score_forecasts(amap, partly=rule, unclear="exclude", possibility=possibility,
                                                    conditional=conditional, conventions=False).brier
                              for rule in PARTLY_RULES}
        card.without_possibilities = score_forecasts(amap, partly=partly, unclear=unclear, possibility=None,
                                                     conditional=conditional, conventions=False).brier
    if not scored:
        return card
    pairs = [(r.probability, r.value) for r in scored if r.probability is not None and r.value is not None]
    values = [o for _, o in pairs]
    unit_list = score_stats.units(pairs, [r.group for r in scored])
    card.units = len(unit_list)
    card.brier = score_stats.unit_mean(unit_list)
    card.per_forecast_brier = sum(brier(p, o) for p, o in pairs) / len(pairs)
    card.baseline_brier = score_stats.unit_mean([[(BASELINE_PROBABILITY, o) for _, o in u] for u in unit_list])
    card.skill = _skill(card.brier, card.baseline_brier)
    card.base_rate = rate = sum(values) / len(values)
    card.base_rate_brier = score_stats.unit_mean([[(rate, o) for _, o in u] for u in unit_list])
    card.base_rate_skill = _skill(card.brier, card.base_rate_brier)
    card.interval = score_stats.bootstrap_interval(unit_list)
    card.log_score = score_stats.unit_mean(unit_list, score_stats.log_loss)
    card.baseline_log_score = score_stats.unit_mean([[(BASELINE_PROBABILITY, o) for _, o in u] for u in unit_list],
                                                    score_stats.log_loss)
    if len(scored) >= calibration_min:
        card.calibration = calibration([p for p, _ in pairs], values)
    return card


def _conditions(amap: ArgMap) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rel in amap.relations:
        if rel.type == "condition" and rel.source in amap.by_id:
            out.setdefault(rel.target, []).append(rel.source)
    return out


def _condition_held(amap: ArgMap, node: Forecast, sources: list[str]) -> bool | None:
    """Whether the condition came true: the forecast's own record, else every condition forecast's outcome."""
    if node.resolution is not None and node.resolution.condition_held is not None:
        return node.resolution.condition_held
    held: list[bool] = []
    for source in sources:
        other = amap.by_id[source]
        outcome = other.resolution.outcome if isinstance(other, Forecast) and other.resolution else None
        if outcome not in ("happened", "did-not-happen"):
            return None
        held.append(outcome == "happened")
    return all(held)


def _row(amap: ArgMap, node: Forecast, partly: str, unclear: str, possibility: float | None, conditional: str,
         conditions: dict[str, list[str]]) -> ScoredForecast:
    outcome = node.resolution.outcome if node.resolution else None
    value = outcome_value(outcome, partly, unclear) if outcome else None
    probability = node.probability if node.assessed else possibility
    sources = conditions.get(node.id, [])
    held = _condition_held(amap, node, sources) if sources else None
    if outcome is None:
        status = "unresolved"
    elif node.probability is None:
        status = "no-probability"
    elif value is None or probability is None:
        status = "excluded"
    elif sources and conditional == "void" and held is not True:
        status = "voided"
    else:
        status = "scored"
    score = brier(probability, value) if status == "scored" and probability is not None and value is not None \
        else None
    horizon = node.horizon.resolve_by.isoformat() if node.horizon and node.horizon.resolve_by else None
    return ScoredForecast(node.id, node.text, node.words, probability if node.probability is not None else None,
                          node.probability_basis, outcome, value, score, status, horizon, node.group, node.assessed,
                          bool(sources), held, node.resolution.criteria if node.resolution else None)


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
    """`0.675 (scale)` when derived from the words, `0.5 (possibility)` for words that assess nothing, `0.7`
    when stated; `| C` marks a conditional forecast's P(F | C)."""
    if row.probability is None:
        return "–"
    basis = "" if row.basis != "scale" else " (scale)" if row.assessed else " (possibility)"
    return f"{row.probability:g}{basis}" + (" | C" if row.conditional else "")


def scorecard_lines(card: Scorecard) -> list[str]:
    """The scorecard as terminal text."""
    rows = [[r.id, r.words or "–", probability_text(r), r.group or "–", r.outcome or "unresolved",
             number(r.value, 1) if r.value is not None else "–", number(r.brier), r.status]
            for r in card.forecasts]
    lines = text_table(["forecast", "words", "p", "group", "outcome", "o", "Brier", "status"], rows, right=[5, 6],
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
        lines.append(f"Calibration table omitted: {plural(len(card.scored), 'scored forecast')}, fewer than "
                     f"{card.calibration_min}.")
    return lines


def summary_lines(card: Scorecard) -> list[str]:
    """The overall score with its uncertainty, the baselines and the rules in force."""
    counts = card.counts
    possibility = "excluded" if card.possibility is None else f"{card.possibility:g}"
    lines = [f"Scored {counts.get('scored', 0)} of {plural(len(card.forecasts), 'forecast')} "
             f"({counts.get('excluded', 0)} excluded by rule, {counts.get('voided', 0)} voided, "
             f"{counts.get('unresolved', 0)} unresolved, {counts.get('no-probability', 0)} without probability); "
             f"partly counts as {_rule_text(card.partly)}, unclear as {_rule_text(card.unclear)}, a possibility "
             f"(may, could) as {possibility}; conditional forecasts: {card.conditional}."]
    if card.brier is None:
        lines.append("No forecast can be scored: resolve forecasts (resolution.outcome) and give probabilities.")
        return lines
    interval = "" if card.interval is None else (f", 95% bootstrap interval {card.interval[0]:.3f}–"
                                                 f"{card.interval[1]:.3f}")
    lines.append(f"Mean Brier score {card.brier:.3f} over {plural(card.units, 'unit')} (a group counts once; "
                 f"per forecast {number(card.per_forecast_brier)}){interval}; 0 is perfect.")
    known = {rule: value for rule, value in card.by_convention.items() if value is not None}
    if known:
        lines.append("By the partly rule (unclear excluded): " + ", ".join(
            f"{_rule_text(rule)} {value:.3f}" for rule, value in known.items())
            + f"; range {min(known.values()):.3f}–{max(known.values()):.3f}. With possibilities (may, could) "
            f"excluded: {number(card.without_possibilities)}.")
    lines.append(f"Always-0.5 baseline {number(card.baseline_brier)}, skill {_signed(card.skill)}; log score "
                 f"{number(card.log_score)} (always-0.5 {number(card.baseline_log_score)}; p clipped to 0.01–0.99).")
    lines.append(f"Base rate {number(card.base_rate, 2)} (known only afterwards): Brier {number(card.base_rate_brier)}"
                 f", skill against it {_signed(card.base_rate_skill)}.")
    return lines


def _rule_text(rule: str) -> str:
    return {"half": "0.5", "happened": "1 (happened)", "did-not-happen": "0 (did not happen)",
            "exclude": "excluded"}[rule]


def _signed(value: float | None) -> str:
    return "undefined" if value is None else f"{value:+.3f}"
