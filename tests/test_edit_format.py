"""Editing keeps the user's file: only the edited lines change, byte for byte, whatever the comments and style."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.edit.session import EditSession
from argmap.errors import EditError, LayoutError
from argmap.io import load
from argmap.io.parse import parse_text
from support import MAPS, SOURCE_TEXT, changed, changed_old_lines, copy_map, decorate

STYLES = """\
# yaml-language-server: $schema=../docs/argmap.schema.json
# Hand-written map with every style.
argmap: 1
title: 'Fixture: styles'   # the title
sources:
  - id: src
    title: A test source
    path: source.txt
tags: {army: Army, city: City}
actors:
  iraqi-army: Iraqi army

nodes:
  # first the evidence
  - id: army-left
    kind: evidence
    text: The army left the city.
    quotes: [The army left the city]
    tags: [army]
    actors:
      - iraqi-army   # only actor

  - id: further-violence
    kind: forecast
    text: "Further violence is likely"
    words: likely   # hedge
    horizon: {stated: soon, resolve_by: 2014-12-31}
    resolution:
      outcome: did-not-happen   # initial guess
      # sources to come
      note: |
        Long note
        on two lines
    signposts:
      - more attacks
      - "curfews: announced"

  - id: city-lost
    kind: claim
    text: The city is lost.
    note: >
      folded note
relations:
  - source: army-left
    target: city-lost
    type: supports
  - {source: city-lost, target: further-violence, type: condition}  # conditional
scenarios:
  - id: worst
    title: Worst case
    assume: {army-left: true}
    probabilities:
      further-violence: 0.9   # pessimistic
