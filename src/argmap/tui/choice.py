"""Pick one of a few options (a scenario, a node kind, a relation type): a list, Enter chooses, Escape cancels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option


class ChoiceScreen(ModalScreen[str | None]):
    """A titled list of `(value, prompt)` choices; dismisses with the chosen value, or None on Escape."""

    BINDING_GROUP_TITLE = "Choice"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("j", "move('cursor_down')", "Down", show=False),
        Binding("k", "move('cursor_up')", "Up", show=False),
    ]

    def __init__(self, title: str, choices: Sequence[tuple[str, str | Text]], *, current: str | None = None,
                 hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            if self.hint:
                yield Static(self.hint, id="choice-hint")
            yield OptionList(*(Option(prompt, id=value) for value, prompt in self.choices), id="choice-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#choice-box").border_title = self.title_text
        options = self.query_one(OptionList)
        values = [value for value, _prompt in self.choices]
        if self.current in values:
            options.highlighted = values.index(self.current)
        elif values:
            options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option.id)

    def action_move(self, action: str) -> None:
        getattr(self.query_one(OptionList), f"action_{action}")()

    def action_cancel(self) -> None:
        self.choose(None)

    def choose(self, value: str | None) -> None:
        """Close with the chosen value (None: cancelled); a subclass may say more about the choice first."""
        self.dismiss(value)
