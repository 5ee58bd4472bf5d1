"""The bundled Mosul map (`maps/mosul-2014.yaml`): clean, complete, faithful to its source.

Coverage rule (strict), one use of `argmap coverage`: six lines of the article are not argument (date line, the
photo caption twice, the byline's two lines, the feedback line); the map's source excludes them (`coverage:
exclude`) and declares `minimum: 1`. Every other line is split into sentences, and every *word* (a run of letters
or digits) of every sentence must lie inside the character span of at least one quote; only white space and
punctuation may stay unquoted. So no clause of the article goes unencoded, however short ("because they were
harshly treated.").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from argmap.analysis.check import check
from argmap.analysis.coverage import SourceCoverage, source_coverage
from argmap.analysis.graph import Graph
from argmap.cli import main
from argmap.io import load
from argmap.io.document import MapDocument
from argmap.model import Forecast, Inference
from argmap.model.grades import grade_probability
from argmap.model.wep import band_for

REPO = Path(__file__).resolve().parent.parent
MAP = REPO / "maps" / "mosul-2014.yaml"
SEED = REPO / "seeds" / "chatham-house-2014-06-11-mosul.txt"
SOURCE_ID = "chatham-2014-06-11"

#: The only lines of the article that no node quotes (line numbers in the seed): they are not part of the argument,
#: and the map's source declares them under `coverage: exclude`.
EXCLUDED_LINES = {1: "date line", 4: "byline", 6: "byline", 9: "photo caption", 10: "photo caption", 51: "feedback"}

@pytest.fixture(scope="module")
def doc() -> MapDocument:
    return load(MAP)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


# -- coverage helpers: `argmap coverage` (argmap.analysis.coverage) ---------------------------------------------------

def covering(doc: MapDocument, without: frozenset[str] = frozenset()) -> SourceCoverage:
    """The coverage of the article by the map's quotes, leaving out the nodes named in `without`."""
    assert doc.map is not None
    kept = doc.map.model_copy(update={"nodes": [n for n in doc.map.nodes if n.id not in without]})
    return source_coverage(replace(doc, map=kept), doc.map.sources[0])


def uncovered_words(doc: MapDocument, without: frozenset[str] = frozenset()) -> dict[tuple[int, int], list[str]]:
    """Sentence span -> the words of that sentence that no quote covers (only sentences with such words)."""
    return {(s.start, s.end): list(s.missing) for s in covering(doc, without).gaps}


# -- check is silent -------------------------------------------------------------------------------------------------

def test_check_reports_nothing(doc: MapDocument) -> None:
    assert doc.map is not None
    assert [d.format() for d in check(doc)] == []


def test_cli_check_is_silent(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MAP)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "" and err.strip() == ""


def test_map_is_the_default_map() -> None:
    from argmap.paths import default_map
    assert Path(default_map()).resolve() == MAP.resolve()


def test_source_entry(doc: MapDocument, seed: str) -> None:
    assert doc.map is not None
    (source,) = doc.map.sources
    assert source.id == SOURCE_ID
    assert source.author == "Hayder al-Khoei" and source.publisher == "Chatham House"
    assert str(source.date) == "2014-06-11"
    assert source.path == "../seeds/chatham-house-2014-06-11-mosul.txt"
    assert doc.sources[SOURCE_ID].text == seed
    assert MAP.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../docs/argmap.schema.json\n")


# -- coverage --------------------------------------------------------------------------------------------------------

def test_every_word_of_every_sentence_is_quoted(doc: MapDocument, seed: str) -> None:
    result = covering(doc)
    assert not result.gaps, "\n".join(f"{s.line}: {s.text[:70]!r}: {s.missing}" for s in result.gaps)
    assert result.share == 1.0 and result.settings.minimum == 1 and result.unused_exclusions == []
    assert main(["coverage", str(MAP)]) == 0


