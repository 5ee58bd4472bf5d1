"""Every lint rule of `argmap check`: it fires on a map that breaks it, with a position, and not on a clean map."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis.check import RULES, check, exit_code
from argmap.io import load

CLEAN = """\
actors: {army: The army}
themes: {security: Security}
nodes:
  - id: left
    kind: evidence
    text: The army left.
    quotes: [The army left the city.]
    actors: [army]
    themes: [security]
  - id: flight-means
    kind: inference
    text: Flight shows lack of will.
    scheme: abduction
    warrant: Units that flee en masse see nothing worth defending.
  - id: not-worth
    kind: claim
    text: The city was not worth dying for.
    quotes: [the city was not worth dying for]
  - id: violence
    kind: forecast
    text: More violence.
    quotes: [Further violence is likely.]
    words: likely
    resolution:
      outcome: happened
      sources: [{title: A report, url: "https://example.org/r"}]
relations:
  - {source: left, target: flight-means, type: supports}
  - {source: flight-means, target: not-worth, type: supports}
  - {source: not-worth, target: violence, type: supports}
"""


def findings(path: Path) -> list[tuple[str, str, int]]:
    return [(d.rule, d.severity, d.line) for d in check(load(path))]


def rules_of(path: Path) -> set[str]:
    return {rule for rule, _, _ in findings(path)}


def test_clean_map_has_no_findings(write_map: Callable[..., Path]) -> None:
    path = write_map(CLEAN)
    assert check(load(path)) == []
    assert exit_code(check(load(path))) == 0


def with_changes(*pairs: tuple[str, str]) -> str:
    text = CLEAN
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


#: CLEAN's last line, after which top-level keys are added.
LAST = "  - {source: not-worth, target: violence, type: supports}\n"

#: An ACH group over CLEAN's nodes, for the ACH rules.
ACH = """\
hypotheses:
  - id: why
    title: Why they left
    hypotheses: [not-worth, {id: orders, text: No orders came}]
    evidence:
      - {item: left, ratings: {not-worth: C, orders: C}}
