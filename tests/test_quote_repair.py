"""Quote repair (`argmap fix`) and moving quotes between sources (`argmap edit --move-quote`): the exact passage
written through the editing engine, only the quotes' own characters changed, offsets kept in step, idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.analysis.quote_repair import find_repairs, is_certain
from argmap.cli import main
from argmap.io import load
from support import MAPS, changed, copy_map, decorate

MOSUL = next((m for m in MAPS if m.name == "mosul-2014.yaml"), None)

#: (what the map quotes, what the damaged copy says instead): a typographic apostrophe and a double space, a
#: spelling (a typo), a case change, and a word left out (only a proposal).
DAMAGE = [
    ("ISIS’s takeover of Iraq’s third largest city, Mosul,", "ISIS's takeover of Iraq's third largest  city, Mosul,"),
    ("and could further escalate sectarian polarization.", "and could further escalate sectarian polarisation."),
    ("by their consolidation of territory across Syria and Iraq,",
     "by consolidation of territory across Syria and Iraq,"),
]


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    if MOSUL is None:
        pytest.skip("the Mosul map is not bundled")
    text = decorate(MOSUL.read_text(encoding="utf-8"))
    for good, bad in DAMAGE:
        assert text.count(good) == 1, good
        text = text.replace(good, bad)
    return copy_map(MOSUL, tmp_path, text)


def _quote_findings(path: Path) -> list[str]:
    from argmap.analysis.check import check

    return [d.rule for d in check(load(path)) if d.rule.startswith("quote-")]


def test_repairs_are_found_and_sorted_into_certain_and_proposed(damaged: Path) -> None:
    repairs, lost = find_repairs(load(damaged))
    assert not lost
    by_node = {r.node: r for r in repairs}
    assert set(by_node) == {"mosul-security-consequences", "polarisation-could-escalate",
                            "isis-consolidated-territory"}
    assert by_node["mosul-security-consequences"].certain
    assert by_node["mosul-security-consequences"].new.startswith("ISIS’s takeover of Iraq’s third largest city")
    assert by_node["polarisation-could-escalate"].certain
    assert by_node["polarisation-could-escalate"].new == "and could further escalate sectarian polarization."
    assert not by_node["isis-consolidated-territory"].certain  # a word is missing: the user decides


def test_fix_rewrites_the_certain_ones_byte_for_byte_and_lists_the_proposal(
        damaged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = damaged.read_text(encoding="utf-8")
    assert main(["fix", str(damaged)]) == 1  # a proposal is left: the map still has an error
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert [line.split(": ")[1] for line in lines] == ["fixed", "fixed", "proposal"]
    assert "take it with --accept-nearest" in lines[2] and "1 quote left for you" in err
    after = damaged.read_text(encoding="utf-8")
    assert damaged.with_name(damaged.name + "~").read_text(encoding="utf-8") == before
    diff = changed(before, after)
    assert len(diff) == 4 and all(line.lstrip("+-").startswith("      - ") for line in diff)
    assert "# end of map" in after and "# verbatim from the source" in after
    assert _quote_findings(damaged) == ["quote-not-found"]
    assert main(["fix", str(damaged), "--accept-nearest"]) == 0
    assert _quote_findings(damaged) == []
    capsys.readouterr()
    again = damaged.read_text(encoding="utf-8")
    assert main(["fix", str(damaged)]) == 0  # idempotent: nothing left to do
    assert "no quote to fix" in capsys.readouterr().err
    assert damaged.read_text(encoding="utf-8") == again


def test_dry_run_and_diff_print_the_change_and_write_nothing(damaged: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    before = damaged.read_text(encoding="utf-8")
    for option in ("--dry-run", "--diff"):
        main(["fix", str(damaged), option])
        out, err = capsys.readouterr()
        assert "+      - and could further escalate sectarian polarization." in out
        assert "-      - and could further escalate sectarian polarisation." in out
        assert "not written" in err
        assert damaged.read_text(encoding="utf-8") == before
        assert not damaged.with_name(damaged.name + "~").exists()
    main(["fix", str(damaged), "--diff", "--write", "--no-backup"])
    assert damaged.read_text(encoding="utf-8") != before
    assert not damaged.with_name(damaged.name + "~").exists()


def test_fix_one_node_and_an_unknown_node(damaged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fix", str(damaged), "--node", "polarisation-could-escalate"]) == 0
    assert capsys.readouterr().out.count("fixed") == 1
    assert sorted(_quote_findings(damaged)) == ["quote-inexact", "quote-not-found"]
    assert main(["fix", str(damaged), "--node", "polarisation-could-escalat"]) == 2
    assert "did you mean 'polarisation-could-escalate'?" in capsys.readouterr().err


SOURCE_A = "The army left the city at dawn. Residents were hostile to the army.\n"
SOURCE_B = "Reuters: the army left the city at dawn, witnesses said. Residents cheered.\n"


def _two_sources(folder: Path, fmt: str = "yaml") -> Path:
    (folder / "a.txt").write_text(SOURCE_A, encoding="utf-8")
    (folder / "b.txt").write_text(SOURCE_B, encoding="utf-8")
    data = {
        "argmap": 1, "title": "Two sources",
        "sources": [{"id": "a", "title": "A", "path": "a.txt"}, {"id": "b", "title": "B", "path": "b.txt"}],
        "nodes": [
            {"id": "left", "kind": "evidence", "text": "The army left.",
             "quotes": [{"text": "the army  left the city", "source": "b", "start": 9, "end": 32}]},
            {"id": "hostile", "kind": "claim", "text": "Residents were hostile.",
             "quotes": ["Residents were hostile to the army."]},
            {"id": "cheered", "kind": "evidence", "text": "Residents cheered.", "quotes": ["Residents cheered."]},
        ],
    }
    if fmt == "json":
        path = folder / "two.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path
    path = folder / "two.yaml"
    path.write_text("""\
