"""Acceptance semantics: grounded labels (textbook cases, cross-checked against python-argumentation) and DF-QuAD
strengths (hand-computed numbers), kept as an option; the default semantics is tested in test_gradual.py."""

from __future__ import annotations

import random

import pytest
from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import AbstractArgumentationFramework
from py_arg.abstract_argumentation_classes.argument import Argument
from py_arg.abstract_argumentation_classes.defeat import Defeat
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

from argmap.analysis.semantics import (
    IN,
    OUT,
    UNDEC,
    UNSUPPORTED,
    aggregate,
    build_framework,
    combine,
    evaluate,
    grounded_labels,
    reevaluate,
)
from argmap.model import ArgMap, Claim, Evidence, Forecast, Inference, Relation, Scenario


def claims(names: str | list[str], edges: list[tuple[str, str, str]], **kinds: str) -> ArgMap:
    """A map of claims (or the kinds named) and relations given as (source, type, target)."""
    classes = {"claim": Claim, "evidence": Evidence, "inference": Inference, "forecast": Forecast}
    nodes = [classes[kinds.get(n, "claim")](id=n, text=n) for n in names]  # type: ignore[abstract]
    return ArgMap(title="t", nodes=nodes,
                  relations=[Relation(source=s, type=t, target=g) for s, t, g in edges])  # type: ignore[arg-type]


def attacks(names: str, pairs: str) -> ArgMap:
    """`attacks("abc", "ab bc")`: a attacks b, b attacks c."""
    return claims(list(names), [(p[0], "attacks", p[1]) for p in pairs.split()])


# -- grounded labels: textbook frameworks -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("names", "pairs", "expected"),
    [
        ("ab", "", {"a": IN, "b": IN}),                                      # unattacked arguments are in
        ("ab", "ab", {"a": IN, "b": OUT}),                                   # simple attack
        ("abc", "ab bc", {"a": IN, "b": OUT, "c": IN}),                      # reinstatement
        ("abc", "ab bc ca", {"a": UNDEC, "b": UNDEC, "c": UNDEC}),           # odd cycle
        ("ab", "ab ba", {"a": UNDEC, "b": UNDEC}),                           # even cycle, grounded: undecided
        ("abc", "aa ab", {"a": UNDEC, "b": UNDEC, "c": IN}),                 # self-attack
        ("abcd", "ab ba bc cd", {"a": UNDEC, "b": UNDEC, "c": UNDEC, "d": UNDEC}),
        ("abcd", "ab bc cd", {"a": IN, "b": OUT, "c": IN, "d": OUT}),        # chain
        ("abc", "ab ac bc", {"a": IN, "b": OUT, "c": OUT}),                  # attacked by an in and an out
    ],
)
def test_textbook_frameworks(names: str, pairs: str, expected: dict[str, str]) -> None:
    assert evaluate(attacks(names, pairs)).labels == expected


def py_arg_grounded(names: list[str], edges: list[tuple[str, str]]) -> set[str]:
    args = {n: Argument(n) for n in names}
    af = AbstractArgumentationFramework("af", list(args.values()), [Defeat(args[s], args[t]) for s, t in edges])
    return {a.name for a in get_grounded_extension(af)}


def random_attack_graph(rng: random.Random) -> tuple[list[str], list[tuple[str, str]]]:
    names = [f"n{i}" for i in range(rng.randint(1, 12))]
    density = rng.choice([0.05, 0.1, 0.2, 0.35])
    edges = [(s, t) for s in names for t in names if rng.random() < density]
    return names, edges


def test_grounded_extension_equals_python_argumentation_on_random_frameworks() -> None:
    rng = random.Random(20140611)
    for _ in range(200):
        names, edges = random_attack_graph(rng)
        labels = evaluate(claims(names, [(s, "attacks", t) for s, t in edges])).labels
        grounded = py_arg_grounded(names, edges)
        assert {n for n, lab in labels.items() if lab == IN} == grounded, (names, edges)
        # out is exactly "attacked by the grounded extension"
        attacked = {t for s, t in edges if s in grounded}
        assert {n for n, lab in labels.items() if lab == OUT} == attacked, (names, edges)


