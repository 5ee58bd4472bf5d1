"""Scenarios against the baseline, evidence sensitivity, and the `scenario` / `sensitivity` commands, on a small map
written here and on the bundled Mosul map."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis.scenarios import compare, find_scenario, scenario_list_lines, sensitivity
from argmap.analysis.semantics import evaluate
from argmap.cli import main
from argmap.io import ArgmapError, load
from argmap.model import ArgMap
from conftest import REPO

MOSUL = REPO / "maps" / "mosul-2014.yaml"

ARMY = """\
nodes:
  - {id: army-fled, kind: evidence, text: The army fled., quotes: [The army left the city.]}
  - {id: residents-hostile, kind: evidence, text: Residents were hostile., quotes: [Residents were hostile]}
  - {id: no-orders-found, kind: evidence, text: No withdrawal order was ever found.}
  - {id: army-collapsed, kind: evidence, text: Four divisions collapsed.}
  - id: flight-means
    kind: inference
    text: Flight shows no will to fight.
    scheme: abduction
    warrant: Units that flee en masse see nothing worth defending.
  - {id: orders-given, kind: claim, text: Commanders ordered a withdrawal.}
  - {id: no-will, kind: claim, text: The army had no will to fight for Mosul.}
  - {id: army-rebuilt, kind: claim, text: The army is rebuilt within months.}
  - {id: isis-advances, kind: forecast, text: ISIS takes more cities., words: likely}
relations:
  - {source: army-fled, target: flight-means, type: supports}
  - {source: residents-hostile, target: flight-means, type: supports}
  - {source: flight-means, target: no-will, type: supports}
  - {source: orders-given, target: flight-means, type: undercuts}
  - {source: no-orders-found, target: orders-given, type: attacks}
  - {source: no-will, target: isis-advances, type: supports}
  - {source: army-rebuilt, target: isis-advances, type: attacks}
  - {source: army-collapsed, target: army-rebuilt, type: attacks}
scenarios:
  - id: orders
    title: The withdrawal was ordered
    description: The flight was a command decision, not a collapse of will.
    assume: {orders-given: true}
  - id: rebuilt
    title: The army is rebuilt
    assume: {army-rebuilt: true}
    probabilities: {isis-advances: 0.3}
  - id: nothing
    title: Touches nothing
    probabilities: {isis-advances: 0.675}
