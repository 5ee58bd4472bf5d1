"""The default semantics: labels in which support counts, quadratic-energy strengths (hand-computed numbers and the
Baroni-Rago-Toni principles, checked with hypothesis on random bipolar frameworks), presuppositions, and
probabilities kept apart from strengths (conditions, bounds, scenario overrides)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.semantics import IN, OUT, UNDEC, UNSUPPORTED, energy_influence, evaluate, reevaluate
from argmap.model import ArgMap, Claim, Evidence, Forecast, Inference, Relation, Scenario
from test_semantics import claims


def h(x: float) -> float:
    return x * x / (1 + x * x)


# -- quadratic energy by hand --------------------------------------------------------------------------------------

def test_one_supporter_and_one_attacker_by_hand() -> None:
    supported = evaluate(claims("ec", [("e", "supports", "c")], e="evidence")).strength
    assert supported["c"] == pytest.approx(0.5 + 0.5 * h(0.8))
    attacked = evaluate(claims("ec", [("e", "attacks", "c")], e="evidence")).strength
    assert attacked["c"] == pytest.approx(0.5 - 0.5 * h(0.8))
    assert energy_influence(0.3, 0.0) == 0.3


def test_many_reasons_do_not_saturate_where_dfquad_does() -> None:
    names = [f"e{i}" for i in range(10)]
    amap = claims([*names, "c"], [(n, "supports", "c") for n in names], **dict.fromkeys(names, "evidence"))
    assert evaluate(amap).strength["c"] == pytest.approx(0.5 + 0.5 * h(8.0)) and evaluate(amap).strength["c"] < 0.997
    assert evaluate(amap, semantics="dfquad").strength["c"] > 0.999999


def test_unknown_semantics_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown semantics"):
        evaluate(claims("a", []), semantics="magic")


# -- support counts ------------------------------------------------------------------------------------------------

def test_a_claim_whose_every_reason_is_rejected_is_unsupported() -> None:
    amap = claims(["e", "f", "c"], [("e", "supports", "c"), ("f", "supports", "c")], e="evidence", f="evidence")
    assert evaluate(amap).labels["c"] == IN
    one = evaluate(amap, assume={"e": False})
    assert one.labels["c"] == IN                                  # one reason still stands
    both = evaluate(amap, assume={"e": False, "f": False})
    assert both.labels["c"] == UNSUPPORTED and both.strength["c"] <= both.base["c"]


def test_unsupported_propagates_down_a_chain_and_does_not_defeat() -> None:
    amap = claims(["a", "b", "c", "x"], [("a", "supports", "b"), ("b", "supports", "c"), ("b", "attacks", "x")])
    result = evaluate(amap, assume={"a": False})
    assert result.labels == {"a": OUT, "b": UNSUPPORTED, "c": UNSUPPORTED, "x": IN}


def test_evidence_and_claims_held_true_stand_without_reasons() -> None:
    amap = claims(["e", "c", "d"], [("e", "supports", "c"), ("d", "supports", "e")], e="evidence")
    assert evaluate(amap, assume={"d": False}).labels["e"] == IN            # evidence is taken as given
    held = evaluate(amap, assume={"e": False, "c": True})
    assert held.labels["c"] == IN and held.strength["c"] == 1


def test_an_undecided_reason_leaves_the_claim_undecided() -> None:
    amap = claims(["a", "b", "c"], [("a", "supports", "c"), ("a", "attacks", "b"), ("b", "attacks", "a")])
    assert evaluate(amap).labels == {"a": UNDEC, "b": UNDEC, "c": UNDEC}


def test_out_beats_unsupported_when_both_apply() -> None:
    amap = claims(["r", "a", "c"], [("r", "supports", "c"), ("a", "attacks", "c")], a="evidence")
    assert evaluate(amap, assume={"r": False}).labels["c"] == OUT


def test_requires_is_a_presupposition() -> None:
    amap = claims(["event", "why", "thesis"], [("event", "requires", "thesis"), ("why", "supports", "thesis")],
                  event="evidence", why="evidence")
    base = evaluate(amap)
    assert base.labels["thesis"] == IN and base.strength["thesis"] <= base.strength["event"]
    rejected = evaluate(amap, assume={"event": False})
    assert rejected.labels["thesis"] == OUT and rejected.strength["thesis"] == 0


# -- principles, on random acyclic bipolar frameworks ------------------------------------------------------------

@st.composite
def frameworks(draw: st.DrawFn) -> ArgMap:
    n = draw(st.integers(1, 9))
    nodes = []
    for i in range(n):
        base = draw(st.floats(0, 1))
        nodes.append(Evidence(id=f"n{i}", text="x", credibility=base) if draw(st.booleans())
                     else Claim(id=f"n{i}", text="x", credibility=base))
    relations = []
    for i in range(n):
        for j in range(i):          # edges point to earlier nodes: acyclic
            kind = draw(st.sampled_from(["none", "none", "supports", "attacks"]))
            if kind != "none":
                relations.append(Relation(source=f"n{i}", target=f"n{j}", type=kind,  # type: ignore[arg-type]
                                          weight=draw(st.one_of(st.none(), st.floats(0, 1)))))
    return ArgMap(title="t", nodes=nodes, relations=relations)


def energy(amap: ArgMap, strength: dict[str, float], node_id: str) -> float:
    total = 0.0
    for rel in amap.relations:
        if rel.target == node_id:
            sign = 1 if rel.type == "supports" else -1
            total += sign * strength[rel.source] * (1.0 if rel.weight is None else rel.weight)
    return total


@settings(max_examples=150, deadline=None)
@given(frameworks())
def test_boundedness_and_balance(amap: ArgMap) -> None:
    result = evaluate(amap)
    for node_id, value in result.strength.items():
        assert 0 <= value <= 1
        e, base = energy(amap, result.strength, node_id), result.base[node_id]
        if e == 0:
            assert value == pytest.approx(base)
        elif e > 0:
            assert value >= base - 1e-12
        else:
            assert value <= base + 1e-12


@settings(max_examples=150, deadline=None)
@given(frameworks(), st.integers(0, 8), st.floats(0, 1), st.sampled_from(["supports", "attacks"]))
def test_monotonicity_and_directionality(amap: ArgMap, index: int, credibility: float, kind: str) -> None:
    target = amap.nodes[index % len(amap.nodes)].id
    before = evaluate(amap)
    extra = amap.model_copy(update={
        "nodes": [*amap.nodes, Evidence(id="new", text="x", credibility=credibility)],
        "relations": [*amap.relations, Relation(source="new", target=target, type=kind)]})  # type: ignore[arg-type]
    after = evaluate(extra)
    if kind == "supports":
        assert after.strength[target] >= before.strength[target] - 1e-12
    else:
        assert after.strength[target] <= before.strength[target] + 1e-12
    reached = after.framework.downstream([target])
    for node_id in before.strength:
        if node_id not in reached:
            assert after.strength[node_id] == before.strength[node_id]
            assert after.labels[node_id] == before.labels[node_id]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 60), st.floats(0, 0.99), st.floats(0, 0.99))
def test_no_saturation(n: int, s: float, w: float) -> None:
    names = [f"e{i}" for i in range(n)]
    nodes = [Evidence(id=name, text="x", credibility=s) for name in names]
    amap = ArgMap(title="t", nodes=[*nodes, Claim(id="c", text="c", credibility=w)],
                  relations=[Relation(source=name, target="c", type="supports") for name in names])
    assert evaluate(amap).strength["c"] < 1


# -- probabilities apart from strengths ----------------------------------------------------------------------------

def conditional(**forecast: float) -> ArgMap:
    return ArgMap(title="t", nodes=[Claim(id="c", text="c", probability=0.5),
                                    Forecast(id="f", text="f", **forecast),  # type: ignore[arg-type]
                                    Evidence(id="why", text="why")],
                  relations=[Relation(source="c", target="f", type="condition"),
                             Relation(source="why", target="f", type="supports")])


def test_a_forecast_s_probability_is_its_author_s_whatever_supports_it() -> None:
    amap = claims(["e", "f"], [("e", "supports", "f")], e="evidence", f="forecast")
    amap.nodes[1] = Forecast(id="f", text="f", words="may")
    amap.invalidate()
    result = evaluate(amap)
    p = result.probability_of("f")
    assert p is not None and p.value == 0.5 and p.origin == "possibility" and result.strength["f"] > 0.5
    assert evaluate(amap, possibility=0.3).probability_of("f").value == 0.3  # type: ignore[union-attr]
    assert result.probability_of("e") is None


def test_total_probability_and_bounds() -> None:
    total = evaluate(conditional(probability=0.8, probability_if_not=0.2)).probability_of("f")
    assert total is not None and total.value == pytest.approx(0.5) and total.origin == "total probability"
    assert total.given == 0.8
    bounds = evaluate(conditional(probability=0.8)).probability_of("f")
    assert bounds is not None and bounds.value is None and (bounds.low, bounds.high) == pytest.approx((0.4, 0.9))
    held = evaluate(conditional(probability=0.8), assume={"c": True}).probability_of("f")
    assert held is not None and held.value == 0.8 and held.origin == "given condition"
    failed = evaluate(conditional(probability=0.8, probability_if_not=0.2), assume={"c": False}).probability_of("f")
    assert failed is not None and failed.value == pytest.approx(0.2)


def test_conditions_chain_and_conjoin() -> None:
    amap = ArgMap(title="t", nodes=[Claim(id="a", text="a", probability=0.5), Claim(id="b", text="b", probability=0.4),
                                    Forecast(id="f", text="f", probability=0.8, probability_if_not=0.0),
                                    Forecast(id="g", text="g", probability=0.5, probability_if_not=0.0)],
                  relations=[Relation(source="a", target="f", type="condition"),
                             Relation(source="b", target="f", type="condition"),
                             Relation(source="f", target="g", type="condition")])
    result = evaluate(amap)
    assert result.probability_of("f").value == pytest.approx(0.8 * 0.2)  # type: ignore[union-attr]
    assert result.probability_of("g").value == pytest.approx(0.5 * 0.16)  # type: ignore[union-attr]


def test_scenario_override_is_honoured_exactly() -> None:
    amap = conditional(probability=0.8)
    result = evaluate(amap, Scenario(id="s", title="S", probabilities={"f": 0.4}))
    assert result.probability_of("f") is not None and result.probability_of("f").value == 0.4  # type: ignore[union-attr]


def test_reevaluate_matches_evaluate_with_presuppositions_and_probabilities() -> None:
    rng = random.Random(3)
    for _ in range(150):
        n = rng.randint(2, 12)
        names = [f"n{i}" for i in range(n)]
        kinds = {name: rng.choice(["claim", "evidence", "inference", "forecast"]) for name in names}
        types = ["attacks", "supports", "supports", "requires", "condition"]
        edges = [(s, rng.choice(types), t) for s in names for t in names if s != t and rng.random() < 0.15]
        amap = claims(names, edges, **kinds)
        amap.nodes = [Forecast(id=n.id, text="x", probability=rng.random()) if n.kind == "forecast" else
                      Inference(id=n.id, text="x") if n.kind == "inference" else n for n in amap.nodes]
        amap.invalidate()
        first = evaluate(amap, assume={rng.choice(names): rng.random() < 0.5})
        extra = {rng.choice(names): rng.random() < 0.5}
        fast, full = reevaluate(first, extra), evaluate(amap, assume={**first.assumed, **extra})
        assert fast.labels == full.labels, edges
        assert fast.strength == pytest.approx(full.strength, abs=1e-9), edges
        assert fast.probability == full.probability, edges