"""

CASES: list[tuple[str, tuple[tuple[str, str], ...], str]] = [
    ("duplicate-id", (("  - id: not-worth", "  - id: left"),), "id 'left' is already used"),
    (
        "unknown-node",
        (("{source: left, target: flight-means", "{source: lefft, target: flight-means"),),
        "did you mean 'left'?",
    ),
    (
        "unknown-source",
        (("[The army left the city.]", "[{text: The army left the city., source: other}]"),),
        "quote source 'other' is not declared",
    ),
    ("quote-not-found", (("[The army left the city.]", "[The navy left the city.]"),), "quote not found"),
    ("quote-inexact", (("[Further violence is likely.]", '["Further  violence is likely."]'),), "the source reads"),
    ("quote-ambiguous", (("[The army left the city.]", "[the city]"),), "quote stands twice in source 'src'"),
    (
        "relation-target",
        (
            (
                "{source: not-worth, target: violence, type: supports}",
                "{source: not-worth, target: left, type: undercuts}",
            ),
        ),
        "only an inference can be undercut",
    ),
    ("self-relation", (("{source: not-worth, target: violence", "{source: not-worth, target: not-worth"),), "itself"),
    (
        "duplicate-relation",
        (("relations:\n", "relations:\n  - {source: left, target: flight-means, type: supports}\n"),),
        "more than once",
    ),
    (
        "inference-premise",
        (
            (
                "{source: left, target: flight-means, type: supports}",
                "{source: left, target: not-worth, type: supports}",
            ),
        ),
        "without premise",
    ),
    (
        "inference-conclusion",
        (
            (
                "{source: flight-means, target: not-worth, type: supports}",
                "{source: left, target: not-worth, type: supports}",
            ),
        ),
        "without conclusion",
    ),
    (
        "isolated-node",
        (("relations:\n", "  - {id: lonely, kind: claim, text: alone, actors: [army]}\nrelations:\n"),),
        "no relation links this node",
    ),
    (
        "support-cycle",
        (("relations:\n", "relations:\n  - {source: violence, target: left, type: supports}\n"),),
        "support cycle through 4 nodes",
    ),
    ("forecast-probability", (("    words: likely\n", "    words: some day\n"),), "not on the scale"),
    ("probability-words", (("    words: likely\n", "    words: likely\n    probability: 0.95\n"),), "outside 'likely'"),
    (
        "resolution-source",
        (('      sources: [{title: A report, url: "https://example.org/r"}]\n', ""),),
        "without a source",
    ),
    ("undeclared-tag", (("    actors: [army]\n", "    actors: [army]\n    tags: [key]\n"),), "not declared"),
    ("undeclared-actor", (("    actors: [army]\n", "    actors: [armyy]\n"),), "did you mean 'army'?"),
    ("undeclared-theme", (("    themes: [security]\n", "    themes: [politics]\n"),), "declare it"),
    ("conditional-fields", (("    words: likely\n", "    words: likely\n    probability_if_not: 0.2\n"),),
     "'probability_if_not' is given but no 'condition'"),
    ("forecast-group", (("    words: likely\n", "    words: likely\n    group: sectarian\n"),), "no other forecast"),
    ("scenario-probability",
     ((LAST, LAST + "scenarios:\n  - {id: s, title: S, probabilities: {flight-means: 0.3}}\n"),),
     "gives a probability to inference 'flight-means'"),
    ("scenario-empty", ((LAST, LAST + "scenarios:\n  - {id: s, title: S}\n"),), "scenario 's' assumes nothing"),
    ("schema", (("    kind: claim\n", "    kind: clam\n"),), "did you mean 'claim'?"),
    ("syntax", (("nodes:\n", "nodes: [\n"),), "invalid YAML"),
    ("assumption-status", (("    quotes: [the city was not worth dying for]\n",
                            "    quotes: [the city was not worth dying for]\n    assumption: {reason: why}\n"),),
     "without a status"),
    ("observation-date", (("    words: likely\n", "    words: likely\n    signposts:\n      - watch: more raids\n"
                           "        observations: [{observed: true}]\n"),), "has no date"),
    ("update-date", (("    words: likely\n", "    words: likely\n    updates: [{probability: 0.4}]\n"),),
     "without a date"),
    ("update-order", (("    words: likely\n", "    words: likely\n    updates: [{date: 2014-07-01, probability: 0.4},"
                       " {date: 2014-06-01, probability: 0.3}]\n"),), "oldest first"),
    ("unknown-hypothesis", (("relations:\n", ACH.replace("orders: C}", "not-wort: I}") + "relations:\n"),),
     "did you mean 'not-worth'?"),
    ("hypothesis-groups", (("relations:\n", ACH + ACH.replace("hypotheses:\n  - id: why", "  - id: why2")
                            + "relations:\n"),), "already in group 'why'"),
    ("ach-duplicate", (("relations:\n", ACH.replace("[not-worth, {id: orders", "[not-worth, not-worth, {id: orders")
                        + "relations:\n"),), "twice"),
    ("ach-size", (("relations:\n", ACH.replace(", {id: orders, text: No orders came}", "")
                   .replace(", orders: C}", "}") + "relations:\n"),), "at least two rivals"),
    ("drafted", (("    themes: [security]\n", "    themes: [security]\n    drafted: true\n"),
                 ("{source: not-worth, target: violence, type: supports}",
                  "{source: not-worth, target: violence, type: supports, drafted: true}")),
     "2 drafted items not reviewed yet (1 node and 1 relation)"),
]


@pytest.mark.parametrize(("rule", "changes", "text"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_with_position(
    write_map: Callable[..., Path], rule: str, changes: tuple[tuple[str, str], ...], text: str
) -> None:
    path = write_map(with_changes(*changes))
    found = [d for d in check(load(path)) if d.rule == rule]
    assert found, [d.format() for d in check(load(path))]
    diag = found[0]
    assert diag.line > 0 and diag.column > 0
    assert text in diag.message
    assert diag.severity == RULES[rule][0]
    assert diag.format().startswith(f"{load(path).display_path}:{diag.line}:{diag.column}: {diag.severity}: ")
    assert diag.format().endswith(f"[{rule}]")


def test_every_rule_is_tested_or_load_time() -> None:
    tested = {c[0] for c in CASES}
    # test_load.py, tests/hostile/; a source without text needs its own header: test_check_quotes.py
    assert set(RULES) - tested == {"encoding", "source-missing", "unreadable", "quote-unverified"}


def test_condition_must_target_a_forecast(write_map: Callable[..., Path]) -> None:
    path = write_map(
        with_changes(
            (
                "{source: not-worth, target: violence, type: supports}",
                "{source: violence, target: not-worth, type: condition}",
            )
        )
    )
    messages = [d.message for d in check(load(path)) if d.rule == "relation-target"]
    assert any("a condition's target must be a forecast" in m for m in messages)


def test_scenario_naming_unknown_node(write_map: Callable[..., Path]) -> None:
    path = write_map(CLEAN + "scenarios:\n  - {id: s, title: S, assume: {lefft: false}}\n")
    found = [d for d in check(load(path)) if d.rule == "unknown-node"]
    assert (
        len(found) == 1 and "did you mean 'left'?" in found[0].message and found[0].line == len(CLEAN.splitlines()) + 7
    )


def test_errors_give_exit_code_one_warnings_zero(write_map: Callable[..., Path]) -> None:
    warn = write_map(with_changes(("    words: likely\n", "    words: sometime\n")))
    assert exit_code(check(load(warn))) == 0
    err = write_map(with_changes(("    actors: [army]\n", "    actors: [navy]\n")))
    assert exit_code(check(load(err))) == 1


def test_findings_sorted_by_position(write_map: Callable[..., Path]) -> None:
    path = write_map(
        with_changes(
            ("    actors: [army]\n", "    actors: [navy]\n"),
            ("themes: [security]\n  - id: flight", "themes: [politics]\n  - id: flight"),
        )
    )
    lines = [d.line for d in check(load(path))]
    assert lines == sorted(lines) and len(lines) == 2


def test_conditional_fields_are_quiet_on_a_conditional_forecast(write_map: Callable[..., Path]) -> None:
    path = write_map(with_changes(
        ("    words: likely\n", "    words: likely\n    probability_if_not: 0.2\n"),
        ("{source: not-worth, target: violence, type: supports}",
         "{source: not-worth, target: violence, type: condition}"),
    ))
    assert "conditional-fields" not in rules_of(path)


def test_a_misspelt_group_is_named_with_the_group_it_likely_means(write_map: Callable[..., Path]) -> None:
    second = ("  - id: calm\n    kind: forecast\n    text: Calm.\n    words: unlikely\n    group: sectarian\n"
              "  - id: unrest\n    kind: forecast\n    text: Unrest.\n    words: likely\n    group: sectarianism\n"
              "relations:\n")
    path = write_map(with_changes(("    words: likely\n", "    words: likely\n    group: sectarian\n"),
                                  ("relations:\n", second)))
    found = [d for d in check(load(path)) if d.rule == "forecast-group"]
    assert len(found) == 1 and "group 'sectarianism'" in found[0].message
    assert "did you mean 'sectarian'?" in found[0].message


def test_scenario_probabilities_on_claims_evidence_and_forecasts_are_fine(write_map: Callable[..., Path]) -> None:
    path = write_map(CLEAN + "scenarios:\n  - {id: s, title: S, probabilities: {left: 0.9, not-worth: 0.4, "
                     "violence: 0.2}}\n")
    assert check(load(path)) == []
