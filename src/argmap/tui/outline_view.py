"""The outline the explorer shows: the shown map grouped and filtered as the app says, its rows labelled with the
nodes' badges, the node focused first, and the outline built again when the grouping or the filter changes.

The app owns the grouping and the filter (reactive: its watchers call `OutlineView`); `OutlineView` holds the
outline's model and reaches the app only through `OutlineHost`.
"""

from __future__ import annotations

from typing import Any, Protocol

from textual.notifications import SeverityLevel

from argmap.analysis.graph import Graph
from argmap.analysis.outline import Outline, Row, ViewFilter
from argmap.io import MapDocument
from argmap.tui.panes import Panes
from argmap.tui.reasoning import ReasoningState
from argmap.tui.style import Look, row_label


class OutlineHost(Protocol):
    """What the outline needs of the explorer: the shown document and its graph, the grouping, the filter, the
    focused node, the reasoning (badges), the look, the panes, the top bar and notifications."""

    @property
    def doc(self) -> MapDocument: ...

    @property
    def graph(self) -> Graph: ...

    @property
    def grouping(self) -> str: ...

    @property
    def view_filter(self) -> ViewFilter: ...

    @property
    def focused_node(self) -> str | None: ...

    @property
    def reasoning(self) -> ReasoningState: ...

    @property
    def look(self) -> Look: ...

    @property
    def panes(self) -> Panes: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None) -> None: ...

    def update_topbar(self) -> None: ...


class OutlineView:
    """The outline's model of the shown map (None when the map does not load)."""

    def __init__(self, host: OutlineHost) -> None:
        self.host = host
        self.model: Outline | None = None

    def rebuild(self) -> None:
        """Build the outline again from the shown map, grouping and filter, and show it."""
        host = self.host
        amap = host.doc.map
        self.model = Outline(amap, host.grouping, host.view_filter, host.graph) if amap is not None else None
        host.panes.show_outline(self.model, self.label, host.grouping, host.view_filter.describe(),
                                len(amap.by_id) if amap is not None else 0)
        host.update_topbar()

    def label(self, row: Row) -> Any:
        """The outline's text for `row`: its node's kind, id and text, with the node's badge."""
        host = self.host
        amap = host.doc.map
        node = amap.node(row.node) if amap is not None and row.node is not None else None
        badge = host.reasoning.badge(row.node, host.look) if row.node is not None else None
        return row_label(host.look, row, node, badge)

    def first_node(self) -> str | None:
        """The node to focus when none is: the outline's first (or the first under its first group), else the
        map's first."""
        if self.model is not None:
            for row in self.model.roots():
                if row.node is not None:
                    return row.node
                children = self.model.children(row)
                if children and children[0].node is not None:
                    return children[0].node
        amap = self.host.doc.map
        if amap is not None and amap.nodes:
            return amap.nodes[0].id
        return None

    def reveal_or_home(self) -> None:
        """Put the outline's cursor on the focused node, or on the first row when it is not shown."""
        self.host.panes.reveal_or_home(self.host.focused_node)

    def grouping_changed(self) -> None:
        self.rebuild()
        self.reveal_or_home()

    def filter_changed(self) -> None:
        """Show the outline and the diagram under the new filter, and say which it is."""
        host = self.host
        self.rebuild()
        host.panes.diagram.follow(host.doc, host.focused_node)
        self.reveal_or_home()
        described = host.view_filter.describe()
        host.notify(f"filter: {described}" if described else "filter cleared", timeout=2)
