"""Words of estimative probability: from an author's hedge to a number.

The scale is the US ICD 203 table (intelligence community directive 203, 2015), extended with the modal verbs
that commentary uses far more than the table's words. Each entry is a band; the point value is its midpoint.

>>> probability_for("likely")
0.675
>>> probability_for("Very Likely")
0.875
>>> band_for("may").label
'roughly even chance'
>>> probability_for("perhaps someday") is None
True
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    """One row of the scale: a label, its probability range and the words that fall in it."""

    label: str
    low: float
    high: float
    words: tuple[str, ...]
    source: str = "ICD 203"

    @property
    def point(self) -> float:
        """The midpoint of the band, used when the author gives only words."""
        return round((self.low + self.high) / 2, 4)


SCALE_NAME = "icd-203"

#: ICD 203's seven bands, in order, with their synonyms as the directive lists them.
ICD_203: tuple[Band, ...] = (
    Band("almost no chance", 0.01, 0.05, ("almost no chance", "remote")),
    Band("very unlikely", 0.05, 0.20, ("very unlikely", "highly improbable")),
    Band("unlikely", 0.20, 0.45, ("unlikely", "improbable", "improbably")),
    Band("roughly even chance", 0.45, 0.55, ("roughly even chance", "roughly even odds", "even chance")),
    Band("likely", 0.55, 0.80, ("likely", "probable", "probably")),
    Band("very likely", 0.80, 0.95, ("very likely", "highly probable", "highly likely")),
    Band("almost certain", 0.95, 0.99, ("almost certain", "almost certainly", "nearly certain")),
)

#: argmap's documented extension for modal verbs, placed on ICD 203 bands:
#: "may", "might", "could" hedge without leaning (roughly even chance); "could easily" and "is set to" lean
#: (likely); "will", "would" and "will only" assert a future without hedging (very likely: an analyst's "will"
#: is not a certainty).
MODAL_EXTENSION: tuple[tuple[str, str], ...] = (
    ("could easily", "likely"),
    ("is set to", "likely"),
    ("will only", "very likely"),
    ("will", "very likely"),
    ("would", "very likely"),
    ("may", "roughly even chance"),
    ("might", "roughly even chance"),
    ("could", "roughly even chance"),
    ("possibly", "roughly even chance"),
    ("possible", "roughly even chance"),
)

_BY_LABEL = {band.label: band for band in ICD_203}
_LOOKUP: dict[str, Band] = {}
for _band in ICD_203:
    for _word in _band.words:
        _LOOKUP[_word] = _band
for _word, _label in MODAL_EXTENSION:
    _LOOKUP[_word] = Band(_BY_LABEL[_label].label, _BY_LABEL[_label].low, _BY_LABEL[_label].high,
                          (_word,), "argmap modal extension")

_SPACE = re.compile(r"\s+")


def normalise_words(words: str) -> str:
    """Lower-case and fold white space and typographic apostrophes."""
    return _SPACE.sub(" ", words.replace("\u2019", "'")).strip().lower()


@functools.lru_cache(maxsize=4096)
def band_for(words: str) -> Band | None:
    """The band for the author's words: the exact phrase if known, else the first known phrase in reading order
    (the longest where two start together), so "will make it more likely" reads as "will"."""
    key = normalise_words(words)
    if key in _LOOKUP:
        return _LOOKUP[key]
    best: tuple[int, int, Band] | None = None
    for phrase, band in _LOOKUP.items():
        found = re.search(rf"\b{re.escape(phrase)}\b", key)
        if found and (best is None or (found.start(), -len(phrase)) < (best[0], best[1])):
            best = (found.start(), -len(phrase), band)
    return best[2] if best else None


def probability_for(words: str) -> float | None:
    """The point probability for the author's words, or None when they are not on the scale."""
    band = band_for(words)
    return band.point if band else None


def known_phrases() -> list[str]:
    """Every phrase the scale knows, longest first."""
    return sorted(_LOOKUP, key=lambda p: (-len(p), p))
