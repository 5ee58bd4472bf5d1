"""The scenario chooser (`s`): the baseline first, the map's scenarios with what each assumes, then one scenario per
key assumption, rejecting it (`reject-ID`, as `argmap scenario` and `argmap assumptions` know them)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from argmap.analysis.scenarios import assumption_scenarios, assumption_text
from argmap.model import ArgMap
from argmap.tui.choice import ChoiceScreen
from argmap.tui.messages import ScenarioChosen


class ScenarioChoice(ChoiceScreen):
    """Choose one of `amap`'s scenarios, or the baseline; the choice goes to the app as a `ScenarioChosen`. `e`
    opens the scenario editor instead."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("e", "edit", "Edit scenarios", show=True)]

    def __init__(self, amap: ArgMap, current: str | None) -> None:
        choices: list[tuple[str, str | Text]] = [("", Text.assemble(("Baseline", "bold"),
                                                                    ("  the map as the author argues it", "dim")))]
        for scenario in amap.scenarios:
            choices.append((scenario.id, Text.assemble((scenario.title, "bold"),
                                                       ("  " + assumption_text(scenario), "dim"))))
        for scenario in assumption_scenarios(amap):
            node = amap.node(next(iter(scenario.assume)))
            status = getattr(getattr(node, "assumption", None), "status", None) or "no status"
            choices.append((scenario.id, Text.assemble((scenario.title, "bold"),
                                                       (f"  {scenario.id} · assumption {status}", "dim"))))
        super().__init__("Scenario", choices, current=current or "",
                         hint="See the map under a scenario's assumptions; Enter chooses, e edits the scenarios.")

    def choose(self, value: str | None) -> None:
        """Close on `value`; a choice (not a cancel) is posted to the app, which this screen sits on."""
        if value is not None:
            self.app.post_message(ScenarioChosen(value or None))
        super().choose(value)

    def action_edit(self) -> None:
        """Close, and open the scenario editor."""
        super().choose(None)
        self.app.call_later(self.app.run_action, "edit_part('scenarios')")
