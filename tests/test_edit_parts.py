"""Edits of the parts of a map other than nodes (scenarios, sources, relations' fields, vocabularies, the map's
title and description), on YAML and JSON copies of the Mosul map: each edit changes only the bytes of the part it
is about, the result reads back as the intended data and loads without new errors, and undo gives back the file
byte for byte."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.check import check
from argmap.edit import operations as edit_ops
from argmap.edit import scenario_ops, source_ops, vocab_ops
from argmap.edit.part_values import read_held, read_probability
from argmap.edit.session import EditSession
from argmap.errors import EditError
from argmap.io import load
from argmap.io.parse import parse_text
from argmap.io.positions import Located
from support import MAPS, copy_map, decorate

MOSUL = next((m for m in MAPS if m.name == "mosul-2014.yaml"), None)
pytestmark = pytest.mark.skipif(MOSUL is None, reason="maps/mosul-2014.yaml is missing")

Loc = tuple[str | int, ...]
Operation = Callable[[dict[str, Any], Path], Any]


def _mosul_text(fmt: str) -> str:
    assert MOSUL is not None
    text = decorate(MOSUL.read_text(encoding="utf-8"))
    if fmt == "json":
        data = parse_text(text, "yaml", "x")[0]
        return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    return text


@pytest.fixture(params=["yaml", "json"])
def session(request: pytest.FixtureRequest, tmp_path: Path) -> EditSession:
    assert MOSUL is not None
    path = copy_map(MOSUL, tmp_path, _mosul_text(request.param))
    if request.param == "json":
        path = path.rename(path.with_suffix(".json"))
    return EditSession.open(path, journal=False)


def _scenario(data: dict[str, Any], scenario_id: str) -> int:
    return scenario_ops.find_scenario(data, scenario_id)


def _users(data: dict[str, Any], vocabulary: str, item: str) -> list[Loc]:
    return [("nodes", edit_ops.find_node(data, n), vocabulary) for n in vocab_ops.users(data, vocabulary, item)]


#: (name, operation on the data, the parts of the old data it may touch)
CASES: list[tuple[str, Operation, Callable[[dict[str, Any]], list[Loc]]]] = [
    ("title", lambda d, _b: edit_ops.set_map_field(d, "title", "Mosul: June 2014"), lambda d: [("title",)]),
    ("description", lambda d, _b: edit_ops.set_map_field(d, "description", "Short."), lambda d: [("description",)]),
    ("add scenario", lambda d, _b: scenario_ops.add_scenario(d, "worst", "Worst case", "All goes wrong."),
     lambda d: [("scenarios",)]),
    ("rename scenario", lambda d, _b: scenario_ops.rename_scenario(d, "no-trigger", "calm"),
     lambda d: [("scenarios", _scenario(d, "no-trigger"), "id")]),
    ("scenario title", lambda d, _b: scenario_ops.set_scenario_field(d, "us-steps-in", "title", "The US: in"),
     lambda d: [("scenarios", _scenario(d, "us-steps-in"), "title")]),
    ("drop description", lambda d, _b: scenario_ops.set_scenario_field(d, "no-trigger", "description", None),
     lambda d: [("scenarios", _scenario(d, "no-trigger"))]),
    ("assume", lambda d, _b: scenario_ops.set_assumption(d, "no-trigger", "isis-seizes-mosul", True),
     lambda d: [("scenarios", _scenario(d, "no-trigger"), "assume")]),
    ("flip assumption", lambda d, _b: scenario_ops.set_assumption(d, "no-trigger", "spectacular-trigger", True),
     lambda d: [("scenarios", _scenario(d, "no-trigger"), "assume", "spectacular-trigger")]),
    ("unassume", lambda d, _b: scenario_ops.set_assumption(d, "us-steps-in", "us-more-willing-drones", None),
     lambda d: [("scenarios", _scenario(d, "us-steps-in"), "assume")]),
    ("override", lambda d, _b: scenario_ops.set_override(d, "no-trigger", "fear-could-explode", 0.25),
     lambda d: [("scenarios", _scenario(d, "no-trigger"))]),
    ("drop override", lambda d, _b: scenario_ops.set_override(d, "us-steps-in", "baghdad-relies-on-russia-iran",
                                                               None),
     lambda d: [("scenarios", _scenario(d, "us-steps-in"))]),
    ("remove scenario", lambda d, _b: scenario_ops.remove_scenario(d, "maliki-weakened"),
     lambda d: [("scenarios", _scenario(d, "maliki-weakened"))]),
    ("source author", lambda d, _b: source_ops.set_source_field(d, "chatham-2014-06-11", "author", "H. al-Khoei"),
     lambda d: [("sources", 0, "author")]),
    ("source publisher", lambda d, _b: source_ops.set_source_field(d, "chatham-2014-06-11", "publisher",
                                                                   "Chatham House, London"),
     lambda d: [("sources", 0)]),
    ("source path", lambda d, base: source_ops.set_source_field(
        d, "chatham-2014-06-11", "path", str(Path(d["sources"][0]["path"]).with_name("copy.txt"))),
     lambda d: [("sources", 0, "path")]),
    ("relation note", lambda d, _b: edit_ops.set_relation_field(
        d, "isis-consolidated-territory", "supports", "isis-emboldened", "note", "the author's reading"),
     lambda d: [("relations", edit_ops.find_relation(d, "isis-consolidated-territory", "supports",
                                                     "isis-emboldened"))]),
    ("relation weight and by", lambda d, _b: edit_ops.set_relation_field(
        edit_ops.set_relation_field(d, "isis-consolidated-territory", "supports", "isis-emboldened", "weight",
                                    0.6).data, "isis-consolidated-territory", "supports", "isis-emboldened", "by",
        "analyst"),
     lambda d: [("relations", edit_ops.find_relation(d, "isis-consolidated-territory", "supports",
                                                     "isis-emboldened"))]),
    ("vocabulary label", lambda d, _b: vocab_ops.relabel(d, "actors", "maliki", "Nouri al-Maliki"),
     lambda d: [("actors", "maliki")]),
    ("vocabulary rename", lambda d, _b: vocab_ops.rename_entry(d, "actors", "isis", "islamic-state"),
     lambda d: [("actors",), *_users(d, "actors", "isis")]),
    ("vocabulary prune", lambda d, _b: vocab_ops.prune(d), lambda d: [("tags",)]),
    ("vocabulary forced removal", lambda d, _b: vocab_ops.remove_entry(d, "actors", "maliki", force=True),
     lambda d: [("actors",), *_users(d, "actors", "maliki")]),
]


def _span(doc_text: str, tree: Located | None, loc: Loc) -> tuple[int, int]:
    """The lines of the value at `loc`, from the start of its key's line to the end of its last line."""
    node = tree
    for step in loc:
        assert node is not None
        node = node.child(step)
    assert node is not None, loc
    start = doc_text.rfind("\n", 0, node.start_offset) + 1
    start = min(start, doc_text.rfind("\n", 0, max(0, _key_offset(doc_text, node))) + 1)
    while start > 0 and doc_text[start - 1] in " \n,":  # a JSON item goes with the comma before it
        start -= 1
    end = doc_text.find("\n", node.end_offset)
    return start, len(doc_text) if end < 0 else end + 1


