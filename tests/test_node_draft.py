"""The node form's reading and checking (`argmap.edit.node_draft`) and the one-step node update it saves through."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argmap.edit.node_draft import draft_of, fields_for, read_draft
from argmap.edit.node_update import update_node
from argmap.edit.session import EditSession
from argmap.errors import EditError
from support import REPO

VOCAB = {"tags": ["security"], "actors": ["isis"], "themes": []}


def draft(**fields: str) -> dict[str, str]:
    return {"id": "x", "kind": "forecast", "text": "Rain tomorrow.", **fields}


def test_every_node_of_the_mosul_map_reads_back_unchanged() -> None:
    session = EditSession.open(REPO / "maps" / "mosul-2014.yaml", journal=False)
    ids = session.node_ids()
    vocabularies = {v: list(session.data.get(v) or {}) for v in ("tags", "actors", "themes")}
    for node in session.data["nodes"]:
        result = read_draft(draft_of(node), original=node, known_ids=ids, vocabularies=vocabularies)
        assert result.ok, (node["id"], result.errors)
        assert not result.declare
        with pytest.raises(EditError, match="nothing changed"):
            update_node(session.data, node["id"], result.node)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("probability", "1.5", "between 0 and 1"),
    ("probability", "likely", "between 0 and 1"),
    ("horizon.resolve_by", "next year", "YYYY-MM-DD"),
    ("horizon.resolve_by", "2014-02-30", "YYYY-MM-DD"),
    ("id", "Rain Tomorrow", "lower-case"),
    ("text", "  ", "required"),
    ("resolution.date", "2015-01-01", "choose an outcome"),
    ("resolution.sources", "Report | ftp://example.org", "resolution.sources"),
    ("tags", "Not A Slug", "lower-case"),
])
def test_each_bad_value_is_an_error_on_its_own_field(field: str, value: str, message: str) -> None:
    extra = {"resolution.outcome": "happened"} if field == "resolution.sources" else {}
    result = read_draft(draft(**{field: value}, **extra), known_ids={"y"}, vocabularies=VOCAB)
    error_field = "resolution.outcome" if message == "choose an outcome" else field
    assert error_field in result.errors, result.errors
    if message != "resolution.sources":
        assert message in result.errors[error_field]
    assert not result.ok


def test_percentages_lists_lines_and_resolution_sources_are_read() -> None:
    result = read_draft(draft(probability="70%", tags="security, new-tag", signposts="one\n\n two ",
                              **{"resolution.outcome": "happened", "resolution.date": "2014-06-20",
                                 "resolution.sources": "UN report | https://un.org/r | 2014-07-01\nA book"}),
                        known_ids=set(), vocabularies=VOCAB)
    assert result.ok, result.errors
    node = result.node
    assert node["probability"] == pytest.approx(0.7)
    assert node["signposts"] == ["one", "two"]
    assert node["resolution"] == {"outcome": "happened", "date": "2014-06-20", "sources": [
        {"title": "UN report", "url": "https://un.org/r", "date": "2014-07-01"}, {"title": "A book"}]}
    assert result.declare == [("tags", "new-tag")]
    assert "new-tag" in result.notes["tags"]


def test_an_id_in_use_is_refused_but_the_node_keeps_its_own() -> None:
    assert "already called 'y'" in read_draft(draft(id="y"), known_ids={"y"}).errors["id"]
    assert read_draft(draft(id="y"), original={"id": "y", "kind": "forecast"}, known_ids={"y"}).ok


def test_quotes_keep_their_source_and_position_while_their_text_is_unchanged() -> None:
    original = {"id": "x", "kind": "evidence", "text": "T.", "quotes": [
        {"text": "the army fled", "source": "a", "start": 10, "end": 23}, "plain"]}
    text = draft_of(original)["quotes"]
    assert text == "[a] the army fled\nplain"
    result = read_draft({**draft_of(original), "quotes": text + "\na new one\n[b] from the other source"},
                        original=original)
    assert result.node["quotes"] == [original["quotes"][0], "plain", "a new one",
                                     {"text": "from the other source", "source": "b"}]
    edited = read_draft({**draft_of(original), "quotes": "[a] the army fled at dawn"}, original=original)
    assert edited.node["quotes"] == [{"text": "the army fled at dawn", "source": "a"}]  # a new place, found anew


def test_changing_the_kind_drops_the_old_kinds_fields() -> None:
    original = {"id": "x", "kind": "forecast", "text": "T.", "words": "likely", "signposts": ["s"]}
    values = {**draft_of(original), "kind": "claim", "credibility": "0.6"}
    result = read_draft(values, original=original)
    assert result.ok
    assert result.node == {"id": "x", "kind": "claim", "text": "T.", "credibility": 0.6}
    assert [spec.name for spec in fields_for("claim")] == ["id", "kind", "text", "quotes", "credibility", "tags",
                                                           "actors", "themes", "note"]


def test_update_rewrites_only_changed_fields_and_undoes_in_one_step(tmp_path: Path) -> None:
    shutil.copytree(REPO / "tests" / "tui" / "data", tmp_path / "data")
    path = tmp_path / "data" / "harbour.yaml"
    before = path.read_text(encoding="utf-8")
    session = EditSession.open(path, journal=False)
    node = next(n for n in session.data["nodes"] if n["id"] == "wage-cut")
    values = {**draft_of(node), "id": "pay-cut", "tags": "labour, pay", "note": "Announced on Monday."}
    result = read_draft(values, original=node, known_ids=session.node_ids(),
                        vocabularies={"tags": list(session.data["tags"])})
    edit = session.update_node("wage-cut", result.node, declare=result.declare)
    assert edit.focus == "pay-cut" and "renamed to 'pay-cut'" in edit.summary
    text = session.text
    assert "  pay: pay\n" in text
    assert "{source: pay-cut, target: momentum, type: supports}" in text
    assert "    tags: [labour, pay]\n    note: Announced on Monday.\n" in text
    assert "# A small fixed map for the explorer's tests" in text
    session.undo()
    assert session.text == before
    with pytest.raises(EditError, match="probability"):
        session.update_node("port-closes", {"id": "port-closes", "kind": "forecast", "text": "T.",
                                            "probability": 2})
    assert session.text == before
