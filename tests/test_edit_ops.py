"""Edit operations on a map's data: what they change, what they share, and how they refuse bad requests."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from argmap.edit import operations as edit_ops
from argmap.errors import EditError


def _data() -> dict[str, Any]:
    return {
        "title": "T",
        "tags": ["army"],
        "nodes": [
            {"id": "a", "kind": "evidence", "text": "A", "tags": ["army"]},
            {"id": "b", "kind": "claim", "text": "B"},
            {"id": "f", "kind": "forecast", "text": "F", "words": "likely"},
            {"id": "i", "kind": "inference", "text": "I"},
        ],
        "relations": [{"source": "a", "target": "i", "type": "supports"},
                      {"source": "i", "target": "b", "type": "supports"},
                      {"source": "b", "target": "f", "type": "condition"}],
        "scenarios": [{"id": "s", "title": "S", "assume": {"a": False, "b": True}, "probabilities": {"f": 0.2}}],
    }


def test_operations_share_what_they_do_not_change() -> None:
    data = _data()
    frozen = copy.deepcopy(data)
    outcome = edit_ops.set_field(data, "f", "resolution.outcome", "happened")
    assert data == frozen  # nothing changed in place
    assert outcome.data["nodes"][2]["resolution"] == {"outcome": "happened"}
    assert outcome.data["nodes"][0] is data["nodes"][0] and outcome.data["relations"] is data["relations"]
    assert outcome.summary == "set f.resolution.outcome: (none) -> 'happened'" and outcome.focus == "f"


def test_new_keys_follow_the_schema_order() -> None:
    outcome = edit_ops.set_field(_data(), "f", "probability", 0.7)
    assert list(outcome.data["nodes"][2]) == ["id", "kind", "text", "words", "probability"]
    outcome = edit_ops.set_field(_data(), "a", "note", "n")
    assert list(outcome.data["nodes"][0]) == ["id", "kind", "text", "tags", "note"]
    outcome = edit_ops.set_field(_data(), "a", "quotes", ["q"])
    assert list(outcome.data["nodes"][0]) == ["id", "kind", "text", "quotes", "tags"]
    outcome = edit_ops.declare(_data(), "actors", "isis", "Islamic State")
    assert list(outcome.data) == ["title", "tags", "actors", "nodes", "relations", "scenarios"]


def test_none_removes_and_empty_nested_mappings_go() -> None:
    data = edit_ops.set_field(_data(), "f", "resolution.outcome", "happened").data
    data = edit_ops.set_field(data, "f", "resolution.outcome", None).data
    assert "resolution" not in data["nodes"][2]
    assert "tags" not in edit_ops.set_field(_data(), "a", "tags", None).data["nodes"][0]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda d: edit_ops.set_field(d, "bb", "text", "x"), "no node 'bb'; did you mean 'b'?"),
        (lambda d: edit_ops.set_field(d, "f", "probabilty", 0.5), "a forecast has no field 'probabilty'; did you "
                                                                   "mean 'probability'?"),
        (lambda d: edit_ops.set_field(d, "i", "strenght", 0.5), "an inference has no field 'strenght'"),
        (lambda d: edit_ops.set_field(d, "f", "resolution.outcom", "x"), "no field 'outcom' here; did you mean "
                                                                         "'outcome'?"),
        (lambda d: edit_ops.set_field(d, "f", "probability", 1.5), "node 'f': probability must be less than or "
                                                                   "equal to 1, not 1.5"),
        (lambda d: edit_ops.set_field(d, "f", "resolution.outcome", "yes"), "'yes' is not a valid outcome"),
        (lambda d: edit_ops.set_field(d, "a", "kind", "evidense"), "did you mean 'evidence'?"),
        (lambda d: edit_ops.set_field(d, "a", "text", ""), "text must not be empty"),
        (lambda d: edit_ops.set_field(d, "a", "tags.3", "x"), "no item 3 in this list"),
        (lambda d: edit_ops.set_field(d, "a", "", "x"), "bad field"),
        (lambda d: edit_ops.add_node(d, {"id": "a", "kind": "claim", "text": "x"}), "a node 'a' already exists"),
        (lambda d: edit_ops.add_node(d, {"id": "Bad Id", "kind": "claim", "text": "x"}), "not a valid node id"),
        (lambda d: edit_ops.add_node(d, {"id": "n", "kind": "clam", "text": "x"}), "did you mean 'claim'?"),
        (lambda d: edit_ops.add_node(d, {"id": "n", "kind": "claim"}), "missing required field 'text'"),
        (lambda d: edit_ops.add_relation(d, "a", "suports", "b"), "did you mean 'supports'?"),
        (lambda d: edit_ops.add_relation(d, "a", "supports", "a"), "not 'a' to itself"),
        (lambda d: edit_ops.add_relation(d, "a", "supports", "i"), "'a supports i' is already in the map"),
        (lambda d: edit_ops.add_relation(d, "a", "supports", "x"), "no node 'x'"),
        (lambda d: edit_ops.add_relation(d, "a", "supports", "b", weight=2), "weight must be less than or equal"),
        (lambda d: edit_ops.remove_relation(d, "a", "attacks", "i"), "no relation 'a attacks i'; 'a' has: a "
                                                                     "supports i"),
        (lambda d: edit_ops.retype_relation(d, "a", "supports", "i", "supports"), "already has that type"),
        (lambda d: edit_ops.rename_node(d, "a", "b"), "a node 'b' already exists"),
        (lambda d: edit_ops.rename_node(d, "a", "A!"), "not a valid node id"),
        (lambda d: edit_ops.set_map_field(d, "titel", "x"), "did you mean 'title'?"),
        (lambda d: edit_ops.set_map_field(d, "title", ""), "title must not be empty"),
        (lambda d: edit_ops.declare(d, "tags", "army"), "already declared"),
        (lambda d: edit_ops.declare(d, "colours", "red"), "not a vocabulary"),
    ],
)
def test_bad_requests_are_refused_with_the_reason(call: Any, message: str) -> None:
    data = _data()
    frozen = copy.deepcopy(data)
    with pytest.raises(EditError) as caught:
        call(data)
    assert message in str(caught.value)
    assert data == frozen


def test_an_invalid_node_may_still_be_edited() -> None:
    data = _data()
    data["nodes"][1] = {"id": "b", "kind": "claim"}  # no text: invalid in the file already
    outcome = edit_ops.set_field(data, "b", "note", "working on it")
    assert outcome.data["nodes"][1]["note"] == "working on it"


def test_remove_node_takes_relations_and_scenario_entries() -> None:
    outcome = edit_ops.remove_node(_data(), "b")
    assert outcome.data["relations"] == [{"source": "a", "target": "i", "type": "supports"}]
    assert outcome.data["scenarios"][0]["assume"] == {"a": False}
    assert outcome.removed == [{"source": "i", "target": "b", "type": "supports"},
                               {"source": "b", "target": "f", "type": "condition"},
                               {"scenario": "s", "field": "assume", "node": "b", "value": True}]
    assert outcome.focus == "f" and outcome.subject == "b"
    assert "2 relations" in outcome.summary


def test_rename_updates_every_mention() -> None:
    outcome = edit_ops.rename_node(_data(), "f", "fall")
    assert outcome.data["nodes"][2]["id"] == "fall"
    assert outcome.data["relations"][2] == {"source": "b", "target": "fall", "type": "condition"}
    assert outcome.data["scenarios"][0]["probabilities"] == {"fall": 0.2}
    assert list(edit_ops.rename_node(_data(), "a", "a2").data["scenarios"][0]["assume"]) == ["a2", "b"]
    assert edit_ops.set_field(_data(), "a", "id", "a3").data["nodes"][0]["id"] == "a3"


def test_relations_and_vocabularies() -> None:
    data = edit_ops.add_relation(_data(), "a", "attacks", "b", note="why").data
    assert data["relations"][-1] == {"source": "a", "target": "b", "type": "attacks", "note": "why"}
    data = edit_ops.retype_relation(data, "a", "attacks", "b", "supports").data
    data = edit_ops.set_relation_field(data, "a", "supports", "b", "weight", 0.5).data
    assert data["relations"][-1] == {"source": "a", "target": "b", "type": "supports", "note": "why", "weight": 0.5}
    data = edit_ops.remove_relation(data, "a", "supports", "b").data
    assert len(data["relations"]) == 3
    assert edit_ops.declare(_data(), "tags", "city").data["tags"] == ["army", "city"]
    no_relations = {k: v for k, v in _data().items() if k != "relations"}
    assert list(edit_ops.add_relation(no_relations, "a", "supports", "b").data) == [
        "title", "tags", "nodes", "relations", "scenarios"]


def test_add_node_after_another_and_in_schema_order() -> None:
    outcome = edit_ops.add_node(_data(), {"text": "N", "words": "may", "kind": "forecast", "id": "n"}, after="a")
    assert [n["id"] for n in outcome.data["nodes"]] == ["a", "n", "b", "f", "i"]
    assert list(outcome.data["nodes"][1]) == ["id", "kind", "text", "words"]
    assert outcome.focus == "n"


def test_text_fields_are_known() -> None:
    from argmap.model import NODE_CLASSES

    assert edit_ops.is_text_field(NODE_CLASSES["forecast"], ["words"])
    assert edit_ops.is_text_field(NODE_CLASSES["forecast"], ["resolution", "note"])
    assert not edit_ops.is_text_field(NODE_CLASSES["forecast"], ["probability"])
    assert not edit_ops.is_text_field(NODE_CLASSES["claim"], ["tags"])