def test_only_the_excluded_lines_are_unquoted(doc: MapDocument, seed: str) -> None:
    assert covering(doc).excluded == sorted(EXCLUDED_LINES)
    spans = [(q.start, q.end) for n in doc.map.nodes for q in n.quotes] if doc.map else []
    offset, unquoted = 0, []
    for number, line in enumerate(seed.split("\n"), start=1):
        if line.strip() and not any(s is not None and e is not None and s < offset + len(line) and e > offset
                                    for s, e in spans):
            unquoted.append(number)
        offset += len(line) + 1
    assert unquoted == sorted(EXCLUDED_LINES)


def test_sentence_split_sees_the_whole_article(doc: MapDocument) -> None:
    sentences = covering(doc).sentences
    first, last = sentences[0].text, sentences[-1].text
    assert first.startswith("ISIS’s takeover of Iraq’s third largest city") and first.endswith("polarization.")
    assert last == "The rising fear in both communities could easily explode if there is another spectacular trigger."
    assert len(sentences) == 32


def test_quotes_are_verbatim_and_unambiguous(doc: MapDocument, seed: str) -> None:
    assert doc.map is not None
    for node in doc.map.nodes:
        for index, quote in enumerate(node.quotes):
            assert doc.matches[(node.id, index)].exact, node.id
            assert seed[quote.start:quote.end] == quote.text
            assert seed.count(quote.text) == 1, f"{node.id}: {quote.text!r} occurs more than once"


def quoted_nodes(doc: MapDocument) -> list[str]:
    assert doc.map is not None
    return [node.id for node in doc.map.nodes if node.quotes]


def test_removing_any_quoting_node_breaks_coverage(doc: MapDocument) -> None:
    """Each quoting node covers some words no other node does: the coverage test would catch its deletion."""
    assert uncovered_words(doc) == {}
    survivors = [node_id for node_id in quoted_nodes(doc) if not uncovered_words(doc, frozenset({node_id}))]
    assert survivors == []


@pytest.mark.parametrize("node_id, words", [
    ("army-treated-residents-harshly", ["because", "they", "were", "harshly", "treated"]),
    ("turn-to-militias", ["In", "response", "to", "this"]),
    ("fear-could-explode", ["could", "easily", "explode"]),
])
def test_deleting_a_node_names_the_words_it_covered(doc: MapDocument, node_id: str, words: list[str]) -> None:
    assert list(uncovered_words(doc, frozenset({node_id})).values()) == [words]


# -- export ----------------------------------------------------------------------------------------------------------

def test_json_export_carries_located_quotes(capsysbinary: pytest.CaptureFixture[bytes], seed: str) -> None:
    assert main(["export", str(MAP), "-o", "-", "--to", "json"]) == 0
    data = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert data["sources"][0]["id"] == SOURCE_ID
    count = 0
    for node in data["nodes"]:
        for quote in node["quotes"]:
            assert isinstance(quote["start"], int) and isinstance(quote["end"], int), node["id"]
            assert seed[quote["start"]:quote["end"]] == quote["text"], node["id"]
            assert quote["source"] == SOURCE_ID
            count += 1
    assert count >= 60
    forecasts = [n for n in data["nodes"] if n["kind"] == "forecast"]
    assert forecasts and all(isinstance(n["probability"], float) for n in forecasts)


# -- structure -------------------------------------------------------------------------------------------------------

def test_every_node_has_an_actor_and_a_theme_and_a_readable_id(doc: MapDocument) -> None:
    assert doc.map is not None
    for node in doc.map.nodes:
        assert node.actors and node.themes, node.id
        assert set(node.actors) <= set(doc.map.actors) and set(node.themes) <= set(doc.map.themes)
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", node.id), f"{node.id}: use a readable slug"
        assert not re.fullmatch(r"n\d+", node.id)


def test_every_node_is_linked_and_inferences_are_complete(doc: MapDocument) -> None:
    assert doc.map is not None
    graph = Graph.of(doc.map)
    for node in doc.map.nodes:
        assert graph.into(node.id) or graph.out_of(node.id), node.id
        if isinstance(node, Inference):
            assert graph.into(node.id, "supports") and graph.out_of(node.id, "supports", "attacks"), node.id
            assert node.scheme and node.warrant, node.id


