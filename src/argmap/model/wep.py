"""Words of estimative probability: from an author's hedge to a band of the ICD 203 scale.

The scale is the US ICD 203 table (intelligence community directive 203, 2015), extended with the modal verbs,
negations, intensifiers and hedges that commentary uses far more than the table's words. The whole phrase is read:

* **negation** flips a band about the middle of the scale: "not likely", "likely not", "probably not" are unlikely;
  "will not" / "won't" very unlikely; "almost certainly not" almost no chance;
* **intensifiers** are phrases of their own: "highly/very/extremely unlikely" very unlikely, "very likely";
* **tiers** decide between several known phrases: an estimative word (likely, probably, doubtful, certainly,
  could easily, may well...) outranks a bare future ("will", "would", "expected to", "is set to"), which outranks a
  possibility modal ("may", "might", "could", "perhaps", "possibly"); within a tier the first in reading order wins.
  Comparatives ("more likely", "less likely") state a change, not a level, and are skipped.

"may", "might", "could", "perhaps" and "possibly" say that something can happen without assessing how likely it is
(the NIC's guidance on analytic language): they map to the band `possibility, not assessed`, whose `assessed` is
False. Its point value, 0.5, is only a convention; `argmap score --possibility` changes or excludes it.

>>> probability_for("likely")
0.675
>>> probability_for("Very Likely")
0.875
>>> band_for("probably not").label
'unlikely'
>>> band_for("may").assessed
False
>>> probability_for("someday") is None
True
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    """One row of the scale: a label, its probability range and the words that fall in it. `assessed` is False for
    the possibility band (the author says something can happen, not how likely it is)."""

    label: str
    low: float
    high: float
    words: tuple[str, ...]
    source: str = "ICD 203"
    assessed: bool = True

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

POSSIBILITY = Band("possibility, not assessed", 0.0, 1.0, ("may", "might", "could", "perhaps", "possibly"),
                   "NIC guidance on analytic language", assessed=False)

#: Tiers of `EXTENSION`: an estimative word outranks a bare future, which outranks a possibility.
ESTIMATE, FUTURE, MODAL, COMPARATIVE = 3, 2, 1, 0

#: argmap's documented extension: phrase, band label (None: a comparative, no level) and tier.
EXTENSION: tuple[tuple[str, str | None, int], ...] = (
    # bottom of the scale
    ("no chance", "almost no chance", ESTIMATE), ("virtually impossible", "almost no chance", ESTIMATE),
    ("impossible", "almost no chance", ESTIMATE), ("almost no chance", "almost no chance", ESTIMATE),
    # very unlikely
    ("highly unlikely", "very unlikely", ESTIMATE), ("extremely unlikely", "very unlikely", ESTIMATE),
    ("highly doubtful", "very unlikely", ESTIMATE), ("little chance", "very unlikely", ESTIMATE),
    ("small chance", "very unlikely", ESTIMATE), ("slight chance", "very unlikely", ESTIMATE),
    ("slim chance", "very unlikely", ESTIMATE),
    # unlikely
    ("doubtful", "unlikely", ESTIMATE), ("doubt that", "unlikely", ESTIMATE),
    ("not unlikely", "roughly even chance", ESTIMATE),
    # even
    ("as likely as not", "roughly even chance", ESTIMATE), ("fifty-fifty", "roughly even chance", ESTIMATE),
    ("toss-up", "roughly even chance", ESTIMATE), ("even odds", "roughly even chance", ESTIMATE),
    ("fair chance", "roughly even chance", ESTIMATE),
    # likely
    ("could easily", "likely", ESTIMATE), ("may well", "likely", ESTIMATE), ("might well", "likely", ESTIMATE),
    ("could well", "likely", ESTIMATE), ("in all likelihood", "likely", ESTIMATE),
    ("good chance", "likely", ESTIMATE), ("strong chance", "likely", ESTIMATE), ("real chance", "likely", ESTIMATE),
    ("chances are", "likely", ESTIMATE), ("most likely", "likely", ESTIMATE), ("quite likely", "likely", ESTIMATE),
    ("more than likely", "likely", ESTIMATE), ("probably will", "likely", ESTIMATE),
    ("expected to", "likely", FUTURE), ("is set to", "likely", FUTURE), ("set to", "likely", FUTURE),
    ("poised to", "likely", FUTURE),
    # very likely
    ("extremely likely", "very likely", ESTIMATE), ("very probably", "very likely", ESTIMATE),
    ("is bound to", "very likely", FUTURE), ("will only", "very likely", FUTURE), ("will", "very likely", FUTURE),
    ("would", "very likely", FUTURE), ("is going to", "very likely", FUTURE), ("shall", "very likely", FUTURE),
    # top of the scale
    ("certainly", "almost certain", ESTIMATE), ("certain to", "almost certain", ESTIMATE),
    ("virtually certain", "almost certain", ESTIMATE), ("definitely", "almost certain", ESTIMATE),
    ("surely", "almost certain", ESTIMATE), ("no doubt", "almost certain", ESTIMATE),
    ("without doubt", "almost certain", ESTIMATE), ("undoubtedly", "almost certain", ESTIMATE),
    # possibilities the author does not assess
    ("may", POSSIBILITY.label, MODAL), ("might", POSSIBILITY.label, MODAL), ("could", POSSIBILITY.label, MODAL),
    ("perhaps", POSSIBILITY.label, MODAL), ("possibly", POSSIBILITY.label, MODAL),
    ("possible", POSSIBILITY.label, MODAL), ("conceivably", POSSIBILITY.label, MODAL),
    ("maybe", POSSIBILITY.label, MODAL), ("some chance", POSSIBILITY.label, MODAL),
    ("a chance", POSSIBILITY.label, MODAL), ("not impossible", POSSIBILITY.label, ESTIMATE),
    ("not certain", POSSIBILITY.label, ESTIMATE), ("uncertain", POSSIBILITY.label, ESTIMATE),
    ("not necessarily", POSSIBILITY.label, ESTIMATE), ("cannot be ruled out", POSSIBILITY.label, ESTIMATE),
    ("cannot rule out", POSSIBILITY.label, ESTIMATE), ("can not rule out", POSSIBILITY.label, ESTIMATE),
    # comparatives: a change of probability, no level
    ("more likely", None, COMPARATIVE), ("less likely", None, COMPARATIVE), ("increasingly likely", None, COMPARATIVE),
    ("more probable", None, COMPARATIVE), ("less probable", None, COMPARATIVE),
    ("more unlikely", None, COMPARATIVE),
)

#: Band labels mirrored about the middle of the scale, for a negated phrase.
MIRROR: dict[str, str] = {
    "almost no chance": "almost certain", "very unlikely": "very likely", "unlikely": "likely",
    "roughly even chance": "roughly even chance", "likely": "unlikely", "very likely": "very unlikely",
    "almost certain": "almost no chance", POSSIBILITY.label: POSSIBILITY.label,
}
NEGATORS = frozenset({"not", "never"})
#: Words a negation reaches across: "certainly will not", "is not to be expected".
AUXILIARIES = frozenset({"will", "would", "be", "is", "are", "was", "were", "shall", "do", "does", "to"})

_BY_LABEL = {band.label: band for band in (*ICD_203, POSSIBILITY)}
_PHRASES: dict[tuple[str, ...], tuple[str | None, int]] = {}
for _band in ICD_203:
    for _word in _band.words:
        _PHRASES[tuple(_word.split())] = (_band.label, ESTIMATE)
for _word, _label, _tier in EXTENSION:
    _PHRASES[tuple(_word.split())] = (_label, _tier)
_LONGEST = max(len(phrase) for phrase in _PHRASES)

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")
_CONTRACTIONS = ((re.compile(r"\bwon't\b"), "will not"), (re.compile(r"\bcan't\b|\bcannot\b"), "cannot"),
                 (re.compile(r"\bshan't\b"), "shall not"), (re.compile(r"n't\b"), " not"))


def normalise_words(words: str) -> str:
    """Lower-case and fold white space and typographic apostrophes."""
    return _SPACE.sub(" ", words.replace("\u2019", "'")).strip().lower()


def _tokens(words: str) -> list[str]:
    text = normalise_words(words)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return _TOKEN.findall(text)


@functools.lru_cache(maxsize=4096)
def band_for(words: str) -> Band | None:
    """The band for the author's words, reading the whole phrase (module docstring): the known phrases are found
    left to right (longest first), a negator just before or after one mirrors its band, and the highest tier wins,
    then the first in reading order. None when no phrase with a level is found."""
    tokens = _tokens(words)
    best: tuple[int, int, str] | None = None
    i = 0
    while i < len(tokens):
        for size in range(min(_LONGEST, len(tokens) - i), 0, -1):
            found = _PHRASES.get(tuple(tokens[i:i + size]))
            if found is not None:
                break
        else:
            i += 1
            continue
        label, tier = found
        negated = _negated(tokens, i, i + size)
        if label is not None:
            label = MIRROR[label] if negated else label
            if best is None or (-tier, i) < (-best[0], best[1]):
                best = (tier, i, label)
        i += size
    return _BY_LABEL[best[2]] if best else None


def _negated(tokens: list[str], start: int, end: int) -> bool:
    """A negator right after the phrase or right before it, possibly across one auxiliary ("will not" after
    "certainly", "not be" before "likely")."""
    after = tokens[end:end + 2]
    before = tokens[max(0, start - 2):start][::-1]
    for side in (after, before):
        if side and (side[0] in NEGATORS or (len(side) == 2 and side[0] in AUXILIARIES and side[1] in NEGATORS)):
            return True
    return False


def probability_for(words: str) -> float | None:
    """The point probability for the author's words, or None when they are not on the scale."""
    band = band_for(words)
    return band.point if band else None


def known_phrases() -> list[str]:
    """Every phrase the scale knows, longest first."""
    return sorted((" ".join(p) for p in _PHRASES), key=lambda p: (-len(p), p))