def _key_offset(text: str, node: Located) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: node.key_line - 1])


@pytest.mark.parametrize(("name", "operation", "allowed"), CASES, ids=[case[0] for case in CASES])
def test_each_part_edit_changes_only_its_part(session: EditSession, name: str, operation: Operation,
                                              allowed: Callable[[dict[str, Any]], list[Loc]]) -> None:
    base = session.path.parent
    source = base / session.data["sources"][0]["path"]
    source.with_name("copy.txt").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    if name == "vocabulary prune":
        session.declare("tags", "spare", "Not used yet")
    before_text, before_data = session.text, copy.deepcopy(session.data)
    doc = session.document()
    errors = {(d.rule, d.node) for d in check(doc) if d.is_error}
    spans = [_span(before_text, doc.tree, loc) for loc in allowed(session.data)]
    session.apply(operation(session.data, base))
    assert session.data != before_data
    step = session._steps[-1]
    for splice in step.forward:
        assert any(start <= splice.start and splice.end <= end for start, end in spans), (name, splice, spans)
    assert parse_text(session.text, session.format, "x")[0] == session.data
    loaded = load(session.path, text=session.text)
    assert loaded.map is not None and not [d for d in loaded.diagnostics if d.is_error]
    assert not {(d.rule, d.node) for d in check(loaded) if d.is_error} - errors
    session.undo()
    assert session.text == before_text