"""


@pytest.fixture
def army(write_map: Callable[..., Path]) -> Path:
    return write_map(ARMY)


def army_map(path: Path) -> ArgMap:
    doc = load(path)
    assert doc.map is not None and not doc.diagnostics
    return doc.map


def test_baseline_of_the_small_map(army: Path) -> None:
    labels = evaluate(army_map(army)).labels
    assert labels["orders-given"] == "out" and labels["flight-means"] == "in"
    assert labels["army-rebuilt"] == "out" and labels["isis-advances"] == "in"


def test_scenario_undercut_brings_down_the_inference_and_weakens_its_conclusion(army: Path) -> None:
    amap = army_map(army)
    outcome = compare(amap, find_scenario(amap, "orders"))
    rows = {r.node: r for r in outcome.changed()}
    assert rows["orders-given"].assumed is True
    assert rows["orders-given"].change_text() == "assumed true, out → in, +0.70"    # from 0.5 - 0.5 h(0.8)
    flight = rows["flight-means"]
    assert (flight.base_label, flight.label) == ("in", "out") and flight.strength < flight.base_strength
    assert rows["no-will"].delta < 0 and rows["no-will"].label == "unsupported"   # its only reason fell
    assert [r.node for r in outcome.lost()] == ["no-will", "isis-advances"]
    assert outcome.gained() == []
    assert "army-fled" not in rows                   # untouched nodes are not listed
    assert outcome.changed()[0].node == "orders-given"  # assumptions first, then label changes, then by size


def test_scenario_defeats_the_forecast_and_overrides_its_probability(army: Path) -> None:
    amap = army_map(army)
    outcome = compare(amap, find_scenario(amap, "rebuilt"))
    forecast = next(r for r in outcome.rows if r.node == "isis-advances")
    assert (forecast.base_label, forecast.label) == ("in", "out")
    assert outcome.evaluation.base["isis-advances"] == 0.3
    assert forecast.change_text().startswith("in → out, -")


def test_scenario_that_changes_nothing(army: Path) -> None:
    amap = army_map(army)
    outcome = compare(amap, find_scenario(amap, "nothing"))
    assert outcome.changed() == []


def test_find_scenario_by_id_or_title_and_errors(army: Path) -> None:
    amap = army_map(army)
    assert find_scenario(amap, "The army is rebuilt").id == "rebuilt"
    with pytest.raises(ArgmapError, match=r"no scenario 'rebuild' \(did you mean 'rebuilt'\?\); the map has: orders"):
        find_scenario(amap, "rebuild")
    with pytest.raises(ArgmapError, match="the map has no scenarios"):
        find_scenario(ArgMap(title="t"), "x")


def test_scenario_list(army: Path) -> None:
    lines = scenario_list_lines(army_map(army))
    assert lines[0].split()[:2] == ["scenario", "title"]
    orders = next(line for line in lines if line.startswith("orders "))
    assert orders.split()[-3:] == ["0", "2", "3"]   # gains 0, loses 2 (no-will, isis-advances), 3 labels changed


def test_sensitivity_ranks_load_bearing_evidence_first(army: Path) -> None:
    rows = sensitivity(army_map(army))
    by_node = {r.node: r for r in rows}
    assert set(by_node) == {"army-fled", "residents-hostile", "no-orders-found", "army-collapsed"}
    assert by_node["army-fled"].fallen == ["flight-means", "no-will", "isis-advances"]
    assert by_node["no-orders-found"].fallen == ["flight-means", "no-will", "isis-advances"] and by_node["no-orders-found"].risen == [
        "orders-given"]
    assert by_node["army-collapsed"].fallen == ["isis-advances"]
    assert all(r.strength_lost > 0 for r in rows)
    keys = [(-len(r.fallen), -r.strength_lost) for r in rows]
    assert keys == sorted(keys)


def test_sensitivity_on_top_of_a_scenario_skips_assumed_nodes(army: Path) -> None:
    amap = army_map(army)
    rows = sensitivity(amap, kinds=("evidence", "claim"), scenario=find_scenario(amap, "orders"))
    assert "orders-given" not in {r.node for r in rows}
    assert {r.kind for r in rows} == {"evidence", "claim"}


def test_scenario_command(army: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenario", str(army)]) == 0
    assert "The withdrawal was ordered" in capsys.readouterr().out
    assert main(["scenario", str(army), "orders"]) == 0
    out = capsys.readouterr().out
    assert "Scenario 'orders': The withdrawal was ordered" in out and "command decision" in out
    assert "flight-means" in out and "in → out" in out and "army-fled" not in out
    assert main(["scenario", str(army), "orders", "--all"]) == 0
    assert "army-fled" in capsys.readouterr().out
    assert main(["scenario", str(army), "orders", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scenario"]["assume"] == {"orders-given": True}
    flight = next(n for n in data["nodes"] if n["node"] == "flight-means")
    assert flight["baseline"]["label"] == "in" and flight["scenario"]["label"] == "out"
    assert main(["scenario", str(army), "nothing"]) == 0
    assert "Nothing changes" in capsys.readouterr().out
    assert main(["scenario", str(army), "rebuild"]) == 2
    assert "did you mean 'rebuilt'" in capsys.readouterr().err


def test_sensitivity_command(army: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sensitivity", str(army), "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "rejected" in out and "(2 more; use --top 0 for all)" in out
    assert main(["sensitivity", str(army), "--format", "json", "--scenario", "rebuilt"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {row["node"] for row in data} == {"army-fled", "residents-hostile", "no-orders-found", "army-collapsed"}


# -- the Mosul map ----------------------------------------------------------------------------------------------

def test_mosul_scenarios_each_change_something() -> None:
    doc = load(MOSUL)
    assert doc.map is not None
    assert doc.map.scenarios, "the Mosul map should carry scenarios"
    base = evaluate(doc.map)
    for scenario in doc.map.scenarios:
        outcome = compare(doc.map, scenario, baseline=base)
        moved = [r for r in outcome.changed() if r.assumed is None]
        assert moved, f"scenario {scenario.id} changes nothing beyond its own assumptions"
        assert outcome.evaluation.converged


def test_mosul_sensitivity_ranks_its_evidence() -> None:
    doc = load(MOSUL)
    assert doc.map is not None
    rows = sensitivity(doc.map)
    assert len(rows) == sum(1 for n in doc.map.nodes if n.kind == "evidence")
    assert rows[0].strength_lost > 0


# -- diagram colouring (`argmap export --color-by`) ------------------------------------------------------------------

COLOURED = """\
nodes:
  - {id: sure, kind: evidence, text: Unattacked.}
  - {id: beaten, kind: claim, text: Attacked by an unattacked node.}
  - {id: left-side, kind: claim, text: One side of a standoff.}
  - {id: right-side, kind: claim, text: The other side.}
