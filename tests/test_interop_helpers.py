"""The helpers every importer shares: loose quote search agrees with the loader's own, slugs stay the same when
only the head of a long text is looked at or many texts are slugged at once, white space folds the same one text at a
time or all together, OVA's span ids are found as the pattern finds them, and exports carry source paths that still
work in another folder."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.formats._aif_graph import _strings
from argmap.formats._ova_text import _ID, _span_id
from argmap.formats.interop import _RUN, TYPOGRAPHIC, LooseText, _plain, _space_runs, folded, slug, slugs
from argmap.io import load
from argmap.io.quotes import locate
from support import REPO

_ALPHABET = "ab. '\"-\n\t\u2019\u201c\u201d\u2013\u00a0\u2009"
texts = st.text(alphabet=_ALPHABET, max_size=40)


@settings(max_examples=400, deadline=None)
@given(texts, texts, st.booleans())
def test_loose_search_finds_what_the_loader_finds(text: str, quote: str, soft_hyphens: bool) -> None:
    if soft_hyphens:  # marks the folding drops: the offsets move everywhere
        text = text.replace("a", "a\u00ad")
    if not quote.strip() or quote in text:
        return  # a verbatim quote is found verbatim before any loose search
    expected = locate(quote, text)
    assert LooseText(text).find(quote) == ((expected.start, expected.end) if expected else None)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aZ ü-!\u0301\u00e9", max_size=300))
def test_a_slug_of_the_head_is_the_slug_of_the_whole(text: str) -> None:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    whole = "".join(c if c.isascii() and c.isalnum() else "-" for c in ascii_text)
    while "--" in whole:
        whole = whole.replace("--", "-")
    assert slug(text) == (whole.strip("-")[:40].strip("-") or "n")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2028ab\u00ad\u2019\u201c\u2014", max_size=40))
def test_white_space_runs_and_plain_marks_as_the_pattern_and_the_table_give_them(text: str) -> None:
    assert list(_space_runs(text)) == [(run.start(), run.end()) for run in _RUN.finditer(text)]
    assert _plain(text) == text.translate(TYPOGRAPHIC)


def test_loose_search_folds_the_text_only_for_a_quote_that_may_stand_in_it() -> None:
    text = "The army\x1c  left\r\n\x0b the city \u2014 at night."
    loose = LooseText(text)
    assert loose.find("the navy left") is None and loose._folded is None  # "navy": not in the text at all
    assert loose.find("army left the city - at") == (text.index("army"), text.index(" at") + 3)
    assert loose._folded is not None and loose.find("city left") is None


def test_loose_search_of_a_quote_over_many_spaces() -> None:
    text = "  One\u00a0 two \u201cthree\u201d\n\n\tfour.  "
    loose = LooseText(text)
    assert loose.find('two "three" four') == (text.index("two"), text.index("four") + 4)
    assert loose.find("One two") == (2, text.index("two") + 3)
    assert loose.find("five") is None and loose.find("  ") is None


@pytest.mark.parametrize("suffix", [".aif", ".sadface", ".graphml", ".argdown"])
def test_an_export_imported_in_another_folder_finds_its_sources(tmp_path: Path, suffix: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "out" / f"mosul{suffix}"
    exported.parent.mkdir()
    assert main(["export", str(REPO / "maps" / "mosul-2014.yaml"), "-o", str(exported)]) == 0
    written = exported.read_text(encoding="utf-8")
    assert "../seeds/" not in written  # relative to the map, it would point nowhere from here
    assert "seeds/chatham-house-2014-06-11-mosul.txt" in written
    imported = tmp_path / "elsewhere" / "deeper" / "mosul.yaml"
    imported.parent.mkdir(parents=True)
    assert main(["import", str(exported), "-o", str(imported)]) == 0
    capsys.readouterr()
    assert main(["check", str(imported)]) == 0, capsys.readouterr().out
    doc = load(imported)
    assert all(loaded.text for loaded in doc.sources.values() if loaded.source.path)


def test_an_export_to_standard_output_writes_absolute_source_paths(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(REPO / "maps" / "mosul-2014.yaml"), "-o", "-", "--to", "aif"]) == 0
    sources = json.loads(capsys.readouterr().out)["argmap"]["sources"]
    paths = [Path(source["path"]) for source in sources if source.get("path")]
    assert paths and all(path.is_absolute() and path.is_file() for path in paths)


_MIXED = st.text(alphabet="aZ 9ü-!.\u0301\u00e9\n\t\x00\u00a0\u2028\x1c", max_size=90)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MIXED, max_size=8), st.sampled_from(["n", "statement"]))
def test_slugs_of_many_texts_are_the_slug_of_each(texts: list[str], fallback: str) -> None:
    assert slugs(texts, fallback) == [slug(text, fallback) for text in texts]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_MIXED, st.none(), st.integers(-3, 3)), max_size=8))
def test_folding_many_texts_folds_each(values: list[object]) -> None:
    assert folded(values) == [" ".join(str(value or "").split()) for value in values]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" id=\"'-xnoe1ID\t", max_size=40))
def test_a_span_id_is_the_one_the_pattern_finds(attributes: str) -> None:
    found = _ID.search(attributes)
    assert _span_id(attributes) == (found.group(1) if found else None)


def test_ids_that_are_not_text_become_text() -> None:
    same = ["1", "2"]
    assert _strings(same) is same
    assert _strings(["1", 2, None]) == ["1", "2", "None"]
