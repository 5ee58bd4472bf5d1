"""The Problems pane as `argmap check` shows it (rule settings and silences applied) and its fix action: `x`
rewrites a quote to the exact passage through the edit session, with undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from argmap.tui.app import ArgmapApp
from argmap.tui.confirm import ConfirmScreen
from argmap.tui.problems import ProblemList
from support import open_app, run


def _damage(path: Path, *pairs: tuple[str, str]) -> str:
    text = path.read_text(encoding="utf-8")
    for good, bad in pairs:
        assert text.count(good) == 1, good
        text = text.replace(good, bad)
    path.write_text(text, encoding="utf-8")
    return text


def _select(problems: ProblemList, rule: str, node: str) -> None:
    problems.highlighted = next(i for i, d in enumerate(problems.findings) if d.rule == rule and d.node == node)


def test_problems_apply_the_rule_settings_and_count_the_silenced(harbour: Path) -> None:
    _damage(harbour, ("title: Eastport dock strike\n", "title: Eastport dock strike\nrules: {isolated-node: off, "
                      "quote-inexact: error}\n"),
            ("[the owners announced a wage cut of twelve percent]",
             "[the owners  announced a wage cut of twelve percent]"),
            ("    text: The union is stronger than in a decade.\n",
             "    text: The union is stronger than in a decade.\n    silence: {quote-not-found: checked by hand}\n"),
            ("[The union is stronger than it has been in a decade]", "[The union is stronger than ever]"))

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        problems = app.query_one(ProblemList)
        rules = {(d.rule, d.node): d.severity for d in problems.findings}
        assert rules.get(("quote-inexact", "wage-cut")) == "error"  # as the map's rules rank it
        assert ("quote-not-found", "union-strong") not in rules  # silenced by its node
        assert not any(rule == "isolated-node" for rule, _node in rules)
        last = str(problems.get_option_at_index(problems.option_count - 1).prompt)
        assert "silenced by the rule settings" in last and last.startswith(("1 finding", "2 findings"))

    run(open_app(harbour), scenario)


def test_x_fixes_an_inexact_quote_with_undo(harbour: Path) -> None:
    before = _damage(harbour, ("[the owners announced a wage cut of twelve percent]",
                               "[the owners  announced a wage cut of Twelve percent]"))

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("4")
        problems = app.query_one(ProblemList)
        _select(problems, "quote-not-found", "wage-cut")  # case: not found loosely, but certain
        await pilot.press("x")
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.dirty and not any(d.node == "wage-cut" for d in app.findings if d.rule.startswith("quote-"))
        assert app.focused_node == "wage-cut"
        await pilot.press("ctrl+s")
        fixed = harbour.read_text(encoding="utf-8")
        assert fixed == before.replace("[the owners  announced a wage cut of Twelve percent]",
                                       "[the owners announced a wage cut of twelve percent]")
        await pilot.press("u")
        assert any(d.node == "wage-cut" and d.rule == "quote-not-found" for d in app.findings)

    run(open_app(harbour), scenario)


def test_x_asks_before_taking_the_nearest_passage(harbour: Path) -> None:
    _damage(harbour, ("[Police cleared the main gate at dawn, arresting several organisers]",
                      "[Police cleared the gate at dawn, arresting several organisers]"))

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("4")
        problems = app.query_one(ProblemList)
        _select(problems, "quote-not-found", "police-cleared-gate")
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Police cleared the main gate at dawn" in str(app.screen.message)
        await pilot.press("escape")
        assert not app.dirty
        problems.focus()
        await pilot.press("x")
        await pilot.click("#answer-replace")
        await pilot.pause()
        assert app.dirty
        node = app.doc.map.node("police-cleared-gate")  # type: ignore[union-attr]
        assert node is not None and node.quotes[0].text.startswith("Police cleared the main gate at dawn")
        assert app.doc.matches[("police-cleared-gate", 0)].exact  # type: ignore[union-attr]

    run(open_app(harbour), scenario)


def test_x_on_a_finding_it_cannot_fix_says_so(harbour: Path) -> None:
    _damage(harbour, ("    actors: [police]\n", "    actors: [polise]\n"))

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        await pilot.press("4")
        problems = app.query_one(ProblemList)
        problems.highlighted = 0
        await pilot.press("x")
        assert not app.dirty
        assert any("No fix for" in n.message for n in app._notifications)

    run(open_app(harbour), scenario)


def test_the_palette_fixes_the_focused_nodes_quotes(harbour: Path) -> None:
    _damage(harbour, ("[The owners say a new contract offer is on the table]",
                      "[The owners say a “new” contract offer is on the table]"))

    async def scenario(app: ArgmapApp, pilot: Pilot[Any]) -> None:
        app.focus_node("new-offer")
        await pilot.pause()
        await app.run_action("fix_quotes")
        await pilot.pause()
        assert app.dirty
        node = app.doc.map.node("new-offer")  # type: ignore[union-attr]
        assert node is not None and node.quotes[0].text == "The owners say a new contract offer is on the table"

    run(open_app(harbour), scenario)
