"""User text is shown as text: markup-like strings in any field of a map never reach Rich or Textual as markup,
in the explorer's first screen and in every screen it opens."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("textual")

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from argmap.io import load
from support import open_app

#: Strings that Rich or Textual would read as markup, or that break markup parsing.
MARKUP = ["oops [/] here", "[bold]bold[/bold]", "[link=x]link", "[/]", "[red", "x[/x]", "\x1b[31mred\x1b[0m",
          "[@click=app.quit]quit[/]", "\\[escaped]", "[b][i]nested[/b]", "$variable [on red]", "[[x]]"]

SOURCE = "The army left the city [/] here. Residents were [bold] hostile [link=x].\n"


def markup_map(folder: Path, word: str) -> Path:
    """A map with `word` in every string field a user writes: titles, texts, notes, quotes, tags, scenarios."""
    (folder / "source.txt").write_text(SOURCE + word + "\n", encoding="utf-8")
    data = {
        "title": f"Map {word}", "description": word,
        "sources": [{"id": "src", "title": f"Source {word}", "author": word, "publisher": word,
                     "path": "source.txt"}],
        "tags": {"t1": word}, "actors": {"army": f"Army {word}"}, "themes": {"sec": f"Security {word}"},
        "nodes": [
            {"id": "a", "kind": "evidence", "text": f"Evidence {word}", "quotes": [word], "tags": ["t1"],
             "actors": ["army"], "themes": ["sec"], "note": word, "reported_by": word},
            {"id": "b", "kind": "inference", "text": f"Inference {word}", "scheme": "abduction", "warrant": word},
            {"id": "c", "kind": "claim", "text": f"Claim {word}", "quotes": ["The army left the city [/] here."]},
            {"id": "f", "kind": "forecast", "text": f"Forecast {word}", "words": f"likely {word}",
             "horizon": {"stated": word, "note": word}, "signposts": [word],
             "resolution": {"outcome": "happened", "note": word, "sources": [{"title": word}]}},
        ],
        "relations": [{"source": "a", "target": "b", "type": "supports", "note": word},
                      {"source": "b", "target": "c", "type": "supports"},
                      {"source": "c", "target": "f", "type": "condition"}],
        "scenarios": [{"id": "s1", "title": f"Scenario {word}", "description": word, "assume": {"a": False}}],
    }
    path = folder / "markup.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load(path).fully_loaded, load(path).diagnostics
    return path


async def _settle(app: App[object], pilot: Pilot[object]) -> None:
    """Wait until the screen just opened has drawn and its background work is done (not a fixed delay)."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _tour(path: Path, *, every_screen: bool = True) -> list[str]:
    """Open the explorer on `path`, go through its panes and screens (or only the first screen and the analysis
    screen), and return the text it rendered."""
    app = open_app(path)
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in ("2", "3", "4", "1", "down", "down", "down"):
            await pilot.press(key)
        await pilot.pause()
        seen.extend(str(widget.render()) for widget in app.screen.query(Static))
        for opener in ("a", "s", "slash", "f", "question_mark") if every_screen else ("a",):
            await pilot.press(opener)
            await _settle(app, pilot)
            for tab in ("1", "2", "3", "4") if opener == "a" and every_screen else ("2",) if opener == "a" else ():
                await pilot.press(tab)
                await _settle(app, pilot)
            for table in app.screen.query(DataTable):  # a cell given as a str would be read as markup
                seen.extend(f"{type(cell).__name__}:{cell}" for row in range(table.row_count)
                            for cell in table.get_row_at(row))
            await pilot.press("escape")
            await pilot.pause()
    return seen


def test_the_explorer_shows_markup_as_text(tmp_path: Path) -> None:
    word = " ".join(MARKUP)
    path = markup_map(tmp_path, word)
    before = path.read_bytes()
    seen = asyncio.run(_tour(path))
    assert any(f"Map {word}" in text for text in seen)  # the title, verbatim, in the top bar
    assert path.read_bytes() == before


@pytest.mark.parametrize("word", ["oops [/] here", "[link=x]", "[bold]"])
def test_a_scenario_title_opens_the_analysis_screen(word: str, tmp_path: Path) -> None:
    seen = asyncio.run(_tour(markup_map(tmp_path, word), every_screen=False))
    assert f"Text:Scenario {word}" in seen  # the scenario table's cell, as text


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=st.lists(st.sampled_from(["[", "]", "/", "=", "@", "link", "bold", "\\", " ", "x", "$", "\x1b"]),
                     min_size=1, max_size=8).map("".join))
def test_any_bracketed_text_opens_the_explorer(word: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    asyncio.run(_tour(markup_map(tmp_path_factory.mktemp("markup"), word), every_screen=False))
