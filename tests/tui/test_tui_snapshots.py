"""The look of the main screens, fixed as SVG snapshots (regenerate with `--snapshot-update` after a deliberate
change, and look at them). Most use the small harbour map in tests/tui/data, so that editing the bundled maps does
not invalidate them; one shows the example map."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.outline import ViewFilter
from support import DATA, open_app

ROOT = Path(__file__).resolve().parents[2]
Compare = Callable[..., bool]


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the maps' folder, so that file names on screen are short and the same everywhere."""
    monkeypatch.chdir(DATA)


def test_start_screen(snap_compare: Compare, in_data: None) -> None:
    assert snap_compare(open_app("harbour.yaml"), terminal_size=(120, 40))


def test_start_screen_at_80_by_24(snap_compare: Compare, in_data: None) -> None:
    assert snap_compare(open_app("harbour.yaml"), terminal_size=(80, 24))


def test_detail_after_following_a_relation(snap_compare: Compare, in_data: None) -> None:
    # down to the forecast, into its relations, and along the first reason
    assert snap_compare(open_app("harbour.yaml"), press=["j", "2", "j", "enter"], terminal_size=(120, 40))


def test_search_with_results(snap_compare: Compare, in_data: None) -> None:
    assert snap_compare(open_app("harbour.yaml"), press=["slash", *"owner"], terminal_size=(120, 40))


def test_problems_of_a_broken_map(snap_compare: Compare, in_data: None) -> None:
    assert snap_compare(open_app("broken.yaml"), terminal_size=(120, 40))


def test_help_screen(snap_compare: Compare, in_data: None) -> None:
    assert snap_compare(open_app("harbour.yaml"), press=["question_mark"], terminal_size=(120, 40))


def test_grouped_by_theme_and_filtered(snap_compare: Compare, in_data: None) -> None:
    evidence = ViewFilter(kind=frozenset({"evidence"}))
    assert snap_compare(open_app("harbour.yaml", grouping="theme", view_filter=evidence), press=["l"],
                        terminal_size=(120, 40))


def test_example_map(snap_compare: Compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "maps")
    assert snap_compare(open_app("example.yaml"), terminal_size=(120, 40))


def test_under_a_scenario(snap_compare: Compare, in_data: None) -> None:
    # the badges mark what the scenario changes; the top bar names it
    assert snap_compare(open_app("harbour.yaml", scenario="gate-reopened"), press=["j", "j"],
                        terminal_size=(120, 40))


def test_analysis_forecast_scores(snap_compare: Compare, in_data: None) -> None:
    assert snap_compare(open_app("harbour.yaml"), press=["a"], terminal_size=(120, 40))


def test_analysis_sensitivity(snap_compare: Compare, in_data: None) -> None:
    assert snap_compare(open_app("harbour.yaml"), press=["a", "4"], terminal_size=(120, 40))


def test_node_form(snap_compare: Compare, in_data: None, tmp_path: Path) -> None:
    # a forecast's form at 100x40, its probability mistyped: the error under the field, Save disabled
    for name in ("harbour.yaml", "harbour.txt"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    assert snap_compare(open_app(tmp_path / "harbour.yaml"), press=["i", "tab", "tab", "tab", *"1.5"],
                        terminal_size=(100, 40))


def test_ach_screen(snap_compare: Compare, in_data: None) -> None:
    # the lighthouse map's first group, sorted by diagnosticity, the cursor on a rating against H2
    assert snap_compare(open_app("ach.yaml"), press=["H", "enter", "s", "right"], terminal_size=(120, 40))


def test_review_of_a_draft(snap_compare: Compare, in_data: None) -> None:
    # ferry.yaml is `argmap draft ../../data/ferry.txt` as it is; the review opens on its first drafted node
    assert snap_compare(open_app("ferry.yaml"), press=["R", "n", "n", "right"], terminal_size=(120, 40))


def test_review_of_a_drafted_relation(snap_compare: Compare, in_data: None) -> None:
    # the same draft, on its fifth item: the `supports` drafted from "because", right after its later end
    assert snap_compare(open_app("ferry.yaml"), press=["R", "n", "n", "n", "n"], terminal_size=(120, 40))


async def diagram_drawn(pilot: Any) -> None:
    """Open the Diagram pane and wait for its layout (made in a worker thread)."""
    await pilot.press("d")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_diagram_pane_at_80_by_24(snap_compare: Compare, monkeypatch: pytest.MonkeyPatch) -> None:
    # the Mosul map's Maliki forecast and its neighbourhood (depth 2), the cursor on it, scrolled to it
    monkeypatch.chdir(ROOT / "maps")
    app = open_app("mosul-2014.yaml", focus="maliki-benefits-politically")
    assert snap_compare(app, run_before=diagram_drawn, terminal_size=(80, 24))


def test_diagram_pane_at_140_by_40(snap_compare: Compare, monkeypatch: pytest.MonkeyPatch) -> None:
    # the same at 140x40, moved down from the focus to the next box below
    monkeypatch.chdir(ROOT / "maps")
    app = open_app("mosul-2014.yaml", focus="maliki-benefits-politically")

    async def moved(pilot: Any) -> None:
        await diagram_drawn(pilot)
        await pilot.press("down")

    assert snap_compare(app, run_before=moved, terminal_size=(140, 40))
