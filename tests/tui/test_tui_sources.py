"""A map's sources in the explorer beyond their metadata: the coverage goal and the lines left out, the default
source of plain-text quotes, removing a source no quote cites. Each saves one edit, the file on disk then is what
`argmap edit` makes of the same operations, and undo takes the edit back."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from test_tui_parts import cli_result, form, original_fixture, save_and_compare
from textual.pilot import Pilot

from argmap.tui.app import ArgmapApp
from argmap.tui.choice import ChoiceScreen
from argmap.tui.confirm import ConfirmScreen
from argmap.tui.part_form import part_dom_id
from support import open_app, run

__all__ = ["original_fixture"]  # the fixture `original`, shared with test_tui_parts

BYLINE = "Eastport dockworkers walk out"


def choice(app: ArgmapApp) -> ChoiceScreen:
    screen = app.screen
    assert isinstance(screen, ChoiceScreen), type(screen)
    return screen


def prompts(app: ArgmapApp) -> dict[str, str]:
    return {value: str(prompt) for value, prompt in choice(app).choices}


async def sources_menu(app: ArgmapApp, pilot: Pilot[Any], pick: str | None = None) -> None:
    await app.run_action("edit_part('sources')")
    await pilot.pause()
    if pick is not None:
        choice(app).choose(pick)
        await pilot.pause()


def with_follow_up(harbour: Path) -> None:
    shutil.copy(harbour.parent / "harbour.txt", harbour.parent / "follow.txt")


async def add_follow_up(app: ArgmapApp, pilot: Pilot[Any]) -> None:
    await sources_menu(app, pilot, "-add")
    new = form(app)
    new.set_value("id", "follow-up")
    new.set_value("title", "Gazette follow-up")
    new.set_value("path", "follow.txt")
    await pilot.press("ctrl+s")
    await pilot.pause()


def test_a_sources_coverage_goal_and_lines_left_out(harbour: Path) -> None:
    expected = cli_result(harbour, "--source-set", "gazette.coverage.minimum=0.8",
                          "--source-set", f"gazette.coverage.exclude=['{BYLINE}', 'Police cleared...']")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await sources_menu(app, pilot, "gazette")
        screen = form(app)
        assert screen.value_of("coverage.minimum") == "" and screen.value_of("coverage.exclude") == ""
        screen.set_value("coverage.minimum", "1.5")
        assert "between 0 and 1" in str(screen.query_one("#" + part_dom_id("coverage.minimum") + "-error").render())
        screen.set_value("coverage.minimum", "80%")
        screen.set_value("coverage.exclude", f"{BYLINE}\n\n  Police cleared...  \n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        amap = app.doc.map
        assert amap is not None and amap.sources[0].coverage is not None
        assert amap.sources[0].coverage.minimum == 0.8
        assert amap.sources[0].coverage.exclude == [BYLINE, "Police cleared..."]
        await pilot.press("u")  # one undo takes back both
        assert app.doc.map is not None and app.doc.map.sources[0].coverage is None and not app.dirty
        await pilot.press("U")
        await save_and_compare(app, pilot, harbour, expected)
        await sources_menu(app, pilot, "gazette")  # the form shows them again, and clears them
        again = form(app)
        assert again.value_of("coverage.minimum") == "0.8"
        assert again.value_of("coverage.exclude") == f"{BYLINE}\nPolice cleared..."
        again.set_value("coverage.minimum", "")
        again.set_value("coverage.exclude", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.sources[0].coverage is None

    run(open_app(harbour), scenario)
    cleared = cli_result(harbour, "--source-set", "gazette.coverage.minimum=", "--source-set",
                         "gazette.coverage.exclude=")
    assert "coverage" not in cleared


def test_a_new_source_with_its_coverage(harbour: Path) -> None:
    with_follow_up(harbour)
    expected = cli_result(harbour, "--source-add", "follow-up", "Gazette follow-up",
                          "--source-set", "follow-up.path=follow.txt",
                          "--source-set", "follow-up.coverage.minimum=0.5")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await sources_menu(app, pilot, "-add")
        new = form(app)
        new.set_value("id", "follow-up")
        new.set_value("title", "Gazette follow-up")
        new.set_value("path", "follow.txt")
        new.set_value("coverage.minimum", "0.5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await save_and_compare(app, pilot, harbour, expected)
        await pilot.press("u")  # one edit: the source and its coverage go together
        assert app.doc.map is not None and [s.id for s in app.doc.map.sources] == ["gazette"]

    run(open_app(harbour), scenario)


def test_the_default_source_of_plain_quotes(harbour: Path, original: str) -> None:
    with_follow_up(harbour)
    expected = cli_result(harbour, "--source-add", "follow-up", "Gazette follow-up",
                          "--source-set", "follow-up.path=follow.txt", "--set-map", "default_source=gazette")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await sources_menu(app, pilot)
        assert "-default" not in prompts(app)  # one source: nothing to choose
        assert "quoted by 8 nodes · default (the first)" in prompts(app)["gazette"]
        await pilot.press("escape")
        await add_follow_up(app, pilot)
        await sources_menu(app, pilot, "-default")
        assert "(10 quotes in 8 nodes) belong to the default source, now 'gazette'" in str(
            choice(app).query_one("#choice-hint").render())
        choice(app).choose("gazette")  # the same source, named: nothing moves, no question
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.default_source == "gazette"
        await save_and_compare(app, pilot, harbour, expected)
        await sources_menu(app, pilot, "-default")
        assert "-none" in prompts(app)
        choice(app).choose("follow-up")  # the plain quotes would move: asks first
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "10 plain-text quotes (8 nodes) will be read from 'follow-up' instead of 'gazette'" in \
            str(question.message)
        await pilot.press("escape")
        assert app.doc.map is not None and app.doc.map.default_source == "gazette"
        await sources_menu(app, pilot, "-default")
        choice(app).choose("follow-up")
        await pilot.pause()
        await pilot.press("c")  # change it
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.default_source == "follow-up"
        await pilot.press("u")
        assert app.doc.map is not None and app.doc.map.default_source == "gazette"
        await sources_menu(app, pilot, "-default")
        choice(app).choose("-none")  # back to the first source, which is gazette: nothing moves
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.default_source is None

    run(open_app(harbour), scenario)


def test_removing_a_source_no_quote_cites(harbour: Path, original: str) -> None:
    with_follow_up(harbour)

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await add_follow_up(app, pilot)
        await app.run_action("edit_part('remove-source')")  # the palette's "Remove a source…"
        await pilot.pause()
        assert "unquoted" in prompts(app)["follow-up"]
        choice(app).choose("gazette")  # quoted: refused as `argmap edit --source-remove` refuses it
        await pilot.pause()
        assert app.doc.map is not None and len(app.doc.map.sources) == 2
        assert any("source 'gazette' is quoted by 8 nodes" in n.message for n in app._notifications)
        await sources_menu(app, pilot, "-remove")
        choice(app).choose("follow-up")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("r")
        await pilot.pause()
        assert app.doc.map is not None and [s.id for s in app.doc.map.sources] == ["gazette"]
        await pilot.press("u")
        assert app.doc.map is not None and len(app.doc.map.sources) == 2
        await pilot.press("U")
        assert app.files.session is not None and app.files.session.text == original  # added, removed: as it was
        assert not app.dirty

    run(open_app(harbour), scenario)


def test_the_default_source_holds_the_plain_quotes_and_cannot_be_removed(harbour: Path) -> None:
    with_follow_up(harbour)

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await add_follow_up(app, pilot)
        await sources_menu(app, pilot, "-default")
        choice(app).choose("follow-up")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await sources_menu(app, pilot, "-remove")
        assert "quoted by 8 nodes · default" in prompts(app)["follow-up"]
        assert "unquoted" in prompts(app)["gazette"]
        choice(app).choose("follow-up")
        await pilot.pause()
        assert any("source 'follow-up' is quoted by 8 nodes" in n.message for n in app._notifications)
        assert app.doc.map is not None and len(app.doc.map.sources) == 2

    run(open_app(harbour), scenario)


def test_without_sources_there_is_nothing_to_choose_or_remove(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: T\nnodes:\n  - {id: a, kind: claim, text: A}\n", encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await sources_menu(app, pilot)
        assert list(prompts(app)) == ["-add"]
        await pilot.press("escape")
        for part in ("default-source", "remove-source"):
            await app.run_action(f"edit_part('{part}')")
            await pilot.pause()
            assert not isinstance(app.screen, ChoiceScreen)
        assert any("no sources to remove" in n.message for n in app._notifications)
        assert any("no sources yet" in n.message for n in app._notifications)

    run(open_app(path), scenario)
