"""The quote rules of `argmap check`: the nearest passage of a quote not found, the first difference of a loose
one, a passage found twice, and sources whose quotes cannot be verified."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis import check_quotes
from argmap.analysis.check import RULES, check, exit_code
from argmap.errors import Diagnostic
from argmap.io import load
from support import MAPS, SOURCE_TEXT


def quote_findings(write_map: Callable[..., Path], quote: str, rule: str, **source: str) -> list[Diagnostic]:
    """The findings of `rule` for a map whose one node quotes `quote` (a YAML value) from the test source."""
    path = write_map(f"nodes:\n  - id: a\n    kind: claim\n    text: x\n    quotes: [{quote}]\n", **source)
    found = [d for d in check(load(path)) if d.rule == rule]
    for diag in found:
        assert (diag.line, diag.column) == (10, 14), diag.format()  # the quote's own place in the map
        assert diag.severity == RULES[rule][0]
    return found


@pytest.mark.parametrize(("quote", "expected"), [
    ("the army left the city.", "at 1:1 of the source, reads \"The army left the city...."),
    ("the army left the city.", "(the source has 'T' where the quote has 't')"),
    ("'the  army   left the city'", "(the source has 'T'"),  # white space never counts as a difference
    ("The army left teh city.", "(the source has 'the' where the quote has 'teh')"),
    ("The army left city.", "(the quote lacks 'the')"),
    ("The navy left the city.", "(the source has 'army' where the quote has 'navy')"),
    ("'Further violence is likely. \"Sacred\" war, they sayd'", "(the source has 'said;' where the quote has 'sayd')"),
    ("The Army Left The City.", "the source has 'a' where the quote has 'A', and 3 more differences"),
    ("Residents were hostile to the armies.", "at 1:25 of the source"),
])
def test_a_quote_not_found_is_offered_the_nearest_passage(write_map: Callable[..., Path], quote: str,
                                                          expected: str) -> None:
    [diag] = quote_findings(write_map, quote, "quote-not-found")
    assert expected in diag.message
    assert diag.message.endswith("copy the passage exactly from the source")


def test_a_quote_like_nothing_in_the_source_is_told_so(write_map: Callable[..., Path]) -> None:
    [diag] = quote_findings(write_map, "Completely unrelated words about harvests", "quote-not-found")
    assert "no passage of the source comes close" in diag.message


def test_the_nearest_passage_is_searched_within_a_budget(write_map: Callable[..., Path],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_quotes, "SEARCH_BUDGET", len(SOURCE_TEXT) * 2)
    path = write_map("nodes:\n  - id: a\n    kind: claim\n    text: x\n    quotes:\n"
                     + "      - The navy left the city.\n" * 5)
    found = [d for d in check(load(path)) if d.rule == "quote-not-found"]
    offered = [d for d in found if "the nearest passage, at" in d.message]
    assert len(found) == 5 and len(offered) == 2
    assert all("too many quotes not found" in d.message for d in found if d not in offered)


def test_a_loose_quote_shows_its_first_difference_however_far_in(write_map: Callable[..., Path]) -> None:
    text = ("In the days that followed the fall of the city, officials in the capital said the \u201cretreat\u201d "
            "was tactical and that the army would return.\n")
    quote = "'officials in the capital said the \"retreat\" was tactical'"
    [diag] = quote_findings(write_map, quote, "quote-inexact", source=text)
    assert "the \u201cretreat\u201d was tactical" in diag.message
    assert "(the source has '\u201c' (U+201C) where the quote has '\"')" in diag.message


def test_a_loose_quote_names_a_line_break(write_map: Callable[..., Path]) -> None:
    [diag] = quote_findings(write_map, "'hostile to the army. The flight'", "quote-inexact")
    assert "(the source has a line break where the quote has a space)" in diag.message
    assert "\n" not in diag.message


def test_a_passage_found_twice_names_both_places(write_map: Callable[..., Path]) -> None:
    [diag] = quote_findings(write_map, "the city", "quote-ambiguous")
    second = SOURCE_TEXT.index("the city", SOURCE_TEXT.index("the city") + 1)
    assert "quote stands twice in source 'src' (at 1:15 and 2:25)" in diag.message
    assert f"give 'start: {second}' to take it at 2:25" in diag.message


def test_a_start_chooses_between_the_places(write_map: Callable[..., Path]) -> None:
    second = SOURCE_TEXT.index("the city", SOURCE_TEXT.index("the city") + 1)
    assert quote_findings(write_map, f"{{text: the city, start: {second}}}", "quote-ambiguous") == []
    path = write_map(f"nodes:\n  - {{id: a, kind: claim, text: x, quotes: [{{text: the city, start: {second}}}]}}\n")
    assert load(path).map.nodes[0].quotes[0].start == second  # type: ignore[union-attr]


def test_a_loose_passage_found_three_times(write_map: Callable[..., Path]) -> None:
    text = "it\u2019s over. it\u2019s over. it\u2019s  over.\n"
    [diag] = quote_findings(write_map, "it's over", "quote-ambiguous", source=text)
    assert "stands three times in source 'src' (at 1:1, 1:12 and 1:23)" in diag.message
    assert not quote_findings(write_map, "it's over", "quote-inexact", source=text)  # one mistake, one finding


def test_a_source_without_text_says_once_its_quotes_are_unverified(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        title: Web sources
        sources:
          - {id: local, title: Local, path: source.txt}
          - id: web
            title: An article online
            url: https://example.org/article
          - {id: bare, title: A book on a shelf}
        nodes:
          - id: a
            kind: claim
            text: x
            quotes:
              - {text: anything at all, source: web}
              - {text: anything else, source: web}
              - {text: a third passage, source: bare}
              - {text: The army left the city., source: local}
        """, header=False)
    found = [d for d in check(load(path)) if d.rule == "quote-unverified"]
    assert [(d.line, d.column, d.severity) for d in found] == [(4, 9, "info"), (7, 10, "info")]
    assert "source 'web' has no local text (only a url): 2 quotes from it cannot be verified" in found[0].message
    assert "source 'bare' has no local text (no 'url' either): 1 quote from it" in found[1].message
    assert found[0].message.endswith("save the text beside the map and give its 'path'")
    assert exit_code(check(load(path))) == 0


def test_a_source_without_quotes_says_nothing(write_map: Callable[..., Path]) -> None:
    path = write_map("title: T\nsources: [{id: web, title: W, url: 'https://example.org'}]\n"
                     "nodes: [{id: a, kind: claim, text: x}]\n", header=False)
    assert "quote-unverified" not in {d.rule for d in check(load(path))}


@pytest.mark.parametrize("path", MAPS, ids=[p.name for p in MAPS])
def test_the_bundled_maps_are_clean(path: Path) -> None:
    assert [d.format() for d in check(load(path))] == []