def test_forecasts_are_complete(doc: MapDocument) -> None:
    assert doc.map is not None
    forecasts = [n for n in doc.map.nodes if isinstance(n, Forecast)]
    assert len(forecasts) >= 9
    for fc in forecasts:
        assert fc.words, fc.id
        assert fc.probability is not None, fc.id
        band = band_for(fc.words)
        if fc.probability_basis == "scale":
            assert band is not None and fc.probability == band.point, fc.id
        else:
            assert fc.note and "by hand" in fc.note, f"{fc.id}: a hand-set probability needs a note saying why"
        assert fc.horizon is not None and fc.horizon.resolve_by is not None and fc.horizon.note, fc.id
        assert 1 <= len(fc.signposts) <= 3, fc.id
        res = fc.resolution
        assert res is not None and res.note and res.date, fc.id
        if res.outcome != "unclear":
            assert res.sources, fc.id
        for source in res.sources:
            assert source.url is None or source.url.startswith("http")
    assert sum(fc.probability_basis == "scale" for fc in forecasts) >= len(forecasts) - 2
    assert {fc.resolution.outcome for fc in forecasts if fc.resolution} == {"happened", "partly", "did-not-happen"}


def test_every_forecast_quotes_its_words(doc: MapDocument) -> None:
    assert doc.map is not None
    for fc in (n for n in doc.map.nodes if isinstance(n, Forecast)):
        assert any(fc.words in q.text for q in fc.quotes), f"{fc.id}: words {fc.words!r} are not in its quote"


def test_kinds_and_relation_types_are_all_used(doc: MapDocument) -> None:
    assert doc.map is not None
    kinds = Counter(n.kind for n in doc.map.nodes)
    assert set(kinds) == {"claim", "evidence", "inference", "forecast"}
    types = Counter(r.type for r in doc.map.relations)
    assert {"supports", "attacks", "undercuts", "condition"} <= set(types)


@pytest.mark.parametrize("source, kind, target", [
    ("army-abandoned-posts", "supports", "flight-reveals-motive"),
    ("flight-reveals-motive", "supports", "mosul-not-worth-dying-for"),
    ("maliki-reputation", "supports", "loss-should-cost-maliki"),
    ("loss-should-cost-maliki", "attacks", "maliki-benefits-politically"),
    ("refusals-predict-refusal", "attacks", "us-more-willing-drones"),
    ("spectacular-trigger", "condition", "fear-could-explode"),
])
def test_the_article_s_key_links(doc: MapDocument, source: str, kind: str, target: str) -> None:
    assert doc.map is not None
    assert any((r.source, r.type, r.target) == (source, kind, target) for r in doc.map.relations)


def test_flight_inference_is_an_abduction(doc: MapDocument) -> None:
    assert doc.map is not None
    node = doc.map.node("flight-reveals-motive")
    assert isinstance(node, Inference) and node.scheme == "abduction" and node.warrant


def test_relayed_reports_are_discounted(doc: MapDocument) -> None:
    assert doc.map is not None
    node = doc.map.node("militias-preparing-move-north")
    assert node is not None and node.kind == "evidence"
    grade = getattr(node, "grade", None)
    assert grade == "C3" and grade_probability(grade) < 0.8  # below the 0.8 of ungraded evidence


def test_scenarios_reference_existing_nodes(doc: MapDocument) -> None:
    assert doc.map is not None
    ids = set(doc.map.by_id)
    names = {s.id for s in doc.map.scenarios}
    assert {"spectacular-trigger", "no-trigger", "maliki-strengthened", "maliki-weakened", "baghdad-leans-east",
            "us-steps-in"} <= names
    for scenario in doc.map.scenarios:
        assert scenario.assume, scenario.id
        assert set(scenario.assume) <= ids and set(scenario.probabilities) <= ids, scenario.id
    trigger = {s.id: s for s in doc.map.scenarios}
    assert trigger["spectacular-trigger"].assume == {"spectacular-trigger": True}
    assert trigger["no-trigger"].assume == {"spectacular-trigger": False}
