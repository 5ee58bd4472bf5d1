"""The Diagram pane: opening and closing it, moving between boxes, refocusing, depth, scrolling, the picture."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from argmap.analysis.outline import ViewFilter
from argmap.model import ArgMap, Claim, Evidence, Relation
from argmap.render.cells import nearest
from argmap.tui.app import ArgmapApp
from argmap.tui.commands import COMMANDS
from argmap.tui.diagram_pane import DiagramPane, DiagramView
from argmap.tui.diagram_picture import image_support, prepare_images
from argmap.tui.outline import OutlineTree
from argmap.tui.source_view import SourceView
from support import notes_of, open_app, run


async def opened(app: ArgmapApp, pilot: Pilot[Any], node: str | None = None) -> DiagramView:
    """Focus `node`, open the Diagram pane and wait for its drawing."""
    if node is not None:
        app.focus_node(node)
    await pilot.press("d")
    return await drawn(app, pilot)


async def settle(app: ArgmapApp) -> None:
    """Wait for the workers; one replaced by a newer one of its group (cancelled) is not an error here."""
    for _ in range(10):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def drawn(app: ArgmapApp, pilot: Pilot[Any]) -> DiagramView:
    await settle(app)
    await pilot.pause()
    view = app.query_one(DiagramView)
    assert view.canvas is not None, view.message_text
    return view


def visible(view: DiagramView, node: str) -> bool:
    assert view.canvas is not None
    rect = view.canvas.boxes[node]
    x, y = view.scroll_offset
    region = view.scrollable_content_region
    return x <= rect.left and rect.right < x + region.width and y <= rect.top and rect.bottom < y + region.height




def test_d_opens_the_diagram_in_place_of_the_right_panes_and_escape_closes_it(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        pane = app.query_one(DiagramPane)
        assert not pane.display
        view = await opened(app, pilot, "strike-spreads")
        assert pane.display and not app.panes.detail.display and not app.panes.lower.display
        assert app.focused is view
        assert view.canvas is not None and view.canvas.focus == "strike-spreads" and view.cursor == "strike-spreads"
        assert "strike-spreads" in str(pane.border_title) and "depth 2" in str(pane.border_title)
        assert visible(view, "strike-spreads")
        await pilot.press("z")  # the whole screen for the diagram, and back
        assert app.screen.maximized is pane
        await pilot.press("z")
        assert app.screen.maximized is None
        await pilot.press("escape")
        assert not pane.display and app.panes.detail.display and isinstance(app.focused, OutlineTree)
        await pilot.press("5")
        await drawn(app, pilot)
        assert pane.display and app.focused is view
        await pilot.press("d")
        assert not pane.display

    run(open_app(harbour), scenario, size=(80, 24))


def test_arrows_move_to_the_nearest_box_and_enter_refocuses_every_pane(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        view = await opened(app, pilot, "strike-spreads")
        await pilot.press("minus")  # depth 1: port-closes above (its condition), momentum and districts below
        view = await drawn(app, pilot)
        assert view.canvas is not None
        assert set(view.canvas.boxes) == {"strike-spreads", "port-closes", "momentum", "districts-angry"}
        await pilot.press("up")
        assert view.cursor == "port-closes"
        assert app.focused_node == "strike-spreads"  # moving is not refocusing
        await pilot.press("down")
        below = view.cursor
        assert below == "strike-spreads"
        await pilot.press("down")
        assert view.cursor in ("momentum", "districts-angry")
        side = nearest(view.canvas.boxes, view.cursor, "right") or nearest(view.canvas.boxes, view.cursor, "left")
        await pilot.press("right" if nearest(view.canvas.boxes, view.cursor, "right") else "left")
        assert view.cursor == side
        await pilot.press("up", "up")
        assert view.cursor == "port-closes"
        await pilot.press("enter")
        view = await drawn(app, pilot)
        assert app.focused_node == "port-closes"
        assert app.query_one(OutlineTree).cursor_node is not None
        assert app.query_one(OutlineTree).cursor_node.data.node == "port-closes"  # type: ignore[union-attr]
        assert app.query_one(SourceView).focus_node == "port-closes"
        assert view.canvas is not None and view.canvas.focus == "port-closes" and view.cursor == "port-closes"
        assert app.focused is view  # the diagram keeps the keyboard
        await pilot.press("left_square_bracket")  # back in the history: the diagram follows
        view = await drawn(app, pilot)
        assert view.canvas is not None and view.canvas.focus == "strike-spreads"

    run(open_app(harbour), scenario, size=(80, 24))


def test_plus_and_minus_change_the_depth_from_one_to_three(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        pane = app.query_one(DiagramPane)
        view = await opened(app, pilot, "wage-cut")
        counts = {}
        for key, depth in (("minus", 1), ("minus", 1), ("plus", 2), ("plus", 3), ("plus", 3)):
            await pilot.press(key)
            view = await drawn(app, pilot)
            assert pane.depth == depth and view.canvas is not None and view.canvas.depth == depth
            assert f"depth {depth}" in str(pane.border_title)
            counts[depth] = len(view.canvas.boxes)
        assert counts[1] < counts[2] < counts[3]
        assert f"{counts[3]} nodes" in str(pane.border_title)

    run(open_app(harbour), scenario, size=(120, 40))


def test_moving_the_outline_redraws_the_diagram_and_filters_apply(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        view = await opened(app, pilot, "momentum")
        app.focus_node("union-strong")
        view = await drawn(app, pilot)
        assert view.canvas is not None and view.canvas.focus == "union-strong"
        app.view_filter = ViewFilter(kind=frozenset({"evidence"}))
        view = await drawn(app, pilot)
        kinds = {app.doc.map.by_id[n].kind for n in view.canvas.boxes if n != "union-strong"}  # type: ignore
        assert kinds <= {"evidence"}

    run(open_app(harbour), scenario, size=(120, 40))


def wide_map(count: int) -> ArgMap:
    nodes = [Claim(id="hub", text="The hub claim that every piece of evidence supports.")]
    nodes += [Evidence(id=f"ev-{i:02d}", text=f"Evidence number {i} for the hub.") for i in range(count)]
    relations = [Relation(source=f"ev-{i:02d}", target="hub", type="supports") for i in range(count)]
    return ArgMap(title="wide", nodes=nodes, relations=relations)


def test_a_big_neighbourhood_scrolls_to_keep_the_cursor_in_view(tmp_path: Path) -> None:
    from argmap.io import load
    from argmap.io.canonical import dump_yaml

    path = tmp_path / "wide.yaml"
    path.write_text(dump_yaml(wide_map(24)), encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        view = await opened(app, pilot, "hub")
        assert view.canvas is not None and view.canvas.width > view.scrollable_content_region.width
        start = view.scroll_offset.x
        await pilot.press("down")
        for _ in range(20):
            await pilot.press("right")
            assert view.cursor is not None and visible(view, view.cursor)
        assert view.scroll_offset.x > start
        for _ in range(20):
            await pilot.press("left")
            assert visible(view, view.cursor)

    assert load(path).map is not None
    run(open_app(path), scenario, size=(80, 24))


def test_the_palette_has_the_diagram_and_help_lists_its_keys() -> None:
    assert any(command.action == "diagram" for command in COMMANDS)
    keys = {binding.key for binding in DiagramView.BINDINGS}  # type: ignore[union-attr]
    assert {"plus,equals_sign", "minus", "enter", "escape", "p"} <= keys


def test_the_picture_falls_back_to_the_drawing_without_textual_image(harbour: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in sys.modules if n.startswith("textual_image")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "textual_image", None)  # an import of it fails
    assert "pip install 'argmap[images]'" in prepare_images()
    assert image_support(False)[0] is None and "argmap --images" in image_support(False)[1]
    assert image_support(True)[0] is None and "argmap serve" in image_support(True)[1]

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes = notes_of(app)
        view = await opened(app, pilot, "momentum")
        await pilot.press("p")
        await pilot.pause()
        pane = app.query_one(DiagramPane)
        assert not pane.picture and view.display and view.canvas is not None
        assert any("argmap --images" in note for note in notes)

    run(open_app(harbour), scenario, size=(80, 24))


def test_the_picture_is_shown_where_the_terminal_has_pixels(harbour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import types

    from textual.widgets import Static

    class Picture(Static):
        def __init__(self, image: Any, **kw: Any) -> None:
            super().__init__("picture", **kw)
            self.image = image

    renderable = types.ModuleType("textual_image.renderable")
    tgp = type("Image", (), {"__module__": "textual_image.renderable.tgp"})
    renderable.Image = tgp  # type: ignore[attr-defined]
    widget = types.ModuleType("textual_image.widget")
    widget.Image = Picture  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "textual_image.renderable", renderable)
    monkeypatch.setitem(sys.modules, "textual_image.widget", widget)

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        view = await opened(app, pilot, "momentum")
        await pilot.press("p")
        await settle(app)
        await pilot.pause()
        pane = app.query_one(DiagramPane)
        shown = app.query_one(".diagram-picture", Picture)
        assert pane.picture and not view.display
        assert isinstance(shown.image, io.BytesIO) and shown.image.getvalue().startswith(b"\x89PNG")
        app.focus_node("union-strong")  # the picture follows the focus
        await settle(app)
        await pilot.pause()
        assert pane.picture and len(app.query(".diagram-picture")) == 1
        assert app.query_one(".diagram-picture", Picture).image.getvalue() != shown.image.getvalue()
        await pilot.press("p")  # the picture does not take the keyboard: the pane's key still works
        await pilot.pause()
        assert not pane.picture and view.display

    run(open_app(harbour), scenario, size=(80, 24))


def test_argmap_images_loads_textual_image_before_the_explorer_starts(monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str],
                                                                       harbour: Path) -> None:
    import argparse

    import argmap.tui.app
    import argmap.tui.diagram_picture
    from argmap.cli import open_cmd

    order: list[str] = []

    class Dummy:
        return_code = 0

        def run(self) -> None:
            order.append("run")

    monkeypatch.setattr(argmap.tui.diagram_picture, "prepare_images", lambda: order.append("prepare") or "no pics")
    monkeypatch.setattr(argmap.tui.app, "create_app", lambda *a, **k: Dummy())
    parser = argparse.ArgumentParser()
    open_cmd.configure(parser)
    assert open_cmd.run(parser.parse_args(["--images", str(harbour)])) == 0
    assert order == ["prepare", "run"]
    assert "argmap: note: no pics" in capsys.readouterr().err
    order.clear()
    assert open_cmd.run(parser.parse_args([str(harbour)])) == 0
    assert order == ["run"]


def test_a_click_puts_the_cursor_on_a_box_and_a_second_focuses_it(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        view = await opened(app, pilot, "strike-spreads")
        assert view.canvas is not None
        other = next(node for node in view.canvas.boxes if node != "strike-spreads" and visible(view, node))
        rect = view.canvas.boxes[other]
        where = (rect.left + 2 - view.scroll_offset.x, rect.top + 1 - view.scroll_offset.y)
        await pilot.click(DiagramView, offset=where)
        assert view.cursor == other and app.focused_node == "strike-spreads"
        await pilot.click(DiagramView, offset=where)
        await drawn(app, pilot)
        assert app.focused_node == other

    run(open_app(harbour), scenario, size=(120, 40))


def test_a_map_with_errors_draws_its_valid_part_and_one_that_does_not_load_says_so(harbour: Path) -> None:
    async def partial(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("5")
        view = await drawn(app, pilot)
        assert view.canvas is not None and app.focused_node in view.canvas.boxes

    run(open_app(harbour.with_name("broken.yaml")), partial, size=(80, 24))
    unreadable = harbour.with_name("unreadable.yaml")
    unreadable.write_text("nodes: [\n  - {id: x\n", encoding="utf-8")

    async def nothing(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("5")
        await settle(app)
        await pilot.pause()
        view = app.query_one(DiagramView)
        assert app.query_one(DiagramPane).display and view.canvas is None
        assert view.message_text == "no node to draw"

    run(open_app(unreadable), nothing, size=(80, 24))


def test_an_edit_redraws_the_diagram(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        view = await opened(app, pilot, "momentum")
        assert view.canvas is not None
        before = len(view.canvas.boxes)
        assert app.session is not None
        app.files.edit(lambda: app.session.remove_node("wage-cut"))  # type: ignore[union-attr]
        view = await drawn(app, pilot)
        assert view.canvas is not None and "wage-cut" not in view.canvas.boxes
        assert len(view.canvas.boxes) < before

    run(open_app(harbour), scenario, size=(120, 40))
