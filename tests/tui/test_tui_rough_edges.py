"""The explorer's rough edges: Esc on a changed form asks, the unsaved mark follows the content through undo and
redo, a new node's id follows its text, the link dialog ranks by every word and refuses what `argmap check`
rejects, `z` maximises every pane, one export at a time shown while it runs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from argmap.formats import FORMATS, Format
from argmap.tui.app import ArgmapApp
from argmap.tui.choice import ChoiceScreen
from argmap.tui.confirm import ConfirmScreen
from argmap.tui.node_form import NodeFormScreen, _dom_id
from argmap.tui.search import SearchScreen
from support import MAPS, copy_map, open_app, run


def _mark(app: ArgmapApp) -> bool:
    return "●" in str(app.query_one("#topbar-left").render())


def _notes(app: ArgmapApp) -> list[str]:
    return [note.message for note in app._notifications]


# -- the node form ---------------------------------------------------------------------------------------------


def test_escape_on_a_changed_form_asks_before_discarding(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("port-closes")
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, NodeFormScreen)
        await pilot.press("escape")  # nothing changed: it closes at once
        assert not isinstance(app.screen, NodeFormScreen | ConfirmScreen)
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, NodeFormScreen)
        form.set_value("text", "The port will close in May.")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing: the form and its text stay
        assert app.screen is form and form.value_of("text") == "The port will close in May."
        await pilot.press("escape")
        await pilot.click("#answer-discard")
        await pilot.pause()
        assert not isinstance(app.screen, NodeFormScreen | ConfirmScreen) and not app.dirty
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, NodeFormScreen)
        form.set_value("text", "The port will close in May.")
        await pilot.press("escape")
        await pilot.click("#answer-save")
        await pilot.pause()
        assert app.dirty and app.doc.map.node("port-closes").text == "The port will close in May."  # type: ignore[union-attr]

    run(open_app(harbour), scenario)


def test_a_new_nodes_id_follows_its_text_until_typed(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("n")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # claim
        form = app.screen
        assert isinstance(form, NodeFormScreen) and form.value_of("id") == "claim"
        form.set_value("text", "The owners will bluff about the new offer")
        await pilot.pause()
        assert form.value_of("id") == "owners-bluff-new-offer"  # 'the', 'will', 'about' left out
        form.set_value("text", "The union is stronger than in a decade.")
        await pilot.pause()
        assert form.value_of("id") == "union-stronger-decade"
        field = form.query_one("#" + _dom_id("id"), Input)
        field.value = "my-own-id"
        form.set_value("text", "Something else entirely")
        await pilot.pause()
        assert form.value_of("id") == "my-own-id"  # typed by hand: left alone

    run(open_app(harbour), scenario)


def test_a_proposed_id_is_unique_in_the_map(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("n", "enter")
        form = app.screen
        assert isinstance(form, NodeFormScreen)
        form.set_value("text", "Pickets hold")  # the map has 'pickets-hold'
        await pilot.pause()
        assert form.value_of("id") == "pickets-hold-2"
        await pilot.press("ctrl+s")
        assert app.doc.map is not None and app.doc.map.node("pickets-hold-2") is not None

    run(open_app(harbour), scenario)


# -- the unsaved mark --------------------------------------------------------------------------------------------


def test_the_unsaved_mark_follows_the_content_through_undo_and_redo(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        session = app.session
        assert session is not None
        app.focus_node("port-closes")
        app.files.edit(lambda: session.set_field("port-closes", "probability", 0.3))
        app.files.edit(lambda: session.set_field("port-closes", "probability", 0.4))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.dirty and not _mark(app)
        await pilot.press("u")  # undo past the save: unsaved
        assert app.dirty and _mark(app)
        await pilot.press("U")  # redo back to it: clean
        assert not app.dirty and not _mark(app)
        await pilot.press("u")
        app.files.edit(lambda: session.set_field("port-closes", "probability", 0.4))  # the same content again
        await pilot.pause()
        assert not app.dirty and not _mark(app)
        app.files.edit(lambda: session.set_field("port-closes", "probability", 0.5))
        assert app.dirty and _mark(app)
        await pilot.press("u")  # back to the saved content, by another road
        assert not app.dirty and not _mark(app)

    run(open_app(harbour), scenario)


# -- the link dialog ---------------------------------------------------------------------------------------------


@pytest.fixture
def mosul(tmp_path: Path) -> Path:
    found = [m for m in MAPS if m.name == "mosul-2014.yaml"]
    if not found:
        pytest.skip("the Mosul map is not bundled")
    return copy_map(found[0], tmp_path)


def test_the_link_dialog_ranks_by_every_word(mosul: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("army-abandoned-posts")
        await pilot.press("L", "enter")  # this node supports …
        dialog = app.screen
        assert isinstance(dialog, SearchScreen)
        await pilot.press(*"isis seizes")
        await pilot.pause()
        results = dialog.query_one("#search-results")
        first = results.get_option_at_index(0)  # type: ignore[attr-defined]
        assert first.id == "isis-seizes-mosul"
        assert "isis-emboldened" not in [results.get_option_at_index(i).id  # type: ignore[attr-defined]
                                         for i in range(results.option_count)]  # type: ignore[attr-defined]

    run(open_app(mosul), scenario)


def test_the_link_dialog_refuses_what_check_rejects_before_making_it(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("wage-cut")
        before = app.session.text  # type: ignore[union-attr]
        await pilot.press("L", "down", "down", "enter")  # this node undercuts …
        dialog = app.screen
        assert isinstance(dialog, SearchScreen)
        await pilot.press(*"union-strong", "enter")  # a claim cannot be undercut
        await pilot.pause()
        assert app.screen is dialog
        assert any("only an inference can be undercut" in note for note in _notes(app))
        dialog.query_one(Input).value = ""
        await pilot.press(*"wage-cut", "enter")  # itself
        await pilot.pause()
        assert app.screen is dialog and any("itself" in note for note in _notes(app))
        assert app.session.text == before  # type: ignore[union-attr]
        dialog.query_one(Input).value = ""
        await pilot.press(*"momentum", "enter")  # an inference: fine
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert ("wage-cut", "undercuts", "momentum") in [r.key for r in app.doc.map.relations]  # type: ignore[union-attr]
        await pilot.press("L", "enter")  # this node supports … a relation the map has already
        dialog = app.screen
        assert isinstance(dialog, SearchScreen)
        await pilot.press(*"momentum", "enter")
        await pilot.pause()
        assert app.screen is dialog and any("is already in the map" in note for note in _notes(app))

    run(open_app(harbour), scenario)


# -- maximising --------------------------------------------------------------------------------------------------


def test_z_maximises_every_pane(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        for key, pane in (("1", "outline"), ("2", "detail"), ("3", "lower"), ("4", "lower")):
            await pilot.press(key, "z")
            await pilot.pause()
            maximised = app.screen.maximized
            assert maximised is not None and maximised.id == pane, (key, maximised)
            assert maximised.region.width == 100
            await pilot.press("z")
            await pilot.pause()
            assert app.screen.maximized is None

    run(open_app(harbour), scenario, size=(100, 30))


# -- exports -----------------------------------------------------------------------------------------------------


def test_an_export_shows_its_progress_and_runs_alone(harbour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow_svg(doc: Any, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
        release.wait(10)
        return b"<svg/>"

    monkeypatch.setitem(FORMATS, "svg", Format("svg", (".svg",), slow_svg))

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("momentum")
        await pilot.press("e")
        await pilot.pause()
        assert any(note.startswith("Exporting harbour-momentum.svg") for note in _notes(app))
        await pilot.press("E")  # a second one while the first runs: refused, and said
        await pilot.pause()
        assert any("An export is running (harbour-momentum.svg)" in note for note in _notes(app))
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = _notes(app)
        assert not any(note.startswith("Exporting") for note in notes)
        assert any(note.startswith("Wrote harbour-momentum.svg") for note in notes)
        assert not (harbour.parent / "harbour.svg").exists()
        await pilot.press("E")  # done: the next one runs
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (harbour.parent / "harbour.svg").exists()

    run(open_app(harbour), scenario)