def test_scenario_operations_refuse_with_the_reason() -> None:
    data = {"title": "T", "nodes": [{"id": "a", "kind": "claim", "text": "A"}],
            "scenarios": [{"id": "s", "title": "S", "assume": {"a": True}}]}
    cases: list[tuple[Callable[[], Any], str]] = [
        (lambda: scenario_ops.set_assumption(data, "z", "a", True), "no scenario 'z'"),
        (lambda: scenario_ops.set_assumption(data, "s", "b", True), "no node 'b'"),
        (lambda: scenario_ops.set_assumption(data, "s", "b", None), "assumes nothing about 'b'"),
        (lambda: scenario_ops.set_override(data, "s", "a", 1.5), "between 0 and 1"),
        (lambda: scenario_ops.add_scenario(data, "s", "again"), "already exists"),
        (lambda: scenario_ops.add_scenario(data, "Bad Id", "x"), "not a valid scenario id"),
        (lambda: scenario_ops.add_scenario(data, "t", ""), "title"),
        (lambda: scenario_ops.rename_scenario(data, "s", "s"), "already has that id"),
        (lambda: scenario_ops.set_scenario_field(data, "s", "titel", "x"), "did you mean 'title'"),
        (lambda: scenario_ops.set_scenario_field(data, "s", "title", None), "needs a title"),
    ]
    for call, message in cases:
        with pytest.raises(EditError, match=message):
            call()
    frozen = copy.deepcopy(data)
    outcome = scenario_ops.set_assumption(data, "s", "a", None)
    assert data == frozen and "assume" not in outcome.data["scenarios"][0]
    assert "reads as the baseline" in outcome.summary
    assert scenario_ops.rename_scenario(data, "s", "s2").data["scenarios"][0] == {"id": "s2", "title": "S",
                                                                                  "assume": {"a": True}}
    assert "scenarios" not in scenario_ops.remove_scenario(data, "s").data


def test_sources_rename_everywhere_and_refuse_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    data = {"title": "T", "default_source": "one",
            "sources": [{"id": "one", "title": "One"}, {"id": "two", "title": "Two", "path": "a.txt"}],
            "nodes": [{"id": "a", "kind": "claim", "text": "A", "quotes": ["x", {"text": "y", "source": "two"}]},
                      {"id": "b", "kind": "claim", "text": "B", "quotes": [{"text": "z", "source": "one"}]}]}
    renamed = source_ops.rename_source(data, "one", "first").data
    assert renamed["default_source"] == "first" and renamed["nodes"][1]["quotes"][0]["source"] == "first"
    assert renamed["nodes"][0] is data["nodes"][0]
    with pytest.raises(EditError, match=r"no file missing\.txt relative to the map"):
        source_ops.set_source_field(data, "one", "path", "missing.txt", base=tmp_path)
    assert source_ops.set_source_field(data, "one", "path", "a.txt", base=tmp_path).data["sources"][0] == {
        "id": "one", "title": "One", "path": "a.txt"}
    with pytest.raises(EditError, match="did you mean 'two'"):
        source_ops.set_source_field(data, "tow", "title", "x")
    with pytest.raises(EditError, match="quoted by 2 nodes"):
        source_ops.remove_source(data, "one")
    with pytest.raises(EditError, match="date"):
        source_ops.set_source_field(data, "one", "date", "June")
    assert source_ops.quoting(data, "two") == ["a"]


def test_vocabularies_keep_their_form() -> None:
    data = {"title": "T", "tags": ["army", "city"], "actors": {"isis": "ISIS", "army": "Army"},
            "nodes": [{"id": "a", "kind": "claim", "text": "A", "tags": ["army"], "actors": ["isis", "army"]}]}
    assert vocab_ops.rename_entry(data, "tags", "army", "military").data["tags"] == ["military", "city"]
    assert vocab_ops.relabel(data, "tags", "city", "The city").data["tags"] == {"army": "army", "city": "The city"}
    with pytest.raises(EditError, match="an actor 'army' is already declared"):
        vocab_ops.rename_entry(data, "actors", "isis", "army")
    with pytest.raises(EditError, match="used by 1 node \\(a\\)"):
        vocab_ops.remove_entry(data, "actors", "isis")
    forced = vocab_ops.remove_entry(data, "actors", "isis", force=True)
    assert forced.data["actors"] == {"army": "Army"} and forced.data["nodes"][0]["actors"] == ["army"]
    assert forced.removed == [{"node": "a", "vocabulary": "actors", "value": "isis"}]
    pruned = vocab_ops.prune(data)
    assert pruned.data["tags"] == ["army"] and [r["value"] for r in pruned.removed] == ["city"]
    with pytest.raises(EditError, match="nothing to prune"):
        vocab_ops.prune(pruned.data, "tags")
    with pytest.raises(EditError, match="did you mean 'tags'"):
        vocab_ops.prune(data, "tagz")


