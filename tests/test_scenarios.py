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
from argmap.errors import ArgmapError
from argmap.io import load
from argmap.model import ArgMap, Forecast
from support import REPO

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
    assert [r.node for r in outcome.gained()] == ["orders-given"]    # assumed nodes count like the others
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
    assert orders.split()[-3:] == ["1", "2", "4"]   # gains orders-given, loses no-will and isis-advances; 4 labels


def test_sensitivity_ranks_load_bearing_evidence_first(army: Path) -> None:
    rows = sensitivity(army_map(army))
    by_node = {r.node: r for r in rows}
    # evidence, and the claims no reason supports (assumptions taken as given)
    assert set(by_node) == {"army-fled", "residents-hostile", "no-orders-found", "army-collapsed", "orders-given",
                            "army-rebuilt"}
    assert by_node["army-fled"].fallen == ["flight-means", "no-will", "isis-advances"]
    assert by_node["army-fled"].labels_changed == ["no-will", "isis-advances"]      # conclusions only
    assert by_node["no-orders-found"].risen == ["orders-given"]
    assert by_node["army-collapsed"].fallen == ["isis-advances"]
    assert all(r.impact > 0 for r in rows)
    assert [r.key() for r in rows] == sorted(r.key() for r in rows)
    assert rows[0].impact >= rows[-1].impact
    assert sensitivity(army_map(army), kinds=("evidence",))[0].kind == "evidence"


def test_sensitivity_measure_by_hand(write_map: Callable[..., Path]) -> None:
    amap = army_map(write_map("""\
nodes:
  - {id: e, kind: evidence, text: E.}
  - {id: c, kind: claim, text: C.}
  - {id: f, kind: forecast, text: F., probability: 0.7}
relations:
  - {source: e, target: c, type: supports}
  - {source: e, target: f, type: condition}
"""))
    row = sensitivity(amap)[0]
    base = evaluate(amap)
    c, f = base.strength["c"], base.strength["f"]
    assert row.node == "e" and row.labels_changed == ["c", "f"]
    assert row.strength_change == pytest.approx(c - 0.5 + f)          # c falls back to its base; f to 0
    assert row.impact == pytest.approx(row.strength_change + row.probability_change)


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
    assert "rejected" in out and "(4 more; use --top 0 for all)" in out
    assert main(["sensitivity", str(army), "--format", "json", "--scenario", "rebuilt", "--kind", "evidence"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {row["node"] for row in data} == {"army-fled", "residents-hostile", "no-orders-found", "army-collapsed"}
    assert all(row["impact"] == pytest.approx(row["probability_change"] + row["strength_change"]) for row in data)


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
    assert {r.node for r in rows} >= {n.id for n in doc.map.nodes if n.kind == "evidence"}
    assert rows[0].node == "isis-seizes-mosul" and rows[0].impact > 1
    prisons = next(r for r in rows if r.node == "prisons-broken-inmates-freed")
    assert prisons.impact > 0.1 and "inmates-recruit-pool" in prisons.labels_changed
    keys = [r.key()[:5] for r in rows if r.impact > 0]
    ties = {k for k in keys if keys.count(k) > 1}
    linked = {r.node for r in rows if r.key()[:5] in ties}
    # the only exact ties left are premises linked in one inference, where rejecting any one does the same, two
    # reasons of equal grade for the same claim, and two B1 reports that are each the only reason of a claim that
    # weighs the same downstream (symmetric: the same effect)
    assert linked <= {"sistani-backs-forces", "sistani-calls-unity", "iraq-asked-for-drones", "us-refused-drones",
                      "sunni-unfair-deal", "shia-feel-targeted", "militias-fight-unconventionally",
                      "militias-stay-under-state-control", "isis-consolidated-territory",
                      "prisons-broken-inmates-freed"}


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


# -- the checks an analyst makes on the Mosul map --------------------------------------------------------------------

def mosul() -> ArgMap:
    doc = load(MOSUL)
    assert doc.map is not None
    return doc.map


def test_rejecting_the_fall_of_mosul_brings_down_what_presupposes_it() -> None:
    amap = mosul()
    base, rejected = evaluate(amap), evaluate(amap, assume={"isis-seizes-mosul": False})
    for node in ("mosul-security-consequences", "further-devastating-consequences", "mosul-loss-incompetency"):
        assert base.labels[node] == "in"
        assert rejected.labels[node] in ("out", "unsupported"), node
        assert rejected.strength[node] < base.strength[node] - 0.5, node


def test_no_forecast_probability_differs_from_its_author_s_except_through_a_condition() -> None:
    amap = mosul()
    for scenario in [None, *amap.scenarios]:
        result = evaluate(amap, scenario)
        for node in amap.nodes:
            if not isinstance(node, Forecast):
                continue
            p = result.probability_of(node.id)
            assert p is not None
            if node.id in result.assumed:
                assert p.value == (1.0 if result.assumed[node.id] else 0.0)
            elif scenario is not None and node.id in scenario.probabilities:
                assert p.value == scenario.probabilities[node.id]
            elif result.framework.conditions.get(node.id):
                assert p.given == node.probability
            else:
                assert p.value == node.probability, (node.id, scenario)


def test_us_steps_in_shows_its_stated_probability() -> None:
    amap = mosul()
    p = evaluate(amap, find_scenario(amap, "us-steps-in")).probability_of("baghdad-relies-on-russia-iran")
    assert p is not None and p.value == 0.4 and p.origin == "scenario"


def test_the_trigger_gives_the_author_s_conditional_probability() -> None:
    amap = mosul()
    p = evaluate(amap, find_scenario(amap, "spectacular-trigger")).probability_of("fear-could-explode")
    assert p is not None and p.value == 0.675 and p.origin == "given condition"
    unknown = evaluate(amap).probability_of("fear-could-explode")
    assert unknown is not None and unknown.value is None and (unknown.low, unknown.high) == (0.0, 1.0)


def test_as_it_happened_reports_the_maliki_forecasts() -> None:
    amap = mosul()
    outcome = compare(amap, find_scenario(amap, "as-it-happened"))
    lost = {r.node for r in outcome.lost()}
    assert {"maliki-benefits-politically", "maliki-gains-momentum"} <= lost
    assert outcome.labels_changed() >= 2
    rows = {r.node: r for r in outcome.rows}
    assert rows["maliki-benefits-politically"].probability is not None
    assert rows["maliki-benefits-politically"].probability.value == 0.0


def test_scenario_json_gives_both_sides_for_every_node(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenario", str(MOSUL), "us-steps-in", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["nodes"]) == len(mosul().nodes)
    row = next(n for n in data["nodes"] if n["node"] == "baghdad-relies-on-russia-iran")
    assert row["scenario"]["probability"]["value"] == 0.4 and row["baseline"]["probability"]["value"] == 0.85
    assert {"label", "strength", "probability"} <= set(row["baseline"]) and row["changed"]


def test_standing_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["standing", str(MOSUL), "--scenario", "spectacular-trigger", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    fear = next(n for n in data["nodes"] if n["node"] == "fear-could-explode")
    assert fear["probability"]["value"] == 0.675 and fear["label"] == "in"
    assert main(["standing", str(MOSUL), "--author-only", "--format", "json"]) == 0
    alone = json.loads(capsys.readouterr().out)
    assert alone["author_only"] and all(n["by"] == "author" for n in alone["nodes"])
    assert main(["standing", str(MOSUL), "--semantics", "dfquad"]) == 0
    assert "strengths by dfquad" in capsys.readouterr().out
