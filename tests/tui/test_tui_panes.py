"""The Source and Problems panes, bad input, SVG export, re-checking, small terminals."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent

from argmap.formats import FORMATS, Format
from argmap.tui.app import ArgmapApp
from argmap.tui.detail import DetailPane
from argmap.tui.outline import OutlineTree
from argmap.tui.problems import ProblemList
from argmap.tui.prompt import PromptScreen
from argmap.tui.source_text import line_of
from argmap.tui.source_view import GUTTER, SourceView
from support import failing_svg, open_app, run
from support import fake_svg as fake_svg_writer


def record_notes(app: ArgmapApp) -> list[tuple[str, str]]:
    """Collect (message, severity) of every notification the app posts."""
    notes: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, **kw: Any) -> None:
        notes.append((message, kw.get("severity", "information")))
        original(message, **kw)

    app.notify = notify  # type: ignore[method-assign]
    return notes


# -- source ----------------------------------------------------------------------------------------------------


def test_source_emphasises_and_shows_the_focused_nodes_passage(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        source = app.query_one(SourceView)
        for node in ("wage-cut", "port-closes", "police-cleared-gate"):
            app.focus_node(node)
            await pilot.pause()
            assert source.focus_node == node
            assert source.selected is not None and source.selected.node == node
            line = line_of(source.lines, source.selected.start)
            assert source.cursor == line
            top = source.scroll_offset.y
            assert top <= line < top + source.scrollable_content_region.height

    run(open_app(harbour), scenario, size=(80, 24))


def test_t_shows_the_next_source_text_and_focus_brings_back_the_nodes_own(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The first text says the river rose.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The second text says the dam held.\n", encoding="utf-8")
    (tmp_path / "two.yaml").write_text(
        "argmap: 1\ntitle: Two sources\nsources:\n  - {id: a, title: A, path: a.txt}\n"
        "  - {id: b, title: B, path: b.txt}\nnodes:\n"
        "  - {id: river, kind: evidence, text: River rose., quotes: [{source: a, text: the river rose}]}\n"
        "  - {id: dam, kind: claim, text: Dam held., quotes: [{source: b, text: the dam held}]}\n"
        "relations:\n  - {source: river, target: dam, type: attacks}\n", encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        source = app.query_one(SourceView)
        app.focus_node("river")
        await pilot.pause()
        assert source.source_id == "a"
        await pilot.press("3", "t")
        assert source.source_id == "b"
        await pilot.press("t")
        assert source.source_id == "a"
        app.focus_node("dam")
        await pilot.pause()
        assert source.source_id == "b"

    run(open_app(tmp_path / "two.yaml"), scenario)


def test_enter_on_a_passage_goes_to_its_node_and_back(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("wage-cut")
        await pilot.press("3")
        source = app.query_one(SourceView)
        assert app.focused is source
        await pilot.press("n", "enter")  # the next passage: the union's strength
        assert app.focused_node == "union-strong"
        assert app.query_one(OutlineTree).cursor_node.data.node == "union-strong"  # type: ignore[union-attr]
        await pilot.press("p", "enter")
        assert app.focused_node == "wage-cut"
        for _ in range(10):  # a line cursor too: down to the anger paragraph
            if any(p.node == "districts-angry" for p in source.passages_on_line(source.cursor)):
                break
            await pilot.press("j")
        await pilot.press("enter")
        assert app.focused_node == "districts-angry"
        await pilot.press("left_square_bracket")
        assert app.focused_node == "wage-cut"

    run(open_app(harbour), scenario)


def test_clicking_a_passage_goes_to_its_node(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("police-cleared-gate")
        await pilot.pause()
        source = app.query_one(SourceView)
        passage = next(p for p in source.current_passages if p.node == "new-offer")
        line = line_of(source.lines, passage.start)
        x = GUTTER + passage.start - source.lines[line][0] + 2
        await pilot.click(SourceView, offset=(x, line - source.scroll_offset.y))
        assert app.focused_node == "new-offer"

    run(open_app(harbour), scenario)


def test_a_missing_source_text_shows_nodes_without_passages(harbour: Path) -> None:
    harbour.write_text(harbour.read_text().replace("path: harbour.txt", "path: gone.txt"))

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        rules = [d.rule for d in app.findings]
        assert "source-missing" in rules
        assert app.query_one(TabbedContent).active == "tab-problems"
        assert "not available" in app.query_one(SourceView).text
        app.focus_node("wage-cut")
        await pilot.pause()
        detail = str(app.query_one("#detail-text").render())
        assert "the owners announced a wage cut" in detail and "not located" in detail

    run(open_app(harbour), scenario)


# -- problems --------------------------------------------------------------------------------------------------


def test_a_broken_map_opens_on_problems_and_enter_jumps(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes = record_notes(app)
        problems = app.query_one(ProblemList)
        assert app.query_one(TabbedContent).active == "tab-problems"
        assert app.focused is problems
        # the relation to the invalid node says nothing more: the node is in the file, its error is reported
        assert [(d.rule, d.line) for d in problems.findings] == [("schema", 14), ("quote-not-found", 19)]
        assert str(problems.options[0].prompt).startswith("broken.yaml:")
        await pilot.press("enter")  # the invalid node is not in the map: a note says where
        await pilot.pause()
        assert any("line 14, column 11 of broken.yaml" in message for message, _severity in notes)
        await pilot.press("j", "enter")
        assert app.focused_node == "strike-spreads"

    broken = harbour.parent / "broken.yaml"
    run(open_app(broken), scenario)


def test_a_file_that_is_not_a_map_opens_on_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("title: [unclosed\nnodes: {\n")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        assert app.doc.map is None
        assert app.focused_node is None
        assert app.query_one(ProblemList).findings[0].rule == "syntax"
        await pilot.press("slash", "g", "f", "e", "j", "enter")  # nothing breaks
        assert len(app.query_one(OutlineTree).root.children) == 0

    run(open_app(path), scenario)


def test_recheck_reads_the_file_again(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes = record_notes(app)
        app.focus_node("momentum")
        harbour.write_text(harbour.read_text().replace("A strong, angry union", "A strong union"))
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.by_id["momentum"].text.startswith("A strong union")
        assert app.focused_node == "momentum"
        assert "A strong union" in str(app.query_one("#detail-text").render())
        assert any("1 finding" in message for message, _ in notes)
        harbour.unlink()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("no such map file" in message and severity == "error" for message, severity in notes)

    run(open_app(harbour), scenario)


# -- export ----------------------------------------------------------------------------------------------------


@pytest.fixture
def fake_svg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(FORMATS, "svg", Format("svg", (".svg",), fake_svg_writer))


def written_options(path: Path) -> dict[str, Any]:
    found = re.search(r"<!-- (.*) -->", path.read_text())
    assert found
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_export_the_focused_neighbourhood_next_to_the_map(harbour: Path, fake_svg: None) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes = record_notes(app)
        app.focus_node("momentum")
        app.toggle_filter("theme", "economy")
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = harbour.parent / "harbour-momentum.svg"
        assert target.exists()
        options = written_options(target)
        assert (options["focus"], options["depth"], options["theme"]) == ("momentum", 2, ["economy"])
        assert any(message.startswith("Wrote ") and message.endswith("harbour-momentum.svg")
                   for message, _ in notes)
        await pilot.press("E")
        await app.workers.wait_for_complete()
        assert written_options(harbour.parent / "harbour.svg")["focus"] is None

    run(open_app(harbour), scenario)


def test_export_to_a_chosen_folder(harbour: Path, fake_svg: None, tmp_path: Path) -> None:
    out = tmp_path / "out" / "svg"

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.action_export_to_folder()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (out / "harbour-port-closes.svg").exists()
        assert app.export_dir == out

    run(open_app(harbour), scenario)


def test_export_failure_is_a_notification_not_a_crash(harbour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(FORMATS, "svg", Format("svg", (".svg",), failing_svg))

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        notes = record_notes(app)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ("harbour.yaml has errors; fix them before drawing it", "error") in notes
        assert not (harbour.parent / "harbour-port-closes.svg").exists()

    run(open_app(harbour), scenario)


def test_export_with_the_real_svg_renderer(harbour: Path, tmp_path: Path) -> None:
    if "svg" not in FORMATS:
        pytest.skip("no svg exporter registered yet")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        worker = app.export_svg("momentum", tmp_path)
        await worker.wait()
        assert b"<svg" in (tmp_path / "harbour-momentum.svg").read_bytes()

    run(open_app(harbour), scenario)


# -- small terminals -------------------------------------------------------------------------------------------


def test_usable_at_80_by_24(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        for selector in (OutlineTree, DetailPane, SourceView):
            region = app.query_one(selector).region
            assert region.width >= 20 and region.height >= 5, (selector, region)
            assert region.right <= 80 and region.bottom <= 24
        await pilot.press("4")
        assert app.query_one(ProblemList).region.height >= 5
        await pilot.press("z")  # a pane can take the whole screen
        assert app.screen.maximized is not None
        assert app.query_one(ProblemList).region.width == 80
        await pilot.press("z", "question_mark")
        help_box = app.screen.query_one("#help-box")
        assert help_box.region.bottom <= 24 and help_box.max_scroll_y > 0  # scrolls rather than cuts

    run(open_app(harbour), scenario, size=(80, 24))


def test_a_big_map_is_checked_after_its_first_screen(harbour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("argmap.tui.app.CHECK_AT_ONCE", 3)  # the harbour map counts as big
    harbour.write_text(harbour.read_text().replace("quotes: [Given this momentum]", "quotes: [Given no momentum]"))

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        for _ in range(100):  # the check starts after the first frame
            await app.workers.wait_for_complete()
            await pilot.pause(0.02)
            if app.findings:
                break
        assert [d.rule for d in app.findings if d.severity == "error"] == ["quote-not-found"]
        assert app.query_one(TabbedContent).active == "tab-problems"
        assert "1 error" in str(app.query_one("#topbar-right").render())

    run(open_app(harbour), scenario)
