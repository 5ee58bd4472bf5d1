"""The pure model: kinds, forecasts, probabilities from words, strictness."""

from __future__ import annotations

import doctest

import pytest
from pydantic import ValidationError

from argmap.model import ArgMap, Claim, Forecast, Relation, Scenario, Source, wep


def test_wep_doctests() -> None:
    assert doctest.testmod(wep).failed == 0


@pytest.mark.parametrize(
    ("words", "expected"),
    [("likely", 0.675), ("very likely", 0.875), ("almost certain", 0.97), ("remote", 0.03),
     ("will only", 0.875), ("may", 0.5), ("could easily", 0.675), ("is likely to", 0.675),
     ("highly improbable", 0.125), ("Unlikely", 0.325)],
)
def test_words_map_to_band_midpoints(words: str, expected: float) -> None:
    assert wep.probability_for(words) == expected


def test_the_estimative_word_outranks_a_bare_future() -> None:
    assert wep.band_for("will make such a conflict more likely").label == "very likely"  # type: ignore[union-attr]
    assert wep.band_for("could easily explode").label == "likely"  # type: ignore[union-attr]
    assert wep.band_for("is likely to have").label == "likely"  # type: ignore[union-attr]


def test_forecast_probability_derived_from_words() -> None:
    forecast = Forecast(id="f", text="x", words="likely")
    assert forecast.probability == 0.675
    assert forecast.probability_basis == "scale"


def test_stated_probability_wins_over_words() -> None:
    forecast = Forecast(id="f", text="x", words="likely", probability=0.6)
    assert (forecast.probability, forecast.probability_basis) == (0.6, "stated")


def test_changing_words_rederives_probability() -> None:
    forecast = Forecast(id="f", text="x", words="likely")
    forecast.words = "very unlikely"
    assert forecast.probability == 0.125


def test_words_off_the_scale_leave_no_probability() -> None:
    assert Forecast(id="f", text="x", words="some day, who knows").probability is None


def test_quotes_accept_plain_strings() -> None:
    claim = Claim(id="c", text="x", quotes=["one", {"text": "two", "source": "s"}])  # type: ignore[list-item]
    assert [q.text for q in claim.quotes] == ["one", "two"]
    assert claim.quotes[1].source == "s"
    assert [q.text for q in Claim(id="c", text="x", quotes="alone").quotes] == ["alone"]  # type: ignore[arg-type]


def test_the_schema_tells_editors_that_a_quote_may_be_text() -> None:
    from argmap.model.schema import json_schema

    quotes = json_schema()["$defs"]["Evidence"]["properties"]["quotes"]["anyOf"]
    items = quotes[0]["items"]["anyOf"]
    assert {"$ref": "#/$defs/Quote"} in items and {"type": "string", "minLength": 1} in items
    assert {"type": "string", "minLength": 1} in quotes


@pytest.mark.parametrize("bad", ["Army", "-lead", "with space", "ünï", ""])
def test_ids_must_be_slugs(bad: str) -> None:
    with pytest.raises(ValidationError):
        Claim(id=bad, text="x")


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Claim.model_validate({"id": "c", "text": "x", "evidense": 1})


def test_urls_must_be_http() -> None:
    with pytest.raises(ValidationError):
        Source(id="s", title="t", url="javascript:alert(1)")
    assert Source(id="s", title="t", url="https://example.org/a").url == "https://example.org/a"


def test_relation_types_are_closed() -> None:
    with pytest.raises(ValidationError):
        Relation(source="a", target="b", type="suports")  # type: ignore[arg-type]


def test_scenario_probabilities_in_range() -> None:
    with pytest.raises(ValidationError, match="between 0 and 1"):
        Scenario(id="s", title="t", probabilities={"f": 1.5})


def test_vocabulary_may_be_a_list() -> None:
    amap = ArgMap.model_validate({"title": "t", "themes": ["security", "politics"]})
    assert amap.themes == {"security": "security", "politics": "politics"}


def test_nodes_discriminated_by_kind() -> None:
    amap = ArgMap.model_validate({"title": "t", "nodes": [{"id": "a", "kind": "forecast", "text": "x"},
                                                          {"id": "b", "kind": "claim", "text": "y"}]})
    assert [type(n).__name__ for n in amap.nodes] == ["Forecast", "Claim"]
    assert amap.node("b") is amap.nodes[1]
    assert amap.node("zz") is None