def test_typed_values() -> None:
    assert [read_held(w) for w in ("true", "False", "held", "none", "")] == [True, False, True, None, None]
    assert [read_probability(w) for w in ("0.4", "40%", "1", "none")] == [0.4, 0.4, 1.0, None]
    for word in ("1.5", "abc", "-3%"):
        with pytest.raises(ValueError):
            read_probability(word)
    with pytest.raises(ValueError):
        read_held("maybe")


PART_STEPS = ("title", "scenario-add", "scenario-title", "assume", "override", "scenario-rename", "scenario-remove",
              "source", "relation", "vocab-rename", "vocab-label")


def _part_step(session: EditSession, draw: Any) -> None:
    data = session.data
    scenarios = scenario_ops.scenario_ids(data) or ["none"]
    nodes = session.node_ids()
    words = draw(st.text(alphabet="ab yz:#'\"-é", min_size=1, max_size=16).filter(lambda s: s.strip() != ""))
    slug = draw(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True))
    step = draw(st.sampled_from(PART_STEPS))
    scenario = draw(st.sampled_from(scenarios))
    if step == "title":
        session.set_map_field(draw(st.sampled_from(["title", "description"])), words)
    elif step == "scenario-add":
        session.apply(scenario_ops.add_scenario(data, slug, words))
    elif step == "scenario-title":
        session.apply(scenario_ops.set_scenario_field(data, scenario, draw(st.sampled_from(["title",
                                                                                            "description"])), words))
    elif step == "assume":
        session.apply(scenario_ops.set_assumption(data, scenario, draw(st.sampled_from(nodes)),
                                                  draw(st.sampled_from([True, False, None]))))
    elif step == "override":
        session.apply(scenario_ops.set_override(data, scenario, draw(st.sampled_from(nodes)),
                                                draw(st.sampled_from([0.1, 0.75, None]))))
    elif step == "scenario-rename":
        session.apply(scenario_ops.rename_scenario(data, scenario, slug))
    elif step == "scenario-remove":
        session.apply(scenario_ops.remove_scenario(data, scenario))
    elif step == "source":
        session.apply(source_ops.set_source_field(data, source_ops.source_ids(data)[0],
                                                  draw(st.sampled_from(["author", "publisher", "title"])), words))
    elif step == "relation":
        rel = draw(st.sampled_from(data["relations"]))
        field, value = draw(st.sampled_from([("note", words), ("weight", 0.5), ("by", "analyst"), ("note", None)]))
        session.set_relation_field(rel["source"], rel["type"], rel["target"], field, value)
    elif step == "vocab-rename":
        vocabulary = draw(st.sampled_from(["tags", "actors", "themes"]))
        session.apply(vocab_ops.rename_entry(data, vocabulary, draw(st.sampled_from(
            vocab_ops.entries(data, vocabulary))), slug))
    else:
        vocabulary = draw(st.sampled_from(["tags", "actors", "themes"]))
        session.apply(vocab_ops.relabel(data, vocabulary, draw(st.sampled_from(vocab_ops.entries(data, vocabulary))),
                                        words))


@settings(max_examples=int(os.environ.get("EDIT_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data(), fmt=st.sampled_from(["yaml", "json"]))
def test_random_part_edits_read_back_and_undo_exactly(tmp_path: Path, data: st.DataObject, fmt: str) -> None:
    assert MOSUL is not None
    folder = tmp_path / fmt
    path = copy_map(MOSUL, folder, _mosul_text(fmt))
    if fmt == "json":
        path = path.with_suffix(".json")
        path.write_text(_mosul_text(fmt), encoding="utf-8")
    session = EditSession.open(path, journal=False)
    session.document()
    original = session.text
    texts = [original]
    for _ in range(data.draw(st.integers(1, 5))):
        try:
            _part_step(session, data.draw)
        except EditError:
            assert session.text == texts[-1]
            continue
        assert parse_text(session.text, fmt, "x")[0] == session.data
        texts.append(session.text)
        patched, loaded = session.document(), load(session.path, text=session.text)  # patched as loading reads it
        assert patched.map == loaded.map and patched.diagnostics == loaded.diagnostics
    while session.undo():
        pass
    assert session.text == original
