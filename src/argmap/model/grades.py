"""NATO/Admiralty grades (STANAG 2511, AJP-2.1): a source's reliability A-F and the information's credibility 1-6,
and the table argmap uses to turn a grade into a base probability for the evidence it grades.

The code itself gives no numbers; the table below is argmap's documented convention. The information's credibility
gives a probability that the report is true, and the source's reliability shrinks it toward 0.5 (a source that
cannot be trusted tells little either way):

    p = 0.5 + r * (c - 0.5)

| credibility | meaning | c | | reliability | meaning | r |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | confirmed by other sources | 0.95 | | A | completely reliable | 1.0 |
| 2 | probably true | 0.80 | | B | usually reliable | 0.9 |
| 3 | possibly true | 0.60 | | C | fairly reliable | 0.75 |
| 4 | doubtful | 0.35 | | D | not usually reliable | 0.5 |
| 5 | improbable | 0.15 | | E | unreliable | 0.25 |
| 6 | truth cannot be judged | 0.50 | | F | reliability cannot be judged | 0.5 |

So A1 is 0.95, B2 0.77, C3 0.575, F6 0.5. `evaluate(..., grades=False)` (`--grades ignore`) leaves grades out.
"""

from __future__ import annotations

RELIABILITY: dict[str, tuple[str, float]] = {
    "A": ("completely reliable", 1.0), "B": ("usually reliable", 0.9), "C": ("fairly reliable", 0.75),
    "D": ("not usually reliable", 0.5), "E": ("unreliable", 0.25), "F": ("reliability cannot be judged", 0.5),
}
CREDIBILITY: dict[str, tuple[str, float]] = {
    "1": ("confirmed by other sources", 0.95), "2": ("probably true", 0.80), "3": ("possibly true", 0.60),
    "4": ("doubtful", 0.35), "5": ("improbable", 0.15), "6": ("truth cannot be judged", 0.50),
}


def grade_probability(grade: str) -> float:
    """The base probability of evidence graded `grade` (module table).

    >>> grade_probability("A1"), grade_probability("B2"), grade_probability("F6")
    (0.95, 0.77, 0.5)
    """
    r = RELIABILITY[grade[0]][1]
    c = CREDIBILITY[grade[1]][1]
    return round(0.5 + r * (c - 0.5), 6)


def grade_text(grade: str) -> str:
    """`B2 (usually reliable; probably true)`."""
    return f"{grade} ({RELIABILITY[grade[0]][0]}; {CREDIBILITY[grade[1]][0]})"
