"""Editing in the explorer: the node form, new nodes (from scratch and from the source), relations, deletion,
undo and redo, saving, conflicts, the crash journal, live reload, quitting and $EDITOR."""

from __future__ import annotations

import contextlib
import difflib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input

from argmap.edit.journal import journal_path
from argmap.edit.session import EditSession
from argmap.tui.app import ArgmapApp
from argmap.tui.choice import ChoiceScreen
from argmap.tui.confirm import ConfirmScreen, TextScreen
from argmap.tui.detail import RelationList
from argmap.tui.node_form import NodeFormScreen, _dom_id
from argmap.tui.passage_screen import PassageScreen
from argmap.tui.search import SearchScreen
from support import open_app, run

REPO = Path(__file__).resolve().parents[2]


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a unified diff adds or removes."""
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def form(app: ArgmapApp) -> NodeFormScreen:
    screen = app.screen
    assert isinstance(screen, NodeFormScreen), type(screen)
    return screen


async def type_into(pilot: Pilot[Any], screen: NodeFormScreen, name: str, text: str) -> None:
    """Clear a form field and type into it, key by key."""
    field = screen.query_one("#" + _dom_id(name), Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


def test_the_form_checks_as_you_type_and_saves_one_node_byte_for_byte(harbour: Path) -> None:
    before = harbour.read_text(encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("port-closes")
        await pilot.press("i")
        screen = form(app)
        assert screen.value_of("text") == "The port will close before the harvest season."
        await type_into(pilot, screen, "probability", "1.5")
        assert "between 0 and 1" in str(screen.query_one("#field-probability-error").render())
        assert screen.query_one("#form-save", Button).disabled
        await pilot.press("ctrl+s")  # refused: the form stays
        assert app.screen is screen
        await type_into(pilot, screen, "probability", "40%")
        assert not screen.query_one("#form-save", Button).disabled
        assert "ready to save" in str(screen.query_one("#form-status").render())
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, NodeFormScreen)
        assert app.dirty and "●" in str(app.query_one("#topbar-left").render())
        assert harbour.read_text(encoding="utf-8") == before  # not saved yet
        assert "probability: 40% (stated)" in str(app.query_one("#detail-text").render())
        await pilot.press("ctrl+s")
        assert not app.dirty and "●" not in str(app.query_one("#topbar-left").render())
        after = harbour.read_text(encoding="utf-8")
        assert changed_lines(before, after) == ["+    probability: 0.4"]
        assert (harbour.parent / "harbour.yaml~").read_text(encoding="utf-8") == before

    run(open_app(harbour), scenario)


def test_form_errors_name_the_field_and_kind_shows_its_own_fields(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("wage-cut")
        await pilot.press("i")
        screen = form(app)
        assert screen.query_one("#field-reported-by-row").display
        assert not screen.query_one("#field-words-row").display
        await type_into(pilot, screen, "id", "new-offer")
        assert "already called 'new-offer'" in str(screen.query_one("#field-id-error").render())
        await type_into(pilot, screen, "id", "Wage Cut")
        assert "lower-case" in str(screen.query_one("#field-id-error").render())
        await type_into(pilot, screen, "id", "wage-cut")
        screen.set_value("kind", "forecast")
        await pilot.pause()
        assert screen.query_one("#field-words-row").display
        assert not screen.query_one("#field-reported-by-row").display
        await type_into(pilot, screen, "tags", "labour, pay")
        assert "declared on save: pay" in str(screen.query_one("#field-tags-error").render())
        await pilot.press("ctrl+s")
        amap = app.doc.map
        assert amap is not None and amap.node("wage-cut").kind == "forecast"  # type: ignore[union-attr]
        assert "pay" in amap.tags
        await pilot.press("u")  # one undo takes back the edit and the declaration
        assert app.doc.map is not None and "pay" not in app.doc.map.tags
        assert app.doc.map.node("wage-cut").kind == "evidence"  # type: ignore[union-attr]
        await pilot.press("i")
        form(app).query_one("#form-save").focus()
        await pilot.press("q", "ctrl+q")  # an open form is not thrown away by a quit key
        assert app.is_running and isinstance(app.screen, NodeFormScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, NodeFormScreen) and not app.dirty

    run(open_app(harbour), scenario)


def test_undo_and_redo_every_change(harbour: Path) -> None:
    before = harbour.read_text(encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.press("D", "d")  # delete, confirmed
        assert app.doc.map is not None and app.doc.map.node("new-offer") is None
        edited = app.session.text  # type: ignore[union-attr]
        await pilot.press("u")
        assert app.session is not None and app.session.text == before and not app.dirty
        assert app.doc.map is not None and app.doc.map.node("new-offer") is not None
        assert app.focused_node == "new-offer"
        await pilot.press("U")
        assert app.session.text == edited and app.dirty
        await pilot.press("ctrl+z", "ctrl+y", "ctrl+z")
        assert app.session.text == before
        await pilot.press("u")  # nothing more to undo: the bell, no change
        assert app.session.text == before

    run(open_app(harbour), scenario)


def test_delete_lists_what_goes_with_the_node_and_can_be_cancelled(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("wage-cut")
        await pilot.press("delete")
        screen = app.screen
        assert isinstance(screen, ConfirmScreen)
        message = str(screen.message)
        assert "relation wage-cut supports momentum" in message
        assert "relation wage-cut supports districts-angry" in message
        await pilot.press("escape")
        assert app.doc.map is not None and app.doc.map.node("wage-cut") is not None
        await pilot.press("delete", "d")
        amap = app.doc.map
        assert amap is not None and amap.node("wage-cut") is None
        assert not [r for r in amap.relations if "wage-cut" in (r.source, r.target)]

    run(open_app(harbour), scenario)


def test_new_node_from_scratch(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("n")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # claim
        screen = form(app)
        assert screen.value_of("id") == "claim" and screen.value_of("kind") == "claim"
        assert "required" in str(screen.query_one("#field-text-error").render())
        await type_into(pilot, screen, "id", "owners-bluff")
        screen.set_value("text", "The owners are bluffing.")
        await pilot.press("ctrl+s")
        amap = app.doc.map
        assert amap is not None and amap.node("owners-bluff") is not None
        assert app.focused_node == "owners-bluff"
        assert "- id: owners-bluff\n    kind: claim\n    text: The owners are bluffing." in app.session.text  # type: ignore[union-attr]

    run(open_app(harbour), scenario)


def test_new_node_from_a_passage_of_the_source(harbour: Path) -> None:
    source = (harbour.parent / "harbour.txt").read_text(encoding="utf-8")
    passage = "membership rising every month"
    start = source.index(passage)

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("3", "v")
        picker = app.screen
        assert isinstance(picker, PassageScreen)
        await pilot.press("enter")  # nothing selected: refused, the picker stays
        assert app.screen is picker
        picker.select(start - 1, start + len(passage))  # white space around is left out
        await pilot.pause()
        assert picker.selection == (start, start + len(passage))
        await pilot.press("enter")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")  # evidence
        screen = form(app)
        assert screen.value_of("quotes") == passage
        assert screen.value_of("id") == "membership-rising-every-month"
        screen.set_value("text", "Union membership rises every month.")
        await pilot.press("ctrl+s")
        amap = app.doc.map
        assert amap is not None
        node = amap.node("membership-rising-every-month")
        assert node is not None and node.kind == "evidence"
        quote = node.quotes[0]
        assert (quote.text, quote.start, quote.end) == (passage, start, start + len(passage))
        assert app.doc.matches[(node.id, 0)] is not None  # located verbatim in the source

    run(open_app(harbour), scenario)


def test_add_retype_and_remove_a_relation(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.press("L")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")  # this node attacks …
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"districts angry")
        await pilot.pause(0.2)
        await pilot.press("enter")
        amap = app.doc.map
        assert amap is not None
        assert [(r.source, r.type, r.target) for r in amap.relations][-1] == ("new-offer", "attacks",
                                                                                "districts-angry")
        assert app.focused_node == "new-offer"
        relations = app.query_one(RelationList)
        await pilot.press("2")
        index = relations.relations.index(("new-offer", "attacks", "districts-angry"))
        relations.cursor = index
        await pilot.press("t")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("home", "enter")  # supports
        assert app.doc.map is not None
        assert ("new-offer", "supports", "districts-angry") in [(r.source, r.type, r.target)
                                                                 for r in app.doc.map.relations]
        relations.cursor = relations.relations.index(("new-offer", "supports", "districts-angry"))
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("r")  # Remove
        assert not [r for r in app.doc.map.relations if r.target == "districts-angry" and r.source == "new-offer"]

    run(open_app(harbour), scenario)


def test_quitting_with_unsaved_edits_asks_first(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.press("D", "d", "q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("c")  # cancel: still here, still unsaved
        assert app.is_running and app.dirty
        assert journal_path(harbour).exists()
        await pilot.press("q", "s")  # save and quit
        await pilot.pause()
        assert not app.is_running

    run(open_app(harbour), scenario)
    assert "new-offer" not in harbour.read_text(encoding="utf-8")
    assert not journal_path(harbour).exists()


def test_quitting_without_saving_drops_the_edits(harbour: Path) -> None:
    before = harbour.read_text(encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.press("D", "d", "q", "q")  # quit without saving
        await pilot.pause()
        assert not app.is_running

    run(open_app(harbour), scenario)
    assert harbour.read_text(encoding="utf-8") == before
    assert not journal_path(harbour).exists()


def test_saving_over_a_file_changed_on_disk_asks_and_shows_the_difference(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.press("D", "d")
        harbour.write_text(harbour.read_text(encoding="utf-8") + "# added elsewhere\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen) and "changed on disk" in app.screen.title_text
        await pilot.press("d")  # the difference
        assert isinstance(app.screen, TextScreen)
        assert "-# added elsewhere" in str(app.screen.text)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)  # asked again
        await pilot.press("o")  # overwrite
        assert not app.dirty

    run(open_app(harbour), scenario)
    text = harbour.read_text(encoding="utf-8")
    assert "# added elsewhere" not in text and "id: new-offer" not in text
    assert "# added elsewhere" in (harbour.parent / "harbour.yaml~").read_text(encoding="utf-8")


def test_a_conflict_can_reload_or_save_under_another_name(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.press("D", "d")
        harbour.write_text(harbour.read_text(encoding="utf-8") + "# theirs\n", encoding="utf-8")
        await pilot.press("ctrl+s", "s")  # save as…
        await pilot.press("enter")  # the suggested name
        assert not app.dirty and app.session is not None
        assert app.session.path.name == "harbour-mine.yaml"
        assert "# theirs" in harbour.read_text(encoding="utf-8")  # theirs untouched
        assert "id: new-offer" not in (harbour.parent / "harbour-mine.yaml").read_text(encoding="utf-8")

    run(open_app(harbour), scenario)


def test_a_conflict_reload_drops_the_edits(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.press("D", "d")
        harbour.write_text(harbour.read_text(encoding="utf-8") + "# theirs\n", encoding="utf-8")
        await pilot.press("ctrl+s", "r")
        assert not app.dirty
        assert app.doc.map is not None and app.doc.map.node("new-offer") is not None
        assert app.session is not None and app.session.text.endswith("# theirs\n")

    run(open_app(harbour), scenario)


def test_unsaved_edits_left_by_a_crash_are_offered_back(harbour: Path) -> None:
    crashed = EditSession.open(harbour)
    crashed.set_field("port-closes", "probability", 0.3)  # journaled, never saved
    assert journal_path(harbour).exists()

    async def restore(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "Unsaved edits" in app.screen.title_text
        assert "set port-closes.probability" in str(app.screen.message)
        await pilot.press("r")
        assert app.dirty
        node = app.doc.map.node("port-closes") if app.doc.map else None
        assert node is not None and node.probability == 0.3  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert not journal_path(harbour).exists()

    run(open_app(harbour), restore)
    assert "probability: 0.3" in harbour.read_text(encoding="utf-8")


def test_a_journal_can_be_discarded(harbour: Path) -> None:
    before = harbour.read_text(encoding="utf-8")
    EditSession.open(harbour).set_field("port-closes", "probability", 0.3)

    async def discard(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("d")
        assert not app.dirty and not journal_path(harbour).exists()

    run(open_app(harbour), discard)
    assert harbour.read_text(encoding="utf-8") == before


def test_live_reload_keeps_the_focus_and_waits_while_edits_are_unsaved(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.pause()
        text = harbour.read_text(encoding="utf-8")
        harbour.write_text(text.replace("The owners have a new contract offer on the table.",
                                        "The owners tabled a new offer."), encoding="utf-8")
        app.files.poll_disk()
        await pilot.pause()
        node = app.doc.map.node("new-offer") if app.doc.map else None
        assert node is not None and node.text == "The owners tabled a new offer."
        assert app.focused_node == "new-offer"
        assert "tabled a new offer" in str(app.query_one("#detail-text").render())
        app.focus_node("wage-cut")
        await pilot.press("D", "d")  # now unsaved edits: a change on disk is not read
        harbour.write_text(harbour.read_text(encoding="utf-8") + "# later\n", encoding="utf-8")
        app.files.poll_disk()
        await pilot.pause()
        assert app.dirty and app.doc.map is not None and app.doc.map.node("wage-cut") is None

    run(open_app(harbour), scenario)


def test_o_opens_the_editor_at_the_nodes_line_and_reads_the_file_afterwards(harbour: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    commands: list[list[str]] = []

    def editor(command: list[str]) -> int:
        commands.append(command)
        path = Path(command[-1])
        path.write_text(path.read_text(encoding="utf-8").replace("twelve percent wage cut", "steep wage cut"),
                        encoding="utf-8")
        return 0

    @contextlib.contextmanager
    def suspended(self: ArgmapApp) -> Iterator[None]:
        yield

    monkeypatch.setenv("VISUAL", "vim")
    monkeypatch.setattr("argmap.tui.map_file.run_editor", editor)
    monkeypatch.setattr(ArgmapApp, "suspend", suspended)

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("wage-cut")
        await pilot.press("o")
        line = harbour.read_text(encoding="utf-8").splitlines().index("  - id: wage-cut") + 1
        assert commands == [["vim", f"+{line}", str(harbour)]]
        node = app.doc.map.node("wage-cut") if app.doc.map else None
        assert node is not None and node.text == "The owners announced a steep wage cut."
        assert app.focused_node == "wage-cut"

    run(open_app(harbour), scenario)


def test_a_file_that_does_not_parse_cannot_be_edited_but_says_why(harbour: Path) -> None:
    broken = harbour.parent / "broken.yaml"

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes: list[str] = []
        original = app.notify
        app.notify = lambda message, **kw: notes.append(message) or original(message, **kw)  # type: ignore
        if app.session is None:
            await pilot.press("i")
            assert notes and "cannot be edited here" in notes[-1]

    run(open_app(broken), scenario)


def test_editing_the_commented_mosul_map_changes_only_that_nodes_lines(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    original = (REPO / "maps" / "mosul-2014.yaml").read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    commented = "".join(line + ("# a reader's comment\n" if line.startswith("  - id:") else "") for line in lines)
    path = tmp_path / "maps" / "mosul-2014.yaml"
    path.write_text(commented, encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("maliki-gains-momentum")
        await pilot.press("i")
        screen = form(app)
        await type_into(pilot, screen, "probability", "0.6")
        screen.set_value("signposts", screen.value_of("signposts") + "\nRivals attack Maliki over Mosul")
        await pilot.press("ctrl+s", "ctrl+s")
        assert not app.dirty

    run(open_app(path), scenario)
    changed = changed_lines(commented, path.read_text(encoding="utf-8"))
    assert changed == ["+    probability: 0.6", "+      - Rivals attack Maliki over Mosul"]


def test_a_burst_of_edits_on_a_big_map_is_checked_once(harbour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("argmap.tui.app.CHECK_AT_ONCE", 3)  # the harbour map counts as big
    monkeypatch.setattr("argmap.tui.app.SETTLE_SECONDS", 4.0)  # a burst, even on a heavily loaded machine
    checked: list[object] = []
    from argmap.tui import background

    real = background.check_map

    def counting(doc: Any) -> Any:
        checked.append(doc)
        return real(doc)

    monkeypatch.setattr(background, "check_map", counting)

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        for _ in range(50):  # the first check, after the first frame
            await app.workers.wait_for_complete()
            await pilot.pause(0.02)
            if checked:
                break
        assert len(checked) == 1
        app.focus_node("new-offer")
        await pilot.press("D", "d", "u", "U", "u", "U")
        assert len(checked) == 1
        await pilot.pause(4.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(checked) == 2 and checked[-1] is app.doc  # one check, of the document shown last
        assert app.doc.map is not None and app.doc.map.node("new-offer") is None

    run(open_app(harbour), scenario)
