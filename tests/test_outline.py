"""The outline: roots, placed rows and references, cut cycles, filters with context, groupings."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from argmap.analysis.outline import GROUPINGS, NO_VALUE, Outline, Row, ViewFilter, facet_values
from argmap.model import ArgMap


def amap(nodes: list[tuple[str, str]], relations: list[tuple[str, str, str]], **extra: Any) -> ArgMap:
    return ArgMap.model_validate({
        "title": "t",
        "nodes": [{"id": nid, "kind": kind, "text": f"text of {nid}", **extra.get(nid, {})} for nid, kind in nodes],
        "relations": [{"source": s, "target": t, "type": ty} for s, t, ty in relations],
        "actors": {"army": "Army", "police": "Police"},
        "themes": {"security": "Security"},
    })


def expand(outline: Outline, rows: list[Row] | None = None, depth: int = 0) -> list[str]:
    """Every row, indented, with its mark: `  +b`, `  +↪c`."""
    lines = []
    for row in outline.roots() if rows is None else rows:
        lines.append("  " * depth + row.icon + (row.node or f"[{row.label} {row.count}]"))
        lines += expand(outline, outline.children(row), depth + 1)
    return lines


ARGUMENT = amap(
    [("c", "claim"), ("i", "inference"), ("e1", "evidence"), ("e2", "evidence"), ("x", "evidence"),
     ("f", "forecast"), ("u", "evidence")],
    [("i", "c", "supports"), ("e1", "i", "supports"), ("e2", "i", "supports"), ("x", "c", "attacks"),
     ("u", "i", "undercuts"), ("c", "f", "condition"), ("e1", "x", "supports")])


def test_roots_are_what_bears_on_nothing_and_reasons_sit_below() -> None:
    assert expand(Outline(ARGUMENT)) == [
        "f", "  ⇢c", "    +i", "      +e1", "      +e2", "      ⊘u", "    −x", "      +↪e1"]


def test_a_node_with_two_parents_is_placed_once_at_its_shallowest() -> None:
    outline = Outline(ARGUMENT)
    rows = {row.key: row for row in outline.children(outline.children(outline.roots()[0])[0])}
    x_children = outline.children(rows["x"])
    assert [(r.node, r.reference, r.has_children) for r in x_children] == [("e1", True, False)]
    assert outline.children(x_children[0]) == []
    assert [r.node for r in outline.path_to("e1")] == ["f", "c", "i", "e1"]
    assert outline.placed_parent("e1") == "i"


def test_cycles_are_cut_and_unreached_cycles_become_roots() -> None:
    cyclic = amap([("a", "claim"), ("b", "claim"), ("c", "claim"), ("d", "claim")],
                  [("a", "b", "supports"), ("b", "a", "supports"), ("c", "d", "supports"), ("d", "c", "supports"),
                   ("a", "c", "supports")])
    # No node bears on nothing. c and d lead only to each other (the top of the argument); a and b lead into c.
    assert expand(Outline(cyclic)) == ["c", "  +d", "    +↪c", "  +a", "    +b", "      +↪a"]


def test_path_to_every_node_ends_at_its_placed_row() -> None:
    outline = Outline(ARGUMENT)
    for node in ARGUMENT.by_id:
        path = outline.path_to(node)
        assert path[-1].node == node and not path[-1].reference
        assert path[0] in outline.roots()
        for parent, child in pairwise(path):
            assert child in outline.children(parent)


def test_filter_keeps_matches_and_the_nodes_they_bear_on_as_context() -> None:
    mapped = amap([("c", "claim"), ("e", "evidence"), ("p", "evidence"), ("other", "claim")],
                  [("e", "c", "supports"), ("p", "c", "attacks")],
                  p={"actors": ["police"]})
    outline = Outline(mapped, view_filter=ViewFilter(actor=frozenset({"police"})))
    assert expand(outline) == ["c", "  −p"]
    root = outline.roots()[0]
    assert root.context and not outline.children(root)[0].context
    assert outline.path_to("e") == [] and outline.count == 2


def test_filter_facets_combine_any_within_all_across() -> None:
    mapped = amap([("a", "claim"), ("b", "evidence"), ("c", "evidence")], [],
                  a={"actors": ["army"]}, b={"actors": ["police"]}, c={"actors": ["army"], "themes": ["security"]})
    both = ViewFilter(actor=frozenset({"army", "police"}))
    assert {r.node for r in Outline(mapped, view_filter=both).roots()} == {"a", "b", "c"}
    narrowed = both.with_values("kind", ["evidence"]).toggled("theme", "security")
    assert [r.node for r in Outline(mapped, view_filter=narrowed).roots()] == ["c"]
    assert narrowed.describe() == "kind: evidence · actor: army, police · theme: security"
    assert narrowed.toggled("theme", "security").as_options()["theme"] == []
    assert not ViewFilter().active and ViewFilter().describe() == ""


def test_groupings_count_members_in_vocabulary_order() -> None:
    mapped = amap([("a", "claim"), ("b", "evidence"), ("c", "evidence")], [],
                  a={"actors": ["police", "army"]}, b={"actors": ["army"]})
    outline = Outline(mapped, "actor")
    assert expand(outline) == ["[Army 2]", "  a", "  b", "[Police 1]", "  a", f"[{NO_VALUE} 1]", "  c"]
    assert [r.key for r in outline.path_to("c")] == [f"actor:{NO_VALUE}", f"actor:{NO_VALUE}/c"]
    kinds = Outline(mapped, "kind", ViewFilter(kind=frozenset({"evidence"})))
    assert expand(kinds) == ["[evidence 2]", "  b", "  c"]
    assert kinds.path_to("a") == []


def test_every_grouping_and_an_unknown_one() -> None:
    for grouping in GROUPINGS:
        Outline(ARGUMENT, grouping).roots()
    with pytest.raises(ValueError, match="unknown grouping"):
        Outline(ARGUMENT, "colour")


def test_facet_values_list_vocabularies_and_undeclared_values_with_counts() -> None:
    mapped = amap([("a", "claim"), ("b", "claim")], [], a={"actors": ["army", "militia"]})
    values = facet_values(mapped)
    assert ("kind", "claim", "claim", 2) in values
    assert ("actor", "police", "Police", 0) in values
    assert ("actor", "militia", "militia", 1) in values


def test_ten_thousand_nodes_in_a_chain_do_not_recurse() -> None:
    n = 10_000
    chain = amap([(f"n{i}", "claim") for i in range(n)], [(f"n{i + 1}", f"n{i}", "supports") for i in range(n - 1)])
    outline = Outline(chain)
    assert len(outline.path_to(f"n{n - 1}")) == n


def test_a_ten_thousand_node_cycle_gets_one_root() -> None:
    n = 10_000
    ring = amap([(f"n{i}", "claim") for i in range(n)], [(f"n{i}", f"n{(i + 1) % n}", "supports") for i in range(n)])
    outline = Outline(ring)
    assert [row.node for row in outline.roots()] == ["n0"]
    assert outline.path_to("n1")[-1].node == "n1" and len(outline.path_to("n1")) == n
