"""Which nodes a diagram shows: the whole map, a neighbourhood in both directions, filters, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.model import ArgMap
from argmap.render.view import neighbourhood, select_view
from support import load_rich_map


@pytest.fixture
def amap(tmp_path: Path) -> ArgMap:
    doc = load_rich_map(tmp_path)
    assert doc.map is not None
    return doc.map


def test_whole_map_in_file_order(amap: ArgMap) -> None:
    view = select_view(amap)
    assert view.ids == [node.id for node in amap.nodes]
    assert list(view.relations) == list(amap.relations)
    assert view.focus is None


def test_neighbourhood_follows_relations_both_ways(amap: ArgMap) -> None:
    # flight-shows-motive: premises and undercutter point at it, it points at its conclusion.
    assert neighbourhood(amap, "flight-shows-motive", 1) == {
        "flight-shows-motive", "garrison-fled", "town-resented", "ordered-out", "nothing-to-defend"}
    assert neighbourhood(amap, "flight-shows-motive", 0) == {"flight-shows-motive"}
    two = neighbourhood(amap, "flight-shows-motive", 2)
    assert "rebels-march" in two and "reinforcements" not in two
    assert "reinforcements" in neighbourhood(amap, "flight-shows-motive", 3)


def test_focus_view_keeps_relations_inside_it(amap: ArgMap) -> None:
    view = select_view(amap, focus="rebels-march", depth=1)
    assert view.ids == ["nothing-to-defend", "rebels-march", "reinforcements"]
    assert {(r.source, r.target) for r in view.relations} == {("reinforcements", "rebels-march"),
                                                              ("nothing-to-defend", "rebels-march")}
    assert view.focus == "rebels-march"


def test_filters_each_facet_and_combined(amap: ArgMap) -> None:
    assert select_view(amap, kind=["evidence"]).ids == ["garrison-fled", "town-resented", "ordered-out"]
    assert select_view(amap, tag=["morale"]).ids == ["garrison-fled", "nothing-to-defend"]
    assert select_view(amap, actor=["garrison"]).ids == ["garrison-fled", "town-resented", "ordered-out"]
    assert select_view(amap, theme=["politics"]).ids == ["town-resented", "capital-holds", "militias-mobilise"]
    # Values within a facet: any of them; across facets: all of them.
    assert select_view(amap, kind=["evidence", "claim"], theme=["security"]).ids == [
        "garrison-fled", "nothing-to-defend", "ordered-out"]
    view = select_view(amap, kind=["evidence", "inference"])
    assert {(r.source, r.target) for r in view.relations} == {
        ("garrison-fled", "flight-shows-motive"), ("town-resented", "flight-shows-motive"),
        ("ordered-out", "flight-shows-motive")}


def test_focus_with_filters_keeps_the_focus(amap: ArgMap) -> None:
    view = select_view(amap, focus="nothing-to-defend", depth=2, kind=["evidence"])
    assert view.ids == ["garrison-fled", "town-resented", "nothing-to-defend", "ordered-out"]
    assert view.relations == ()  # evidence links to the (filtered out) inference only


def test_unknown_focus_suggests_the_closest_id(amap: ArgMap) -> None:
    with pytest.raises(ArgmapError, match="no node 'rebels-marsh' to focus on; did you mean 'rebels-march'"):
        select_view(amap, focus="rebels-marsh")


@pytest.mark.parametrize(("facet", "value", "message"), [
    ("kind", "claims", "unknown kind 'claims'; did you mean 'claim'"),
    ("tag", "moral", "unknown tag 'moral'; did you mean 'morale'"),
    ("actor", "rebel", "unknown actor 'rebel'; did you mean 'rebels'"),
    ("theme", "securty", "unknown theme 'securty'; did you mean 'security'"),
])
def test_unknown_filter_values_are_named(amap: ArgMap, facet: str, value: str, message: str) -> None:
    with pytest.raises(ArgmapError, match=message):
        select_view(amap, **{facet: [value]})  # type: ignore[arg-type]


def test_a_filter_that_keeps_nothing_says_so(amap: ArgMap) -> None:
    with pytest.raises(ArgmapError, match="no node passes the filters"):
        select_view(amap, kind=["inference"], actor=["rebels"])


def test_negative_depth_is_refused(amap: ArgMap) -> None:
    with pytest.raises(ArgmapError, match="depth"):
        select_view(amap, focus="rebels-march", depth=-1)
