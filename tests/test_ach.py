"""ACH: Heuer's weighted inconsistency scores, diagnosticity and sensitivity, checked by hand on a textbook matrix.

The matrix is modelled on Heuer's worked example (Psychology of Intelligence Analysis, 1999, ch. 8): will Iraq
retaliate for the US bombing of its intelligence headquarters? H1 no retaliation, H2 minor terrorist actions, H3 a
major terrorist attack. Credibility and relevance are set here to exercise the weights (high √2, medium 1, low 1/√2).

| item | cred | rel | weight | H1 | H2 | H3 |
| --- | --- | --- | --- | --- | --- | --- |
| E1 Saddam's public statement that he will not retaliate | low | medium | 1/√2 | C | C | C |
| E2 no terrorist offensive during the 1991 Gulf War | high | medium | √2 | C | C | I |
| E3 Iraq would not want to provoke another US attack | medium | medium | 1 | C | C | I |
| E4 more and longer radio broadcasts to Iraqi agents | medium | medium | 1 | I | C | C |
| E5 Iraqi embassies told to raise security | medium | high | √2 | I | C | C |
| E6 not retaliating would cost Saddam face | medium | medium | 1 | II | C | C |

By hand: unweighted inconsistency H1 = 1 + 1 + 2 = 4, H2 = 0, H3 = 1 + 1 = 2. Weighted H1 = 1 + √2 + 2 = 4.414,
H2 = 0, H3 = √2 + 1 = 2.414: H2 < H3 < H1, as Heuer concludes. Diagnosticity (spread on CC 2 .. II -2, times the
weight): E1 0 (consistent with all three: no diagnostic value), E2 2√2 = 2.828, E3 2, E4 2, E5 2√2, E6 3. Without E6,
H1 falls to 2.414 and ties H3: only E6 changes the order; no single item removes H2's lead.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis.ach import analyse
from argmap.cli import main
from argmap.io import load

HEUER = """\
nodes:
  - {id: no-retaliation, kind: forecast, text: Iraq will not retaliate., words: may}
  - {id: minor-actions, kind: forecast, text: Iraq will sponsor minor terrorist actions., words: may}
  - {id: major-attack, kind: forecast, text: Iraq plans a major terrorist attack., words: may}
hypotheses:
  - id: retaliation
    title: Will Iraq retaliate?
    hypotheses: [no-retaliation, minor-actions, major-attack]
    evidence:
      - {item: e1, text: Saddam's public statement, credibility: low,
         ratings: {no-retaliation: C, minor-actions: C, major-attack: C}}
      - {item: e2, text: No terrorist offensive in the Gulf War, credibility: high,
         ratings: {no-retaliation: C, minor-actions: C, major-attack: I}}
      - {item: e3, text: Iraq would not provoke another attack,
         ratings: {no-retaliation: C, minor-actions: C, major-attack: I}}
      - {item: e4, text: More radio broadcasts to agents,
         ratings: {no-retaliation: I, minor-actions: C, major-attack: C}}
      - {item: e5, text: Embassies told to raise security, relevance: high,
         ratings: {no-retaliation: I, minor-actions: C, major-attack: C}}
      - {item: e6, text: Not retaliating would cost face,
         ratings: {no-retaliation: II, minor-actions: C, major-attack: C}}
"""


@pytest.fixture
def heuer(write_map: Callable[..., Path]) -> Path:
    return write_map(HEUER)


def test_weighted_inconsistency_by_hand(heuer: Path) -> None:
    doc = load(heuer)
    assert doc.map is not None
    result = analyse(doc.map, doc.map.hypotheses[0])
    scores = {h.id: (h.weighted, h.inconsistency, h.rank) for h in result.hypotheses}
    assert scores["no-retaliation"][1:] == (4, 3) and scores["no-retaliation"][0] == pytest.approx(3 + math.sqrt(2))
    assert scores["minor-actions"] == (0.0, 0, 1)
    assert scores["major-attack"][1:] == (2, 2) and scores["major-attack"][0] == pytest.approx(1 + math.sqrt(2))
    assert result.ranking == ["minor-actions", "major-attack", "no-retaliation"]


def test_diagnosticity_by_hand(heuer: Path) -> None:
    doc = load(heuer)
    assert doc.map is not None
    result = analyse(doc.map, doc.map.hypotheses[0])
    diag = {r.item: r.diagnosticity for r in result.items}
    assert diag == pytest.approx({"e1": 0, "e2": 2 * math.sqrt(2), "e3": 2, "e4": 2, "e5": 2 * math.sqrt(2),
                                  "e6": 3})
    assert [r.item for r in result.sorted_items("diagnosticity")][:1] == ["e6"]
    assert [r.item for r in result.sorted_items("diagnosticity")][-1] == "e1"


def test_sensitivity_of_the_ranking(heuer: Path) -> None:
    doc = load(heuer)
    assert doc.map is not None
    result = analyse(doc.map, doc.map.hypotheses[0])
    assert [r.item for r in result.items if r.changes_ranking] == ["e6"]
    assert not any(r.changes_leader for r in result.items)


def test_cli_prints_matrix_and_json(heuer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ach", str(heuer), "--sort", "diagnosticity"]) == 0
    out = capsys.readouterr().out
    assert "Least inconsistent first: minor-actions (0.00) < major-attack (2.41) < no-retaliation (4.41)" in out
    assert out.index("e6+") < out.index("e1 ")
    assert main(["ach", str(heuer), "retaliation", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["leaders"] == ["minor-actions"] and data[0]["items"][5]["changes_ranking"] is True


def test_unknown_group_is_a_one_line_error(heuer: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ach", str(heuer), "retaliaton"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean 'retaliation'?" in err
