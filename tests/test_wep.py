"""Words of estimative probability read as whole phrases: negation, intensifiers, hedges and possibilities."""

from __future__ import annotations

import pytest

from argmap.model import Forecast
from argmap.model.wep import POSSIBILITY, band_for, known_phrases

P = POSSIBILITY.label

TABLE: list[tuple[str, str | None]] = [
    # ICD 203's own words
    ("almost no chance", "almost no chance"), ("remote", "almost no chance"), ("very unlikely", "very unlikely"),
    ("highly improbable", "very unlikely"), ("unlikely", "unlikely"), ("improbable", "unlikely"),
    ("roughly even chance", "roughly even chance"), ("roughly even odds", "roughly even chance"),
    ("likely", "likely"), ("probable", "likely"), ("probably", "likely"), ("very likely", "very likely"),
    ("highly probable", "very likely"), ("highly likely", "very likely"), ("almost certain", "almost certain"),
    ("almost certainly", "almost certain"), ("nearly certain", "almost certain"),
    # negation
    ("not likely", "unlikely"), ("probably not", "unlikely"), ("likely not", "unlikely"),
    ("is not likely to", "unlikely"), ("will probably not", "unlikely"), ("is not expected to", "unlikely"),
    ("will not", "very unlikely"), ("won't", "very unlikely"), ("won\u2019t", "very unlikely"),
    ("would not", "very unlikely"), ("wouldn't", "very unlikely"), ("will never", "very unlikely"),
    ("almost certainly not", "almost no chance"), ("certainly not", "almost no chance"),
    ("certainly will not", "almost no chance"), ("very likely not", "very unlikely"),
    ("not unlikely", "roughly even chance"), ("may not", P), ("might not", P),
    # intensifiers
    ("highly unlikely", "very unlikely"), ("Very Unlikely", "very unlikely"), ("extremely unlikely", "very unlikely"),
    ("highly doubtful", "very unlikely"), ("extremely likely", "very likely"), ("very probably", "very likely"),
    ("most likely", "likely"), ("quite likely", "likely"), ("no chance", "almost no chance"),
    ("virtually impossible", "almost no chance"), ("little chance", "very unlikely"),
    ("virtually certain", "almost certain"),
    # hedges and futures
    ("doubtful", "unlikely"), ("certainly", "almost certain"), ("definitely", "almost certain"),
    ("expected to", "likely"), ("is expected to rise", "likely"), ("is set to", "likely"),
    ("could easily", "likely"), ("could easily explode", "likely"), ("may well", "likely"),
    ("in all likelihood", "likely"), ("good chance", "likely"), ("will", "very likely"),
    ("will only", "very likely"), ("would", "very likely"), ("will probably", "likely"), ("will likely", "likely"),
    ("will almost certainly", "almost certain"), ("will make such a conflict more likely", "very likely"),
    ("is likely to have", "likely"), ("as likely as not", "roughly even chance"),
    # possibilities the author does not assess
    ("may", P), ("might", P), ("could", P), ("perhaps", P), ("possibly", P), ("it is possible", P),
    ("could further escalate", P), ("cannot rule out", P), ("can't rule out", P), ("not certain", P),
    ("perhaps likely", "likely"), ("may be unlikely", "unlikely"),
    # not on the scale
    ("scheduled for tomorrow", None), ("has little choice but to", None), ("someday", None),
    ("more likely", None),
]


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 60
    assert len({words for words, _ in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("words", "label"), TABLE)
def test_phrase_bands(words: str, label: str | None) -> None:
    band = band_for(words)
    assert (band.label if band else None) == label, words


def test_possibility_is_recorded_as_not_assessed() -> None:
    band = band_for("might")
    assert band is not None and not band.assessed and band.point == 0.5
    assert all(b.assessed for w, b in ((w, band_for(w)) for w in ("likely", "will not", "doubtful")) if b)
    forecast = Forecast(id="f", text="x", words="may")
    assert forecast.probability == 0.5 and forecast.probability_basis == "scale"


def test_every_known_phrase_reads_as_itself() -> None:
    for phrase in known_phrases():
        band = band_for(phrase)
        assert band is not None or phrase.endswith(("likely", "probable")), phrase
