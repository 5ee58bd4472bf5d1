"""Scrolled panes drawn line by line, cheap to update: changing their content repaints only them."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class QuietScroll(ScrollView):
    """A scroll view whose content size can change without a layout of the whole screen: only its scroll bar
    is updated (a layout still happens when the scroll bar appears or goes)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    _base_style: Style = Style()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style  # once per paint, not once per line (it walks the ancestors)
        return super().render_lines(crop)

    def _watch_virtual_size(self, size: Size) -> None:
        if self.is_mounted:
            self._scroll_update(size)

    def set_virtual_size(self, size: Size) -> None:
        self.virtual_size = size


class TextPane(QuietScroll, can_focus=True):
    """Rich text, wrapped to the pane and scrolled; cheap to replace (only this pane is redrawn)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False),
        Binding("k,up", "scroll_up", "Scroll up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text: Text = Text()
        self._strips: list[Strip] = []
        self._width = -1

    def update(self, text: Text) -> None:
        self.text = text
        self._width = -1
        self._layout_text()
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def render(self) -> Text:  # the text as a whole, for tests and screen readers
        return self.text

    def _layout_text(self) -> None:
        width = self.content_region.width - self.styles.scrollbar_size_vertical  # room for the scroll bar
        if width <= 0 or width == self._width:
            return
        self._width = width
        console = self.app.console
        lines = console.render_lines(self.text, console.options.update_width(width), pad=False)
        self._strips = [Strip(line).simplify() for line in lines]
        self.set_virtual_size(Size(width, len(self._strips)))

    def _on_resize(self, event: Resize) -> None:
        self._layout_text()

    def render_line(self, y: int) -> Strip:
        line = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        style = self._base_style
        if not 0 <= line < len(self._strips):
            return Strip.blank(width, style)
        return self._strips[line].apply_style(style).extend_cell_length(width, style).crop(0, width)