def test_premises_match_grounded_semantics_of_the_extended_attack_relation() -> None:
    """An inference needs its premises: labelling with requirement edges equals Dung's grounded semantics once
    every attack on a premise is also counted as an attack on the inferences resting on it (support by
    necessity), checked on random frameworks with inferences."""
    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(2, 12)
        names = [f"n{i}" for i in range(n)]
        kinds = {name: ("inference" if rng.random() < 0.3 else "claim") for name in names}
        edges: list[tuple[str, str, str]] = [(s, "attacks", t) for s in names for t in names if rng.random() < 0.12]
        premises: dict[str, list[str]] = {}
        for i, name in enumerate(names):
            if kinds[name] == "inference":
                pool = [m for m in names[i + 1:] if kinds[m] != "inference"]  # acyclic premises
                premises[name] = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
                edges.extend((p, "supports", name) for p in premises[name])
        labels = evaluate(claims(names, edges, **kinds)).labels
        direct = {name: {s for s, t, g in edges if t == "attacks" and g == name} for name in names}
        extended: dict[str, set[str]] = {}
        for name in reversed(names):  # premises come later in the list, so they are done first
            extended[name] = set(direct[name]).union(*(extended[p] for p in premises.get(name, [])))
        grounded = py_arg_grounded(names, [(s, t) for t in names for s in extended[t]])
        assert {x for x, lab in labels.items() if lab == IN} == grounded, (kinds, edges)


# -- grounded labels: inferences, conditions, scenarios -----------------------------------------------------------

ARGUMENT = [("e", "supports", "i"), ("i", "supports", "c")]


def test_inference_with_a_premise_out_is_out_and_counts_for_nothing() -> None:
    kinds = {"e": "evidence", "i": "inference", "c": "claim", "x": "evidence"}
    amap = claims(["e", "i", "c", "x"], [*ARGUMENT, ("x", "attacks", "e")], **kinds)
    assert evaluate(amap).labels == {"e": OUT, "i": OUT, "c": UNSUPPORTED, "x": IN}   # c's only reason failed


def test_con_argument_defeats_its_conclusion_until_undercut() -> None:
    kinds = {"e": "evidence", "i": "inference", "c": "claim", "u": "evidence"}
    edges = [("e", "supports", "i"), ("i", "attacks", "c")]
    assert evaluate(claims("eic", edges, **kinds)).labels == {"e": IN, "i": IN, "c": OUT}
    undercut = evaluate(claims("eicu", [*edges, ("u", "undercuts", "i")], **kinds)).labels
    assert undercut == {"e": IN, "i": OUT, "c": IN, "u": IN}


def test_inference_with_an_undecided_premise_is_undecided() -> None:
    kinds = {"e": "evidence", "i": "inference", "c": "claim", "x": "claim"}
    amap = claims(["e", "i", "c", "x"], [*ARGUMENT, ("x", "attacks", "e"), ("e", "attacks", "x")], **kinds)
    assert evaluate(amap).labels == {"e": UNDEC, "i": UNDEC, "c": UNDEC, "x": UNDEC}


def test_condition_out_makes_the_forecast_out() -> None:
    amap = claims(["c", "f"], [("c", "condition", "f")], f="forecast")
    assert evaluate(amap).labels == {"c": IN, "f": IN}
    held_false = Scenario(id="no", title="No", assume={"c": False})
    assert evaluate(amap, held_false).labels == {"c": OUT, "f": OUT}


def test_scenario_fixes_labels_and_the_rest_follows() -> None:
    amap = attacks("abc", "ab bc")
    assert evaluate(amap, Scenario(id="s", title="S", assume={"b": True})).labels == {"a": IN, "b": IN, "c": OUT}
    assert evaluate(amap, assume={"a": False}).labels == {"a": OUT, "b": IN, "c": OUT}
    cycle = attacks("ab", "ab ba")
    assert evaluate(cycle, assume={"a": True}).labels == {"a": IN, "b": OUT}


def test_unknown_nodes_in_relations_and_scenarios_are_ignored() -> None:
    amap = ArgMap(title="t", nodes=[Claim(id="a", text="a")],
                  relations=[Relation(source="ghost", target="a", type="attacks")])
    result = evaluate(amap, Scenario(id="s", title="S", assume={"nobody": False}, probabilities={"nobody": 0.1}))
    assert result.labels == {"a": IN} and result.assumed == {}