"""


@pytest.fixture
def styles(tmp_path: Path) -> EditSession:
    (tmp_path / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "styles.yaml"
    path.write_text(STYLES, encoding="utf-8")
    return EditSession.open(path)


@pytest.fixture(params=[m.name for m in MAPS])
def decorated(request: pytest.FixtureRequest, tmp_path: Path) -> EditSession:
    source = next(m for m in MAPS if m.name == request.param)
    original = source.read_text(encoding="utf-8")
    text = decorate(original)
    assert parse_text(text, "yaml", "x")[0] == parse_text(original, "yaml", "x")[0]
    return EditSession.open(copy_map(source, tmp_path, text))


def test_fixture_map_is_clean(styles: EditSession) -> None:
    doc = styles.document()
    assert doc.map is not None and not [d for d in doc.diagnostics if d.severity == "error"]


# -- one field -----------------------------------------------------------------------------------------------------

def test_scalar_keeps_its_inline_comment(styles: EditSession) -> None:
    old = styles.text
    styles.set_field("further-violence", "resolution.outcome", "happened")
    assert changed(old, styles.text) == ["-      outcome: did-not-happen   # initial guess",
                                         "+      outcome: happened   # initial guess"]


def test_quoted_string_keeps_its_quotes(styles: EditSession) -> None:
    old = styles.text
    styles.set_field("further-violence", "text", "More violence is likely")
    assert changed(old, styles.text) == ['-    text: "Further violence is likely"',
                                         '+    text: "More violence is likely"']
    styles.set_map_field("title", "New: title")
    assert changed(old, styles.text)[:2] == ["-title: 'Fixture: styles'   # the title",
                                              "+title: 'New: title'   # the title"]


def test_new_field_goes_after_its_predecessor_in_the_schema(styles: EditSession) -> None:
    old = styles.text
    styles.set_field("further-violence", "resolution.date", "2014-06-29")
    assert changed(old, styles.text) == ["+      date: 2014-06-29"]
    lines = styles.text.splitlines()
    assert lines[lines.index("      date: 2014-06-29") - 1] == "      outcome: did-not-happen   # initial guess"
    styles.set_field("further-violence", "probability", 0.7)
    assert "    words: likely   # hedge\n    probability: 0.7\n" in styles.text


def test_flow_collections_stay_flow(styles: EditSession) -> None:
    old = styles.text
    styles.set_field("further-violence", "horizon.resolve_by", "2015-06-30")
    styles.set_field("army-left", "tags", ["army", "city"])
    assert changed(old, styles.text) == [
        "-    tags: [army]", "+    tags: [army, city]",
        "-    horizon: {stated: soon, resolve_by: 2014-12-31}", "+    horizon: {stated: soon, resolve_by: 2015-06-30}"]


def test_list_items_edited_one_by_one(styles: EditSession) -> None:
    old = styles.text
    styles.set_field("further-violence", "signposts.1", "curfews: lifted")
    assert changed(old, styles.text) == ['-      - "curfews: announced"', '+      - "curfews: lifted"']
    styles.set_field("further-violence", "signposts", ["more attacks", "curfews: lifted", "fuel queues"])
    assert changed(old, styles.text)[-1] == "+      - fuel queues"
    assert len(changed(old, styles.text)) == 3


def test_block_scalars_are_rewritten_in_place(styles: EditSession) -> None:
    old = styles.text
    styles.set_field("city-lost", "note", "a folded note\nnow on two lines")
    assert changed(old, styles.text) == ["-    note: >", "-      folded note", "+    note: >-", "+      a folded note",
                                         "+", "+      now on two lines"]
    styles.set_field("further-violence", "resolution.note", "one line")
    assert "      outcome: did-not-happen   # initial guess\n      # sources to come\n      note: one line\n" \
        in styles.text


def test_removing_a_field_removes_its_lines(styles: EditSession) -> None:
    old = styles.text
    styles.set_field("further-violence", "resolution.note", None)
    assert changed(old, styles.text) == ["-      note: |", "-        Long note", "-        on two lines"]


def test_top_level_vocabularies(styles: EditSession) -> None:
    old = styles.text
    styles.declare("tags", "town", "Town")
    styles.declare("actors", "isis", "Islamic State")
    assert changed(old, styles.text) == ["-tags: {army: Army, city: City}",
                                         "+tags: {army: Army, city: City, town: Town}", "+  isis: Islamic State"]


# -- relations -----------------------------------------------------------------------------------------------------

def test_retype_block_and_flow_relations(styles: EditSession) -> None:
    old = styles.text
    styles.retype_relation("army-left", "supports", "city-lost", "attacks")
    styles.retype_relation("city-lost", "condition", "further-violence", "supports")
    assert changed(old, styles.text) == [
        "-    type: supports", "-  - {source: city-lost, target: further-violence, type: condition}  # conditional",
        "+    type: attacks", "+  - {source: city-lost, target: further-violence, type: supports}  # conditional"]


def test_remove_relation_removes_exactly_its_lines(styles: EditSession) -> None:
    old = styles.text
    styles.remove_relation("army-left", "supports", "city-lost")
    assert changed(old, styles.text) == ["-  - source: army-left", "-    target: city-lost", "-    type: supports"]


def test_rename_updates_relations_and_scenarios(styles: EditSession) -> None:
    old = styles.text
    edit = styles.rename_node("army-left", "army-fled")
    assert edit.focus == "army-fled"
    assert changed(old, styles.text) == [
        "-  - id: army-left", "+  - id: army-fled", "-  - source: army-left", "+  - source: army-fled",
        "-    assume: {army-left: true}", "+    assume: {army-fled: true}"]


def test_remove_node_takes_relations_and_scenario_entries(styles: EditSession) -> None:
    old = styles.text
    edit = styles.remove_node("further-violence")
    assert [r.get("type") or r.get("field") for r in edit.removed] == ["condition", "probabilities"]
    lost = changed(old, styles.text)
    assert all(line.startswith("-") for line in lost)
    assert lost[0] == "-  - id: further-violence" and lost[-1] == "-      further-violence: 0.9   # pessimistic"
    assert "-  - {source: city-lost, target: further-violence, type: condition}  # conditional" in lost
    assert "    assume: {army-left: true}" in styles.text


# -- the bundled maps, decorated by hand -----------------------------------------------------------------------

def _node_lines(session: EditSession, node_id: str) -> range:
    span = load(session.path, text=session.text).node_span(node_id)
    assert span is not None
    return range(span.line - 1, span.end_line + 1)


def test_decorated_map_every_node_edit_stays_inside_the_node(decorated: EditSession) -> None:
    for node in decorated.data["nodes"]:
        node_id = node["id"]
        lines = _node_lines(decorated, node_id)
        before = decorated.text
        decorated.set_field(node_id, "note", "checked by hand")
        assert set(changed_old_lines(before, decorated.text)) <= set(lines), node_id
        diff = changed(before, decorated.text)
        assert [line for line in diff if line.startswith("+")] == ["+    note: checked by hand"]
        removed = [line for line in diff if line.startswith("-")]
        assert removed == [] if "note" not in node else removed[0].startswith("-    note:")
        decorated.undo()
        assert decorated.text == before


def test_decorated_map_text_edit_keeps_quotes_and_comments(decorated: EditSession) -> None:
    first = decorated.node_ids()[0]
    before = decorated.text
    line = next(line for line in before.splitlines() if line.startswith("    text: "))
    decorated.set_field(first, "text", "A new paraphrase")
    quote = line[len("    text: ")]
    expected = f"    text: {quote}A new paraphrase{quote}" if quote in "\"'" else "    text: A new paraphrase"
    assert changed(before, decorated.text) == [f"-{line}", f"+{expected}"]
    decorated.undo()
    kind_line = next(line for line in before.splitlines() if line.startswith("    kind: evidence"))
    node = next(n for n in decorated.data["nodes"] if n["kind"] == "evidence" and "credibility" not in n)
    decorated.set_field(node["id"], "credibility", 0.8)
    assert changed(before, decorated.text) == ["+    credibility: 0.8"]
    assert kind_line in decorated.text


def test_decorated_map_remove_node_removes_exactly_its_lines(decorated: EditSession) -> None:
    node_id = decorated.node_ids()[1]
    before = decorated.text
    relation_lines = [line for line in before.splitlines() if line.startswith("  - {") and node_id in line.replace(
        "source: ", " ").replace("target: ", " ").replace(",", " ").split()]
    decorated.remove_node(node_id)
    removed = [line[1:] for line in changed(before, decorated.text)]
    assert all(line.startswith("-") for line in changed(before, decorated.text))
    assert removed[0] == f"  - id: {node_id}  # id comment"
    assert [line for line in removed if line.startswith("  - {")] == relation_lines
    assert f"  # ---- {node_id}" in decorated.text  # the comment outside the node stays
    assert "# end of map" in decorated.text


def test_decorated_map_relations(decorated: EditSession) -> None:
    ids = decorated.node_ids()
    before = decorated.text
    rel = decorated.data["relations"][0]
    decorated.retype_relation(rel["source"], rel["type"], rel["target"], "attacks")
    assert len(changed(before, decorated.text)) == 2
    assert changed(before, decorated.text)[1].endswith("type: attacks}   # link")
    decorated.undo()
    decorated.add_relation(ids[-1], "attacks", ids[0])
    assert changed(before, decorated.text) == [f"+  - {{source: {ids[-1]}, target: {ids[0]}, type: attacks}}"]
    decorated.remove_relation(rel["source"], rel["type"], rel["target"])
    assert changed(before, decorated.text)[0].startswith(f"-  - {{source: {rel['source']}")


def test_decorated_map_add_node_in_the_style_of_its_neighbours(decorated: EditSession) -> None:
    before = decorated.text
    actor = next(iter(decorated.data.get("actors") or {"x": "x"}))
    decorated.add_node({"id": "new-node", "kind": "claim", "text": "A new claim: with a colon",
                        "actors": [actor], "quotes": ["passage one"]})
    added = changed(before, decorated.text)
    last_text = [line for line in before.splitlines() if line.startswith("    text: ")][-1]
    quote = last_text[len("    text: ")] if last_text[len("    text: ")] in "'\"" else '"'
    assert added.count("+") == 1 and [line for line in added if line != "+"] == [
        "+  - id: new-node", "+    kind: claim", f"+    text: {quote}A new claim: with a colon{quote}",
        "+    quotes:", "+      - passage one", f"+    actors: [{actor}]"]
    last_relation_header = decorated.text.index("# ===== relations")
    assert decorated.text.index("  - id: new-node") < last_relation_header


def test_local_check_of_a_large_file_gives_the_same_text(decorated: EditSession) -> None:
    ids = decorated.node_ids()
    steps = [lambda s: s.set_field(ids[0], "note", "x"), lambda s: s.remove_node(ids[1]),
             lambda s: s.add_relation(ids[0], "attacks", ids[-1]),
             lambda s: s.add_node({"id": "n2", "kind": "claim", "text": "t"}, after=ids[0]),
             lambda s: s.rename_node(ids[-1], "renamed")]
    texts = []
    for full in (True, False):
        session = EditSession.open(decorated.path, full_check=full, journal=False)
        for step in steps:
            step(session)
        assert parse_text(session.text, "yaml", "x")[0] == session.data
        texts.append(session.text)
    assert texts[0] == texts[1]


# -- layouts -------------------------------------------------------------------------------------------------------

def _session(tmp_path: Path, body: str, name: str = "m.yaml") -> EditSession:
    (tmp_path / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return EditSession.open(path)


NODES = "nodes:\n- id: a\n  kind: claim\n  text: A\n- id: b\n  kind: claim\n  text: B\n"


def test_indentless_sequences(tmp_path: Path) -> None:
    session = _session(tmp_path, "title: T\n" + NODES)
    session.add_relation("a", "supports", "b")
    session.add_node({"id": "c", "kind": "claim", "text": "C"})
    assert session.text == ("title: T\n" + NODES + "- id: c\n  kind: claim\n  text: C\n"
                            "relations:\n- {source: a, target: b, type: supports}\n") or session.text == (
        "title: T\n" + NODES + "- id: c\n  kind: claim\n  text: C\nrelations:\n- source: a\n  target: b\n"
        "  type: supports\n")
    session.remove_node("a")
    assert session.text.startswith("title: T\nnodes:\n- id: b\n")


def test_empty_flow_sequence_becomes_a_list(tmp_path: Path) -> None:
    session = _session(tmp_path, "title: T\n" + NODES + "relations: []   # none yet\n")
    session.add_relation("a", "supports", "b")
    assert parse_text(session.text, "yaml", "x")[0]["relations"] == [{"source": "a", "target": "b",
                                                                       "type": "supports"}]
    assert "# none yet" in session.text
    session.remove_relation("a", "supports", "b")
    assert parse_text(session.text, "yaml", "x")[0]["relations"] == []


def test_flow_sequence_of_relations_stays_flow(tmp_path: Path) -> None:
    body = "title: T\n" + NODES + "relations: [{source: a, target: b, type: supports}]\n"
    session = _session(tmp_path, body)
    session.add_relation("b", "attacks", "a")
    assert session.text.endswith(
        "relations: [{source: a, target: b, type: supports}, {source: b, target: a, type: attacks}]\n")
    session.remove_relation("a", "supports", "b")
    assert session.text.endswith("relations: [{source: b, target: a, type: attacks}]\n")


def test_last_node_removed_leaves_an_empty_list(tmp_path: Path) -> None:
    session = _session(tmp_path, "title: T\nnodes:\n  - id: a  # only\n    kind: claim\n    text: A\n")
    session.remove_node("a")
    assert parse_text(session.text, "yaml", "x")[0] == {"title": "T", "nodes": []}


def test_file_without_final_newline(tmp_path: Path) -> None:
    session = _session(tmp_path, "title: T\nnodes:\n  - id: a\n    kind: claim\n    text: A")
    session.set_field("a", "note", "n")
    session.add_node({"id": "b", "kind": "claim", "text": "B"})
    assert parse_text(session.text, "yaml", "x")[0]["nodes"][1] == {"id": "b", "kind": "claim", "text": "B"}


def test_unreadable_layout_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    body = 'title: "first line\nsecond: line"\nnodes:\n  - id: a\n    kind: claim\n    text: A\n'
    session = _session(tmp_path, body)
    with pytest.raises(LayoutError, match="argmap fmt"):
        session.set_field("a", "note", "x")
    assert session.text == body and not session.dirty


def test_flow_file_is_refused_with_a_hint(tmp_path: Path) -> None:
    body = "{title: T, nodes: [{id: a, kind: claim, text: A}]}\n"
    session = _session(tmp_path, body)
    with pytest.raises(EditError, match="block mapping"):
        session.set_field("a", "note", "x")
    assert session.text == body


# -- JSON ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("indent", "ascii_only", "full"), [(2, False, True), (4, True, False), ("\t", False, None),
                                                        (None, False, True)])
def test_json_edits_keep_the_file_layout(tmp_path: Path, indent: int | str | None, ascii_only: bool,
                                         full: bool | None) -> None:
    data = parse_text(MAPS[0].read_text(encoding="utf-8"), "yaml", "x")[0]
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only) + "\n"
    path = copy_map(MAPS[0].with_suffix(".json"), tmp_path, text)
    session = EditSession.open(path, full_check=full)
    ids = session.node_ids()
    session.set_field(ids[0], "text", "Changed ’text’")
    lines = changed(text, session.text)
    if indent is None:  # one line: only the changed characters
        assert session.text == text.replace(f'"text": "{data["nodes"][0]["text"]}"', '"text": "Changed ’text’"')
    else:
        assert len(lines) == 2 and lines[1].endswith('"text": "Changed \\u2019text\\u2019",' if ascii_only
                                                      else '"text": "Changed ’text’",')
    before = session.text
    session.set_field(ids[0], "credibility", 0.5)
    if indent is not None:
        assert changed(before, session.text)[-1][1:].strip() == '"credibility": 0.5'
    before = session.text
    session.remove_node(ids[1])
    assert indent is None or all(line.startswith("-") for line in changed(before, session.text))
    session.add_relation(ids[0], "attacks", ids[2])
    session.add_node({"id": "z", "kind": "claim", "text": "Z"})
    assert json.loads(session.text) == session.data
    while session.undo():
        pass
    assert session.text == text


def test_json_one_line_objects_stay_on_one_line(tmp_path: Path) -> None:
    text = ('{\n  "title": "T",\n  "nodes": [\n    {"id": "a", "kind": "claim", "text": "A"},\n'
            '    {"id": "b", "kind": "claim", "text": "B"}\n  ],\n  "relations": []\n}\n')
    session = _session(tmp_path, text, "m.json")
    session.set_field("a", "note", "n")
    session.add_relation("a", "supports", "b")
    assert session.text.startswith('{\n  "title": "T",\n  "nodes": [\n    {"id": "a", "kind": "claim", "text": "A", '
                                   '"note": "n"},\n    {"id": "b"')
    assert json.loads(session.text)["relations"] == [{"source": "a", "target": "b", "type": "supports"}]


WRAPPED_RATINGS = ("title: T\n" + NODES + "hypotheses:\n- id: g\n  title: G\n  hypotheses: [a, b]\n  evidence:\n"
                   "  - item: x\n    text: X.\n    ratings: {a: C,   # first\n              b: I}\n")


def test_a_value_of_a_flow_mapping_over_several_lines_changes_in_place(tmp_path: Path) -> None:
    session = _session(tmp_path, WRAPPED_RATINGS)
    session.set_rating("g", "x", "b", "II")
    assert changed(WRAPPED_RATINGS, session.text) == ["-              b: I}", "+              b: II}"]
    session.set_field("a", "text", "x")  # elsewhere: unchanged
    session.set_rating("g", "x", "a", "NA")
    assert "ratings: {a: NA,   # first\n" in session.text
    session.set_rating("g", "x", "a", None)  # a key goes: the mapping is written again, reading the same
    assert parse_text(session.text, "yaml", "x")[0]["hypotheses"][0]["evidence"][0]["ratings"] == {"b": "II"}


def test_a_flow_value_in_place_is_quoted_as_flow_needs(tmp_path: Path) -> None:
    body = ("title: T\nnodes:\n- id: f\n  kind: forecast\n  text: F\n  words: likely\n"
            "  horizon: {stated: within weeks,\n            resolve_by: 2031-04-30}\n")
    session = _session(tmp_path, body)
    session.set_field("f", "horizon.stated", "soon, or {later}")
    assert changed(body, session.text) == ["-  horizon: {stated: within weeks,",
                                           "+  horizon: {stated: 'soon, or {later}',"]
    assert parse_text(session.text, "yaml", "x")[0]["nodes"][0]["horizon"]["stated"] == "soon, or {later}"
