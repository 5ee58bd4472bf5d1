"""The language server's features as plain functions of a text and an offset (no server): incremental reading,
line indexes, completion contexts, reused findings, did-you-mean on many choices."""

from __future__ import annotations

import difflib
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from argmap.errors import _suggestion
from argmap.io.parse import parse_text
from argmap.lsp.completion import completions, context_at
from argmap.lsp.incremental import reparse
from argmap.lsp.locate import site_span, sites
from argmap.lsp.navigation import reference_spans
from argmap.lsp.state import analyse
from argmap.lsp.text import TextIndex, changed_span


def findings(analysis: object) -> list[dict[str, object]]:
    return [d.to_dict() for d in analysis.findings]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["mosul", "mosul-json"])
def test_reparsing_one_item_reads_as_parsing_the_whole_text(maps: dict[str, Path], name: str) -> None:
    path = maps[name]
    text = path.read_text(encoding="utf-8")
    fmt = "json" if name.endswith("json") else "yaml"
    data, _ = parse_text(text, fmt, "")
    rng = random.Random(7)
    pieces = ["x", " ", "\n", "- ", "  - id: new\n", "#", ":", "'", '"', "{", "}", "\n    note: n\n", "", "\t"]
    shortcuts = 0
    for _ in range(150):
        at = rng.randrange(len(text))
        cut = rng.choice([0, 0, 1, 3])
        new = text[:at] + rng.choice(pieces) + text[at + cut:]
        quick = reparse(text, data, new, fmt)
        if quick is None:
            continue
        shortcuts += 1
        whole, problems = parse_text(new, fmt, "")
        assert not problems and quick == whole, (at, new[at - 20:at + 20])
    assert shortcuts > 30


@pytest.mark.parametrize("name", ["mosul", "broken-json"])
def test_a_patched_analysis_finds_what_a_whole_load_finds(maps: dict[str, Path], name: str) -> None:
    path = maps[name]
    text = path.read_text(encoding="utf-8")
    first = analyse(path, text)
    json_map = name.endswith("json")
    edits = [("isis-emboldened", "isis-emboldenedz"), ("standfirst", "standfrist"),
             ("had consolidated territory",
              "had consolidated\n      territory" if not json_map else "had consolidated x"),
             ("abduction", "abductoin"), ("army-abandoned-posts", "army-abandoned-post")]
    for before, after in edits:
        new = text.replace(before, after, 1 if before != "army-abandoned-posts" else 2)
        patched = analyse(path, new, previous=first)
        assert findings(patched) == findings(analyse(path, new)), before
    # typing in a node's text re-runs no rule: its findings are the previous ones, placed again
    marker = '"text": "ISIS had' if json_map else "text: ISIS had"
    at = text.index(marker) + len(marker)
    for insert in (" quickly", "\\nwith a line" if json_map else " it\n      said"):
        new = text[:at] + insert + text[at:]
        patched = analyse(path, new, previous=first)
        assert patched.patched and findings(patched) == findings(analyse(path, new))


def test_line_index_counts_utf16_and_shifts_with_edits() -> None:
    text = "a: 😀x\nb: é\n\nc"
    index = TextIndex(text)
    assert index.position(text.index("x")) == types.Position(line=0, character=5)
    assert index.offset(types.Position(line=0, character=5)) == text.index("x")
    assert index.offset(types.Position(line=9, character=0)) == len(text)
    rng = random.Random(3)
    for _ in range(200):
        start = rng.randrange(len(text) + 1)
        end = min(len(text), start + rng.randrange(4))
        piece = rng.choice(["", "\n", "z", "\n\n", "y\nw"])
        new = text[:start] + piece + text[end:]
        assert index.spliced(start, end, piece).starts == TextIndex(new).starts
        assert index.after(new).starts == TextIndex(new).starts
        text, index = new, TextIndex(new)
    assert changed_span("abc", "abc") == (3, 3, 3)


def _labels(analysis: object, text: str, marker: str, inside: int | None = None) -> list[str]:
    offset = text.index(marker) + (len(marker) if inside is None else inside)
    return [item.label for item in completions(analysis, text, offset).items]  # type: ignore[arg-type]


def test_completion_contexts(maps: dict[str, Path]) -> None:
    path = maps["mosul"]
    text = path.read_text(encoding="utf-8")
    analysis = analyse(path, text)
    block = "    assume:\n      further-devastating-consequences: true\n"
    typed = text.replace(block, "    assume:\n      further-dev", 1)
    assert _labels(analysis, typed, "    assume:\n      further-dev") == ["further-devastating-consequences"]
    assert _labels(analysis, text, "ratings: {mosul-not-worth-dying-for: ") == ["CC", "C", "N", "I", "II", "NA"]
    assert _labels(analysis, text, "{source: further-devastating-consequences, target: mosul-security-consequences,"
                   " type: sup") == ["supports"]
    assert _labels(analysis, text, "    text: ISIS had") == []  # free text: nothing offered
    assert _labels(analysis, text, "      - mosul-not-worth-dying-for\n      - {id: comm") == []
    # a broken text (an unclosed flow mapping while typing) still completes from the last analysis
    broken = text.replace("  - {source: further-devastating-consequences, target: mosul-security-consequences, "
                          "type: supports}", "  - {source: further-devastating-consequences, target: mosul-sec", 1)
    assert _labels(analysis, broken, "target: mosul-sec") == ["mosul-security-consequences"]


