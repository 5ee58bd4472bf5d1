"""Finding nodes: search as you type, filters, the command palette, the help screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from argmap.analysis.outline import ViewFilter
from argmap.tui.app import ArgmapApp
from argmap.tui.filters import FilterScreen
from argmap.tui.help import HelpScreen, binding_rows
from argmap.tui.outline import OutlineTree
from argmap.tui.search import SearchScreen
from support import open_app, run, tree_lines


async def wait_for_options(pilot: Pilot[Any], widget: OptionList, tries: int = 40) -> None:
    for _ in range(tries):
        if widget.option_count:
            return
        await pilot.pause(0.05)


def test_search_shows_results_as_you_type_and_enter_jumps(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one(OptionList)
        await pilot.press(*"owner")
        ids = [option.id for option in results.options]
        assert ids[:2] == ["wage-cut", "new-offer"]  # text and quote matches, file order
        await pilot.press(*"s say")  # "owners say": the quote of new-offer first
        assert results.options[0].id == "new-offer"
        assert "owners say" in str(results.options[0].prompt)
        await pilot.press("enter")
        assert not isinstance(app.screen, SearchScreen)
        assert app.focused_node == "new-offer"
        assert app.query_one(OutlineTree).cursor_node.data.node == "new-offer"  # type: ignore[union-attr]

    run(open_app(harbour), scenario)


def test_search_forgives_typos_and_arrows_choose(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("slash", *"polise")
        results = app.screen.query_one(OptionList)
        assert results.options[0].id == "police-cleared-gate"
        app.screen.query_one(Input).value = "strike"
        await pilot.pause()
        first, second = results.options[0].id, results.options[1].id
        await pilot.press("down", "enter")
        assert app.focused_node == second != first

    run(open_app(harbour), scenario)


def test_escape_leaves_search_without_moving(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("slash", *"wage", "escape")
        assert app.focused_node == "port-closes"
        assert not isinstance(app.screen, SearchScreen)

    run(open_app(harbour), scenario)


def test_filter_screen_keeps_matching_nodes_with_their_context(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("f")
        assert isinstance(app.screen, FilterScreen)
        await pilot.press("space", "enter")  # the first value: kind claim
        assert app.view_filter == ViewFilter(kind=frozenset({"claim"}))
        assert "filter: kind: claim" in str(app.query_one("#topbar-right").render())
        assert "7/10" in str(app.query_one(OutlineTree).border_title)
        tree = app.query_one(OutlineTree)
        first = tree.root.children[0]
        assert first.data is not None and first.data.context  # port-closes only leads to claims
        await pilot.press("F")
        assert not app.view_filter.active
        assert "filter" not in str(app.query_one("#topbar-right").render())

    run(open_app(harbour), scenario)


def test_filter_hides_nodes_and_says_so(harbour: Path) -> None:
    notes: list[str] = []

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        original = app.notify
        app.notify = lambda message, **kw: (notes.append(message), original(message, **kw))[1]  # type: ignore
        app.toggle_filter("actor", "police")
        await pilot.pause()
        app.query_one(OutlineTree).action_expand_all_below()
        await pilot.pause()
        shown = {key.rsplit("/", 1)[-1] for key in tree_lines(app)}
        assert shown == {"port-closes", "strike-spreads", "momentum", "union-strong", "police-cleared-gate"}
        app.focus_node("new-offer")
        await pilot.pause()
        assert any("hidden by the filter" in note for note in notes)

    run(open_app(harbour), scenario)


def test_palette_jumps_to_a_node(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"police-c")
        await wait_for_options(pilot, app.screen.query_one(OptionList))
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused_node == "police-cleared-gate"

    run(open_app(harbour), scenario)


def test_palette_runs_commands(harbour: Path) -> None:
    async def run_command(app: ArgmapApp, pilot: Pilot[Any], query: str) -> None:
        await pilot.press("ctrl+p")
        app.screen.query_one(Input).value = query  # as if typed
        await wait_for_options(pilot, app.screen.query_one(OptionList))
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await run_command(app, pilot, "group the outline by actor")
        assert app.grouping == "actor"
        await run_command(app, pilot, "keep only theme public order")
        assert app.view_filter == ViewFilter(theme=frozenset({"order"}))

    run(open_app(harbour), scenario)


def test_help_lists_every_binding(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = dict(binding_rows(ArgmapApp, app))
        assert rows["/"].startswith("Search")
        assert rows["[ alt+← ⌫"].startswith("Back")
        assert "Expand / into" in dict(binding_rows(OutlineTree, app)).values()
        await pilot.press("slash")  # the explorer's keys wait under the help screen
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    run(open_app(harbour), scenario)


def test_search_input_does_not_blink_when_asked(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("slash")
        assert app.screen.query_one(Input).cursor_blink is False

    run(open_app(harbour, cursor_blink=False), scenario)
