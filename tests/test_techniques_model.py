"""The techniques in the map format: assumptions, structured signposts, dated updates, grades, confidence, ACH
groups; old maps stay valid; fmt, the canonical JSON and the editing engine carry them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from argmap.analysis.check import check
from argmap.analysis.semantics import evaluate
from argmap.edit.node_draft import draft_of, read_draft
from argmap.edit.session import EditSession
from argmap.io import load
from argmap.io.canonical import dump_yaml, to_canonical
from argmap.model import Claim, Evidence, Forecast, Signpost
from argmap.model.grades import grade_probability

MAP = """\
nodes:
  - id: rally
    kind: claim
    text: A rally helps the premier.
    confidence: moderate
    assumption:
      status: failed
      reason: The clergy turned against him.
      would_fail_if: The clergy asks for a new premier.
      assessed: 2014-08-14
  - id: fled
    kind: evidence
    text: Units fled.
    grade: B2
  - id: momentum
    kind: forecast
    text: He gains momentum.
    words: will
    confidence: low
    signposts:
      - Rivals endorse him
      - watch: The clergy distances itself
        points_to: does-not-happen
        observations:
          - {date: 2014-07-09, observed: true, source: Sistani's letter}
    updates:
      - {date: 2014-07-10, probability: 0.3, reason: the clergy's letter}
    resolution:
      criteria: He is named prime minister again.
# the ACH matrix
hypotheses:
  - id: why-fled
    title: Why the units fled
    hypotheses: [rally, {id: orders, text: Orders to withdraw}]
    evidence:
      - {item: fled, credibility: high, relevance: low, ratings: {rally: C, orders: I}}
relations:
  - {source: fled, target: rally, type: supports}
  - {source: rally, target: momentum, type: supports}
"""


def test_fields_load_and_check_clean(write_map: Callable[..., Path]) -> None:
    doc = load(write_map(MAP))
    assert doc.map is not None and [d.format() for d in check(doc)] == []
    rally, fled, momentum = (doc.map.node(i) for i in ("rally", "fled", "momentum"))
    assert isinstance(rally, Claim) and rally.assumption is not None and rally.assumption.status == "failed"
    assert isinstance(fled, Evidence) and fled.grade == "B2"
    assert isinstance(momentum, Forecast) and momentum.resolution is not None
    assert momentum.resolution.outcome is None and momentum.resolution.criteria  # criteria before the outcome
    assert isinstance(momentum.signposts[1], Signpost) and momentum.signposts[0] == "Rivals endorse him"
    assert doc.map.hypotheses[0].hypotheses[0].id == "rally"


def test_canonical_json_only_adds_fields(write_map: Callable[..., Path]) -> None:
    doc = load(write_map(MAP))
    assert doc.map is not None
    data = to_canonical(doc.map)
    assert list(data)[-2:] == ["hypotheses", "rules"]
    forecast = data["nodes"][2]
    assert list(forecast)[-2:] == ["updates", "confidence"]
    assert forecast["signposts"][0] == "Rivals endorse him"  # a plain signpost stays a string


def test_fmt_round_trips(write_map: Callable[..., Path], tmp_path: Path) -> None:
    doc = load(write_map(MAP))
    assert doc.map is not None
    again = load(write_map(dump_yaml(doc.map), name="again.yaml", header=False))
    assert again.map is not None and to_canonical(again.map) == to_canonical(doc.map)


def test_grade_sets_the_base_score_unless_ignored(write_map: Callable[..., Path]) -> None:
    doc = load(write_map(MAP))
    assert doc.map is not None
    assert grade_probability("B2") == 0.77 and grade_probability("E5") == 0.4125
    assert evaluate(doc.map).base["fled"] == 0.77
    assert evaluate(doc.map, grades=False).base["fled"] == 0.8


def test_old_resolution_with_outcome_still_loads(write_map: Callable[..., Path]) -> None:
    doc = load(write_map("nodes:\n  - {id: f, kind: forecast, text: F., words: likely, resolution: {outcome: "
                         "happened, criteria: x}}\n"))
    assert doc.map is not None and doc.fully_loaded


def test_bad_grade_is_a_positioned_schema_error(write_map: Callable[..., Path]) -> None:
    doc = load(write_map(MAP.replace("grade: B2", "grade: G9")))
    found = [d for d in check(doc) if d.rule == "schema"]
    assert found and found[0].line == 19 and "not a NATO/Admiralty grade" in found[0].message, found


def test_rating_edit_keeps_comments_and_rename_follows(write_map: Callable[..., Path]) -> None:
    path = write_map(MAP)
    session = EditSession.open(path, journal=False)
    session.set_rating("why-fled", "fled", "orders", "II")
    session.rename_node("rally", "rally-helps")
    session.save()
    text = path.read_text(encoding="utf-8")
    assert "# the ACH matrix" in text and "orders: II" in text
    doc = load(path)
    assert doc.map is not None and [d.format() for d in check(doc)] == []
    assert doc.map.hypotheses[0].evidence[0].ratings == {"rally-helps": "C", "orders": "II"}


def test_node_form_keeps_structured_signposts(write_map: Callable[..., Path]) -> None:
    doc = load(write_map(MAP))
    assert doc.map is not None
    original = {"kind": "forecast", **doc.map.nodes[2].model_dump(mode="json", exclude_defaults=True)}
    draft = draft_of(original)
    assert draft["signposts"] == "Rivals endorse him\nThe clergy distances itself"
    result = read_draft(draft, original=original)
    assert result.ok, result.errors
    assert result.node["signposts"][1]["observations"][0]["source"] == "Sistani's letter"
    assert result.node["resolution"] == {"criteria": "He is named prime minister again."}


def test_detail_pane_shows_assumption_grade_confidence_and_timeline(write_map: Callable[..., Path]) -> None:
    from argmap.tui.detail import node_fields

    doc = load(write_map(MAP))
    assert doc.map is not None
    rally = dict(node_fields(doc, doc.map.nodes[0]))
    assert rally["key assumption"].startswith("failed; The clergy turned against him.")
    assert rally["confidence"].startswith("moderate")
    assert dict(node_fields(doc, doc.map.nodes[1]))["grade"] == "B2 (usually reliable; probably true), base 0.77"
    history = dict(node_fields(doc, doc.map.nodes[2]))["timeline"]
    assert "2014-07-09 signpost seen: The clergy distances itself" in history
    assert history.index("2014-07-09") < history.index("2014-07-10 updated by the analyst to p 0.30")