def test_long_chains_need_no_recursion() -> None:
    n = 20_000
    names = [f"n{i}" for i in range(n)]
    amap = claims(names, [(names[i], "attacks", names[i + 1]) for i in range(n - 1)])
    fw = build_framework(amap)
    labels = grounded_labels(fw)
    assert labels["n0"] == IN and labels["n1"] == OUT and labels[names[-1]] == (IN if n % 2 else OUT)
    assert evaluate(amap, framework=fw).converged


# -- DF-QuAD strengths ---------------------------------------------------------------------------------------------

def test_aggregation_and_combination_by_hand() -> None:
    assert aggregate([]) == 0
    assert aggregate([0.8, 0.5]) == pytest.approx(0.9)
    assert combine(0.5, 0.8, 0.0) == pytest.approx(0.1)
    assert combine(0.5, 0.0, 0.8) == pytest.approx(0.9)
    assert combine(0.6, 0.3, 0.3) == pytest.approx(0.6)
    assert combine(0.6, 0.5, 0.25) == pytest.approx(0.6 - 0.6 * 0.25)
    assert combine(0.6, 0.25, 0.5) == pytest.approx(0.6 + 0.4 * 0.25)


def test_single_attacker_and_single_supporter() -> None:
    attacked = evaluate(claims("ec", [("e", "attacks", "c")], e="evidence"), semantics="dfquad").strength
    assert attacked == pytest.approx({"e": 0.8, "c": 0.5 - 0.5 * 0.8})
    supported = evaluate(claims("ec", [("e", "supports", "c")], e="evidence"), semantics="dfquad").strength
    assert supported == pytest.approx({"e": 0.8, "c": 0.5 + 0.5 * 0.8})


def test_two_attackers_aggregate_and_chain_propagates() -> None:
    amap = claims("xyzc", [("x", "attacks", "c"), ("y", "attacks", "c"), ("z", "attacks", "x")], x="evidence")
    s = evaluate(amap, semantics="dfquad").strength
    assert s["x"] == pytest.approx(0.8 - 0.8 * 0.5)          # x attacked by z (0.5)
    assert s["c"] == pytest.approx(0.5 * (1 - (1 - (1 - 0.4) * (1 - 0.5))))


def test_balance_equal_attack_and_support_leave_the_base_score() -> None:
    amap = claims("asc", [("a", "attacks", "c"), ("s", "supports", "c")], a="evidence", s="evidence")
    assert evaluate(amap, semantics="dfquad").strength["c"] == pytest.approx(0.5)


@pytest.mark.parametrize("relation", ["attacks", "supports"])
def test_monotonicity_in_the_source_strength(relation: str) -> None:
    values = [evaluate(ArgMap(title="t", nodes=[Evidence(id="e", text="e", credibility=c), Claim(id="c", text="c")],
                              relations=[Relation(source="e", target="c", type=relation)])).strength["c"]  # type: ignore[arg-type]
              for c in (0.0, 0.2, 0.5, 0.9, 1.0)]
    assert values == sorted(values, reverse=relation == "attacks")
    assert values[0] == pytest.approx(0.5)


def test_relation_weight_scales_the_contribution() -> None:
    amap = ArgMap(title="t", nodes=[Evidence(id="e", text="e"), Claim(id="c", text="c")],
                  relations=[Relation(source="e", target="c", type="supports", weight=0.5)])
    assert evaluate(amap, semantics="dfquad").strength["c"] == pytest.approx(0.5 + 0.5 * 0.4)


def test_inference_is_as_strong_as_its_weakest_premise() -> None:
    amap = ArgMap(title="t", nodes=[Evidence(id="e", text="e"), Evidence(id="f", text="f", credibility=0.6),
                                    Inference(id="i", text="i", strength=0.9), Claim(id="c", text="c")],
                  relations=[Relation(source="e", target="i", type="supports"),
                             Relation(source="f", target="i", type="supports"),
                             Relation(source="i", target="c", type="supports")])
    result = evaluate(amap, semantics="dfquad")
    assert result.strength["i"] == pytest.approx(0.9 * 0.6)
    assert result.strength["c"] == pytest.approx(0.5 + 0.5 * 0.54)
    rejected = evaluate(amap, assume={"f": False}, semantics="dfquad")
    assert rejected.strength["i"] == 0 and rejected.strength["c"] == pytest.approx(0.5)


