"""Coverage in the explorer: the Source pane marks what no quote covers (a style and a gutter mark), `c` and `C` go
to the next and previous such sentence, the top bar shows the share of words covered, and all of it follows edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from argmap.tui.app import ArgmapApp
from argmap.tui.source_view import GAP_MARK, SourceView
from support import open_app, run


def line_text(view: SourceView, line: int) -> str:
    """What the pane draws on a wrapped line of the text (gutter included)."""
    top = view.scroll_offset.y
    return view.render_line(line - top).text


def topbar(app: ArgmapApp) -> str:
    return str(app.query_one("#topbar-right").render())


def test_unquoted_sentences_are_marked_in_the_gutter_and_styled(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        view = app.query_one(SourceView)
        text = view.text
        headline = text.index("Eastport dockworkers walk out")
        gaps = view.current_gaps
        assert (headline, headline + len("Eastport dockworkers walk out")) in gaps
        assert len(gaps) == 4  # as `argmap coverage` lists them: one uncovered, three partly
        await pilot.press("3", "home")
        assert line_text(view, 0)[1] == GAP_MARK
        strip = view.render_line(0)
        styled = [seg for seg in strip if "Eastport" in seg.text]
        assert styled and styled[0].style is not None and styled[0].style.italic
        # a fully quoted line carries no mark, its text no gap style
        quoted = next(i for i, (a, b) in enumerate(view.lines) if "Anger in the harbour" in text[a:b])
        view.action_cursor(quoted)
        await pilot.pause()
        assert line_text(view, quoted)[1] == " "

    run(open_app(harbour), scenario)


def test_c_goes_to_the_next_unquoted_sentence_and_C_back(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        view = app.query_one(SourceView)
        await pilot.press("3", "home")
        lines = view.lines
        starts = sorted({next(i for i, (a, b) in enumerate(lines) if a <= start < max(b, a + 1))
                         for start, _ in view.current_gaps})
        assert view.cursor == starts[0] == 0
        visited = []
        for _ in starts[1:]:
            await pilot.press("c")
            visited.append(view.cursor)
        assert visited == starts[1:]
        await pilot.press("c")  # none after the last: the cursor stays
        assert view.cursor == starts[-1]
        assert any("no unquoted sentence after" in n.message for n in app._notifications)
        await pilot.press("C")
        assert view.cursor == starts[-2]

    run(open_app(harbour), scenario)


def test_the_top_bar_shows_the_share_covered_and_follows_edits(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        assert "80% covered" in topbar(app)  # 78 of 98 words, as `argmap coverage` says
        view = app.query_one(SourceView)
        before = len(view.current_gaps)
        session = app.session
        assert session is not None
        app.files.edit(lambda: session.remove_node("port-closes"))
        await pilot.pause()
        assert app.doc.map is not None and app.doc.map.node("port-closes") is None
        assert "80% covered" not in topbar(app) and "% covered" in topbar(app)
        assert len(view.current_gaps) >= before
        await pilot.press("u")
        await pilot.pause()
        assert "80% covered" in topbar(app)
        assert len(view.current_gaps) == before

    run(open_app(harbour), scenario)


def test_every_sentence_quoted_says_so(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("The port closed. Ships waited outside.\n", encoding="utf-8")
    (tmp_path / "m.yaml").write_text(
        "argmap: 1\ntitle: T\nsources: [{id: t, title: T, path: t.txt}]\nnodes:\n"
        "  - {id: a, kind: evidence, text: Closed, quotes: [The port closed. Ships waited outside.]}\n",
        encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        assert "100% covered" in topbar(app)
        await pilot.press("3", "c")
        assert any("every sentence is quoted" in n.message for n in app._notifications)

    run(open_app(tmp_path / "m.yaml"), scenario)


def long_map(folder: Path, sentences: int) -> Path:
    """A map quoting the first of `sentences` sentences of a text, one paragraph of ten sentences a line."""
    lines = [" ".join(f"Ship {p * 10 + i} waited outside the harbour for a berth." for i in range(10))
             for p in range(sentences // 10)]
    (folder / "long.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "m.yaml").write_text(
        "argmap: 1\ntitle: T\nsources: [{id: t, title: T, path: long.txt}]\nnodes:\n"
        "  - {id: a, kind: evidence, text: Waited, quotes: [Ship 0 waited outside the harbour for a berth.]}\n",
        encoding="utf-8")
    return folder / "m.yaml"


def test_a_long_text_is_split_in_the_background(tmp_path: Path) -> None:
    path = long_map(tmp_path, 200)  # about 10,000 characters

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(SourceView)
        assert len(view.current_gaps) == 199
        assert "0% covered" in topbar(app)

    run(open_app(path), scenario)


def test_a_text_too_long_to_split_shows_no_coverage_and_says_why(tmp_path: Path) -> None:
    path = long_map(tmp_path, 1100)  # more than 50,000 characters

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "covered" not in topbar(app)
        await pilot.press("3", "c")
        assert any("`argmap coverage` lists" in n.message for n in app._notifications)

    run(open_app(path), scenario)
