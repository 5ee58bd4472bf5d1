"""The Problems pane: `argmap check`'s findings (the map's rule settings applied), each going to its node on
Enter; `x` fixes a quote finding (`argmap.tui.quote_fix`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from argmap.errors import Diagnostic
from argmap.tui.messages import ProblemSelected
from argmap.tui.style import Look


class FixRequested(Message):
    """The user asks to fix a finding (`x` on it)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__()
        self.diagnostic = diagnostic


class ProblemList(OptionList):
    """One finding per entry: `file:line:col severity message [rule]`."""

    BINDING_GROUP_TITLE = "Problems"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("x", "fix", "Fix", tooltip="Rewrite the quote to the source's exact passage (asks first when it is "
                "only the nearest one)"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Diagnostic] = []

    def show(self, findings: list[Diagnostic], look: Look, names: dict[str, str] | None = None,
             silenced: int = 0) -> None:
        """List `findings`; `names` maps a file as the findings name it to the name shown (the map's own file
        is shown by its name, never as an absolute path); a last line counts the `silenced` ones."""
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
        if silenced:
            note = (f"{silenced} finding{'s' if silenced != 1 else ''} silenced by the rule settings or the nodes' "
                    "'silence' (`argmap check --show-silenced` lists them)")
            options.append(Option(Text(note, style=look.muted), id="silenced", disabled=True))
        self.set_options(options)
        if self.findings:
            self.highlighted = 0

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.isdigit():
            self.post_message(ProblemSelected(self.findings[int(event.option.id)]))

    def action_fix(self) -> None:
        """Ask to fix the highlighted finding."""
        index = self.highlighted
        option = self.get_option_at_index(index) if index is not None else None
        if option is not None and option.id and option.id.isdigit():
            self.post_message(FixRequested(self.findings[int(option.id)]))
