"""The explorer's review of a draft (`R`): accept, retype, merge, split and drop a node; accept, retype, reverse and
drop a relation; each an edit with undo, saved like any other; and the order it walks the drafted items in."""

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
from argmap.tui.review import ReviewScreen, drafted_in_order, review_order
from support import REPO, open_app, run

FERRY = REPO / "tests" / "data" / "ferry.txt"
BECAUSE = ("ferry-their-only-link-hospital", "supports", "islanders-angry")
HOWEVER = ("however-council-argues-budget-leaves", "attacks", "ferry-their-only-link-hospital")


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
        assert "1 of 9 drafted" in head and "the cues read: evidence" in head
        assert "drafted, not reviewed" in str(app.query_one("#detail-text").render())
        await pilot.press("a")
        await pilot.pause()
        assert app.doc.map is not None and not app.doc.map.node(order[0]).drafted
        assert screen.current == order[1]  # on to the next one
        assert "1 of 8 drafted" in str(screen.query_one("#review-head").render())
        await pilot.press("u")  # the app's undo works under the panel
        await pilot.pause()
        assert app.doc.map.node(order[0]).drafted
        await pilot.press("a", "ctrl+s")
        await pilot.pause()

    run(open_app(drafted), scenario)
    first = nodes_of(drafted)[0]
    assert first["id"] == "island-council-voted-tuesday-cut" and "drafted" not in first