def test_base_scores_defaults_options_and_scenario_probabilities() -> None:
    amap = ArgMap(title="t", nodes=[Evidence(id="e", text="e"), Claim(id="c", text="c"),
                                    Inference(id="i", text="i"), Forecast(id="f", text="f", words="likely"),
                                    Forecast(id="g", text="g")])
    assert evaluate(amap).base == {"e": 0.8, "c": 0.5, "i": 0.5, "f": 0.675, "g": 0.5}
    assert evaluate(amap, evidence_base=0.6).base["e"] == 0.6
    scenario = Scenario(id="s", title="S", probabilities={"f": 0.2}, assume={"c": True, "e": False})
    result = evaluate(amap, scenario)
    assert result.strength["f"] == pytest.approx(0.2)
    assert result.strength["c"] == 1 and result.strength["e"] == 0
    with pytest.raises(TypeError, match="unknown evaluation option"):
        evaluate(amap, evidence_bass=0.6)


def test_conditional_forecast_is_gated_by_its_condition() -> None:
    amap = ArgMap(title="t", nodes=[Claim(id="c", text="c"), Forecast(id="f", text="f", probability=0.8)],
                  relations=[Relation(source="c", target="f", type="condition")])
    assert evaluate(amap, semantics="dfquad").strength["f"] == pytest.approx(0.8 * 0.5)
    assert evaluate(amap, assume={"c": True}, semantics="dfquad").strength["f"] == pytest.approx(0.8)


def test_cycles_reach_the_fixed_point() -> None:
    result = evaluate(attacks("ab", "ab ba"), semantics="dfquad")
    assert result.converged
    assert result.strength == pytest.approx({"a": 1 / 3, "b": 1 / 3})   # s = 0.5 (1 - s)
    odd = evaluate(attacks("abc", "ab bc ca"), semantics="dfquad")
    assert odd.converged and odd.strength["a"] == pytest.approx(1 / 3)
    for node, value in odd.strength.items():       # each is a fixed point of DF-QuAD
        attacker = {"a": "c", "b": "a", "c": "b"}[node]
        assert value == pytest.approx(0.5 * (1 - odd.strength[attacker]))


def test_support_cycle_converges_within_bounds() -> None:
    amap = claims("ab", [("a", "supports", "b"), ("b", "supports", "a")])
    result = evaluate(amap, semantics="dfquad")
    assert result.converged and all(0 <= v <= 1 for v in result.strength.values())
    assert result.strength["a"] == pytest.approx(0.5 + 0.5 * result.strength["b"])


def test_fixed_self_attacker_keeps_its_assumed_strength() -> None:
    amap = attacks("ab", "aa ab")
    result = evaluate(amap, assume={"a": True}, semantics="dfquad")
    assert result.labels == {"a": IN, "b": OUT} and result.strength["a"] == 1 and result.strength["b"] == 0


def test_reevaluate_equals_a_full_evaluation_with_the_added_assumption() -> None:
    """The incremental path (`argmap sensitivity`) recomputes only what lies downstream of the new assumption."""
    rng = random.Random(11)
    for _ in range(150):
        n = rng.randint(2, 14)
        names = [f"n{i}" for i in range(n)]
        kinds = {name: rng.choice(["claim", "evidence", "inference", "forecast"]) for name in names}
        types = ["attacks", "supports", "supports", "undercuts", "condition"]
        edges = [(s, rng.choice(types), t) for s in names for t in names if s != t and rng.random() < 0.15]
        amap = claims(names, edges, **kinds)
        first = {rng.choice(names): rng.random() < 0.5}
        previous = evaluate(amap, assume=first)
        extra = {rng.choice(names): rng.random() < 0.5}
        fast = reevaluate(previous, extra)
        full = evaluate(amap, assume={**first, **extra})
        assert fast.labels == full.labels, (edges, first, extra)
        assert fast.strength == pytest.approx(full.strength, abs=1e-9), (edges, first, extra)
        assert fast.assumed == full.assumed
        assert fast.recomputed is not None
        assert {k for k, v in extra.items() if previous.assumed.get(k) != v} <= fast.recomputed
        assert all(fast.labels[x] == previous.labels[x] for x in names if x not in fast.recomputed)
