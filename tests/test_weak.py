"""Weak points: each rule fires where it should and not elsewhere; `argmap weak` and `argmap check --strict`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis.weak import WEAK_RULES, weak_diagnostics, weak_points
from argmap.cli import main
from argmap.io import load
from support import REPO

WEAK = """\
nodes:
  - {id: left, kind: evidence, text: The army left., quotes: [The army left the city.]}
  - {id: hostile, kind: evidence, text: Residents were hostile., quotes: [Residents were hostile to the army.]}
  - {id: bare, kind: evidence, text: A report without a quote.}
  - {id: flight-means, kind: inference, text: Flight shows lack of will.}
  - {id: two-reasons, kind: inference, text: Two reasons., warrant: Hostility and flight go together.}
  - {id: one-leg, kind: claim, text: Resting on one report.}
  - {id: two-legs, kind: claim, text: Resting on two reports.}
  - {id: hearsay, kind: claim, text: Supported by an unsupported claim.}
  - {id: assertion, kind: claim, text: Nobody supports this.}
  - {id: rebutted, kind: claim, text: Rebutted by a standing claim.}
  - {id: violence, kind: forecast, text: More violence., words: likely, signposts: [Attacks rise]}
  - {id: no-signs, kind: forecast, text: No signposts., words: may}
relations:
  - {source: left, target: flight-means, type: supports}
  - {source: flight-means, target: one-leg, type: supports}
  - {source: left, target: two-reasons, type: supports}
  - {source: hostile, target: two-reasons, type: supports}
  - {source: two-reasons, target: two-legs, type: supports}
  - {source: assertion, target: hearsay, type: supports}
  - {source: assertion, target: rebutted, type: attacks}
  - {source: bare, target: rebutted, type: supports}
  - {source: two-legs, target: violence, type: supports}
  - {source: one-leg, target: no-signs, type: supports}
"""


@pytest.fixture
def weak_map(write_map: Callable[..., Path]) -> Path:
    return write_map(WEAK)


def found(path: Path) -> set[tuple[str, str]]:
    doc = load(path)
    assert doc.map is not None
    return {(p.rule, p.node) for p in weak_points(doc.map)}


def test_each_rule_fires_on_the_right_nodes(weak_map: Path) -> None:
    assert found(weak_map) == {
        ("weak-no-quote", "bare"),
        ("weak-no-warrant", "flight-means"),
        ("weak-single-evidence", "one-leg"),
        ("weak-no-evidence", "hearsay"),
        ("weak-unsupported", "assertion"),
        ("weak-single-evidence", "rebutted"),
        ("weak-contested", "rebutted"),
        ("weak-no-signpost", "no-signs"),
        ("weak-single-evidence", "no-signs"),       # through one-leg, flight-means, to 'left'
    }


def test_every_rule_is_exercised_and_described(weak_map: Path) -> None:
    assert {rule for rule, _ in found(weak_map)} == set(WEAK_RULES)


def test_example_map_has_no_weak_points() -> None:
    assert found(REPO / "maps" / "example.yaml") == set()


def test_messages_name_the_evidence_and_the_attacker(weak_map: Path) -> None:
    doc = load(weak_map)
    assert doc.map is not None
    messages = {(p.rule, p.node): p.message for p in weak_points(doc.map)}
    assert "'left'" in messages[("weak-single-evidence", "one-leg")]
    assert "out (attacked by 'assertion')" in messages[("weak-contested", "rebutted")]


def test_diagnostics_are_positioned_at_the_node(weak_map: Path) -> None:
    doc = load(weak_map)
    diags = {(d.rule, d.node): d for d in weak_diagnostics(doc)}
    bare = diags[("weak-no-quote", "bare")]
    assert bare.severity == "warning" and bare.loc == ("nodes", 2, "id")
    assert (bare.line, bare.column) == (9, 10)   # after 5 header lines and `nodes:`, the third node


def test_weak_command(weak_map: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["weak", str(weak_map)]) == 0
    out, err = capsys.readouterr()
    assert ":9:10: warning: node 'bare': evidence without a quote" in out and "[weak-no-quote]" in out
    assert "9 weak points" in err
    assert main(["weak", str(weak_map), "--rule", "weak-no-warrant", "--format", "json"]) == 0
    [only] = json.loads(capsys.readouterr().out)
    assert only["node"] == "flight-means" and only["rule"] == "weak-no-warrant"
    assert main(["weak", "--rules"]) == 0
    assert "weak-single-evidence" in capsys.readouterr().out
    assert main(["weak"]) == 2


def test_check_strict_adds_weak_points_as_warnings(weak_map: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(weak_map)]) == 0
    plain = capsys.readouterr().out
    assert "weak-" not in plain
    assert main(["check", "--strict", str(weak_map)]) == 0     # warnings do not fail the check
    strict = capsys.readouterr().out.splitlines()
    assert any(line.endswith("[weak-no-warrant]") and ": warning: " in line for line in strict)
    lines = [int(line.split(":")[1]) for line in strict]
    assert lines == sorted(lines)
    assert main(["check", "--rules"]) == 0
    assert "weak-no-signpost" in capsys.readouterr().out
