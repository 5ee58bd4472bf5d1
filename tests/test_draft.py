"""`argmap draft`: segmentation, the kinds the cues suggest (with their reasons), relations from discourse markers,
actors from repeated names, the drafted mark and its check rule, the command in both modes, and the review's edits
(accept, merge, split, retype a node; accept, reverse a relation) planned on a map's data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from argmap.analysis.check import check
from argmap.analysis.draft import draft_nodes, draft_text, heading_lines, segment, split_clauses
from argmap.analysis.draft_cues import estimative_words, suggest_kind
from argmap.cli import main
from argmap.edit import review_ops
from argmap.errors import EditError
from argmap.io import load
from support import REPO

FERRY = REPO / "tests" / "data" / "ferry.txt"
MOSUL = REPO / "seeds" / "chatham-house-2014-06-11-mosul.txt"


# -- cues -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "reason"), [
    ("The flight may indicate they felt the city was not worth dying for.", "inference", "'may indicate'"),
    ("The strike is likely to spread to the northern terminals.", "forecast", "'likely' (likely, p 0.68)"),
    ("These efforts will only add to the polarisation.", "forecast", "'will only' (very likely, p 0.88) + future"),
    ("The council may restore the service.", "forecast", "a possibility, not assessed"),
    ("According to the union, the pickets hold.", "evidence", "reported ('According to')"),
    ("Between 2,000 and 3,000 inmates went free.", "evidence", "a figure"),
    ("Police cleared the main gate at dawn.", "evidence", "an event told in the past"),
    ("Shia militias are preparing to move north.", "evidence", "something going on"),
    ("The government is weak and its army demoralised.", "claim", "no cue"),
])
def test_the_cues_suggest_a_kind_and_say_why(text: str, kind: str, reason: str) -> None:
    guess = suggest_kind(text)
    assert guess.kind == kind
    assert reason in guess.reason


def test_estimative_words_are_the_texts_own_and_read_whole() -> None:
    assert estimative_words("The rising fear could easily explode.") == "could easily"
    assert estimative_words("Maliki will not survive the summer.") == "will not"
    assert estimative_words("They could have left earlier.") is None  # a perfect is past
    assert estimative_words("Sectarian as it may be, the conflict is contained.") is None  # an idiom
    guess = suggest_kind("It will probably push families to leave.")
    assert guess.words == "probably" and guess.probability == pytest.approx(0.675)


# -- segmentation ---------------------------------------------------------------------------------------------------

def pieces(sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in split_clauses(sentence)]


def test_clauses_split_at_discourse_markers_and_after_an_inference_marker() -> None:
    assert pieces("Islanders are angry because the ferry is their only link.") == [
        "Islanders are angry", "because the ferry is their only link."]
    assert pieces("Although the council objected, the service was cut.") == [
        "Although the council objected,", "the service was cut."]
    assert pieces("The decision to flee may indicate they felt abandoned by Baghdad.") == [
        "The decision to flee may indicate", "they felt abandoned by Baghdad."]
    assert pieces("It rained all day; the match went on anyway.") == ["It rained all day;",
                                                                     "the match went on anyway."]
    assert pieces("Rain but sun.") == ["Rain but sun."]  # too short to cut


def test_segment_keeps_offsets_into_the_text_and_paragraphs_apart() -> None:
    text = "First line here. Second sentence follows.\n\nA new paragraph, but short enough here."
    units = segment(text)
    assert [text[a:b] for a, b, _, _ in units] == ["First line here.", "Second sentence follows.",
                                                   "A new paragraph,", "but short enough here."]
    assert [p for _, _, p, _ in units] == [0, 0, 2, 2]
    assert [text[a:b] for a, b, _, _ in segment(text, clauses=False)][-1] == "A new paragraph, but short enough here."


def test_headings_and_bylines_are_left_to_coverage_exclusions() -> None:
    text = FERRY.read_text(encoding="utf-8")
    assert heading_lines(text) == ["The island ferry"]
    assert heading_lines(MOSUL.read_text(encoding="utf-8"))[:2] == ["11 June 2014", "Hayder al-Khoei"]


# -- relations and actors -------------------------------------------------------------------------------------------

def links_of(text: str) -> list[tuple[str, str, str, str]]:
    draft = draft_text(text)
    return [(draft.units[link.source].text, link.type, draft.units[link.target].text, link.marker)
            for link in draft.links]


def test_markers_propose_supports_and_attacks() -> None:
    assert links_of("Islanders are angry because the ferry is their only link.") == [
        ("because the ferry is their only link.", "supports", "Islanders are angry", "because")]
    assert links_of("The ferry was cut. Therefore families are leaving the island.") == [
        ("The ferry was cut.", "supports", "Therefore families are leaving the island.", "therefore")]
    assert links_of("The council wants savings. However, the ferry is vital to islanders.") == [
        ("However, the ferry is vital to islanders.", "attacks", "The council wants savings.", "however")]
    assert links_of("Although the council objected, the service was cut.") == [
        ("Although the council objected,", "attacks", "the service was cut.", "although")]


def test_an_inference_gets_a_premise_and_a_conclusion_or_is_a_claim() -> None:
    draft = draft_text("The army fled the city. The flight may indicate the soldiers felt unwelcome there.")
    kinds = [unit.guess.kind for unit in draft.units]
    assert kinds == ["evidence", "inference", "claim"]
    assert [(link.source, link.type, link.target) for link in draft.links] == [(0, "supports", 1),
                                                                               (1, "supports", 2)]
    alone = draft_text("This suggests nothing much at all to me.")
    assert alone.units[0].guess.kind == "claim" and "drafted as a claim" in alone.units[0].guess.reason


def test_repeated_names_become_actors_and_tag_their_nodes() -> None:
    draft = draft_text("Maliki asked parliament for powers. The vote went against Maliki. Parliament met once.")
    assert draft.actors == {"maliki": "Maliki"}
    assert draft.unit_actors == {0: ["maliki"], 1: ["maliki"]}


def test_draft_nodes_quote_verbatim_and_keep_offsets_of_repeated_passages() -> None:
    text = "The port closed. Ships waited.\nThe port closed. Crews went home."
    nodes, relations = draft_nodes(draft_text(text))
    assert [node["quotes"][0] for node in nodes[:2]] == [{"text": "The port closed.", "start": 0, "end": 16},
                                                          "Ships waited."]
    assert nodes[2]["quotes"][0]["start"] == 31
    assert all(node["drafted"] is True for node in nodes) and relations == []
    assert len({node["id"] for node in nodes}) == len(nodes)


# -- the command ----------------------------------------------------------------------------------------------------

def test_draft_makes_a_map_that_checks_without_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(MOSUL, tmp_path / "mosul.txt")
    out = tmp_path / "mosul.yaml"
    assert main(["draft", str(tmp_path / "mosul.txt"), "-o", str(out), "--title", "Mosul", "--date",
                 "2014-06-11"]) == 0
    err = capsys.readouterr().err
    assert "drafted" in err and "forecast" in err and "ISIS" in err and "next: `argmap" in err
    doc = load(out)
    findings = check(doc)
    assert not [d for d in findings if d.is_error], [d.format() for d in findings if d.is_error]
    assert all(q.start is not None for node in doc.map.nodes for q in node.quotes)  # every quote verifies
    drafted = [d for d in findings if d.rule == "drafted"]
    assert len(drafted) == 1 and drafted[0].severity == "info"
    forecasts = [n for n in doc.map.nodes if n.kind == "forecast"]
    assert any(getattr(n, "words", None) == "is likely" or getattr(n, "words", None) == "likely" for n in forecasts)
    assert main(["check", "--strict", str(out)]) == 0  # warnings only
    assert "warning" in capsys.readouterr().out.split("[drafted]")[0].rsplit("\n", 1)[-1]
    assert main(["fmt", "--check", str(out)]) == 0


def test_draft_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FERRY, tmp_path / "ferry.txt")
    out = tmp_path / "ferry.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    assert main(["draft", str(tmp_path / "ferry.txt"), "-o", str(out), "--title", "Ferry"]) == 2
    assert "exists already; give --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me\n"
    assert main(["draft", str(tmp_path / "ferry.txt"), "-o", str(out), "--title", "Ferry", "--force"]) == 0
    assert (tmp_path / "ferry.yaml~").read_text(encoding="utf-8") == "keep me\n"
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["coverage"] == {"exclude": ["The island ferry"]}


def test_draft_from_markdown_stores_the_text_beside_the_map(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("# Harbour note\n\nThe port closed on Monday. It will probably reopen.\n",
                                      encoding="utf-8")
    out = tmp_path / "note.yaml"
    assert main(["draft", str(tmp_path / "note.md"), "-o", str(out)]) == 0
    assert (tmp_path / "note.txt").is_file()
    doc = load(out)
    assert doc.map is not None and doc.map.title == "Harbour note"
    assert [n.kind for n in doc.map.nodes] == ["evidence", "forecast"]


def test_draft_into_a_map_from_new_drafts_only_what_no_quote_covers(tmp_path: Path) -> None:
    shutil.copy(FERRY, tmp_path / "ferry.txt")
    out = tmp_path / "ferry.yaml"
    assert main(["new", str(tmp_path / "ferry.txt"), "-o", str(out), "--title", "Ferry", "--no-open"]) == 0
    assert main(["edit", str(out), "--add-node", "cut", "evidence", "The service was cut.", "--set",
                 "cut.quotes=[The island council voted on Tuesday to cut the winter ferry service from four "
                 "crossings a day to two.]"]) == 0
    before = out.read_text(encoding="utf-8")
    assert main(["draft", str(out)]) == 0
    after = out.read_text(encoding="utf-8")
    assert after.startswith(before.split("nodes:")[0])  # the file's own lines stay as they were
    doc = load(out)
    assert doc.map is not None
    ids = [n.id for n in doc.map.nodes]
    assert ids[0] == "cut" and not doc.map.node("cut").drafted
    quotes = [n.quotes[0].text for n in doc.map.nodes[1:]]
    assert not any("island council voted" in q for q in quotes)
    assert "The island ferry" not in quotes  # the headline is excluded from coverage instead
    assert doc.map.coverage is not None and doc.map.coverage.exclude == ["The island ferry"]
    assert all(n.drafted for n in doc.map.nodes[1:])


def test_draft_into_a_map_with_everything_quoted_changes_nothing(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "t.txt").write_text("The port closed.\n", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: T\nsources: [{id: t, title: T, path: t.txt}]\nnodes:\n"
                    "  - {id: a, kind: evidence, text: Closed, quotes: [The port closed.]}\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert main(["draft", str(path)]) == 0
    assert "nothing to draft" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before


# -- the review's edits ---------------------------------------------------------------------------------------------

def data_of(text: str) -> dict:
    nodes, relations = draft_nodes(draft_text(text))
    return {"argmap": 1, "title": "T", "nodes": nodes, "relations": relations}


def test_accept_clears_a_nodes_mark_and_leaves_its_relations_to_review() -> None:
    data = data_of("Islanders are angry because the ferry is their only link.")
    first, second = (n["id"] for n in data["nodes"])
    once = review_ops.accept_node(data, first).data
    assert "drafted" not in once["nodes"][0] and once["relations"][0]["drafted"] is True
    twice = review_ops.accept_node(once, second).data
    assert twice["relations"][0]["drafted"] is True  # a relation is reviewed on its own
    with pytest.raises(EditError, match="not drafted"):
        review_ops.accept_node(twice, first)
    assert data["nodes"][0]["drafted"] is True  # nothing changed in place


def test_accept_and_reverse_a_relation() -> None:
    data = data_of("Islanders are angry because the ferry is their only link.")
    rel = data["relations"][0]
    key = (rel["source"], rel["type"], rel["target"])
    accepted = review_ops.accept_relation(data, *key)
    assert accepted.data["relations"][0] == {k: v for k, v in rel.items() if k != "drafted"}
    assert accepted.summary == f"accepted {key[0]} supports {key[2]}"
    with pytest.raises(EditError, match="not drafted"):
        review_ops.accept_relation(accepted.data, *key)
    reversed_ = review_ops.reverse_relation(data, *key).data["relations"][0]
    assert list(reversed_) == list(rel) and (reversed_["source"], reversed_["target"]) == (key[2], key[0])
    assert reversed_["note"] == rel["note"] and reversed_["drafted"] is True
    both = {**data, "relations": [rel, {"source": key[2], "target": key[0], "type": "supports"}]}
    with pytest.raises(EditError, match="already in the map"):
        review_ops.reverse_relation(both, *key)
    with pytest.raises(EditError, match="no relation"):
        review_ops.accept_relation(data, key[0], "attacks", key[2])
    assert data["relations"][0]["drafted"] is True


def test_merge_joins_contiguous_quotes_and_moves_relations() -> None:
    text = "Islanders are angry because the ferry is their only link. The council disagrees, but it is alone."
    data = data_of(text)
    ids = [n["id"] for n in data["nodes"]]
    merged = review_ops.merge_nodes(data, ids[0], ids[1], text=text).data
    node = merged["nodes"][0]
    assert node["quotes"] == ["Islanders are angry because the ferry is their only link."]
    assert node["text"] == "Islanders are angry because the ferry is their only link."
    assert ids[1] not in [n["id"] for n in merged["nodes"]]
    assert all(ids[1] not in (r["source"], r["target"]) for r in merged["relations"])
    apart = review_ops.merge_nodes(data, ids[0], ids[2], text=text).data
    assert len(apart["nodes"][0]["quotes"]) == 2  # not side by side: both passages kept


def test_split_cuts_the_quote_and_keeps_offsets() -> None:
    data = {"argmap": 1, "title": "T", "nodes": [
        {"id": "a", "kind": "forecast", "text": "x", "quotes": [{"text": "The port closed and will reopen soon.",
                                                                 "start": 10, "end": 47}], "words": "will"}]}
    at = "The port closed and will reopen soon.".index("and")
    out = review_ops.split_node(data, "a", at, "and-will-reopen").data
    first, second = out["nodes"]
    assert first["quotes"] == [{"text": "The port closed", "start": 10, "end": 25}]
    assert second == {"id": "and-will-reopen", "kind": "forecast", "text": "and will reopen soon.",
                      "quotes": [{"text": "and will reopen soon.", "start": 26, "end": 47}], "drafted": True,
                      "words": "will"}
    with pytest.raises(EditError, match="both parts"):
        review_ops.split_node(data, "a", 0, "b")


def test_retype_drops_the_fields_the_new_kind_lacks() -> None:
    data = {"argmap": 1, "title": "T", "nodes": [{"id": "a", "kind": "forecast", "text": "x", "words": "likely",
                                                  "drafted": True}]}
    out = review_ops.retype_node(data, "a", "claim")
    assert out.data["nodes"][0] == {"id": "a", "kind": "claim", "text": "x", "drafted": True}
    assert "dropped words" in out.summary
    back = review_ops.retype_node(out.data, "a", "forecast", {"words": "may"}).data
    assert back["nodes"][0]["words"] == "may"
    with pytest.raises(EditError, match="unknown kind"):
        review_ops.retype_node(data, "a", "hunch")


def test_the_readme_walk_through_shows_what_new_and_draft_print(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Map your own text"):readme.index("### `argmap draft`: how it drafts")]
    block = section[section.index("```console\n") + len("```console\n"):]
    block = block[:block.index("```")]
    shutil.copy(FERRY, tmp_path / "ferry.txt")
    monkeypatch.chdir(tmp_path)
    runs = [part.strip("\n").split("\n") for part in ("\n" + block).split("\n$ ")[1:]]
    for command, *shown in runs:
        args = [arg.strip('"') for arg in re.findall(r'"[^"]*"|\S+', command)][1:]
        main(args)
        captured = capsys.readouterr()
        printed = (captured.out + captured.err).strip("\n").split("\n")
        if "..." in shown:
            assert all(line in printed for line in shown if line != "..."), (command, printed)
        else:
            assert sorted(printed) == sorted(shown), (command, printed)


def test_standing_marks_drafted_nodes_and_reasons_over_them(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FERRY, tmp_path / "ferry.txt")
    out = tmp_path / "ferry.yaml"
    assert main(["draft", str(tmp_path / "ferry.txt"), "-o", str(out), "--title", "Ferry"]) == 0
    capsys.readouterr()
    assert main(["standing", str(out)]) == 0
    table = capsys.readouterr().out
    assert "claim (drafted)" in table and "forecast (drafted)" in table
    assert main(["standing", str(out), "--format", "json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)["nodes"]
    assert all(row["drafted"] is True for row in rows)
    attacked = next(row for row in rows if row["node"] == "ferry-their-only-link-hospital")
    assert attacked["label"] == "out"  # a drafted attack counts like any other until the analyst removes it


@pytest.mark.parametrize("fmt", ["aif", "sadface", "argdown", "graphml"])
def test_the_draft_marks_survive_other_formats(tmp_path: Path, fmt: str) -> None:
    shutil.copy(FERRY, tmp_path / "ferry.txt")
    out = tmp_path / "ferry.yaml"
    assert main(["draft", str(tmp_path / "ferry.txt"), "-o", str(out), "--title", "Ferry"]) == 0
    assert main(["export", str(out), "-o", str(tmp_path / f"ferry.{fmt}"), "--to", fmt]) == 0
    assert main(["import", str(tmp_path / f"ferry.{fmt}"), "-o", str(tmp_path / "back.yaml"), "--from", fmt]) == 0
    back = load(tmp_path / "back.yaml").map
    assert back is not None
    assert all(node.drafted for node in back.nodes) and all(rel.drafted for rel in back.relations)
    assert len(back.relations) == 2
