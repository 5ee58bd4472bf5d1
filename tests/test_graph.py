"""Graph helpers: the quick search for circles agrees with Tarjan's components on any graph."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.graph import cycles, strongly_connected

NAMES = st.sampled_from([f"n{i}" for i in range(12)])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(NAMES, st.lists(NAMES, max_size=4), max_size=12))
def test_cycles_are_the_components_of_more_than_one_node(successors: dict[str, list[str]]) -> None:
    successors = {node: [t for t in targets if t != node] for node, targets in successors.items()}
    nodes = list(dict.fromkeys([*successors, *(t for targets in successors.values() for t in targets)]))
    expected = {frozenset(c) for c in strongly_connected(nodes, successors) if len(c) > 1}
    assert {frozenset(c) for c in cycles(successors)} == expected


def test_a_circle_downstream_of_a_long_chain_is_found_and_its_descendants_are_not_in_it() -> None:
    chain = {f"c{i}": [f"c{i + 1}"] for i in range(5000)}
    successors = {**chain, "c5000": ["x"], "x": ["y"], "y": ["x", "after"], "after": ["end"]}
    assert [sorted(c) for c in cycles(successors)] == [["x", "y"]]
