"""Editing the parts of a map that are not nodes, in the explorer: the map's title and description, a source, a
relation's note, weight and author, scenarios and vocabularies. Each form saves one edit, the file on disk then
changes exactly as `argmap edit` changes it, and undo takes the edit back."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from argmap.analysis.outline import ViewFilter
from argmap.cli import main
from argmap.tui.app import ArgmapApp
from argmap.tui.choice import ChoiceScreen
from argmap.tui.confirm import ConfirmScreen
from argmap.tui.detail import RelationList
from argmap.tui.part_form import PartFormScreen, part_dom_id
from argmap.tui.scenario_choice import ScenarioChoice
from argmap.tui.scenario_editor import ScenarioListScreen
from support import open_app, run


def form(app: ArgmapApp) -> PartFormScreen:
    screen = app.screen
    assert isinstance(screen, PartFormScreen), type(screen)
    return screen


def cli_result(harbour: Path, *operations: str) -> str:
    """The text `argmap edit` makes of a fresh copy of the harbour map with `operations`."""
    folder = harbour.parent / "cli"
    folder.mkdir(exist_ok=True)
    for file in harbour.parent.glob("*.*"):
        shutil.copy(file, folder / file.name)
    copy = folder / "harbour.yaml"
    assert main(["edit", str(copy), *operations]) == 0
    return copy.read_text(encoding="utf-8")


@pytest.fixture(name="original")
def original_fixture(harbour: Path) -> str:
    return harbour.read_text(encoding="utf-8")


async def save_and_compare(app: ArgmapApp, pilot: Pilot[Any], harbour: Path, expected: str) -> None:
    assert app.dirty
    await pilot.press("ctrl+s")
    assert not app.dirty
    assert harbour.read_text(encoding="utf-8") == expected


def test_the_maps_title_and_description(harbour: Path, original: str) -> None:
    expected = cli_result(harbour, "--set-map", "title=Eastport: the dock strike",
                          "--set-map", "description=A strike in two weeks.")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await app.run_action("edit_part('map')")
        await pilot.pause()
        screen = form(app)
        assert screen.value_of("title") == "Eastport dock strike"
        screen.set_value("title", "")
        assert "required" in str(screen.query_one("#" + part_dom_id("title") + "-error").render())
        assert screen.query_one("#form-save", Button).disabled
        screen.set_value("title", "Eastport: the dock strike")
        await pilot.press("escape")  # something was typed: asks first
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("k")  # keep editing (the same question as the node form: keep, save, discard)
        assert app.screen is screen and screen.value_of("title") == "Eastport: the dock strike"
        screen.set_value("description", "A strike in two weeks.")
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, PartFormScreen)
        assert app.doc.map is not None and app.doc.map.title == "Eastport: the dock strike"
        await pilot.press("u")  # one undo takes back both fields
        assert app.doc.map.title == "Eastport dock strike" and not app.dirty
        await pilot.press("U")
        await save_and_compare(app, pilot, harbour, expected)
        await app.run_action("edit_part('map')")
        await pilot.pause()
        form(app).set_value("title", "Something else")
        await pilot.press("escape", "d")  # discard
        assert not isinstance(app.screen, PartFormScreen | ConfirmScreen) and not app.dirty
        await app.run_action("edit_part('map')")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        assert not isinstance(app.screen, PartFormScreen | ConfirmScreen)

    run(open_app(harbour), scenario)


def test_a_source_refuses_a_missing_path(harbour: Path, original: str) -> None:
    shutil.copy(harbour.parent / "harbour.txt", harbour.parent / "gazette.txt")
    expected = cli_result(harbour, "--source-set", "gazette.author=The Harbour Gazette",
                          "--source-set", "gazette.publisher=Eastport Press",
                          "--source-set", "gazette.path=gazette.txt")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await app.run_action("edit_part('sources')")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # the first source
        screen = form(app)
        assert screen.value_of("path") == "harbour.txt" and screen.value_of("date") == "2031-03-04"
        screen.set_value("path", "missing.txt")
        assert "no file missing.txt relative to the map" in str(
            screen.query_one("#" + part_dom_id("path") + "-error").render())
        await pilot.press("ctrl+s")
        assert app.screen is screen  # refused: the form stays
        screen.set_value("date", "March")
        assert "YYYY-MM-DD" in str(screen.query_one("#" + part_dom_id("date") + "-error").render())
        screen.set_value("date", "2031-03-04")
        screen.set_value("path", "gazette.txt")
        screen.set_value("author", "The Harbour Gazette")
        screen.set_value("publisher", "Eastport Press")
        await pilot.press("ctrl+s")
        assert app.doc.map is not None and app.doc.map.sources[0].publisher == "Eastport Press"
        await save_and_compare(app, pilot, harbour, expected)
        await pilot.press("u")
        assert app.doc.map is not None and app.doc.map.sources[0].publisher is None
        await app.run_action("edit_part('sources')")
        await pilot.pause()
        app.screen.choose("-add")  # type: ignore[attr-defined]
        await pilot.pause()
        new = form(app)
        assert new.value_of("id") == "source-1"
        new.set_value("id", "gazette")
        assert "already called 'gazette'" in str(new.query_one("#" + part_dom_id("id") + "-error").render())
        new.set_value("id", "follow-up")
        new.set_value("title", "Gazette follow-up")
        new.set_value("path", "gazette.txt")
        await pilot.press("ctrl+s")
        assert app.doc.map is not None and [s.id for s in app.doc.map.sources] == ["gazette", "follow-up"]
        assert app.doc.map.sources[1].path == "gazette.txt"

    run(open_app(harbour), scenario)


def test_a_relations_note_weight_and_author(harbour: Path, original: str) -> None:
    expected = cli_result(harbour, "--relation-set", "wage-cut", "supports", "momentum", "weight=0.8",
                          "--relation-set", "wage-cut", "supports", "momentum", "by=analyst",
                          "--relation-set", "wage-cut", "supports", "momentum", "note=A cut angers members")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("wage-cut")
        await pilot.press("2")
        relations = app.query_one(RelationList)
        assert relations.relations[0] == ("wage-cut", "supports", "momentum")
        await pilot.press("w")
        screen = form(app)
        assert screen.value_of("by") == "author" and screen.value_of("weight") == ""
        screen.set_value("weight", "1.5")
        assert "between 0 and 1" in str(screen.query_one("#" + part_dom_id("weight") + "-error").render())
        screen.set_value("weight", "80%")
        screen.set_value("by", "analyst")
        screen.set_value("note", "A cut angers members")
        await pilot.press("ctrl+s")
        assert app.doc.map is not None
        relation = next(r for r in app.doc.map.relations if r.key == ("wage-cut", "supports", "momentum"))
        assert relation.weight == 0.8 and relation.by == "analyst"
        assert app.focused_node == "wage-cut"
        await save_and_compare(app, pilot, harbour, expected)
        await pilot.press("u")
        relation = next(r for r in app.doc.map.relations if r.key == ("wage-cut", "supports", "momentum"))
        assert relation.weight is None and relation.by == "author" and relation.note is None

    run(open_app(harbour), scenario)


def test_scenarios_added_renamed_and_removed(harbour: Path, original: str) -> None:
    expected = cli_result(harbour, "--scenario-add", "strike-ends", "The strike ends",
                          "--assume", "strike-ends", "pickets-hold", "false",
                          "--override", "strike-ends", "port-closes", "10%",
                          "--scenario-rename", "offer-withdrawn", "no-offer", "--scenario-remove", "gate-reopened")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.set_scenario("offer-withdrawn")
        await pilot.press("s")
        assert isinstance(app.screen, ScenarioChoice)
        await pilot.press("e")  # from the chooser to the editor
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScenarioListScreen) and screen.ids == ["offer-withdrawn", "gate-reopened"]
        await pilot.press("n")
        new = form(app)
        new.set_value("id", "strike-ends")
        new.set_value("title", "The strike ends")
        new.set_value("assume", "pickets-hold: maybe")
        assert "not true or false" in str(new.query_one("#" + part_dom_id("assume") + "-error").render())
        new.set_value("assume", "pickets-hlod: false")
        assert "did you mean 'pickets-hold'" in str(new.query_one("#" + part_dom_id("assume") + "-error").render())
        new.set_value("assume", "pickets-hold: false")
        new.set_value("probabilities", "port-closes: 10%")
        await pilot.press("ctrl+s")
        assert app.screen is screen and screen.ids == ["offer-withdrawn", "gate-reopened", "strike-ends"]
        await pilot.press("home", "i")
        edit = form(app)
        assert edit.value_of("assume") == "new-offer: false"
        edit.set_value("id", "no-offer")
        await pilot.press("ctrl+s")
        assert screen.ids[0] == "no-offer" and app.scenario_id == "no-offer"  # the shown scenario follows
        await pilot.press("down", "x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("r")
        assert screen.ids == ["no-offer", "strike-ends"]
        await pilot.press("ctrl+s")
        assert harbour.read_text(encoding="utf-8") == expected
        await pilot.press("u", "u", "u")
        assert screen.ids == ["offer-withdrawn", "gate-reopened"]
        assert harbour.read_text(encoding="utf-8") == expected and app.dirty
        await pilot.press("escape")
        assert not isinstance(app.screen, ScenarioListScreen)

    run(open_app(harbour), scenario)


def test_vocabularies_rename_everywhere_and_remove_after_asking(harbour: Path, original: str) -> None:
    expected = cli_result(harbour, "--vocab-rename", "actors", "police", "city-police",
                          "--vocab-label", "actors", "city-police", "City police",
                          "--vocab-remove", "themes", "order", "--force")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.view_filter = ViewFilter(actor=frozenset({"police"}), theme=frozenset({"order"}))
        await app.run_action("edit_part('vocabularies')")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        app.screen.choose("actors")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        app.screen.choose("police")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and "used by 1 node" in app.screen.hint
        app.screen.choose("edit")
        await pilot.pause()
        screen = form(app)
        screen.set_value("id", "union")
        assert "already called 'union'" in str(screen.query_one("#" + part_dom_id("id") + "-error").render())
        screen.set_value("id", "city-police")
        screen.set_value("label", "City police")
        await pilot.press("ctrl+s")
        amap = app.doc.map
        assert amap is not None and amap.actors["city-police"] == "City police"
        assert amap.node("police-cleared-gate").actors == ["city-police"]  # type: ignore[union-attr]
        assert app.view_filter.actor == {"city-police"}  # the filter follows the rename
        await app.run_action("edit_part('vocabularies')")
        await pilot.pause()
        app.screen.choose("themes")  # type: ignore[attr-defined]
        await pilot.pause()
        app.screen.choose("order")  # type: ignore[attr-defined]
        await pilot.pause()
        app.screen.choose("remove")  # type: ignore[attr-defined]
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "districts-angry" in str(app.screen.message)
        await pilot.press("r")
        amap = app.doc.map
        assert amap is not None and "order" not in amap.themes
        assert amap.node("districts-angry").themes == []  # type: ignore[union-attr]
        assert app.view_filter.theme == frozenset()
        await save_and_compare(app, pilot, harbour, expected)
        await pilot.press("u", "u")
        assert app.doc.map is not None and "police" in app.doc.map.actors and "order" in app.doc.map.themes

    run(open_app(harbour), scenario)


def test_the_palette_lists_the_part_editors(harbour: Path) -> None:
    from argmap.tui.commands import COMMANDS

    actions = {command.action for command in COMMANDS}
    assert {"edit_part('scenarios')", "edit_part('map')", "edit_part('sources')", "edit_part('vocabularies')",
            "edit_part('prune')"} <= actions
