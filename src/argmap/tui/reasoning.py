"""What stands in the explorer: acceptance badges, the scenario switcher and the analysis screen.

The map is evaluated (`argmap.analysis.semantics`) whenever it is shown or re-read, under the baseline and, when
one is chosen, under a scenario (`argmap.analysis.scenarios.compare`). Each node's badge gives its label (✓ in,
✗ out, ? undecided) and strength; under a scenario, ▲ or ▼ marks a strength that rose or fell against the
baseline, a reversed mark a label that changed, and `=` a node the scenario assumes. Big maps are evaluated in a
worker thread after their first screen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.worker import Worker, WorkerState

from argmap.analysis.scenarios import NodeChange, ScenarioOutcome, assumption_text, compare
from argmap.analysis.semantics import Evaluation, build_framework, evaluate
from argmap.io import MapDocument
from argmap.model import NodeBase, Scenario
from argmap.tui.style import BadgeFn, Look

#: Maps with more nodes are evaluated in a worker thread.
EVALUATE_AT_ONCE = 2000
LABEL_MARKS = {"in": "✓", "out": "✗", "undec": "?"}
LABEL_NAMES = {"in": "in", "out": "out", "undec": "undecided"}
LABEL_ROLES = {"in": "success", "out": "error", "undec": "warning"}


class ReasoningViews(App[int]):
    """The explorer's view of the map's reasoning (a mixin of `ArgmapApp`)."""

    # provided by ArgmapApp
    doc: MapDocument
    look: Look
    badges: BadgeFn | None
    focused_node: str | None

    def _relabel(self) -> None:
        raise NotImplementedError

    def _update_topbar(self) -> None:
        raise NotImplementedError

    def focus_node(self, node_id: str, *, jump: bool = True) -> bool:
        raise NotImplementedError

    if TYPE_CHECKING:  # provided by BackgroundWork, which comes after this class in ArgmapApp's bases
        def later(self, name: str, delay: float, callback: Callable[[], object]) -> None: ...

    scenario_id: str | None = None
    baseline: Evaluation | None = None
    outcome: ScenarioOutcome | None = None
    _changes: dict[str, NodeChange] | None = None
    show_standing: bool = True

    @property
    def evaluation(self) -> Evaluation | None:
        """The evaluation shown: under the chosen scenario, else the baseline (None until computed)."""
        return self.outcome.evaluation if self.outcome is not None else self.baseline

    @property
    def scenario(self) -> Scenario | None:
        amap = self.doc.map
        if amap is None or self.scenario_id is None:
            return None
        return next((s for s in amap.scenarios if s.id == self.scenario_id), None)

    # -- evaluating ---------------------------------------------------------------------------------------

    def evaluate_map(self, *, show: bool = True) -> None:
        """Evaluate the shown map (again): at once for a small map, in a worker thread for a big one. `show`
        False: the caller redraws the panes itself."""
        amap = self.doc.map
        if self.scenario is None:
            self.scenario_id = None
        if amap is None or not amap.nodes or len(amap.by_id) > EVALUATE_AT_ONCE:
            self._evaluated(self.doc, None, None, show=show)  # no badges until the worker is done
        if amap is not None and len(amap.by_id) > EVALUATE_AT_ONCE:
            self.later("evaluate", 0.0, partial(self._evaluate_in_background, self.doc))
        elif amap is not None and amap.nodes:
            self._evaluated(*_evaluate(self.doc, self.scenario), show=show)

    def _evaluate_in_background(self, doc: MapDocument) -> None:
        if doc is self.doc:  # else an edit came meanwhile: its own evaluation is on its way
            self.run_worker(partial(_evaluate, doc, self.scenario), name="evaluate", group="evaluate",
                            description="evaluate the map", thread=True, exit_on_error=False, exclusive=True)

    def _evaluated(self, doc: MapDocument, baseline: Evaluation | None, outcome: ScenarioOutcome | None, *,
                   show: bool = True) -> None:
        if doc is not self.doc:
            return  # an evaluation of a document shown before
        self.baseline = baseline
        self.outcome = outcome
        self._changes = {row.node: row for row in outcome.changed()} if outcome is not None else None
        if not show:
            return
        self._relabel()
        self._update_topbar()
        from argmap.tui.analysis_screen import AnalysisScreen

        if isinstance(self.screen, AnalysisScreen):
            self.screen.refresh_scenario()

    def set_scenario(self, scenario_id: str | None) -> None:
        """Show the map under a declared scenario (None: the baseline), and say what changed."""
        amap = self.doc.map
        if amap is None:
            return
        if scenario_id is not None and not any(s.id == scenario_id for s in amap.scenarios):
            self.notify(f"no scenario '{scenario_id}' in this map", severity="warning", markup=False)
            return
        if scenario_id == self.scenario_id:
            return
        self.scenario_id = scenario_id
        if self.baseline is not None and len(amap.by_id) <= EVALUATE_AT_ONCE:
            scenario = self.scenario
            outcome = compare(amap, scenario, baseline=self.baseline) if scenario is not None else None
            self._evaluated(self.doc, self.baseline, outcome)
            self._announce()
        else:
            self.evaluate_map()

    def _announce(self) -> None:
        outcome = self.outcome
        if outcome is None:
            self.notify("baseline: the map as the author argues it", title="Scenario", timeout=3)
            return
        labels = outcome.labels_changed()
        self.notify(f"{len(outcome.gained())} claims and forecasts gain, {len(outcome.lost())} lose, "
                    f"{labels} node{'s' if labels != 1 else ''} change label (a for the details)",
                    title=f"Scenario: {outcome.scenario.title}", timeout=4, markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "evaluate":
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, tuple):
            self._evaluated(*worker.result)
            if self.scenario_id is not None:
                self._announce()
        elif event.state == WorkerState.ERROR:
            self.notify(f"{type(worker.error).__name__}: {worker.error}", title="Evaluation failed",
                        severity="error", timeout=8, markup=False)

    # -- showing ------------------------------------------------------------------------------------------

    def badge(self, node_id: str) -> Text | str | None:
        """The badge of a node in the outline and the detail pane: a custom one, else its standing."""
        if self.badges is not None:
            return self.badges(node_id)
        return self.standing_badge(node_id) if self.show_standing else None

    def standing_badge(self, node_id: str) -> Text | None:
        """`✓.82`: the node's label and strength, with its change under the scenario."""
        evaluation = self.evaluation
        if evaluation is None or node_id not in evaluation.labels:
            return None
        label = evaluation.labels[node_id]
        change = self._changes.get(node_id) if self._changes is not None else None
        style = Style(color=self.look.colour(LABEL_ROLES[label], "white"), bold=True)
        text = Text(no_wrap=True)
        mark_style = style + Style(reverse=True) if change is not None and change.label_changed else style
        text.append(LABEL_MARKS[label], style=mark_style)
        text.append(_strength(evaluation.strength[node_id]), style=self.look.muted)
        if change is not None and change.assumed is not None:
            text.append("=", style=style)
        elif change is not None and change.delta > 0:
            text.append("▲", style=Style(color=self.look.colour("success", "green")))
        elif change is not None and change.delta < 0:
            text.append("▼", style=Style(color=self.look.colour("error", "red")))
        elif self._changes is not None:
            text.append(" ")  # under a scenario, every badge has the same width
        return text

    def standing_fields(self, node: NodeBase) -> list[tuple[str, str]]:
        """The detail pane's lines on where the node stands (and, under a scenario, what changed)."""
        baseline = self.baseline
        if baseline is None or node.id not in baseline.labels:
            return []
        base = _standing(baseline, node.id)
        if self.outcome is None:
            return [("standing", base)]
        fields = [("scenario", f"{self.outcome.scenario.title}: {_standing(self.outcome.evaluation, node.id)}")]
        change = self._changes.get(node.id) if self._changes is not None else None
        if change is None:
            fields.append(("baseline", f"{base} (unchanged)"))
        else:
            fields.append(("baseline", f"{base}; change: {change.change_text()}"))
        return fields

    def action_toggle_standing(self) -> None:
        """Show or hide the acceptance badges."""
        self.show_standing = not self.show_standing
        self._relabel()
        self.notify("acceptance badges " + ("shown" if self.show_standing else "hidden"), timeout=2, markup=False)

    def scenario_caption(self) -> str | None:
        """`scenario: title` for the top bar, or None under the baseline."""
        scenario = self.scenario
        return f"scenario: {scenario.title}" if scenario is not None and self.outcome is not None else None

    # -- actions ------------------------------------------------------------------------------------------

    def action_scenario(self) -> None:
        """Choose a scenario (or the baseline) to see the map under."""
        from argmap.tui.choice import ChoiceScreen

        amap = self.doc.map
        if amap is None:
            return
        if not amap.scenarios:
            self.notify("this map declares no scenarios (add them under 'scenarios:')", timeout=4)
            return
        choices: list[tuple[str, str | Text]] = [("", Text.assemble(("Baseline", "bold"),
                                                                    ("  the map as the author argues it", "dim")))]
        for scenario in amap.scenarios:
            choices.append((scenario.id, Text.assemble((scenario.title, "bold"), ("  " + assumption_text(scenario),
                                                                                   "dim"))))

        def chosen(value: str | None) -> None:
            if value is not None:
                self.set_scenario(value or None)

        self.push_screen(ChoiceScreen("Scenario", choices, current=self.scenario_id or "",
                                      hint="See the map under a scenario's assumptions; Enter chooses."), chosen)

    def action_analysis(self, tab: str = "forecasts") -> None:
        """The analysis screen: forecast scores, the scenario against the baseline, weak points, sensitivity."""
        from argmap.tui.analysis_screen import AnalysisScreen

        if self.doc.map is None:
            self.notify("the map does not load: nothing to analyse", severity="warning")
            return

        def chosen(node_id: str | None) -> None:
            if node_id is not None:
                self.focus_node(node_id)

        self.push_screen(AnalysisScreen(tab), chosen)


def _evaluate(doc: MapDocument, scenario: Scenario | None) -> tuple[MapDocument, Evaluation | None,
                                                                     ScenarioOutcome | None]:
    amap = doc.map
    if amap is None or not amap.nodes:
        return doc, None, None
    framework = build_framework(amap)
    baseline = evaluate(amap, framework=framework)
    outcome = compare(amap, scenario, baseline=baseline) if scenario is not None else None
    return doc, baseline, outcome


def _strength(value: float) -> str:
    """`.82`, `1.0`: two digits of a strength in [0, 1], as narrow as it can be."""
    shown = f"{value:.2f}"
    return "1.0" if shown == "1.00" else shown[1:]


def _standing(evaluation: Evaluation, node_id: str) -> str:
    label = evaluation.labels[node_id]
    text = f"{LABEL_NAMES[label]} · strength {evaluation.strength[node_id]:.2f} (base {evaluation.base[node_id]:.2f})"
    if node_id in evaluation.assumed:
        text += f"; assumed {'true' if evaluation.assumed[node_id] else 'false'}"
    return text

