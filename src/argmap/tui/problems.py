"""The Problems pane: `argmap check`'s findings, each going to its node on Enter."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from argmap.errors import Diagnostic
from argmap.tui.messages import ProblemSelected
from argmap.tui.style import Look


class ProblemList(OptionList):
    """One finding per entry: `file:line:col severity message [rule]`."""

    BINDING_GROUP_TITLE = "Problems"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Diagnostic] = []

    def show(self, findings: list[Diagnostic], look: Look, names: dict[str, str] | None = None) -> None:
        """List `findings`; `names` maps a file as the findings name it to the name shown (the map's own file
        is shown by its name, never as an absolute path)."""
        self.findings = list(findings)
        names = names or {}
        options: list[Option] = []
        for index, diag in enumerate(self.findings):
            line = Text()
            file = names.get(diag.file, diag.file)
            where = f"{file}:{diag.line}:{diag.column}" if diag.line else file
            line.append(where, style=look.muted)
            line.append("  ")
            line.append(diag.severity, style=look.severity(diag.severity))
            line.append("  ")
            if diag.node:
                line.append(f"{diag.node}: ", style="bold")
            line.append(diag.message)
            line.append(f" [{diag.rule}]", style=look.muted)
            options.append(Option(line, id=str(index)))
        if not options:
            options.append(Option(Text("No problems found.", style="italic"), id="none", disabled=True))
        self.set_options(options)
        if self.findings:
            self.highlighted = 0

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.isdigit():
            self.post_message(ProblemSelected(self.findings[int(event.option.id)]))
