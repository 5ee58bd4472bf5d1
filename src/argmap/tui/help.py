"""The help screen (`?`): every key binding of every pane, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

#: Keys that Textual itself provides, shown with the app's own.
BUILT_IN: list[tuple[str, str]] = [
    ("tab / shift+tab", "next / previous pane"),
    ("ctrl+p", "command palette: go to a node, run a command"),
    ("ctrl+q", "quit"),
    ("mouse", "click a row, a relation, a passage or a finding; scroll with the wheel"),
]


def binding_rows(node_class: type[DOMNode], app: App[object] | None = None) -> list[tuple[str, str]]:
    """(keys, description) for each action bound on a class (its own and inherited bindings)."""
    by_action: dict[str, tuple[list[str], str]] = {}
    for _key, binding in node_class._merge_bindings():  # the class's bindings merged with its bases'
        if binding.system or not binding.description:
            continue
        plain = replace(binding, key_display=None)  # each key by its own name, not the footer's short form
        display = app.get_key_display(plain) if app is not None else binding.key
        keys, _description = by_action.setdefault(binding.action, ([], binding.tooltip or binding.description))
        if display not in keys:
            keys.append(display)
    return [(" ".join(keys), description) for keys, description in by_action.values()]


def help_table(sections: Iterable[tuple[str, list[tuple[str, str]]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    first = True
    for title, rows in sections:
        if not rows:
            continue
        if not first:
            table.add_row("", "")
        first = False
        table.add_row(Text(title, style="bold underline"), "")
        for keys, description in rows:
            table.add_row(keys, description)
    return table


class HelpScreen(ModalScreen[None]):
    """Every binding, grouped by pane."""

    BINDING_GROUP_TITLE = "Help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", show=True),
        Binding("j,down", "scroll(1)", "Scroll down", show=False),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False),
    ]

    def __init__(self, classes: list[type[DOMNode]]) -> None:
        super().__init__()
        self.binding_classes = classes

    def compose(self) -> ComposeResult:
        sections: list[tuple[str, list[tuple[str, str]]]] = []
        for node_class in self.binding_classes:
            title = getattr(node_class, "BINDING_GROUP_TITLE", None) or node_class.__name__
            rows = binding_rows(node_class, self.app)
            if node_class is type(self.app):
                rows += BUILT_IN
            sections.append((title, rows))
        with VerticalScroll(id="help-box"):
            yield Static(help_table(sections), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Keys"
        box.border_subtitle = "Esc close"
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, delta: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=delta, animate=False)
