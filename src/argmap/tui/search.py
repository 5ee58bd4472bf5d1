"""The search screen (`/`): fuzzy search over ids, paraphrases and quotes, results as you type, Enter jumps."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from argmap.analysis.search import SearchIndex
from argmap.errors import plural
from argmap.model import ArgMap
from argmap.tui.style import Look, node_line

RESULTS = 50


class SearchScreen(ModalScreen[str | None]):
    """Type to search; up and down choose a result; Enter goes to it; Escape goes back."""

    BINDING_GROUP_TITLE = "Search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", show=True),
        Binding("down", "move(1)", "Next result", show=False, priority=True),
        Binding("up", "move(-1)", "Previous result", show=False, priority=True),
        Binding("pagedown", "move(10)", "Page down", show=False, priority=True),
        Binding("pageup", "move(-10)", "Page up", show=False, priority=True),
    ]

    def __init__(self, index: SearchIndex, amap: ArgMap, look: Look, *, query: str = "",
                 cursor_blink: bool = True, title: str = "Search",
                 refuse: Callable[[str], str | None] | None = None) -> None:
        """`refuse`: why a node cannot be chosen (None: it can); a refused choice is told and the screen stays."""
        super().__init__()
        self.refuse = refuse
        self.title_text = title
        self.index = index
        self.amap = amap
        self.look = look
        self.initial = query
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(value=self.initial, placeholder="Search ids, paraphrases, quotes and notes",
                        id="search-input", select_on_focus=False)
            yield Static("", id="search-count")
            yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#search-box")
        box.border_title = self.title_text
        box.border_subtitle = "↑↓ choose · Enter go · Esc close"
        field = self.query_one(Input)
        field.cursor_blink = self.cursor_blink
        field.focus()
        self.update_results(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.update_results(event.value)

    def update_results(self, query: str) -> None:
        hits = self.index.search(query, limit=RESULTS)
        results = self.query_one(OptionList)
        options = []
        for hit in hits:
            node = self.amap.node(hit.node)
            if node is None:
                continue
            prompt = node_line(self.look, node)
            if hit.field in ("quote", "note"):
                prompt = Text.assemble(prompt, "\n    ", Text(f"{hit.field}: " + " ".join(hit.snippet.split()),
                                                             style=self.look.muted, no_wrap=True,
                                                             overflow="ellipsis"))
            options.append(Option(prompt, id=hit.node))
        results.set_options(options)
        if options:
            results.highlighted = 0
        count = self.query_one("#search-count", Static)
        if not query.strip():
            count.update(f"{plural(len(self.index), 'node')}: type to search")
        else:
            more = "+" if len(hits) == RESULTS else ""
            count.update(Text(f"{len(options)}{more} result{'s' if len(options) != 1 else ''} for “{query.strip()}”"))

    def action_move(self, delta: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted if results.highlighted is not None else -1
            results.highlighted = max(0, min(results.option_count - 1, current + delta))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one(OptionList)
        option = results.highlighted_option
        self._choose(option.id if option is not None else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, node_id: str | None) -> None:
        reason = self.refuse(node_id) if self.refuse is not None and node_id is not None else None
        if reason is not None:
            self.notify(reason, title="Not linked", severity="error", timeout=8, markup=False)
            return
        self.dismiss(node_id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
