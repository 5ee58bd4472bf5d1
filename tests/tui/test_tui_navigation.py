"""Moving around the explorer: outline keys, relations, history, references and cycles, groupings, badges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from argmap.tui.app import ArgmapApp
from argmap.tui.detail import RelationList
from argmap.tui.outline import OutlineTree
from support import open_app, run, tree_lines


def cursor_row(app: ArgmapApp) -> Any:
    node = app.query_one(OutlineTree).cursor_node
    assert node is not None
    return node.data


def test_start_screen_focuses_the_first_conclusion(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        assert app.focused_node == "port-closes"
        assert isinstance(app.focused, OutlineTree)
        assert tree_lines(app) == ["port-closes", "strike-spreads", "pickets-hold", "strike-popular"]
        assert "port-closes" in str(app.query_one("#detail-text").render())

    run(open_app(harbour), scenario)


def test_arrow_and_vim_keys_move_expand_and_collapse(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("j")
        assert app.focused_node == "strike-spreads"
        await pilot.press("l")  # expand
        assert tree_lines(app)[2:4] == ["momentum", "districts-angry"]
        await pilot.press("l")  # into the first child
        assert app.focused_node == "momentum"
        await pilot.press("down")
        assert app.focused_node == "districts-angry"
        await pilot.press("h")  # collapsed row: to its parent
        assert app.focused_node == "strike-spreads"
        await pilot.press("left")  # expanded row: collapse
        assert "momentum" not in tree_lines(app)
        await pilot.press("k")
        assert app.focused_node == "port-closes"
        await pilot.press("up")
        assert app.focused_node == "port-closes"

    run(open_app(harbour), scenario)


def test_enter_follows_a_relation_and_the_outline_follows(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("momentum")
        await pilot.press("2")
        relations = app.query_one(RelationList)
        assert app.focused is relations
        assert relations.targets == ["strike-spreads", "union-strong", "wage-cut", "new-offer"]
        await pilot.press("j", "enter")
        assert app.focused_node == "union-strong"
        assert cursor_row(app).node == "union-strong"
        assert not cursor_row(app).reference
        await pilot.press("l")  # l follows too
        assert app.focused_node == "momentum"

    run(open_app(harbour), scenario)


def test_back_and_forward_like_a_browser(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        for node in ("wage-cut", "momentum", "new-offer"):
            app.focus_node(node)
        await pilot.press("left_square_bracket")
        assert app.focused_node == "momentum"
        await pilot.press("backspace")
        assert app.focused_node == "wage-cut"
        await pilot.press("right_square_bracket")
        assert app.focused_node == "momentum"
        await pilot.press("alt+right")
        assert app.focused_node == "new-offer"
        await pilot.press("alt+left")
        assert app.focused_node == "momentum"
        assert cursor_row(app).node == "momentum"
        app.focus_node("police-cleared-gate")  # a new step forgets the forward list
        await pilot.press("right_square_bracket")
        assert app.focused_node == "police-cleared-gate"

    run(open_app(harbour), scenario)


def test_cursor_moves_do_not_fill_the_history(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("wage-cut")
        app.query_one(OutlineTree).focus()
        await pilot.press("j", "j", "k")
        moved_to = app.focused_node
        assert moved_to != "wage-cut"
        await pilot.press("left_square_bracket")
        assert app.focused_node == "port-closes"

    run(open_app(harbour), scenario)


def test_a_node_with_two_parents_is_a_reference_under_the_second(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        tree = app.query_one(OutlineTree)
        app.focus_node("districts-angry")
        await pilot.press("l", "l")  # expand, then into its child
        row = cursor_row(app)
        assert (row.node, row.reference, row.relation) == ("wage-cut", True, "supports")
        assert tree.cursor_node is not None and not tree.cursor_node.allow_expand
        await pilot.press("enter")  # go to the row where it is placed
        row = cursor_row(app)
        assert (row.node, row.reference) == ("wage-cut", False)
        parent = tree.cursor_node.parent if tree.cursor_node else None
        assert parent is not None and parent.data is not None and parent.data.node == "momentum"

    run(open_app(harbour), scenario)


def test_a_support_cycle_is_cut(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("strike-popular")
        await pilot.press("l")  # expand: its only child is the root, as a reference
        await pilot.press("l")
        row = cursor_row(app)
        assert (row.node, row.reference) == ("pickets-hold", True)
        await pilot.press("l")  # a reference does not expand
        assert tree_lines(app)[-1].endswith("pickets-hold")

    run(open_app(harbour), scenario)


def test_g_cycles_the_groupings_with_counts(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.press("g")
        assert app.grouping == "theme"
        tree = app.query_one(OutlineTree)
        groups = [str(node.label) for node in tree.root.children]
        assert groups == ["Economy  6", "Public order  4"]
        assert cursor_row(app).node == "new-offer"  # the focused node stays in view
        assert "theme" in str(tree.border_title)
        await pilot.press("g", "g", "g")
        assert app.grouping == "kind"
        assert [str(node.label) for node in tree.root.children] == [
            "claim  4", "evidence  3", "inference  1", "forecast  2"]
        await pilot.press("g")
        assert app.grouping == "argument"

    run(open_app(harbour), scenario)


def test_badges_have_a_place_in_outline_and_detail(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        tree = app.query_one(OutlineTree)
        assert "IN" in str(tree.root.children[0].label)
        assert "IN" in str(app.query_one("#detail-text").render())
        app.set_badges(None)
        await pilot.pause()
        assert "IN" not in str(tree.root.children[0].label)

    run(open_app(harbour, badges=lambda node: "IN" if node == "port-closes" else None), scenario)


def test_start_options_grouping_and_focus(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        assert app.grouping == "actor"
        assert app.focused_node == "police-cleared-gate"
        assert cursor_row(app).node == "police-cleared-gate"

    run(open_app(harbour, grouping="actor", focus="police-cleared-gate"), scenario)


def test_theme_change_redraws(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        before = dict(app.look.variables)
        app.theme = "textual-light"
        await pilot.pause()
        assert app.look.variables != before
        assert app.focused_node == "port-closes"

    run(open_app(harbour), scenario)


def test_maximise_and_restore_a_pane(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("z")
        assert app.screen.maximized is app.query_one(OutlineTree)
        await pilot.press("z")
        assert app.screen.maximized is None
        await pilot.press("3", "z")
        assert app.screen.maximized is app.query_one("#lower")
        await pilot.press("z")

    run(open_app(harbour), scenario)


class ElsewhereApp(ArgmapApp):
    """A subclass in another package (as an editing layer will be): it must still find the explorer's CSS."""


def test_a_subclass_defined_elsewhere_keeps_the_layout(harbour: Path) -> None:
    from argmap.io import load

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        assert app.query_one(OutlineTree).styles.width is not None
        assert app.query_one("#topbar").styles.height is not None and app.query_one("#topbar").region.height == 1

    run(ElsewhereApp(load(harbour), cursor_blink=False), scenario)
