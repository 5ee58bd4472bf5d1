"""The key assumptions screen (`K`): every assumption the map marks, its status, and what rejecting it does.

The rows are `argmap assumptions`' (`argmap.analysis.assumptions.key_assumptions`, on top of the chosen scenario):
status, where the assumption stands, the impact of rejecting it and the conclusions that change label. Under the
table, the highlighted assumption's reason and what would make it wrong. Enter goes to the node (a `NodeChosen`
message); `s` shows the map under the scenario rejecting it (`reject-ID`, a `ScenarioChosen` message). The screen
is given the rows when it is built.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from argmap.analysis.assumptions import AssumptionEffect, changes_text, key_assumptions
from argmap.analysis.tables import number
from argmap.tui.messages import NodeChosen, ScenarioChosen
from argmap.tui.reasoning import ReasoningState
from argmap.tui.screen_host import ScreenHost
from argmap.tui.style import Look

#: Which theme colour marks each status: the weakest assumptions stand out.
STATUS_ROLES = {"solid": "success", "caveated": "warning", "unsupported": "warning", "failed": "error"}


class AssumptionsScreen(ModalScreen[None]):
    """The key assumptions; Enter goes to one, `s` rejects it."""

    BINDING_GROUP_TITLE = "Key assumptions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True),
        Binding("s", "reject", "Reject it", show=True,
                tooltip="See the map under the scenario rejecting the highlighted assumption"),
    ]

    def __init__(self, rows: list[AssumptionEffect], look: Look, caption: str | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.look = look
        self.caption = caption

    def compose(self) -> ComposeResult:
        with Vertical(id="assumptions-box"):
            yield Static(id="assumptions-head")
            yield DataTable(id="assumptions-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="assumptions-detail")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#assumptions-box")
        box.border_title = "Key assumptions"
        box.border_subtitle = "Enter goes to the node · s rejects it · Esc closes"
        self.query_one("#assumptions-head", Static).update(Text(
            "Each assumption held false in turn; impact = Σ|Δprobability| + Σ|Δstrength| over the other claims and "
            "forecasts" + (f" ({self.caption})" if self.caption else "") + ".", style=self.look.muted))
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_columns("assumption", "status", "stands", "impact", "rejecting it changes")
        for row in self.rows:
            role = STATUS_ROLES.get(row.status or "")
            status = Text(row.status or "(none)", style=Style(color=self.look.colour(role, "white"), bold=True)
                          if role else self.look.muted)
            table.add_row(Text(row.node), status, Text(f"{row.label} {row.strength:.2f}"),
                          Text(number(row.impact, 2), justify="right"), Text(changes_text(row)), key=row.node)
        self._describe()
        table.focus()

    def _current(self) -> AssumptionEffect | None:
        table = self.query_one(DataTable)
        return self.rows[table.cursor_row] if 0 <= table.cursor_row < len(self.rows) else None

    def _describe(self) -> None:
        row = self._current()
        text = Text()
        if row is not None:
            text.append(row.node, style="bold")
            text.append(f"  {' '.join(row.text.split())}")
            if row.reason:
                text.append("\nwhy: ", style=self.look.muted)
                text.append(" ".join(row.reason.split()))
            if row.would_fail_if:
                text.append("\nwrong if: ", style=self.look.muted)
                text.append(" ".join(row.would_fail_if.split()))
        self.query_one("#assumptions-detail", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._describe()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self._current()
        if row is not None:
            self.app.post_message(NodeChosen(row.node, self))

    def action_reject(self) -> None:
        row = self._current()
        if row is None:
            self.app.bell()
            return
        self.app.post_message(ScenarioChosen(row.scenario))
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


def open_assumptions(host: ScreenHost, reasoning: ReasoningState) -> None:
    """Open the key assumptions screen of the shown map, rejecting each on top of the chosen scenario."""
    amap = host.doc.map
    if amap is None:
        host.notify("the map does not load: no assumptions to show", severity="warning")
        return
    if not any(getattr(node, "assumption", None) is not None for node in amap.nodes):
        host.notify("this map marks no key assumption (add `assumption: {status, reason, would_fail_if}` to a "
                    "claim)", timeout=5)
        return
    scenario = reasoning.scenario
    rows = key_assumptions(amap, scenario=scenario)
    host.push_screen(AssumptionsScreen(rows, host.look, reasoning.caption()))
