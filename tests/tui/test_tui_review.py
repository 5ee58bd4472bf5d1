"""The explorer's review of a draft (`R`): accept, retype, merge, split and drop, each an edit with undo, saved like
any other; and the order it walks the drafted nodes in."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.pilot import Pilot

from argmap.cli import main
from argmap.tui.app import ArgmapApp
from argmap.tui.choice import ChoiceScreen
from argmap.tui.review import ReviewScreen, drafted_in_order
from support import REPO, open_app, run

FERRY = REPO / "tests" / "data" / "ferry.txt"


@pytest.fixture(name="drafted")
def drafted_fixture(tmp_path: Path) -> Path:
    """A map drafted from the ferry note, beside its text."""
    shutil.copy(FERRY, tmp_path / "ferry.txt")
    out = tmp_path / "ferry.yaml"
    assert main(["draft", str(tmp_path / "ferry.txt"), "-o", str(out), "--title", "The island ferry"]) == 0
    return out


def review(app: ArgmapApp) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen), type(screen)
    return screen


def nodes_of(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["nodes"]


def test_review_walks_the_drafted_nodes_in_text_order_and_accepts(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        order = drafted_in_order(app.doc)
        assert order[0] == "island-council-voted-tuesday-cut"
        await pilot.press("R")
        screen = review(app)
        assert screen.current == order[0]
        assert app.focused_node == order[0]
        head = str(screen.query_one("#review-head").render())
        assert "1 of 7 drafted" in head and "the cues read: evidence" in head
        assert "drafted, not reviewed" in str(app.query_one("#detail-text").render())
        await pilot.press("a")
        await pilot.pause()
        assert app.doc.map is not None and not app.doc.map.node(order[0]).drafted
        assert screen.current == order[1]  # on to the next one
        assert "1 of 6 drafted" in str(screen.query_one("#review-head").render())
        await pilot.press("u")  # the app's undo works under the panel
        await pilot.pause()
        assert app.doc.map.node(order[0]).drafted
        await pilot.press("a", "ctrl+s")
        await pilot.pause()

    run(open_app(drafted), scenario)
    first = nodes_of(drafted)[0]
    assert first["id"] == "island-council-voted-tuesday-cut" and "drafted" not in first


def test_accepting_both_ends_accepts_their_relation(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("R")
        screen = review(app)
        while screen.current != "islanders-angry":
            await pilot.press("n")
        assert "drafted from 'because'" in str(screen.query_one("#review-links").render())
        await pilot.press("a")
        await pilot.pause()
        assert screen.current == "ferry-their-only-link-hospital"
        await pilot.press("a", "ctrl+s")
        await pilot.pause()

    run(open_app(drafted), scenario)
    relation = yaml.safe_load(drafted.read_text(encoding="utf-8"))["relations"][0]
    assert relation["type"] == "supports" and "drafted" not in relation


def test_retype_chooses_a_kind_and_a_forecast_gets_its_words(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("R")
        screen = review(app)
        while screen.current != "islanders-angry":
            await pilot.press("n")
        await pilot.press("t")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")  # claim -> evidence
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.node("islanders-angry").kind == "evidence"
        assert screen.current == "islanders-angry"  # retyped, still to be accepted
        await pilot.press("n")
        current = screen.current
        assert current == "ferry-their-only-link-hospital"
        await pilot.press("u")
        await pilot.pause()
        assert app.doc.map.node("islanders-angry").kind == "claim"

    run(open_app(drafted), scenario)


def test_merge_joins_the_next_node_into_one_contiguous_quote(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("R")
        screen = review(app)
        while screen.current != "islanders-angry":
            await pilot.press("n")
        await pilot.press("m")
        await pilot.pause()
        amap = app.doc.map
        assert amap is not None and amap.node("ferry-their-only-link-hospital") is None
        merged = amap.node("islanders-angry")
        assert merged is not None and [q.text for q in merged.quotes] == [
            "Islanders are angry because the ferry is their only link to the hospital on the mainland."]
        assert merged.quotes[0].start is not None  # it verifies against the source
        # the relation between the two is gone, the attack now aims at the merged node
        assert [(r.source, r.type, r.target) for r in amap.relations] == [
            ("however-council-argues-budget-leaves", "attacks", "islanders-angry")]
        await pilot.press("u")
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.node("ferry-their-only-link-hospital") is not None

    run(open_app(drafted), scenario)


def test_split_at_the_split_point_makes_a_drafted_node_of_the_rest(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("R")
        screen = review(app)
        while screen.current != "however-council-argues-budget-leaves":
            await pilot.press("n")
        quote = "However, the council argues that the budget leaves no other choice."
        for _ in range(10):
            await pilot.press("left")
        assert screen.split_at == quote.index("the council")
        await pilot.press("right", "right", "right")
        assert quote[screen.split_at:].startswith("that the budget")
        await pilot.press("s", "ctrl+s")
        await pilot.pause()
        amap = app.doc.map
        assert amap is not None
        assert [q.text for q in amap.node("however-council-argues-budget-leaves").quotes] == [
            "However, the council argues"]
        rest = [n for n in amap.nodes if n.quotes and n.quotes[0].text == "that the budget leaves no other choice."]
        assert rest and rest[0].drafted and rest[0].quotes[0].start is not None

    run(open_app(drafted), scenario)
    texts = [node["quotes"][0] for node in nodes_of(drafted)]
    assert "However, the council argues" in texts and "that the budget leaves no other choice." in texts


def test_drop_removes_the_node_and_its_relations_and_undo_brings_them_back(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("R")
        screen = review(app)
        while screen.current != "ferry-their-only-link-hospital":
            await pilot.press("n")
        await pilot.press("d")
        await pilot.pause()
        amap = app.doc.map
        assert amap is not None and amap.node("ferry-their-only-link-hospital") is None and not amap.relations
        assert screen.current == "however-council-argues-budget-leaves"
        await pilot.press("u")
        await pilot.pause()
        assert app.doc.map is not None and len(app.doc.map.relations) == 2

    run(open_app(drafted), scenario)


def test_review_says_so_when_nothing_is_drafted(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("R")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        assert any("no drafted node" in n.message for n in app._notifications)

    run(open_app(harbour), scenario)


def test_accepting_the_last_drafted_node_ends_the_walk(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("R")
        for _ in range(7):
            await pilot.press("a")
            await pilot.pause()
        assert drafted_in_order(app.doc) == []
        assert review(app).current is None
        assert "Every drafted node is reviewed" in str(app.screen.query_one("#review-head").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)

    run(open_app(drafted), scenario)
