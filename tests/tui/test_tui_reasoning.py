"""The map's reasoning in the explorer: acceptance badges, the scenario switcher, the analysis screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent

from argmap.analysis.scenarios import sensitivity
from argmap.analysis.weak import weak_points
from argmap.errors import ArgmapError
from argmap.tui.analysis_screen import AnalysisScreen
from argmap.tui.app import ArgmapApp
from argmap.tui.choice import ChoiceScreen
from argmap.tui.outline import OutlineTree
from support import open_app, run


def outline_label(app: ArgmapApp, node_id: str) -> str:
    """The plain text of the outline row showing a node (revealed, if it is folded away)."""
    tree = app.query_one(OutlineTree)
    assert tree.reveal(node_id)
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        if node is not None and node.data is not None and node.data.node == node_id:
            return str(node.label)
    raise AssertionError(f"{node_id} not in the outline")


def detail_text(app: ArgmapApp) -> str:
    return str(app.query_one("#detail-text").render())


def rows(table: DataTable[Any]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def test_badges_give_label_and_strength_in_outline_and_detail(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        # the forecast's only reason (momentum) is out: unsupported, with its probability apart (bounds: p?)
        assert "◌.47 p? ● The strike will spread" in outline_label(app, "strike-spreads")
        assert "✗.09 ● A strong, angry union" in outline_label(app, "momentum")
        app.focus_node("union-strong")
        await pilot.pause()
        assert "✗.30" in detail_text(app)
        assert "standing: out · strength 0.30 (base 0.50)" in detail_text(app)
        await pilot.press("A")  # hide the badges
        assert "✗" not in outline_label(app, "momentum")
        assert "standing:" in detail_text(app)  # the detail still says where the node stands
        await pilot.press("A")
        assert "✗.09" in outline_label(app, "momentum")
        app.focus_node("strike-spreads")
        await pilot.pause()
        assert "probability: 0.000–1.000 (bounds, P(F|C) 0.675)" in detail_text(app)

    run(open_app(harbour), scenario)


def test_scenario_switcher_shows_what_changes_against_the_baseline(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "down", "enter")  # baseline, offer-withdrawn, gate-reopened
        assert app.scenario_id == "gate-reopened"
        assert "scenario: The police leave the gate" in str(app.query_one("#topbar-right").render())
        # the attacked claim now stands (label changed, strength up); the gate evidence is assumed false
        assert "✓.50▲" in outline_label(app, "union-strong")
        assert "✗.00=" in outline_label(app, "police-cleared-gate")
        assert "◌.47  p?" in outline_label(app, "strike-spreads")
        app.focus_node("union-strong")
        await pilot.pause()
        text = detail_text(app)
        assert "scenario: The police leave the gate: in · strength 0.50" in text
        assert "change: out → in, +0.20" in text
        await pilot.press("s", "enter")  # the list opens on the current scenario: Enter keeps it
        assert app.scenario_id == "gate-reopened"
        await pilot.press("s", "home", "enter")
        assert app.scenario_id is None
        assert "scenario:" not in str(app.query_one("#topbar-right").render())
        assert "✗.30" in outline_label(app, "union-strong")

    run(open_app(harbour), scenario)


def test_scenario_from_the_palette_and_at_start(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        assert app.scenario_id == "offer-withdrawn"
        assert "✗.00=" in outline_label(app, "new-offer")
        await pilot.press("ctrl+p", *"Scenario: baseline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.scenario_id is None

    run(open_app(harbour, scenario="The owners withdraw their offer"), scenario)
    with pytest.raises(ArgmapError, match=r"no scenario 'gate-closed'.*did you mean 'gate-reopened'"):
        open_app(harbour, scenario="gate-closed")


def test_analysis_screen_forecast_scores_and_rules(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("a")
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        table = screen.query_one("#forecast-table", DataTable)
        found = {row[0]: row for row in rows(table)}
        assert set(found) == {"strike-spreads", "port-closes"}
        # conditional, and nothing records that its condition came true: voided by the usual convention
        assert found["strike-spreads"][1:5] == ["0.675 (scale) | C", "happened", "1", "voided"]
        assert found["port-closes"][2] == "unresolved"
        summary = str(screen.query_one("#forecast-summary").render())
        assert "1 voided" in summary and "partly counts as 0.5" in summary
        await pilot.press("p")
        assert screen.partly == "happened"
        assert "partly counts as 1 (happened)" in str(screen.query_one("#forecast-summary").render())
        await pilot.press("u")
        assert screen.unclear == "half"
        await pilot.press("u")  # the rules of `argmap score --unclear`, round again
        assert screen.unclear == "exclude"
        await pilot.press("enter")  # the first forecast
        assert app.screen is not screen
        assert app.focused_node == "strike-spreads"

    run(open_app(harbour, focus="wage-cut"), scenario)


def test_analysis_screen_scenarios_switch_and_compare(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("a", "2")
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        assert screen.query_one(TabbedContent).active == "scenario"
        table = screen.query_one("#scenario-table", DataTable)
        listed = rows(table)
        assert [row[0] for row in listed] == ["The owners withdraw their offer", "The police leave the gate"]
        # gains union-strong, loses port-closes; two labels change (union-strong's and the assumed gate's)
        assert listed[1][1:4] == ["1", "1", "2"]
        await pilot.press("down", "enter")
        assert app.scenario_id == "gate-reopened"
        changed = rows(table)
        assert changed[0][0] == "police-cleared-gate" and "assumed false" in changed[0][6]
        assert ["union-strong", "claim", "out 0.30", "–", "in 0.50", "–", "out → in, +0.20"] in changed
        forecasts = [row for row in changed if row[1] == "forecast"]
        assert forecasts and all(row[3] != "–" and row[5] != "–" for row in forecasts)  # probabilities apart
        await pilot.press("b")
        assert app.scenario_id is None
        assert len(rows(table)) == 2
        await pilot.press("escape")
        assert not isinstance(app.screen, AnalysisScreen)

    run(open_app(harbour), scenario)


def test_analysis_screen_weak_points_and_sensitivity_jump_to_nodes(harbour: Path) -> None:
    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        amap = app.doc.map
        assert amap is not None
        await pilot.press("a", "3")
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        weak = rows(screen.query_one("#weak-table", DataTable))
        expected = weak_points(amap)
        assert [row[0] for row in weak] == [point.node for point in expected]
        assert ["union-strong", "contested"] in [row[:2] for row in weak]
        await pilot.press("4")
        ranking = rows(screen.query_one("#sensitivity-table", DataTable))
        expected_ranking = sensitivity(amap)
        assert [row[1] for row in ranking] == [row.node for row in expected_ranking]
        assert [row[2] for row in ranking] == [f"{row.impact:.3f}" for row in expected_ranking]
        await pilot.press("down", "enter")
        assert app.focused_node == ranking[1][1]

    run(open_app(harbour), scenario)


def test_big_maps_are_evaluated_and_ranked_in_the_background(harbour: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("argmap.tui.reasoning.EVALUATE_AT_ONCE", 3)
    monkeypatch.setattr("argmap.tui.analysis_screen.RANK_AT_ONCE", 3)

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.pause(0.1)  # the evaluation starts after the first frame
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.reasoning.baseline is not None
        assert "✗.09" in outline_label(app, "momentum")
        await pilot.press("s", "down", "enter")
        await pilot.pause(0.1)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.reasoning.outcome is not None and app.reasoning.outcome.scenario.id == "offer-withdrawn"
        assert "✗.00=" in outline_label(app, "new-offer")
        await pilot.press("a", "4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        assert screen.ranking is not None
        assert screen.query_one("#sensitivity-table", DataTable).row_count == len(screen.ranking)

    run(open_app(harbour), scenario)


def test_a_map_without_scenarios_says_so(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("argmap: 1\ntitle: Plain\nnodes:\n  - {id: a, kind: claim, text: A.}\n", encoding="utf-8")

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("s")
        assert not isinstance(app.screen, ChoiceScreen)
        await pilot.press("a", "2")
        head = str(app.screen.query_one("#scenario-head").render())
        assert "declares no scenarios" in head

    run(open_app(path), scenario)
