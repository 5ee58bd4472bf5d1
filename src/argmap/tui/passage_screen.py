"""Select a passage of a source text to quote in a new node: shift+arrows or the mouse select, Enter takes it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea
from textual.widgets.text_area import Document


class PassageScreen(ModalScreen[tuple[int, int] | None]):
    """The source text, read-only, with the cursor at `offset`; dismisses with the selection's (start, end)."""

    BINDING_GROUP_TITLE = "Select a passage"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "take", "Quote the selection", show=True, priority=True),
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    def __init__(self, title: str, text: str, offset: int = 0, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.start_offset = max(0, min(offset, len(text)))
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(id="passage-box"):
            yield Static("Select the passage (shift+arrows, shift+ctrl+arrows for words, or drag with the mouse); "
                         "Enter quotes it.", id="passage-help")
            yield TextArea(self.text, read_only=True, soft_wrap=True, show_line_numbers=False, id="passage-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passage-box").border_title = Text(self.title_text)
        area = self.query_one(TextArea)
        area.cursor_blink = self.cursor_blink
        area.cursor_location = _document(area).get_location_from_index(self.start_offset)
        area.scroll_cursor_visible(center=True, animate=False)
        area.focus()

    @property
    def selection(self) -> tuple[int, int]:
        """The selected (start, end) character offsets in the text, with surrounding white space left out."""
        area = self.query_one(TextArea)
        document = _document(area)
        start, end = sorted((document.get_index_from_location(area.selection.start),
                             document.get_index_from_location(area.selection.end)))
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def select(self, start: int, end: int) -> None:
        """Select characters `start` to `end` (for scripts and tests)."""
        from textual.widgets.text_area import Selection

        area = self.query_one(TextArea)
        document = _document(area)
        area.selection = Selection(document.get_location_from_index(start), document.get_location_from_index(end))

    def action_take(self) -> None:
        start, end = self.selection
        if start == end:
            self.notify("Select the words to quote first (shift+arrows or the mouse).", severity="warning",
                        markup=False)
            return
        self.dismiss((start, end))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _document(area: TextArea) -> Document:
    document = area.document
    assert isinstance(document, Document)  # a plain-text area (no syntax highlighting)
    return document