# two sources; quotes as plain text belong to the first
argmap: 1
title: Two sources
sources:
  - {id: a, title: A, path: a.txt}
  - {id: b, title: B, path: b.txt}   # the wire copy
nodes:
  - id: left
    kind: evidence
    text: The army left.
    quotes:
      - {text: "the army  left the city", source: b, start: 9, end: 32}  # offsets stored
  - id: hostile
    kind: claim
    text: Residents were hostile.
    quotes: [Residents were hostile to the army.]
  - id: cheered
    kind: evidence
    text: Residents cheered.
    quotes: [Residents cheered.]
""", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_fix_updates_stored_offsets_in_yaml_and_json(tmp_path: Path, fmt: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = _two_sources(tmp_path, fmt)
    before = path.read_text(encoding="utf-8")
    assert main(["fix", str(path)]) == 1  # 'cheered' is in source b, not in the default source a
    out = capsys.readouterr().out
    assert "fixed: node 'left'" in out and "not fixed: node 'cheered'" in out  # "Residents" alone is no repair
    doc = load(path)
    quote = doc.map.node("left").quotes[0]  # type: ignore[union-attr]
    assert (quote.text, quote.start, quote.end) == ("the army left the city", 9, 31)
    lines = changed(before, path.read_text(encoding="utf-8"))
    assert len(lines) == (2 if fmt == "yaml" else 4)  # JSON: one member a line
    if fmt == "yaml":
        assert lines[1] == "+      - {text: the army left the city, source: b, start: 9, end: 31}  # offsets stored"


def test_move_quote_to_another_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _two_sources(tmp_path)
    before = path.read_text(encoding="utf-8")
    assert main(["edit", str(path), "--move-quote", "cheered", "b"]) == 0
    assert "moved 1 quote of 'cheered' to source 'b'" in capsys.readouterr().out
    lines = changed(before, path.read_text(encoding="utf-8"))
    assert lines == ["-    quotes: [Residents cheered.]", "+    quotes: [{text: Residents cheered., source: b}]"] \
        or (len(lines) == 2 and "source: b" in lines[1])
    doc = load(path)
    quote = doc.map.node("cheered").quotes[0]  # type: ignore[union-attr]
    assert quote.source == "b" and doc.matches[("cheered", 0)] is not None
    # to the default source, offsets kept in step; a quote differing in case is written as the target has it
    assert main(["edit", str(path), "--move-quote", "left.0", "a"]) == 0
    doc = load(path)
    quote = doc.map.node("left").quotes[0]  # type: ignore[union-attr]
    assert (quote.source, quote.text, quote.start, quote.end) == ("a", "The army left the city", 0, 22)
    assert doc.matches[("left", 0)].exact  # type: ignore[union-attr]


def test_move_quote_refuses_a_passage_the_target_does_not_hold(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = _two_sources(tmp_path)
    before = path.read_text(encoding="utf-8")
    assert main(["edit", str(path), "--move-quote", "hostile", "b"]) == 1
    err = capsys.readouterr().err
    assert "quote 0 of 'hostile' is not in source 'b'; no passage of it comes close" in err
    assert main(["edit", str(path), "--move-quote", "hostile", "c"]) == 1
    assert "no source 'c'" in capsys.readouterr().err
    assert main(["edit", str(path), "--move-quote", "hostile.3", "b"]) == 1
    assert "has no quote 3" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before


def test_certainty_of_a_repair() -> None:
    assert is_certain("Mosul fell within days", "Mosul fell within  days.")
    assert is_certain("the army of iraq fled", "The army of Iraq fled")
    assert not is_certain("the army fled", "the army ran away")
    assert not is_certain("isis took it", "isis took")


def test_set_quotes_keeps_the_shape_of_each_quote() -> None:
    from argmap.edit.quote_ops import QuoteChange, set_quotes

    data = {"title": "t", "sources": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}], "nodes": [
        {"id": "one", "kind": "claim", "text": "x", "quotes": "a  passage"},
        {"id": "two", "kind": "claim", "text": "y", "quotes": [{"text": "other", "source": "b"}, "plain"]}]}
    out = set_quotes(data, [QuoteChange("one", 0, "a passage", start=3, end=12),
                            QuoteChange("two", 0, "Other", start=0, end=5),
                            QuoteChange("two", 1, "plain", source="b", start=7, end=12, default="a")]).data
    assert out["nodes"][0]["quotes"] == "a passage"  # the one-passage shorthand stays one
    assert out["nodes"][1]["quotes"] == [{"text": "Other", "source": "b"},  # no offsets where none were stored
                                         {"text": "plain", "source": "b"}]  # moved off the default: named
    assert data["nodes"][0]["quotes"] == "a  passage"  # the data given is not changed in place


def test_fix_refuses_a_map_that_does_not_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("argmap: 1\ntitle: [t\nnodes: []\n", encoding="utf-8")
    assert main(["fix", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("argmap: error: cannot edit") and "bad.yaml:" in err
