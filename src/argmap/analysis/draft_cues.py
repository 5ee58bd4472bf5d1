"""The cues `argmap draft` reads in a unit of text: which kind of node it suggests, and why.

A suggestion keeps its reason (`forecast: 'is likely to' (likely, p 0.68) + future`), so that the explorer's review
can show the analyst what the guess rests on. The cues are deliberately few and readable; `benchmarks/bench_draft.py`
measures them against a hand-made map and an annotated corpus, and the README gives the figures.

Kinds are tried in this order, the first that fits wins:

* **inference**: a marker of a reasoning step, "may indicate", "indicates", "suggests", "implies", "shows that",
  "means that", "is a sign";
* **forecast**: words of estimative probability (`argmap.model.wep`: "likely", "could easily", "will only") or a
  bare future ("will", "is going to", "expected to"); "may", "might", "could" count only before a verb that is not
  a perfect ("could have" speaks of the past). `words` is the phrase as the text has it;
* **evidence**: reported speech ("according to", "reports", "said"), figures and dates, and events told in a past
  or perfect tense ("have launched", "were broken into");
* otherwise **claim**.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from argmap.model.wep import band_for, known_phrases

#: Markers of a reasoning step inside a unit: the unit is drafted as an inference.
INFERENCE_CUES = ("may indicate", "might indicate", "could indicate", "indicates", "indicate that", "suggests",
                  "suggesting", "implies", "shows that", "show that", "means that", "is a sign", "is a sign of",
                  "points to", "signals", "demonstrates")
#: Reported speech and attribution.
REPORT_CUES = ("according to", "reports", "reported", "report that", "said", "says", "told", "announced",
               "stated", "claimed", "confirmed", "revealed", "called on", "called for", "asked", "issued a statement",
               "a statement", "witnessed", "as seen in")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december")
_FIGURE = re.compile(r"\b\d[\d,.]*\b|\b(?:hundreds|thousands|millions|dozens|percent|per cent|two|three|four|five|"
                     r"six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|"
                     r"billion|half|a third|a quarter)\b", re.I)
_DATE = re.compile(rf"\b(?:\d{{1,2}} (?:{_MONTHS})|(?:{_MONTHS}) \d{{1,2}}|(?:19|20)\d\d|yesterday|last "
                   r"(?:week|month|year))\b", re.I)
#: A past or perfect tense: an auxiliary and a participle, or a verb in -ed after a subject-like word.
_PAST = re.compile(r"\b(?:has|have|had|was|were)(?: (?:also|already|now|been|not|consistently|recently))* "
                   r"(?:\w+ed|been|broken|taken|seen|made|given|begun|won|lost|fled|led|left|shown|known|built|"
                   r"called|opened|become|come|gone|spilt|fallen|risen)\b|\b(?:abandoned|launched|decided|fled|"
                   r"seized|captured|called|asked|refused|opened|recognized|recognised|announced|declared|"
                   r"attacked|killed|took|left|lost|won|began|fell|rose)\b"
                   r"|\b[a-z]{2,}ed (?:on|in|at|to|out|up|off|against|its|their|his|her|the|a|an)\b", re.I)
#: Something going on as the text is written: "are preparing", "is increasing efforts".
_PROGRESSIVE = re.compile(r"\b(?:is|are)(?: (?:now|also|already|still))? (?!going\b)\w{3,}ing\b", re.I)
#: Idioms in which a modal assesses nothing: "sectarian as it may be", "be that as it may".
_IDIOMS = re.compile(r"\bas (?:it|they|this|that) (?:may|might) be\b|\bbe that as it may\b|\bmay I\b", re.I)
_PERFECT_AFTER_MODAL = re.compile(r"\s+(?:not\s+)?have\b", re.I)
_NEGATION_AFTER = re.compile(r"\s+(?:not|never)\b", re.I)


@dataclass(frozen=True)
class KindGuess:
    """A suggested kind, the reason in a few words, and for a forecast its words and their probability."""

    kind: str
    reason: str
    words: str | None = None
    probability: float | None = None


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = r"[\s\u00a0]+".join(re.escape(w) for w in phrase.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


@cache
def _wep_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(phrase, _phrase_pattern(phrase)) for phrase in known_phrases()]


@cache
def _cue_patterns(cues: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    return [(cue, _phrase_pattern(cue)) for cue in sorted(cues, key=len, reverse=True)]


def find_cue(text: str, cues: tuple[str, ...]) -> re.Match[str] | None:
    """The first occurrence of any of the cues (longest first at the same place), as a match in `text`."""
    found = [m for _cue, pattern in _cue_patterns(cues) if (m := pattern.search(text))]
    return min(found, key=lambda m: (m.start(), -len(m.group()))) if found else None


def estimative_words(text: str) -> str | None:
    """The words of estimative probability of a unit as the text has them (a negation after them included:
    "will not"), the one ranked highest by the scale's tiers; None when there are none. A possibility modal
    before a perfect ("could have") is past, not a forecast."""
    spans: list[tuple[int, int]] = [m.span() for m in _IDIOMS.finditer(text)]
    idioms = len(spans)
    for _phrase, pattern in _wep_patterns():
        for match in pattern.finditer(text):
            if any(a <= match.start() < b or a < match.end() <= b for a, b in spans):
                continue  # inside a longer phrase found already
            end = match.end()
            if _PERFECT_AFTER_MODAL.match(text, end):
                continue
            negation = _NEGATION_AFTER.match(text, end)
            spans.append((match.start(), negation.end() if negation else end))
    spans = sorted(spans[idioms:])
    if not spans:
        return None
    best = None
    for start, end in spans:  # the scale ranks the phrases: read each alone, keep the one band_for prefers
        words = text[start:end]
        band = band_for(words)
        if band is None:
            continue
        if best is None or _tier(words) > _tier(best):
            best = words
    return best


def _tier(words: str) -> int:
    """3 an estimative word, 2 a bare future, 1 a possibility modal (as `argmap.model.wep` ranks them)."""
    band = band_for(words)
    if band is None:
        return 0
    lowered = " ".join(words.lower().split())
    if not band.assessed:
        return 1
    if lowered.split()[0] in ("will", "would", "shall", "expected", "is", "set", "poised"):
        return 2
    return 3


def suggest_kind(text: str) -> KindGuess:
    """The kind the cues of a unit suggest, with the reason."""
    inference = find_cue(text, INFERENCE_CUES)
    if inference is not None:
        return KindGuess("inference", f"inference: '{inference.group()}'")
    words = estimative_words(text)
    if words is not None:
        band = band_for(words)
        assert band is not None
        tense = " + future" if _tier(words) == 2 else ""
        shown = f"{band.label}, p {band.point:.2f}" if band.assessed else "a possibility, not assessed"
        return KindGuess("forecast", f"forecast: '{words}' ({shown}){tense}", words, band.point)
    report = find_cue(text, REPORT_CUES)
    if report is not None:
        return KindGuess("evidence", f"evidence: reported ('{report.group()}')")
    for pattern, what in ((_DATE, "a date"), (_FIGURE, "a figure"), (_PAST, "an event told in the past"),
                           (_PROGRESSIVE, "something going on")):
        match = pattern.search(text)
        if match is not None:
            return KindGuess("evidence", f"evidence: {what} ('{match.group()}')")
    return KindGuess("claim", "claim: no cue of evidence, inference or forecast")
