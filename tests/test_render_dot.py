"""The DOT source of diagrams: every node and relation, the look of each kind and type, forecast badges, legend,
direction, clusters, colouring, options and determinism."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.formats import write_dot as export_dot
from argmap.io import load
from argmap.io.document import MapDocument
from argmap.render import colours as palette
from argmap.render.diagram import diagram_dot
from argmap.render.dot import build_dot
from argmap.render.options import DiagramOptions, parse_options
from argmap.render.style import EDGE_LOOKS, NODE_LOOKS, NodeStyle
from argmap.render.view import select_view
from support import load_rich_map

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "maps" / "example.yaml"
STATEMENT = re.compile(r'^\t+"(?P<name>[^"]+)" \[(?P<attrs>.*)\]$', re.M)
EDGE = re.compile(r'^\t+"(?P<source>[^"]+)" -> "(?P<target>[^"]+)" \[(?P<attrs>.*)\]$', re.M)


@pytest.fixture
def rich(tmp_path: Path) -> MapDocument:
    return load_rich_map(tmp_path)


def dot_of(doc: MapDocument, **options: object) -> str:
    return export_dot(doc, dict(options)).decode("utf-8")


def node_attrs(dot: str) -> dict[str, str]:
    return {m["name"]: m["attrs"] for m in STATEMENT.finditer(dot) if not m["name"].startswith("_legend_")}


def edge_attrs(dot: str) -> dict[tuple[str, str], str]:
    return {(m["source"], m["target"]): m["attrs"] for m in EDGE.finditer(dot)
            if not m["source"].startswith("_legend_")}


@pytest.mark.parametrize("module", ["text", "style", "dot"])
def test_doctests_of_the_render_helpers(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"argmap.render.{module}"))
    assert result.attempted > 0 and result.failed == 0


def test_every_node_and_relation_is_drawn(rich: MapDocument) -> None:
    assert rich.map is not None
    dot = dot_of(rich)
    assert dot.startswith("digraph argmap {")
    assert set(node_attrs(dot)) == {node.id for node in rich.map.nodes}
    assert set(edge_attrs(dot)) == {(rel.source, rel.target) for rel in rich.map.relations}


def test_each_kind_has_its_look(rich: MapDocument) -> None:
    assert rich.map is not None
    nodes = node_attrs(dot_of(rich))
    for node in rich.map.nodes:
        look = NODE_LOOKS[node.kind]
        attrs = nodes[node.id]
        assert f"shape={look.shape}" in attrs and f'fillcolor="{look.fill}"' in attrs
        assert f'color="{palette.KIND_COLOURS[node.kind]}"' in attrs and f"class={node.kind}" in attrs
    assert len({NODE_LOOKS[k].shape for k in NODE_LOOKS}) == 4  # four kinds, four shapes
    assert "<I>abduction</I>" in nodes["flight-shows-motive"]


def test_each_relation_type_has_its_look(rich: MapDocument) -> None:
    edges = edge_attrs(dot_of(rich))
    expect = {("garrison-fled", "flight-shows-motive"): "supports", ("reinforcements", "rebels-march"): "attacks",
              ("ordered-out", "flight-shows-motive"): "undercuts",
              ("militias-mobilise", "capital-holds"): "condition"}
    for pair, relation_type in expect.items():
        look = EDGE_LOOKS[relation_type]
        attrs = edges[pair]
        assert f"class={relation_type}" in attrs and f'color="{look.colour}"' in attrs
        assert f"style={look.style}" in attrs and f"arrowhead={look.arrowhead}" in attrs
    assert EDGE_LOOKS["supports"].style == "solid" and EDGE_LOOKS["undercuts"].style == "dashed"
    assert EDGE_LOOKS["condition"].style == "dotted" and ">if<" in edges[("militias-mobilise", "capital-holds")]
    assert EDGE_LOOKS["attacks"].arrowhead == "tee" and EDGE_LOOKS["supports"].arrowhead == "normal"
    # A weighted relation is drawn thinner; its note and weight are in the tooltip.
    assert "penwidth=1.24" in edges[("reinforcements", "rebels-march")]
    assert "weight 0.4" in edges[("reinforcements", "rebels-march")]
    assert "Another explanation of the flight." in edges[("ordered-out", "flight-shows-motive")]


def test_forecasts_show_probability_and_outcome(rich: MapDocument) -> None:
    nodes = node_attrs(dot_of(rich))
    assert "p≈0.68 (likely)" in nodes["rebels-march"] and "✓ happened" in nodes["rebels-march"]
    assert "p=0.70 (likely)" in nodes["capital-holds"] and "◐ partly" in nodes["capital-holds"]
    assert "p≈0.50 (roughly even chance)" in nodes["reinforcements"]
    assert "happened" not in nodes["reinforcements"]


def test_tooltips_hold_id_quotes_and_note(rich: MapDocument) -> None:
    nodes = node_attrs(dot_of(rich))
    tooltip = re.search(r'tooltip="([^"]*)"', nodes["nothing-to-defend"])
    assert tooltip is not None
    assert tooltip.group(1).startswith("nothing-to-defend (claim)\\n")
    assert "note: The author" in tooltip.group(1)
    assert "“The garrison abandoned the fortress at dawn” (Fort Amber falls)" in nodes["garrison-fled"]
    assert "warrant: Soldiers who flee" in nodes["flight-shows-motive"]


def test_labels_are_wrapped(rich: MapDocument) -> None:
    nodes = node_attrs(dot_of(rich))
    label = re.search(r"label=<(.*)> tooltip", nodes["flight-shows-motive"])
    assert label is not None
    lines = [re.sub(r"<[^>]+>", "", part) for part in label.group(1).split("<BR/>")]
    assert len(lines) >= 3 and max(len(line) for line in lines) <= 30
    narrow = node_attrs(dot_of(rich, wrap="12"))["nothing-to-defend"]
    assert narrow.count("<BR/>") > nodes["nothing-to-defend"].count("<BR/>")


def test_same_map_same_dot(rich: MapDocument, tmp_path: Path) -> None:
    first = export_dot(rich, {"cluster": "theme"})
    again = export_dot(load_rich_map(tmp_path / "again"), {"cluster": "theme"})
    assert first == again


def test_legend_on_and_off(rich: MapDocument) -> None:
    with_legend = dot_of(rich)
    assert "subgraph cluster_legend" in with_legend
    for kind in NODE_LOOKS:
        assert f'"_legend_{kind}"' in with_legend
    assert rich.map is not None
    for relation_type in EDGE_LOOKS:
        drawn = f'"_legend_{relation_type}_from" -> "_legend_{relation_type}_to"' in with_legend
        assert drawn == any(rel.type == relation_type for rel in rich.map.relations), relation_type
    assert "resolved forecasts" in with_legend
    assert "_legend_" not in dot_of(rich, legend=False)
    assert "_legend_" not in dot_of(rich, legend="no")


def test_left_right_legend_is_one_table(rich: MapDocument) -> None:
    dot = dot_of(rich, direction="LR", color_by="acceptance")
    legend = [line for line in dot.splitlines() if "_legend_" in line]
    assert len(legend) == 1 and legend[0].lstrip().startswith('"_legend_table" [shape=plaintext')
    for text in ("note shape (folded corner)", "rounded box", "ellipse headed by its scheme", "hexagon",
                 "supports", "attacks", "undercuts", "condition (“if”)", "✓</FONT> happened", "in: accepted"):
        assert text in legend[0], text
    assert "_legend_" not in dot_of(rich, direction="RL", legend=False)


def test_legend_shows_only_what_the_view_holds(rich: MapDocument) -> None:
    dot = dot_of(rich, kind=["evidence"])
    assert '"_legend_evidence"' in dot and '"_legend_claim"' not in dot
    assert "_legend_supports_from" not in dot  # no relation between two evidence nodes


@pytest.mark.parametrize("direction", ["TB", "BT", "LR", "RL"])
def test_direction(rich: MapDocument, direction: str) -> None:
    assert f"rankdir={direction}" in dot_of(rich, direction=direction.lower())


def test_default_direction_puts_conclusions_on_top(rich: MapDocument) -> None:
    assert "rankdir=BT" in dot_of(rich)


def test_clusters_by_theme(rich: MapDocument) -> None:
    assert "subgraph \"cluster_0\"" not in dot_of(rich)
    dot = dot_of(rich, cluster="theme")
    blocks = re.findall(r'subgraph "cluster_\d+" \{\n(.*?)\n\t\}', dot, re.S)
    assert len(blocks) == 2
    assert "<B>Security</B>" in blocks[0] and '"garrison-fled"' in blocks[0] and '"town-resented"' not in blocks[0]
    assert "<B>Politics</B>" in blocks[1] and '"town-resented"' in blocks[1]
    # A node with no theme stays outside every cluster.
    assert not any('"reinforcements" [' in block for block in blocks) and '"reinforcements" [' in dot


def test_focus_and_filters_reach_the_dot(rich: MapDocument) -> None:
    dot = dot_of(rich, focus="nothing-to-defend", depth=1)
    assert set(node_attrs(dot)) == {"nothing-to-defend", "flight-shows-motive", "rebels-march"}
    assert "penwidth=3" in node_attrs(dot)["nothing-to-defend"]
    assert "neighbourhood of nothing-to-defend (depth 1)" in dot
    filtered = dot_of(rich, kind=["forecast"], theme="politics")
    assert set(node_attrs(filtered)) == {"capital-holds", "militias-mobilise"}
    assert set(edge_attrs(filtered)) == {("militias-mobilise", "capital-holds")}
    assert "kind: forecast · theme: politics" in filtered


def test_title_and_ids_options(rich: MapDocument) -> None:
    assert "The fall of Fort Amber</B>" in dot_of(rich)
    assert "The fall of Fort Amber</B>" not in dot_of(rich, title=False)
    with_ids = node_attrs(dot_of(rich, ids=True))
    assert '<FONT POINT-SIZE="8" COLOR="#57606a">garrison-fled</FONT>' in with_ids["garrison-fled"]


def test_links_only_when_asked_and_only_http(rich: MapDocument) -> None:
    assert "URL=" not in dot_of(rich)
    nodes = node_attrs(dot_of(rich, links=True))
    assert 'URL="https://example.org/chronicle"' in nodes["rebels-march"]  # the resolution's record first
    assert 'URL="https://example.org/gazette"' in nodes["garrison-fled"]  # else the quoted source
    assert "URL=" not in nodes["nothing-to-defend"]  # no quote, no link


def test_style_overrides_replace_fill_border_and_add_a_badge(rich: MapDocument) -> None:
    assert rich.map is not None
    options = DiagramOptions()
    view = select_view(rich.map)
    overrides = {"garrison-fled": NodeStyle(fill="#123456", border="#654321", badge="in · 0.90")}
    nodes = node_attrs(build_dot(rich.map, view.nodes, view.relations, options, overrides))
    assert 'fillcolor="#123456"' in nodes["garrison-fled"] and 'color="#654321"' in nodes["garrison-fled"]
    assert "in · 0.90" in nodes["garrison-fled"]
    assert f'fillcolor="{NODE_LOOKS["evidence"].fill}"' in nodes["town-resented"]
    with pytest.raises(ValueError, match="#rrggbb"):
        NodeStyle(fill='red" onload="x')


def test_colour_by_kind_is_the_default(rich: MapDocument) -> None:
    assert dot_of(rich) == dot_of(rich, color_by="kind")


def test_colour_by_acceptance(rich: MapDocument) -> None:
    nodes = node_attrs(dot_of(rich, color_by="acceptance"))
    # The undercut (unattacked) knocks out the inference: ordered-out is in, the inference out.
    assert f'fillcolor="{palette.ACCEPTANCE_FILLS["in"]}"' in nodes["ordered-out"]
    assert f'fillcolor="{palette.ACCEPTANCE_FILLS["out"]}"' in nodes["flight-shows-motive"]
    assert "in · strength" in nodes["ordered-out"] and "out · strength" in nodes["flight-shows-motive"]
    assert "Acceptance (grounded)" in dot_of(rich, color_by="acceptance")


def test_colour_by_scenario(rich: MapDocument) -> None:
    dot = dot_of(rich, color_by="scenario:officers-believed")
    assert "Scenario: The officers are believed" in dot
    assert "assumed true" in node_attrs(dot)["ordered-out"]
    with pytest.raises(ArgmapError, match=r"no scenario 'officers'.*did you mean 'officers-believed'"):
        dot_of(rich, color_by="scenario:officers")
    with pytest.raises(ArgmapError, match="kind, acceptance or scenario:NAME"):
        dot_of(rich, color_by="mood")


def test_options_are_checked() -> None:
    assert parse_options(None) == DiagramOptions()
    opts = parse_options({"kind": "claim, forecast", "legend": "off", "depth": "3", "direction": "lr",
                          "cluster": "THEME", "engine": None, "colour-by": "acceptance", "wrap": 40})
    assert opts.kind == ("claim", "forecast") and opts.legend is False and opts.depth == 3
    assert opts.direction == "LR" and opts.cluster == "theme" and opts.color_by == "acceptance" and opts.wrap == 40
    for bad, message in [({"legnd": "no"}, "unknown diagram option 'legnd'; did you mean 'legend'"),
                         ({"direction": "up"}, "direction must be one of TB, BT, LR, RL"),
                         ({"cluster": "country"}, "cluster must be one of none, theme, actor, tag"),
                         ({"depth": "two"}, "depth takes a whole number"),
                         ({"depth": -1}, "between 0 and 1000"),
                         ({"legend": "maybe"}, "legend takes yes or no")]:
        with pytest.raises(ArgmapError, match=re.escape(message)):
            parse_options(bad)


def test_example_map(tmp_path: Path) -> None:
    doc = load(EXAMPLE)
    dot, options = diagram_dot(doc, {})
    assert options == DiagramOptions(direction="BT")  # chosen for this deep, narrow map
    assert set(node_attrs(dot)) == {"army-abandoned-posts", "residents-hostile", "flight-reveals-motive",
                                    "mosul-not-worth-dying-for"}


def test_a_broken_map_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("title: t\nnodes:\n  - {id: a, kind: claim}\n", encoding="utf-8")
    with pytest.raises(ArgmapError, match="cannot export"):
        export_dot(load(path), {})
