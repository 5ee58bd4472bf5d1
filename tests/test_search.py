"""Fuzzy search over a map's nodes."""

from __future__ import annotations

from argmap.analysis.search import SearchIndex
from argmap.model import ArgMap

MAP = ArgMap.model_validate({"title": "t", "nodes": [
    {"id": "army-fled", "kind": "evidence", "text": "The army fled Mosul.",
     "quotes": ["entire units abandoned their posts"]},
    {"id": "isis-gains", "kind": "forecast", "text": "ISIS will take more towns.", "words": "likely",
     "note": "Baghdad is next"},
    {"id": "army", "kind": "claim", "text": "Soldiers saw no reason to fight."},
]})


def nodes(query: str) -> list[str]:
    return [hit.node for hit in SearchIndex(MAP).search(query)]


def test_ids_rank_first_then_word_starts_then_file_order() -> None:
    assert nodes("army") == ["army", "army-fled"]
    assert nodes("ARMY-FL")[0] == "army-fled"


def test_quotes_and_notes_are_searched_and_say_where() -> None:
    hit = SearchIndex(MAP).search("abandoned their")[0]
    assert (hit.node, hit.field) == ("army-fled", "quote")
    assert hit.snippet == "entire units abandoned their posts"
    assert SearchIndex(MAP).search("baghdad")[0].field == "note"


def test_typos_still_find_the_node() -> None:
    assert nodes("soldeirs saw")[0] == "army"
    assert nodes("isis-gians")[0] == "isis-gains"


def test_empty_query_limit_and_no_match() -> None:
    index = SearchIndex(MAP)
    assert index.search("   ") == []
    assert len(index.search("a", limit=2)) == 2
    assert index.search("zzzzqqq") == []
    assert len(index) == 3


def test_white_space_and_case_do_not_matter() -> None:
    assert nodes("  The   ARMY  fled ")[0] == "army-fled"
