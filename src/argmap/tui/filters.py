"""The filter screen (`f`): keep nodes by kind, tag, actor and theme."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, SelectionList, Static
from textual.widgets.selection_list import Selection

from argmap.analysis.outline import FACETS, ViewFilter, facet_values
from argmap.model import ArgMap


class FilterScreen(ModalScreen[ViewFilter | None]):
    """Space ticks a value; Enter applies; `c` clears every value; Escape leaves the filter as it was."""

    BINDING_GROUP_TITLE = "Filter"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("enter", "apply", "Apply", show=True, priority=True),
        Binding("c", "clear", "Clear all", show=True),
    ]

    def __init__(self, amap: ArgMap, current: ViewFilter) -> None:
        super().__init__()
        self.amap = amap
        self.current = current

    def compose(self) -> ComposeResult:
        selections = []
        for facet, value, label, count in facet_values(self.amap):
            prompt = Text.assemble((f"{facet:6} ", "dim"), label, (f"  {count}", "dim"))
            selections.append(Selection(prompt, f"{facet}\t{value}", value in getattr(self.current, facet)))
        with Vertical(id="filter-box"):
            yield Static("Keep nodes with any ticked value of each facet (space ticks, enter applies).",
                         id="filter-help")
            yield SelectionList[str](*selections, id="filter-list")
            with Horizontal(id="filter-buttons"):
                yield Button("Apply", variant="primary", id="filter-apply")
                yield Button("Clear", id="filter-clear")
                yield Button("Cancel", id="filter-cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter-box").border_title = "Filter"
        self.query_one(SelectionList).focus()

    def chosen(self) -> ViewFilter:
        values: dict[str, set[str]] = {facet: set() for facet in FACETS}
        for item in self.query_one(SelectionList).selected:
            facet, _, value = item.partition("\t")
            values[facet].add(value)
        result = ViewFilter()
        for facet, chosen in values.items():
            result = result.with_values(facet, chosen)
        return result

    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    def action_clear(self) -> None:
        self.query_one(SelectionList).deselect_all()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "filter-apply":
            self.action_apply()
        elif event.button.id == "filter-clear":
            self.action_clear()
        else:
            self.action_cancel()
