"""History of visited nodes, and which node a finding points to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from argmap.analysis.check import check
from argmap.analysis.navigation import History, node_of
from argmap.io import load


def test_history_goes_back_and_forward_and_forgets_forward_on_a_new_step() -> None:
    history = History()
    assert history.back() is None and history.forward() is None
    for node in ("a", "b", "c"):
        history.visit(node)
    history.visit("c")  # the same node is not a step
    assert (history.back(), history.back(), history.back()) == ("b", "a", None)
    assert history.current == "a" and history.can_forward and not history.can_back
    assert history.forward() == "b"
    history.visit("d")
    assert history.forward() is None and history.back() == "b"


def test_replace_moves_without_a_step() -> None:
    history = History()
    history.replace("a")
    history.visit("b")
    history.replace("c")
    assert history.back() == "a" and history.forward() == "c"
    history.replace("a")  # back onto the previous entry: no duplicate
    assert history.current == "a" and history.back() is None


def test_history_is_bounded_and_forgets_removed_nodes() -> None:
    history = History(limit=3)
    for i in range(10):
        history.visit(str(i))
    assert [history.back() for _ in range(4)] == ["8", "7", "6", None]
    history.forget({"7", "9"})  # the current node (6) is gone
    assert history.current is None and not history.can_back
    assert history.forward() == "7" and history.forward() == "9"


def test_node_of_a_finding(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - {id: a, kind: claim, text: A}
          - {id: b, kind: rumour, text: B}
          - {id: c, kind: claim, text: C, tags: [nope]}
        relations:
          - {source: a, target: yy, type: supports}
          - {source: zz, target: c, type: supports}
        """)
    doc = load(path)
    found = {d.rule: node_of(doc, d) for d in check(doc)}
    assert found["undeclared-tag"] == "c"
    assert found["schema"] is None  # 'b' is not a valid node
    by_message = {d.message: node_of(doc, d) for d in check(doc) if d.rule == "unknown-node"}
    assert sorted(v for v in by_message.values() if v) == ["a", "c"]
