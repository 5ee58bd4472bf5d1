"""The scenario editor (`e` in the scenario chooser, or the palette's "Edit scenarios…"): the map's scenarios with
what each assumes; Enter (or `i`) edits one in a form, `n` adds one, `x` removes one (asking first). Each change is
one edit (`argmap.tui.part_editor.PartEditor`), so undo, redo and saving (`u`, `U`, Ctrl+S) work here as
everywhere; the list follows every document the app shows (`document_shown`)."""

from __future__ import annotations

from typing import ClassVar, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from argmap.analysis.scenarios import assumption_text
from argmap.io import MapDocument


class ScenarioParts(Protocol):
    """What the list asks to do (`argmap.tui.part_editor.PartEditor` does it)."""

    def edit_scenario(self, scenario_id: str | None) -> None: ...

    def remove_scenario(self, scenario_id: str) -> None: ...


class ScenarioListScreen(ModalScreen[None]):
    """The scenarios of the shown map, to edit, add and remove."""

    BINDING_GROUP_TITLE = "Scenario editor"
    #: Actions of the app allowed while this screen is shown.
    APP_ACTIONS: ClassVar[frozenset[str]] = frozenset({"undo", "redo", "save"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True),
        Binding("i", "edit", "Edit", show=True, tooltip="Edit the highlighted scenario in a form"),
        Binding("n", "new", "New", show=True, tooltip="Add a scenario"),
        Binding("x,delete", "remove", "Remove", show=True, tooltip="Remove the highlighted scenario (asks first)"),
        Binding("j", "move('cursor_down')", "Down", show=False),
        Binding("k", "move('cursor_up')", "Up", show=False),
        Binding("u,ctrl+z", "app.undo", "Undo", show=False),
        Binding("U,ctrl+y", "app.redo", "Redo", show=False),
        Binding("ctrl+s", "app.save", "Save", show=False),
    ]

    def __init__(self, doc: MapDocument, parts: ScenarioParts) -> None:
        super().__init__()
        self.doc = doc
        self.parts = parts

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static("Enter edits · n adds · x removes · u undoes · Ctrl+S saves", id="choice-hint",
                         markup=False)
            yield OptionList(id="choice-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#choice-box").border_title = Text("Scenarios")
        self.show(self.doc)
        self.query_one(OptionList).focus()

    @property
    def ids(self) -> list[str]:
        """The scenario of each line, in order."""
        amap = self.doc.map
        return [s.id for s in amap.scenarios] if amap is not None else []

    def show(self, doc: MapDocument) -> None:
        """List the scenarios of `doc`, keeping the highlight on the same one (or at the same place)."""
        options = self.query_one(OptionList)
        old = self.ids
        keep = old[options.highlighted] if options.highlighted is not None and options.highlighted < len(old) \
            else None
        place = options.highlighted or 0
        self.doc = doc
        options.clear_options()
        amap = doc.map
        scenarios = amap.scenarios if amap is not None else []
        options.add_options([Option(Text.assemble((s.title, "bold"), (f"  {s.id} · {assumption_text(s)}", "dim")),
                                    id=s.id) for s in scenarios])
        if not scenarios:
            options.add_option(Option(Text("No scenarios yet: n adds one.", style="italic"), id="-none",
                                      disabled=True))
            return
        ids = self.ids
        added = [i for i in ids if i not in old]
        if len(added) == 1 and old:  # a scenario just added (or renamed): highlight it
            keep = added[0]
        options.highlighted = ids.index(keep) if keep in ids else min(place, len(ids) - 1)

    def document_shown(self, doc: MapDocument) -> None:
        self.show(doc)

    def highlighted(self) -> str | None:
        """The id of the highlighted scenario, if any."""
        index = self.query_one(OptionList).highlighted
        ids = self.ids
        return ids[index] if index is not None and index < len(ids) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        scenario = self.highlighted()
        if scenario is None:
            self.app.bell()
            return
        self.parts.edit_scenario(scenario)

    def action_new(self) -> None:
        self.parts.edit_scenario(None)

    def action_remove(self) -> None:
        scenario = self.highlighted()
        if scenario is None:
            self.app.bell()
            return
        self.parts.remove_scenario(scenario)

    def action_move(self, action: str) -> None:
        getattr(self.query_one(OptionList), f"action_{action}")()

    def action_close(self) -> None:
        self.dismiss(None)
