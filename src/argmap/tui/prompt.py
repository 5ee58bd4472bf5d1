"""A one-line question (a folder to export to, for example)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static


class PromptScreen(ModalScreen[str | None]):
    """Ask for one value; Enter answers, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=True)]

    def __init__(self, title: str, question: str, value: str = "", *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.value = value
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(self.question, markup=False)
            yield Input(value=self.value, id="prompt-input")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#prompt-box").border_title = Text(self.title_text)
        field = self.query_one(Input)
        field.cursor_blink = self.cursor_blink
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