def relations_of(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["relations"]


async def go_to(pilot: Pilot[Any], item: Any) -> ReviewScreen:
    await pilot.press("R")
    screen = review(pilot.app)  # type: ignore[arg-type]
    for _ in range(len(screen.order)):
        if screen.current == item:
            return screen
        await pilot.press("n")
    raise AssertionError(f"{item} is not in the walk {screen.order}")


def test_the_walk_puts_each_drafted_relation_right_after_the_later_of_its_ends(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        assert review_order(app.doc) == [
            "island-council-voted-tuesday-cut", "harbour-master-said-older-vessel", "islanders-angry",
            "ferry-their-only-link-hospital", BECAUSE, "however-council-argues-budget-leaves", HOWEVER,
            "shortage-crossings-will-probably-push", "council-may-restore-service-if"]
        screen = await go_to(pilot, "ferry-their-only-link-hospital")
        await pilot.press("n")
        assert screen.current == BECAUSE
        assert app.focused_node == BECAUSE[0]  # the main screen shows the relation's source
        head = str(screen.query_one("#review-head").render())
        assert "5 of 9 drafted  relation  ferry-their-only-link-hospital supports islanders-angry" in head
        assert "drafted from 'because'" in head
        quote = str(screen.query_one("#review-quote").render())
        assert quote.index("“because the ferry is their only link") < quote.index("supports ↓") < \
            quote.index("“Islanders are angry”")
        assert "the ends fit the type" in str(screen.query_one("#review-links").render())
        # a relation's keys: merge and split are not offered, reverse is
        assert screen.check_action("merge", ()) is False and screen.check_action("split", ()) is False
        assert screen.check_action("reverse", ()) is True
        await pilot.press("m", "s")  # nothing happens
        await pilot.pause()
        assert app.doc.map is not None and len(app.doc.map.nodes) == 7
        await pilot.press("p")
        assert screen.current == "ferry-their-only-link-hospital" and screen.check_action("reverse", ()) is False
        await pilot.press("p", "p")
        assert screen.current == "harbour-master-said-older-vessel"

    run(open_app(drafted), scenario)


def test_accepting_both_ends_leaves_their_relation_to_review(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await go_to(pilot, "islanders-angry")
        assert "drafted from 'because'" in str(screen.query_one("#review-links").render())
        await pilot.press("a")
        await pilot.pause()
        assert screen.current == "ferry-their-only-link-hospital"
        await pilot.press("a")
        await pilot.pause()
        amap = app.doc.map
        assert amap is not None and all(rel.drafted for rel in amap.relations)  # not accepted with its ends
        assert screen.current == BECAUSE  # the walk goes on with the relation
        await pilot.press("a")
        await pilot.pause()
        assert app.doc.map is not None and not app.doc.map.relations[0].drafted
        assert screen.current == "however-council-argues-budget-leaves"
        await pilot.press("u")  # back to the relation, drafted again
        await pilot.pause()
        assert app.doc.map.relations[0].drafted and screen.current == BECAUSE
        await pilot.press("a", "ctrl+s")
        await pilot.pause()

    run(open_app(drafted), scenario)
    relation = relations_of(drafted)[0]
    assert relation["type"] == "supports" and "drafted" not in relation
    assert relations_of(drafted)[1]["drafted"] is True


def test_retype_a_relation_refuses_what_check_refuses_and_undoes(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await go_to(pilot, HOWEVER)
        await pilot.press("t")
        choice = app.screen
        assert isinstance(choice, ChoiceScreen)
        prompts = {value: str(prompt) for value, prompt in choice.choices}
        assert prompts["supports"] == "supports"
        assert "refused: 'however-council-argues-budget-leaves' undercuts 'ferry-their-only-link-hospital', a " \
            "claim: only an inference can be undercut" in prompts["undercuts"]
        assert "a condition's target must be a forecast" in prompts["condition"]
        await pilot.press("down", "enter")  # undercuts: refused, nothing changes
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.relations[1].type == "attacks"
        assert any("only an inference can be undercut" in n.message for n in app._notifications)
        assert screen.current == HOWEVER
        await pilot.press("t", "up", "enter")  # supports
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.relations[1].type == "supports"
        assert app.doc.map.relations[1].drafted  # retyped, still to be accepted
        assert screen.current == (HOWEVER[0], "supports", HOWEVER[2])  # the panel stays on it
        await pilot.press("u")
        await pilot.pause()
        assert app.doc.map.relations[1].type == "attacks" and screen.current == HOWEVER
        await pilot.press("t", "up", "enter", "a", "ctrl+s")
        await pilot.pause()

    run(open_app(drafted), scenario)
    relation = relations_of(drafted)[1]
    assert relation == {"source": HOWEVER[0], "target": HOWEVER[2], "type": "supports",
                        "note": "drafted from 'however'"}


def test_reverse_a_relation_swaps_its_ends_and_undoes(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await go_to(pilot, BECAUSE)
        await pilot.press("r")
        await pilot.pause()
        amap = app.doc.map
        assert amap is not None and amap.relations[0].key == ("islanders-angry", "supports",
                                                              "ferry-their-only-link-hospital")
        assert amap.relations[0].drafted and screen.current == amap.relations[0].key
        await pilot.press("u")
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.relations[0].key == BECAUSE and screen.current == BECAUSE
        await pilot.press("r", "ctrl+s")
        await pilot.pause()

    run(open_app(drafted), scenario)
    assert relations_of(drafted)[0] == {"source": "islanders-angry", "target": "ferry-their-only-link-hospital",
                                        "type": "supports", "note": "drafted from 'because'", "drafted": True}


def test_reverse_refuses_what_check_refuses(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: T\nnodes:\n  - {id: a, kind: claim, text: A, drafted: true}\n"
                    "  - {id: f, kind: forecast, text: F, drafted: true}\n"
                    "relations:\n  - {source: a, target: f, type: condition, drafted: true}\n", encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await go_to(pilot, ("a", "condition", "f"))
        await pilot.press("r")
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.relations[0].key == ("a", "condition", "f")
        assert any("a condition's target must be a forecast" in n.message for n in app._notifications)
        assert screen.current == ("a", "condition", "f")

    run(open_app(path), scenario)


def test_drop_a_relation_and_undo_brings_it_back(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await go_to(pilot, HOWEVER)
        await pilot.press("d")
        await pilot.pause()
        amap = app.doc.map
        assert amap is not None and [r.key for r in amap.relations] == [BECAUSE] and len(amap.nodes) == 7
        assert screen.current == "shortage-crossings-will-probably-push"
        await pilot.press("u")
        await pilot.pause()
        assert app.doc.map is not None and len(app.doc.map.relations) == 2 and screen.current == HOWEVER
        await pilot.press("d", "ctrl+s")
        await pilot.pause()

    run(open_app(drafted), scenario)
    assert [r["type"] for r in relations_of(drafted)] == ["supports"]


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
        assert any("no drafted node or relation" in n.message for n in app._notifications)

    run(open_app(harbour), scenario)


def test_accepting_the_last_drafted_item_ends_the_walk(drafted: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("R")
        for _ in range(9):
            await pilot.press("a")
            await pilot.pause()
        assert drafted_in_order(app.doc) == [] and review_order(app.doc) == []
        assert app.doc.map is not None and not any(rel.drafted for rel in app.doc.map.relations)
        assert review(app).current is None
        assert "Every drafted item is reviewed" in str(app.screen.query_one("#review-head").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)

    run(open_app(drafted), scenario)
