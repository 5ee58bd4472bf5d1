"""Laying out a source text: wrapping with offsets, passages by source."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from argmap.io import load
from argmap.tui.source_text import line_of, passages_by_source, wrap_offsets
from support import DATA


def test_wrapping_keeps_every_character_in_order() -> None:
    text = "One two three four.\n\nFive six " + "x" * 30 + " end."
    lines = wrap_offsets(text, 10)
    assert [text[a:b] for a, b in lines][:4] == ["One two ", "three ", "four.", ""]
    assert all(len(text[a:b].rstrip()) <= 10 for a, b in lines)
    assert line_of(lines, text.index("end")) == len(lines) - 1


@given(st.text(alphabet="ab \n", max_size=200), st.integers(min_value=8, max_value=40))
def test_wrapped_lines_cover_the_text(text: str, width: int) -> None:
    lines = wrap_offsets(text, width)
    covered = "".join(text[a:b] for a, b in lines)
    assert covered == text.replace("\n", "")
    for offset in range(len(text)):
        start, end = lines[line_of(lines, offset)]
        assert start <= offset <= max(end, start) or text[offset] == "\n"


def test_passages_of_the_harbour_map() -> None:
    doc = load(DATA / "harbour.yaml")
    passages = passages_by_source(doc)["gazette"]
    assert [p.node for p in passages][:3] == ["wage-cut", "union-strong", "police-cleared-gate"]
    text = doc.sources["gazette"].text or ""
    assert text[passages[0].start: passages[0].end] == "the owners announced a wage cut of twelve percent"


def test_no_passages_without_a_map(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("[")
    assert passages_by_source(load(bad)) == {}