def test_completion_in_json_quotes_or_inserts_quotes(maps: dict[str, Path]) -> None:
    path = maps["mosul-json"]
    text = path.read_text(encoding="utf-8")
    analysis = analyse(path, text)
    marker = '"target": "isis-embol'
    offset = text.index(marker) + len(marker)
    item = completions(analysis, text, offset).items[0]
    assert item.label == "isis-emboldened" and isinstance(item.text_edit, types.TextEdit)
    assert item.text_edit.new_text == "isis-emboldened"
    bare = text.replace(marker + 'dened"', '"target": isis-embol', 1)
    offset = bare.index('"target": isis-embol') + len('"target": isis-embol')
    edit = completions(analysis, bare, offset).items[0].text_edit
    assert isinstance(edit, types.TextEdit) and edit.new_text == '"isis-emboldened"'
    context = context_at(text, text.index('"kind": "cl') + len('"kind": "cl'), json_map=True)
    assert context is not None and (context.key, context.position, context.quoted) == ("kind", "value", True)


def test_every_reference_is_where_rename_would_write(maps: dict[str, Path]) -> None:
    path = maps["mosul"]
    text = path.read_text(encoding="utf-8")
    analysis = analyse(path, text)
    named = {site.node_id for site in sites(analysis.data) if not site.definition}
    assert {"spectacular-trigger", "maliki-benefits-politically", "army-abandoned-posts"} <= named
    for site in sites(analysis.data):
        span = site_span(analysis, site)
        assert span is not None and text[span[0]:span[1]] == site.node_id, site
    spans = reference_spans(analysis, "spectacular-trigger")
    assert len(spans) == 1 + text.count("spectacular-trigger: ") + text.count("source: spectacular-trigger") + \
        text.count("target: spectacular-trigger")


def test_json_reference_of_an_ach_item_with_a_null_text(maps: dict[str, Path]) -> None:
    path = maps["mosul-json"]
    data = json.loads(path.read_text(encoding="utf-8"))
    row = data["hypotheses"][0]["evidence"][0]
    assert row["text"] is None
    assert any(site.loc == ("hypotheses", 0, "evidence", 0, "item") for site in sites(data))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdeiklmnorst-0123456789", min_size=1, max_size=14))
def test_did_you_mean_on_many_choices_is_difflibs_answer(word: str) -> None:
    rng = random.Random(5)
    kinds = ["claim", "evidence", "forecast", "inference"]
    choices = (*(f"{rng.choice(kinds)}-{i}" for i in range(400)), "isis-emboldened", "army-abandoned-posts",
               word[::-1])
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    assert _suggestion(word, choices) == (f"; did you mean '{close[0]}'?" if close else "")


def test_other_yaml_files_get_no_diagnostics(tmp_path: Path) -> None:
    from argmap.lsp.diagnostics import diagnostics

    workflow = tmp_path / "ci.yaml"
    workflow.write_text("on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n", encoding="utf-8")
    analysis = analyse(workflow, workflow.read_text(encoding="utf-8"))
    assert analysis.findings and diagnostics(analysis, workflow.as_uri()) == []
    broken = analyse(tmp_path / "map.yaml", "title: x\nnodes: [\n")
    assert [d.code for d in diagnostics(broken, "file:///map.yaml")] == ["syntax"]


def test_rename_of_a_crlf_text_equals_the_editing_session(maps: dict[str, Path], tmp_path: Path) -> None:
    from argmap.edit.session import EditSession
    from argmap.lsp.navigation import rename

    text = maps["mosul"].read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "maps" / "crlf.yaml"
    path.parent.mkdir()
    path.write_bytes(text.encode("utf-8"))
    analysis = analyse(path, text)
    edit = rename(analysis, text.index("army-unwilling") + 2, "army-unwilling-to-fight", path.as_uri())
    change = (edit.document_changes or [])[0]
    assert isinstance(change, types.TextDocumentEdit)
    index = analysis.index
    renamed = text
    for e in sorted(change.edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        assert isinstance(e, types.TextEdit)
        renamed = renamed[:index.offset(e.range.start)] + e.new_text + renamed[index.offset(e.range.end):]
    session = EditSession.open(path, journal=False)
    session.rename_node("army-unwilling", "army-unwilling-to-fight")
    session.save()
    assert renamed.encode("utf-8") == path.read_bytes()
