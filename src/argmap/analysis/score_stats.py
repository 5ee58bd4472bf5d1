"""The statistics behind `argmap score`: forecasts grouped into units, the mean Brier score over units, a bootstrap
interval for it, and the logarithmic score.

* **Units.** Forecasts that share a `group` track one variable (four forecasts of sectarian polarisation are one
  judgement, not four); a group counts once, as the mean of its members' scores. Each ungrouped forecast is a unit
  of its own. Every mean below is over units.
* **Bootstrap.** The 95% interval of the mean Brier score is the 2.5th and 97.5th percentiles of the means of
  `RESAMPLES` (2,000) resamples of the units, drawn with replacement by `random.Random(SEED)`: the same map gives
  the same interval on every run. With fewer than 2 units there is no interval.
* **Log score.** The mean of -(o ln p + (1 - o) ln(1 - p)) (the cross-entropy, which for o = 0 or 1 is -ln of the
  probability given to what happened; 0 is perfect, ln 2 = 0.693 is what always-0.5 earns), with p clipped to
  [`CLIP`, 1 - `CLIP`] (0.01) so that one confident miss does not make it infinite.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

RESAMPLES = 2000
SEED = 20140611
CLIP = 0.01
LEVEL = 0.95

Pair = tuple[float, float]
"""A scored forecast's probability and outcome value."""


def brier(probability: float, outcome: float) -> float:
    """(p - o)^2."""
    return (probability - outcome) ** 2


def log_loss(probability: float, outcome: float, clip: float = CLIP) -> float:
    """-(o ln p + (1 - o) ln(1 - p)), p clipped to [clip, 1 - clip]."""
    p = min(1.0 - clip, max(clip, probability))
    return -(outcome * math.log(p) + (1.0 - outcome) * math.log(1.0 - p))


def units(pairs: Sequence[Pair], groups: Sequence[str | None]) -> list[list[Pair]]:
    """The scored forecasts gathered into units: one per group, one per ungrouped forecast (in first-seen order)."""
    out: list[list[Pair]] = []
    index: dict[str, int] = {}
    for pair, group in zip(pairs, groups, strict=True):
        if group is None:
            out.append([pair])
        elif group in index:
            out[index[group]].append(pair)
        else:
            index[group] = len(out)
            out.append([pair])
    return out


def unit_mean(unit_list: list[list[Pair]], score: Callable[[float, float], float] = brier) -> float | None:
    """The mean over units of each unit's mean score (`score(p, o)`)."""
    if not unit_list:
        return None
    return sum(sum(score(p, o) for p, o in unit) / len(unit) for unit in unit_list) / len(unit_list)


def bootstrap_interval(unit_list: list[list[Pair]], *, resamples: int = RESAMPLES, seed: int = SEED,
                       level: float = LEVEL) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean Brier score over units (module docstring)."""
    if len(unit_list) < 2:
        return None
    scores = [sum(brier(p, o) for p, o in unit) / len(unit) for unit in unit_list]
    rng = random.Random(seed)
    n = len(scores)
    means = sorted(sum(scores[rng.randrange(n)] for _ in range(n)) / n for _ in range(resamples))
    tail = (1.0 - level) / 2
    low = means[math.floor(tail * (resamples - 1))]
    high = means[math.ceil((1.0 - tail) * (resamples - 1))]
    return low, high
