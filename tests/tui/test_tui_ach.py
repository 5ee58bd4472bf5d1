"""The analyst's techniques in the explorer: the ACH screen (opening, sorting, going to a node, editing a rating with
safe saves and undo) and the key assumptions (the scenario switcher's rejections, the assumptions screen)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from argmap.analysis.ach import analyse
from argmap.io import load
from argmap.tui.ach_screen import FIRST_HYPOTHESIS, AchScreen
from argmap.tui.app import ArgmapApp
from argmap.tui.assumptions_screen import AssumptionsScreen
from argmap.tui.choice import ChoiceScreen
from argmap.tui.commands import COMMANDS, map_commands
from support import DATA, notes_of, open_app, run

RATED = "ratings: {negligence: I, storm-damage: CC, sabotage: C}"


@pytest.fixture(name="lighthouse")
def lighthouse_fixture(tmp_path: Path) -> Path:
    """A writable copy of the lighthouse map: two ACH groups, a key assumption."""
    shutil.copy(DATA / "ach.yaml", tmp_path / "ach.yaml")
    return tmp_path / "ach.yaml"




def ach(app: ArgmapApp) -> AchScreen:
    screen = app.screen
    assert isinstance(screen, AchScreen), type(screen)
    return screen


def table_rows(screen: AchScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def first_column(screen: AchScreen) -> list[str]:
    return [row[0] for row in table_rows(screen)]


async def open_why_dark(pilot: Pilot[Any]) -> AchScreen:
    """`H`, then the first group of the chooser."""
    await pilot.press("H")
    assert isinstance(pilot.app.screen, ChoiceScreen)
    await pilot.press("enter")
    return ach(pilot.app)  # type: ignore[arg-type]


async def go_to_cell(pilot: Pilot[Any], screen: AchScreen, item: str, hypothesis: str) -> None:
    table = screen.query_one(DataTable)
    row = next(i for i, r in enumerate(screen.rows) if r.item == item)
    column = FIRST_HYPOTHESIS + [h.id for h in screen.result.hypotheses].index(hypothesis)
    table.move_cursor(row=row, column=column, animate=False)
    await pilot.pause()


def test_the_screen_shows_the_matrix_as_argmap_ach_computes_it(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("H")
        chooser = app.screen
        assert isinstance(chooser, ChoiceScreen)  # two groups: which one?
        assert chooser.query_one(OptionList).option_count == 2
        await pilot.press("enter")
        screen = ach(app)
        assert screen.group_id == "why-dark"
        rows = table_rows(screen)
        assert rows[0] == ["keeper-absent", "H", "M", "CC", "N", "C", "2.83"]
        assert rows[1] == ["lamp-cracked*", "M", "H", "I", "CC", "C", "4.24"]  # * without it the leader changes
        assert rows[3] == ["boat-seen", "L", "M", "N", "N", "CC", "1.41"]
        assert rows[4] == ["weighted inconsistency", "", "", "1.41", "0.00", "0.00", ""]
        assert rows[6] == ["rank", "", "", "3", "1", "1", ""]
        head = str(screen.query_one("#ach-head").render())
        assert "H3  0.00 #1 sabotage  Smugglers put the light out." in head
        cell = str(screen.query_one("#ach-cell").render())
        assert "rated CC (very consistent) against H1 negligence" in cell
        await pilot.press("escape")
        assert not isinstance(app.screen, AchScreen)
        await app.run_action("ach('what-next')")  # the palette's row for one group opens it at once
        await pilot.pause()
        assert ach(app).group_id == "what-next"

    run(open_app(lighthouse), scenario)


def test_the_rating_colours_follow_the_theme(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await open_why_dark(pilot)
        table = screen.query_one(DataTable)
        cells = {str(cell): cell for row in range(4) for cell in table.get_row_at(row)}
        look = app.look
        assert cells["CC"].style == look.rating("CC")
        assert cells["I"].style == look.rating("I")
        assert look.rating("CC").color == look.colour("success")
        assert look.rating("I").color == look.colour("warning")
        assert look.rating("II").color == look.colour("error") and look.rating("II").bold

    run(open_app(lighthouse), scenario)


def test_a_map_without_groups_says_so(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes = notes_of(app)
        await pilot.press("H")
        assert not isinstance(app.screen, AchScreen | ChoiceScreen)
        assert any("declares no ACH groups" in note for note in notes)

    run(open_app(harbour), scenario)


def test_sorting_by_diagnosticity_keeps_the_cursor_on_its_item(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await open_why_dark(pilot)
        expected = [row.item for row in analyse(screen_map(app), screen.result.group).sorted_items("diagnosticity")]
        await go_to_cell(pilot, screen, "storm-night", "storm-damage")
        await pilot.press("s")
        assert [item.rstrip("*+") for item in first_column(screen)[:4]] == expected
        assert expected == ["lamp-cracked", "keeper-absent", "boat-seen", "storm-night"]
        table = screen.query_one(DataTable)
        assert screen.rows[table.cursor_row].item == "storm-night" and table.cursor_column == FIRST_HYPOTHESIS + 1
        assert "by diagnosticity" in str(screen.query_one("#ach-head").render())
        await pilot.press("s")
        assert first_column(screen)[:4] == ["keeper-absent", "lamp-cracked*", "storm-night", "boat-seen"]

    run(open_app(lighthouse), scenario)


def screen_map(app: ArgmapApp) -> Any:
    assert app.doc.map is not None
    return app.doc.map


def test_enter_goes_to_the_evidence_node_and_closes_the_screen(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes = notes_of(app)
        screen = await open_why_dark(pilot)
        await go_to_cell(pilot, screen, "boat-seen", "sabotage")
        await pilot.press("enter")  # an item stated in the matrix only: nowhere to go
        assert app.screen is screen
        assert any("stated in the ACH matrix only" in note for note in notes)
        await go_to_cell(pilot, screen, "lamp-cracked", "negligence")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, AchScreen)
        assert app.focused_node == "lamp-cracked"
        await pilot.press("left_square_bracket")  # a jump: back goes where it came from
        assert app.focused_node != "lamp-cracked"
        screen = await open_why_dark(pilot)
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.row_count - 1, column=FIRST_HYPOTHESIS + 1, animate=False)  # rank, H2
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused_node == "storm-damage"

    run(open_app(lighthouse), scenario)


def test_editing_a_rating_saves_only_its_bytes_and_undo_restores_it(lighthouse: Path) -> None:
    before = lighthouse.read_bytes()
    assert before.count(RATED.encode()) == 1

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await open_why_dark(pilot)
        await go_to_cell(pilot, screen, "lamp-cracked", "negligence")
        await pilot.press("plus")  # I -> II
        assert app.screen is screen and app.dirty
        rows = table_rows(screen)
        assert rows[1][:6] == ["lamp-cracked*", "M", "H", "II", "CC", "C"]
        assert rows[4][3] == "2.83"  # the weighted inconsistency of H1 follows: 2 x 1 x √2
        table = screen.query_one(DataTable)
        assert screen.rows[table.cursor_row].item == "lamp-cracked"  # the cursor stays on the cell
        assert lighthouse.read_bytes() == before  # not saved yet
        await pilot.press("ctrl+s")
        assert not app.dirty
        assert lighthouse.read_bytes() == before.replace(b"{negligence: I,", b"{negligence: II,")
        await pilot.press("u")  # undo, on the screen itself
        assert table_rows(screen)[1][3] == "I" and app.dirty
        await pilot.press("ctrl+s")
        assert lighthouse.read_bytes() == before
        await pilot.press("U")  # redo
        assert table_rows(screen)[1][3] == "II"
        await pilot.press("minus", "minus")  # II -> I -> N
        assert table_rows(screen)[1][3] == "N"
        await pilot.press("x")  # cleared: unrated
        assert table_rows(screen)[1][3] == "·"
        await pilot.press("r")  # the chooser
        chooser = app.screen
        assert isinstance(chooser, ChoiceScreen)
        chooser.choose("NA")
        await pilot.pause()
        assert app.screen is screen and table_rows(screen)[1][3] == "NA"
        await pilot.press("ctrl+s")
        # cleared, then rated again: the rating comes last in its mapping
        assert lighthouse.read_bytes() == before.replace(RATED.encode(),
                                                         b"ratings: {storm-damage: CC, sabotage: C, negligence: NA}")
        assert load(lighthouse).map is not None

    run(open_app(lighthouse), scenario)


def test_a_rating_is_not_edited_off_the_matrix(lighthouse: Path) -> None:
    before = lighthouse.read_bytes()

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await open_why_dark(pilot)
        table = screen.query_one(DataTable)
        table.move_cursor(row=0, column=1, animate=False)  # the credibility column
        await pilot.press("plus")
        table.move_cursor(row=table.row_count - 2, column=FIRST_HYPOTHESIS, animate=False)  # a score row
        await pilot.press("plus", "x")
        assert not app.dirty
        assert lighthouse.read_bytes() == before

    run(open_app(lighthouse), scenario)


def test_the_screen_follows_the_file_when_it_changes_on_disk(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        screen = await open_why_dark(pilot)
        elsewhere = RATED.replace("storm-damage: CC", "storm-damage: II")  # another program changes a rating
        lighthouse.write_text(lighthouse.read_text(encoding="utf-8").replace(RATED, elsewhere), encoding="utf-8")
        app.files.poll_disk()
        await pilot.pause()
        assert table_rows(screen)[1][4] == "II"

    run(open_app(lighthouse), scenario)


# -- key assumptions --------------------------------------------------------------------------------------------


def test_the_scenario_switcher_offers_to_reject_each_key_assumption(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("s")
        chooser = app.screen
        assert isinstance(chooser, ChoiceScreen)
        assert [value for value, _prompt in chooser.choices] == ["", "reject-keeper-reliable"]
        assert "assumption caveated" in str(chooser.choices[1][1])
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.scenario_id == "reject-keeper-reliable"
        assert "Reject the assumption" in str(app.query_one("#topbar-right").render())
        outcome = app.reasoning.outcome
        assert outcome is not None and "negligence" in {row.node for row in outcome.changed()}

    run(open_app(lighthouse), scenario)


def test_opening_under_a_rejected_assumption(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        assert app.scenario_id == "reject-keeper-reliable"
        assert app.reasoning.outcome is not None

    run(open_app(lighthouse, scenario="reject-keeper-reliable"), scenario)


def test_the_assumptions_screen_lists_status_and_effect(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("K")
        screen = app.screen
        assert isinstance(screen, AssumptionsScreen)
        table = screen.query_one(DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == ["keeper-reliable", "caveated", "in 0.50", "0.15",
                                                               "negligence out→in"]
        detail = str(screen.query_one("#assumptions-detail").render())
        assert "why: Only the harbour master's word for it." in detail
        assert "wrong if: The log shows earlier dark nights." in detail
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, AssumptionsScreen) and app.focused_node == "keeper-reliable"
        await pilot.press("K", "s")  # reject it: the map under reject-keeper-reliable
        await pilot.pause()
        assert not isinstance(app.screen, AssumptionsScreen)
        assert app.scenario_id == "reject-keeper-reliable"

    run(open_app(lighthouse), scenario)


def test_a_map_without_assumptions_says_so(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes = notes_of(app)
        await pilot.press("K")
        assert not isinstance(app.screen, AssumptionsScreen)
        assert any("marks no key assumption" in note for note in notes)

    run(open_app(harbour), scenario)


def test_the_screen_closes_when_its_group_goes(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes = notes_of(app)
        await open_why_dark(pilot)
        text = lighthouse.read_text(encoding="utf-8")
        lighthouse.write_text(text.replace("id: why-dark", "id: why-it-went-dark"), encoding="utf-8")
        app.files.poll_disk()
        await pilot.pause()
        assert not isinstance(app.screen, AchScreen)
        assert any("'why-dark' is no longer in the map" in note for note in notes)

    run(open_app(lighthouse), scenario)


def test_the_palette_has_a_row_per_group_and_per_rejected_assumption(lighthouse: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        rows = {command.name: command.action for command in map_commands(app)}
        assert rows["ACH: Why the light went out"] == "ach('why-dark')"
        assert rows["ACH: What the council does"] == "ach('what-next')"
        assert rows["Scenario: Reject the assumption: The keeper had never missed a night before."] == \
            "set_scenario('reject-keeper-reliable')"
        assert {"ach", "assumptions"} <= {command.action for command in COMMANDS}

    run(open_app(lighthouse), scenario)