relations:
  - {source: sure, target: beaten, type: attacks}
  - {source: left-side, target: right-side, type: attacks}
  - {source: right-side, target: left-side, type: attacks}
scenarios:
  - {id: left-wins, title: The left side wins, assume: {left-side: true}}
"""


def dot_fills(path: Path) -> dict[str, str]:
    """Node id -> fill colour, from a DOT file."""
    fills = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r'\s*"([a-z0-9][a-z0-9_.-]*)" \[.*?fillcolor="([^"]+)"', line)
        if found and not found.group(1).startswith("_"):
            fills[found.group(1)] = found.group(2)
    return fills


def test_export_colours_in_out_and_undec_differently(write_map: Callable[..., Path], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map(COLOURED)
    assert evaluate(army_map(path)).labels == {"sure": "in", "beaten": "out", "left-side": "undec",
                                               "right-side": "undec"}
    out = tmp_path / "x.dot"
    assert main(["export", str(path), "-o", str(out), "--color-by", "acceptance"]) == 0
    fills = dot_fills(out)
    assert fills["left-side"] == fills["right-side"]
    assert len({fills["sure"], fills["beaten"], fills["left-side"]}) == 3
    text = out.read_text(encoding="utf-8")
    assert "out · strength 0.30" in text and "undec · strength" in text
    plain = tmp_path / "plain.dot"
    assert main(["export", str(path), "-o", str(plain)]) == 0
    assert dot_fills(plain)["beaten"] == dot_fills(plain)["left-side"]   # by kind: both claims


def test_export_colours_by_scenario(write_map: Callable[..., Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = write_map(COLOURED)
    base, scen = tmp_path / "base.dot", tmp_path / "scen.dot"
    assert main(["export", str(path), "-o", str(base), "--color-by", "acceptance"]) == 0
    assert main(["export", str(path), "-o", str(scen), "--color-by", "scenario:left-wins"]) == 0
    before, after = dot_fills(base), dot_fills(scen)
    assert after["left-side"] == before["sure"]          # held true: in
    assert after["right-side"] == before["beaten"]       # attacked by an in node: out
    assert "assumed true" in scen.read_text(encoding="utf-8")
    assert main(["export", str(path), "-o", str(scen), "--color-by", "scenario:left-win"]) == 2
    assert "did you mean 'left-wins'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("scenario", "node", "label", "direction"),
    [
        ("no-trigger", "fear-could-explode", "out", -1),            # its condition fails
        ("spectacular-trigger", "fear-could-explode", "in", +1),
        ("maliki-weakened", "maliki-benefits-politically", "out", -1),
        ("us-steps-in", "baghdad-relies-on-russia-iran", "in", -1),
    ],
)
def test_mosul_scenarios_do_what_their_descriptions_say(scenario: str, node: str, label: str,
                                                        direction: int) -> None:
    doc = load(MOSUL)
    assert doc.map is not None
    outcome = compare(doc.map, find_scenario(doc.map, scenario))
    row = next(r for r in outcome.rows if r.node == node)
    assert row.label == label
    assert row.delta * direction > 0.005
