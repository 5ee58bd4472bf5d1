"""Evaluating the shown map and seeing it under a scenario: at once for a small map, in a worker thread for a big
one (no badges until it is done), and saying what a scenario changes.

`ReasoningState` (Textual-free) holds what stands; `Evaluator` runs the evaluations, shows their outcome in the
panes and the top bar, and reaches the app only through `EvaluationHost`.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Protocol

from textual.notifications import SeverityLevel
from textual.screen import Screen

from argmap.io import MapDocument
from argmap.model import Scenario
from argmap.tui import background as jobs
from argmap.tui.debounce import Debounce, TimerHost
from argmap.tui.reasoning import ReasoningState, evaluate_document


class EvaluationHost(jobs.JobHost, TimerHost, Protocol):
    """What the evaluation needs of the explorer: the shown document and reasoning, the screen shown (the analysis
    screen follows a new evaluation), relabelling the panes, the top bar and notifications."""

    @property
    def doc(self) -> MapDocument: ...

    @property
    def reasoning(self) -> ReasoningState: ...

    @property
    def screen(self) -> Screen[Any]: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None) -> None: ...

    def relabel(self) -> None: ...

    def update_topbar(self) -> None: ...


class Evaluator:
    """The evaluations of the shown map, and the scenario it is shown under."""

    def __init__(self, host: EvaluationHost) -> None:
        self.host = host
        self.debounce = Debounce(host)

    def evaluate_map(self, *, show: bool = True) -> None:
        """Evaluate the shown map (again): at once for a small map, in a worker thread for a big one. `show`
        False: the caller redraws the panes itself."""
        doc = self.host.doc
        reasoning = self.host.reasoning
        reasoning.show(doc)
        amap = doc.map
        big = reasoning.in_background()
        if amap is None or not amap.nodes or big:
            reasoning.evaluated(doc, None, None)  # no badges until the worker is done
            self.show_reasoning(show)
        if big:
            self.debounce.later("evaluate", 0.0, partial(self._evaluate_shown, doc))
        elif amap is not None and amap.nodes:
            reasoning.evaluated(doc, *evaluate_document(doc, reasoning.scenario))
            self.show_reasoning(show)

    def show_reasoning(self, show: bool = True) -> None:
        """Show the badges, the top bar's scenario and the analysis screen (when open) again."""
        if not show:
            return
        from argmap.tui.analysis_screen import AnalysisScreen

        host = self.host
        host.relabel()
        host.update_topbar()
        if isinstance(host.screen, AnalysisScreen):
            host.screen.refresh_scenario()

    def _evaluate_shown(self, doc: MapDocument) -> None:
        if doc is self.host.doc:  # else an edit came meanwhile: its own evaluation is on its way
            self._evaluate(doc, self.host.reasoning.scenario)

    def _evaluate(self, doc: MapDocument, scenario: Scenario | None) -> None:
        jobs.run_job(self.host, partial(jobs.evaluate_map, doc, scenario), jobs.EvaluationFailed,
                     name="evaluate", description="evaluate the map")

    def evaluated(self, message: jobs.MapEvaluated) -> None:
        if not self.host.reasoning.evaluated(message.doc, message.baseline, message.outcome):
            return  # an evaluation of a document shown before
        self.show_reasoning()
        if self.host.reasoning.scenario_id is not None:
            self.announce()

    def failed(self, message: jobs.EvaluationFailed) -> None:
        error = message.error
        self.host.notify(f"{type(error).__name__}: {error}", title="Evaluation failed", severity="error",
                         timeout=8)

    def set_scenario(self, scenario_id: str | None) -> None:
        """Show the map under a declared scenario (None: the baseline), and say what changed."""
        host = self.host
        reasoning = host.reasoning
        if host.doc.map is None:
            return
        if scenario_id is not None and reasoning.find(scenario_id) is None:
            host.notify(f"no scenario '{scenario_id}' in this map", severity="warning")
        elif scenario_id == reasoning.scenario_id:
            return
        elif reasoning.choose(scenario_id):
            self.show_reasoning()
            self.announce()
        else:
            self.evaluate_map()

    def announce(self) -> None:
        """Say what the scenario shown changes."""
        text, title, timeout = self.host.reasoning.announcement()
        self.host.notify(text, title=title, timeout=timeout)

    def toggle_standing(self) -> None:
        """Show or hide the acceptance badges."""
        reasoning = self.host.reasoning
        reasoning.show_standing = not reasoning.show_standing
        self.host.relabel()
        self.host.notify("acceptance badges " + ("shown" if reasoning.show_standing else "hidden"), timeout=2)
