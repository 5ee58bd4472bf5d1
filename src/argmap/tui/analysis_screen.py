"""The analysis screen (`a`): forecast scores, the scenario against the baseline, weak points, sensitivity.

Each tab is a table whose rows name nodes: Enter closes the screen on that node. The tables come from the same
functions as `argmap score`, `scenario`, `weak` and `sensitivity`. The sensitivity ranking of a big map is
computed in a worker thread, the first time its tab is opened. The screen is given the explorer's
`ReasoningState` (what stands, under which scenario) when it is built, and asks for a scenario with a
`ScenarioChosen` message; the app calls `refresh_scenario` when the evaluation changes.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from argmap.analysis.probabilities import Probability
from argmap.analysis.scenarios import Sensitivity, assumption_text, scenario_effects, sensitivity
from argmap.analysis.scoring import (
    PARTLY_RULES,
    UNCLEAR_RULES,
    Scorecard,
    probability_text,
    score_forecasts,
    summary_lines,
)
from argmap.analysis.semantics import Evaluation
from argmap.analysis.tables import number
from argmap.analysis.weak import weak_points
from argmap.model import ArgMap, Scenario
from argmap.tui.background import deliver
from argmap.tui.messages import ScenarioChosen
from argmap.tui.reasoning import ReasoningState

TABS = ("forecasts", "scenario", "weak", "sensitivity")
#: Maps with more nodes rank their evidence in a worker thread.
RANK_AT_ONCE = 2000


class AnalysisScreen(ModalScreen[str | None]):
    """Four tables over the open map; Enter on a row goes to its node (or, on a scenario, switches to it)."""

    BINDING_GROUP_TITLE = "Analysis"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True),
        Binding("1", "tab('forecasts')", "Forecasts", show=True),
        Binding("2", "tab('scenario')", "Scenario", show=True),
        Binding("3", "tab('weak')", "Weak points", show=True),
        Binding("4", "tab('sensitivity')", "Sensitivity", show=True),
        Binding("p", "rule('partly')", "Partly counts as…", show=True,
                tooltip="Forecasts: cycle how a partly-happened outcome counts (0.5, 1, 0, left out)"),
        Binding("u", "rule('unclear')", "Unclear counts as…", show=False,
                tooltip="Forecasts: cycle how an unclear outcome counts (left out, 0.5)"),
        Binding("b", "baseline", "Baseline", show=False, tooltip="Scenario: back to the baseline"),
    ]

    class EffectsFound(Message):
        """Every scenario's (scenario, gained, lost, labels changed) under the baseline, computed in a worker."""

        bubble = False

        def __init__(self, effects: list[tuple[Scenario, int, int, int]]) -> None:
            super().__init__()
            self.effects = effects

    class Ranked(Message):
        """The evidence ranked by sensitivity, computed in a worker."""

        bubble = False

        def __init__(self, ranking: list[Sensitivity]) -> None:
            super().__init__()
            self.ranking = ranking

    class Failed(Message):
        """A worker of the screen failed; `head` is the id of the line that says so."""

        bubble = False

        def __init__(self, head: str, error: BaseException) -> None:
            super().__init__()
            self.head = head
            self.error = error

    def __init__(self, reasoning: ReasoningState, tab: str = "forecasts") -> None:
        """`reasoning`: the explorer's state of the shown map, read again on each refresh."""
        super().__init__()
        self.reasoning = reasoning
        self.initial_tab = tab if tab in TABS else "forecasts"
        self.partly = "half"
        self.unclear = "exclude"
        self.ranking: list[Sensitivity] | None = None
        self._ranked_for: tuple[object, str | None] | None = None

    @property
    def amap(self) -> ArgMap:
        doc = self.reasoning.doc
        amap = doc.map if doc is not None else None
        assert amap is not None
        return amap

    def compose(self) -> ComposeResult:
        with Vertical(id="analysis-box"), TabbedContent(id="analysis-tabs", initial=self.initial_tab):
            with TabPane("Forecasts", id="forecasts"):
                yield _table("forecast-table")
                yield Static(id="forecast-summary")
            with TabPane("Scenario", id="scenario"):
                yield Static(id="scenario-head")
                yield _table("scenario-table")
            with TabPane("Weak points", id="weak"):
                yield Static(id="weak-head")
                yield _table("weak-table")
            with TabPane("Sensitivity", id="sensitivity"):
                yield Static(id="sensitivity-head")
                yield _table("sensitivity-table")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#analysis-box")
        box.border_title = f"Analysis · {self.amap.title}"
        box.border_subtitle = "Enter goes to the node · Esc closes"
        self.show_forecasts()
        self.refresh_scenario()
        self._focus_table(self.initial_tab)

    # -- tabs -----------------------------------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self._focus_table(tab)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._focus_table(event.pane.id or "")

    def _focus_table(self, tab: str) -> None:
        table_id = {"forecasts": "forecast-table", "scenario": "scenario-table", "weak": "weak-table",
                    "sensitivity": "sensitivity-table"}.get(tab)
        if table_id:
            if tab == "sensitivity":
                self._rank()
            self.query_one(f"#{table_id}", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = str(event.row_key.value or "")
        kind, _, value = key.partition(":")
        value = value.partition("#")[0]
        if kind == "scenario":
            self.post_message(ScenarioChosen(value or None))
        elif kind == "node" and value:
            self.dismiss(value)

    def action_close(self) -> None:
        self.dismiss(None)

    # -- forecasts ------------------------------------------------------------------------------------------

    def action_rule(self, which: str) -> None:
        if which == "partly":
            self.partly = _next(PARTLY_RULES, self.partly)
        else:
            self.unclear = _next(UNCLEAR_RULES, self.unclear)
        self.action_tab("forecasts")
        self.show_forecasts()

    def scorecard(self) -> Scorecard:
        return score_forecasts(self.amap, partly=self.partly, unclear=self.unclear)

    def show_forecasts(self) -> None:
        card = self.scorecard()
        table = self.query_one("#forecast-table", DataTable)
        table.clear(columns=True)
        table.add_columns("forecast", "p", "outcome", "counts as", "Brier", "the author's words")
        for row in card.forecasts:
            table.add_row(row.id, probability_text(row), row.outcome or "unresolved",
                          "–" if row.value is None else f"{row.value:g}",
                          number(row.brier) if row.brier is not None else row.status, row.words or "–",
                          key=f"node:{row.id}")
        lines = summary_lines(card)
        if card.calibration is not None:
            lines.append("Calibration: " + "; ".join(
                f"{b.low:.1f}-{b.high:.1f}: {b.count} at mean p {number(b.mean_probability, 2)}, observed "
                f"{number(b.observed, 2)}" for b in card.calibration if b.count))
        lines.append("p: how a partly-happened outcome counts · u: how an unclear one counts")
        self.query_one("#forecast-summary", Static).update("\n".join(lines))

    # -- scenario -------------------------------------------------------------------------------------------

    def action_baseline(self) -> None:
        self.action_tab("scenario")
        self.post_message(ScenarioChosen(None))

    def refresh_scenario(self) -> None:
        """Show the chosen scenario against the baseline, or every scenario's effect under the baseline."""
        reasoning = self.reasoning
        table = self.query_one("#scenario-table", DataTable)
        head = self.query_one("#scenario-head", Static)
        table.clear(columns=True)
        outcome = reasoning.outcome
        if reasoning.baseline is None:
            head.update("Evaluating the map…" if self.amap.nodes else "The map has no nodes.")
        elif outcome is None:
            self._scenario_list(table, head)
        else:
            scenario = outcome.scenario
            head.update(Text.assemble((scenario.title, "bold"), "  " + (scenario.description or ""),
                                      ("\nWhat changes against the baseline (b: back to the baseline):", "dim")))
            table.add_columns("node", "kind", "baseline", "p", "scenario", "p", "change")
            for row in outcome.changed():
                table.add_row(row.node, row.kind, f"{row.base_label} {row.base_strength:.2f}",
                              _probability(row.base_probability), f"{row.label} {row.strength:.2f}",
                              _probability(row.probability), row.change_text(), key=f"node:{row.node}")
        self.weak_refresh()
        if self._ranked_for is not None and self._ranked_for != self._ranking_key():
            self.ranking = None
            self._ranked_for = None
            if self.query_one(TabbedContent).active == "sensitivity":
                self._rank()

    def _scenario_list(self, table: DataTable[object], head: Static) -> None:
        scenarios = self.amap.scenarios
        if not scenarios:
            head.update("This map declares no scenarios (add them under 'scenarios:' in the map file).")
            return
        head.update(Text("Under the baseline. Each scenario's effect; Enter shows the map under it.", style="dim"))
        table.add_columns("scenario", "gain", "lose", "labels changed", "assumes")
        baseline = self.reasoning.baseline
        assert baseline is not None
        if len(self.amap.by_id) > RANK_AT_ONCE:
            for scenario in scenarios:
                table.add_row(scenario.title, "…", "…", "…", assumption_text(scenario), key=f"scenario:{scenario.id}")
            self._find_effects(self.amap, baseline)
        else:
            self.show_effects(scenario_effects(self.amap, baseline))

    def show_effects(self, effects: list[tuple[Scenario, int, int, int]]) -> None:
        """Fill the scenario list with each scenario's (gained, lost, labels changed)."""
        if self.reasoning.outcome is not None:
            return  # a scenario was chosen meanwhile
        table = self.query_one("#scenario-table", DataTable)
        table.clear()
        for scenario, gained, lost, labels in effects:
            table.add_row(scenario.title, str(gained), str(lost), str(labels), assumption_text(scenario),
                          key=f"scenario:{scenario.id}")

    # -- weak points ----------------------------------------------------------------------------------------

    def weak_refresh(self) -> None:
        evaluation = self.reasoning.evaluation
        table = self.query_one("#weak-table", DataTable)
        table.clear(columns=True)
        head = self.query_one("#weak-head", Static)
        if evaluation is None:
            head.update("Evaluating the map…")
            return
        found = weak_points(self.amap, evaluation)
        caption = self.reasoning.caption()
        head.update(Text(f"{len(found)} weak point{'s' if len(found) != 1 else ''}"
                         + (f" ({caption})" if caption else "") + "; Enter goes to the node.", style="dim"))
        table.add_columns("node", "rule", "what to do")
        for index, point in enumerate(found):
            table.add_row(point.node, point.rule.removeprefix("weak-"), point.message,
                          key=f"node:{point.node}#{index}")  # a node may have several weak points

    # -- sensitivity ----------------------------------------------------------------------------------------

    def _ranking_key(self) -> tuple[object, str | None]:
        return self.reasoning.doc, self.reasoning.scenario_id

    def _rank(self) -> None:
        if self._ranked_for == self._ranking_key():
            return
        self._ranked_for = self._ranking_key()
        scenario = self.reasoning.scenario
        head = self.query_one("#sensitivity-head", Static)
        if len(self.amap.by_id) > RANK_AT_ONCE:
            head.update("Ranking the evidence (rejecting each piece in turn)…")
            self.query_one("#sensitivity-table", DataTable).clear(columns=True)
            self._find_ranking(self.amap, scenario)
        else:
            self.show_ranking(sensitivity(self.amap, scenario=scenario))

    # -- workers --------------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="scenarios", name="scenarios", description="compare the scenarios",
          exit_on_error=False)
    def _find_effects(self, amap: ArgMap, baseline: Evaluation) -> None:
        deliver(self, lambda: self.EffectsFound(scenario_effects(amap, baseline)),
                partial(self.Failed, "#scenario-head"))

    @work(thread=True, exclusive=True, group="sensitivity", name="sensitivity", description="rank the evidence",
          exit_on_error=False)
    def _find_ranking(self, amap: ArgMap, scenario: Scenario | None) -> None:
        deliver(self, lambda: self.Ranked(sensitivity(amap, scenario=scenario)),
                partial(self.Failed, "#sensitivity-head"))

    @on(EffectsFound)
    def _effects_found(self, message: EffectsFound) -> None:
        self.show_effects(message.effects)

    @on(Ranked)
    def _ranked(self, message: Ranked) -> None:
        self.show_ranking(message.ranking)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.query_one(message.head, Static).update(f"Failed: {type(message.error).__name__}: {message.error}")

    def show_ranking(self, ranking: list[Sensitivity]) -> None:
        self.ranking = ranking
        caption = self.reasoning.caption()
        head = self.query_one("#sensitivity-head", Static)
        head.update(Text("Evidence and assumptions by what rejecting each does to the conclusions and forecasts "
                         "(impact: Σ|Δp| + Σ|Δstrength|), most load-bearing first"
                         + (f" ({caption})" if caption else "") + "; Enter goes to it.", style="dim"))
        table = self.query_one("#sensitivity-table", DataTable)
        table.clear(columns=True)
        table.add_columns("rank", "rejected", "impact", "Σ|Δp|", "Σ|Δstrength|", "labels changing")
        for index, row in enumerate(ranking, 1):
            table.add_row(str(index), row.node, f"{row.impact:.3f}", f"{row.probability_change:.3f}",
                          f"{row.strength_change:.3f}", ", ".join(row.labels_changed) or "–", key=f"node:{row.node}")


def _probability(p: Probability | None) -> str:
    """A node's probability in a table cell (`0.675`, `0.000–1.000` for bounds), `–` for a node without one."""
    return "–" if p is None else p.text(3)


def _table(table_id: str) -> DataTable[object]:
    table: DataTable[object] = DataTable(id=table_id, cursor_type="row", zebra_stripes=True)
    return table


def _next(rules: dict[str, float | None], current: str) -> str:
    """The rule after `current`, in the order `argmap score` lists them (round again after the last)."""
    names = list(rules)
    return names[(names.index(current) + 1) % len(names)]
