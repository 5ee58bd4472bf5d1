"""Moving the explorer's focus from node to node, and showing the focused node in every pane: a jump (a relation
followed, a search result, a finding, a node chosen on another screen) is a step in the history and reveals the
node in the outline; a cursor move is not; back and forward walk the history.

The app owns the focused node (reactive: every pane follows it) and the history; `Navigator` decides the moves
and reaches the app only through `NavigationHost`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from textual.notifications import SeverityLevel
from textual.screen import Screen

from argmap.analysis.graph import Graph
from argmap.analysis.navigation import History, node_of
from argmap.analysis.outline import ViewFilter
from argmap.errors import Diagnostic, has_errors
from argmap.io import MapDocument
from argmap.tui.messages import NodeChosen, ProblemSelected
from argmap.tui.panes import Panes
from argmap.tui.reasoning import ReasoningState
from argmap.tui.style import Look


class NavigationHost(Protocol):
    """What a move needs of the explorer: the shown document, its graph and findings, the focused node, the
    history, the filter, the reasoning (badges), the look, the panes, the screen shown, notifications, the bell."""

    focused_node: str | None

    @property
    def findings(self) -> list[Diagnostic]: ...

    @property
    def doc(self) -> MapDocument: ...

    @property
    def graph(self) -> Graph: ...

    @property
    def history(self) -> History: ...

    @property
    def reasoning(self) -> ReasoningState: ...

    @property
    def look(self) -> Look: ...

    @property
    def view_filter(self) -> ViewFilter: ...

    @property
    def panes(self) -> Panes: ...

    @property
    def screen(self) -> Screen[Any]: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None) -> None: ...

    def bell(self) -> None: ...

    def batch_update(self) -> AbstractContextManager[None]: ...

    def pop_screen(self) -> object: ...


class Navigator:
    """The explorer's moves between nodes."""

    def __init__(self, host: NavigationHost) -> None:
        self.host = host

    def start(self, node_id: str | None) -> None:
        """The first focus: on `node_id` when the map has it; on Problems when the map does not load or has
        errors, else on the outline."""
        host = self.host
        amap = host.doc.map
        if node_id is not None and amap is not None and amap.node(node_id) is not None:
            self.focus_node(node_id)
        if amap is None or has_errors(host.findings):
            host.panes.focus("problems")
        else:
            host.panes.outline.focus()

    def focus_node(self, node_id: str, *, jump: bool = True) -> bool:
        """Focus a node in every pane. A jump is a step in the history and reveals the node in the outline."""
        host = self.host
        amap = host.doc.map
        if amap is None or amap.node(node_id) is None:
            host.notify(f"no node '{node_id}' in this map", severity="warning")
            return False
        if jump:
            host.history.visit(node_id)
        else:
            host.history.replace(node_id)
        with host.batch_update():  # one frame for every pane
            host.focused_node = node_id
            revealed = not jump or host.panes.outline.reveal(node_id)
        if not revealed:
            host.notify(f"'{node_id}' is hidden by the filter ({host.view_filter.describe()})", timeout=3)
        return True

    def show_focused(self) -> None:
        """Show the focused node in every pane: its fields and badge, its relations, its passages."""
        host = self.host
        node_id = host.focused_node
        amap = host.doc.map
        node = amap.node(node_id) if amap is not None and node_id is not None else None
        badge = host.reasoning.badge(node_id, host.look) if node_id is not None else None
        standing = host.reasoning.standing_fields(node) if node is not None else []
        host.panes.show_node(host.doc, host.graph, node_id, node, host.look, badge, standing)

    def back(self) -> None:
        self._go(self.host.history.back())

    def forward(self) -> None:
        self._go(self.host.history.forward())

    def _go(self, node_id: str | None) -> None:
        if node_id is None:
            self.host.bell()
            return
        self.host.focused_node = node_id
        self.host.panes.outline.reveal(node_id)

    def node_chosen(self, message: NodeChosen) -> None:
        """A screen over the main one asks to go to a node: close it (when still shown), then jump."""
        if self.host.screen is message.origin:
            self.host.pop_screen()
        self.focus_node(message.node_id)

    def problem_selected(self, message: ProblemSelected) -> None:
        """Go to the node a finding is about, or say what it is about when no node."""
        diag = message.diagnostic
        doc = self.host.doc
        node = node_of(doc, diag)
        if node is None:
            where = f"line {diag.line}, column {diag.column}" if diag.line else "the file as a whole"
            self.host.notify(f"This finding is about {where} of {doc.path.name}, not about one node.", timeout=4)
            return
        self.focus_node(node)
