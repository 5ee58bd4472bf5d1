"""Questions with a few answers (save, discard, cancel...) and a read-only text (a diff), as modal screens."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Static


class ConfirmScreen(ModalScreen[str | None]):
    """A message and buttons; dismisses with the id of the button pressed (or its key), None on Escape."""

    BINDING_GROUP_TITLE = "Question"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("left,h", "app.focus_previous", "Previous button", show=False),
        Binding("right,l", "app.focus_next", "Next button", show=False),
    ]

    def __init__(self, title: str, message: str | Text, answers: Sequence[tuple[str, str]], *,
                 default: str | None = None, danger: Sequence[str] = ()) -> None:
        """`answers`: (id, label) pairs; a label's first letter, underlined by convention, also answers."""
        super().__init__()
        self.title_text = title
        self.message = message
        self.answers = list(answers)
        self.default = default or (self.answers[0][0] if self.answers else None)
        self.danger = set(danger)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            with VerticalScroll(id="confirm-message"):
                yield Static(self.message, markup=False)
            with Horizontal(id="confirm-buttons"):
                for answer, label in self.answers:
                    if answer in self.danger:
                        yield Button(label, id=f"answer-{answer}", variant="error")
                    else:
                        yield Button(label, id=f"answer-{answer}",
                                     variant="primary" if answer == self.default else "default")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm-box").border_title = Text(self.title_text)
        if self.default is not None:
            self.query_one(f"#answer-{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("answer-"))

    def on_key(self, event: events.Key) -> None:
        key = event.character
        if not key or not key.isalpha():
            return
        for answer, label in self.answers:
            if label[:1].lower() == key.lower():
                event.stop()
                self.dismiss(answer)
                return

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_before_discarding(form: Screen[Any], what: str, *, discard: Callable[[], object],
                          save: Callable[[], object]) -> None:
    """Every form's Escape with changes typed: keep editing (the default, and Escape again), save, or discard."""

    def answered(answer: str | None) -> None:
        if answer == "discard":
            discard()
        elif answer == "save":
            save()

    form.app.push_screen(ConfirmScreen("Discard the changes?", f"{what}: your changes are not saved.",
                                       [("keep", "Keep editing"), ("save", "Save"), ("discard", "Discard")],
                                       default="keep", danger=["discard"]), answered)


class TextScreen(ModalScreen[None]):
    """A read-only text to scroll through (a diff, the edits a journal holds); Escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, title: str, text: str | Text) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="text-box"):
            yield Static(self.text, markup=False)
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#text-box")
        box.border_title = Text(self.title_text)
        box.focus()

    def action_scroll(self, delta: int) -> None:
        self.query_one("#text-box", VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


def diff_text(diff: str) -> Text:
    """A unified diff, coloured: additions green, removals red, hunks dim."""
    text = Text()
    for line in diff.splitlines(keepends=True):
        style = ("green" if line.startswith("+") and not line.startswith("+++") else
                 "red" if line.startswith("-") and not line.startswith("---") else
                 "dim" if line.startswith(("@@", "---", "+++")) else "")
        text.append(line, style=style)
    return text or Text("No difference.", style="italic")
