"""The explorer's main screen: its layout, and painting its panes and top bar from what the app holds.

`Panes` finds the widgets once, after the app has composed them, and knows nothing of the app: each method is
handed what it shows. The app keeps the state and decides; this module keeps the widget plumbing out of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Footer, Static, TabbedContent, TabPane

from argmap.analysis.graph import Graph
from argmap.analysis.outline import Outline, Row
from argmap.errors import Diagnostic, has_errors
from argmap.io import MapDocument
from argmap.model import NodeBase
from argmap.tui.detail import DetailPane, RelationList
from argmap.tui.diagram_pane import DiagramPane
from argmap.tui.outline import OutlineTree
from argmap.tui.problems import ProblemList
from argmap.tui.source_view import SourceView
from argmap.tui.style import Look
from argmap.tui.topbar import status_line, title_line

EXPAND_ROOTS = 12


def compose_panes() -> ComposeResult:
    """The top bar, the outline on the left, detail above source and problems on the right (or the diagram in
    their place), the footer."""
    with Horizontal(id="topbar"):
        yield Static(id="topbar-left")
        yield Static(id="topbar-right")
    with Horizontal(id="main"):
        yield OutlineTree(id="outline")
        with Vertical(id="right"):
            yield DetailPane(id="detail")
            with TabbedContent(id="lower", initial="tab-source"):
                with TabPane("Source", id="tab-source"):
                    yield SourceView(id="source")
                with TabPane("Problems", id="tab-problems"):
                    yield ProblemList(id="problems")
            yield DiagramPane(id="diagram")
    yield Footer()


class Panes:
    """The widgets of the main screen (composed by `compose_panes` under `root`)."""

    def __init__(self, root: DOMNode) -> None:
        self.outline = root.query_one(OutlineTree)
        self.detail = root.query_one(DetailPane)
        self.relations = root.query_one(RelationList)
        self.source = root.query_one(SourceView)
        self.problems = root.query_one(ProblemList)
        self.diagram = root.query_one(DiagramPane)
        self.tabs = root.query_one(TabbedContent)
        self.lower = root.query_one("#lower")
        self.main = root.query_one("#main")
        self.title = root.query_one("#topbar-left", Static)
        self.status = root.query_one("#topbar-right", Static)

    def show_findings(self, doc: MapDocument, findings: list[Diagnostic], look: Look, silenced: int = 0) -> None:
        """List the findings in Problems (and how many the rule settings silence); its tab counts them and is
        marked when there are errors."""
        self.problems.show(findings, look, {doc.display_path: doc.path.name}, silenced)
        tab = self.tabs.get_tab("tab-problems")
        tab.label = f"Problems ({len(findings)})" if findings else "Problems"
        tab.set_class(has_errors(findings), "-errors")

    def show_outline(self, model: Outline | None, label: Callable[[Row], Any], grouping: str, described: str,
                     total: int) -> None:
        """Show `model` in the outline (its first roots opened in the argument tree); the title names the
        grouping and, under a filter (`described`), how many of the `total` nodes pass."""
        self.outline.show_outline(model, label, expand_roots=EXPAND_ROOTS if grouping == "argument" else 0)
        shown = model.count if model is not None else 0
        self.outline.border_title = Text(f"Outline · {grouping}" + (f" · {shown}/{total}" if described else ""))

    def show_topbar(self, doc: MapDocument, mark: str, findings: list[Diagnostic], caption: str | None,
                    described: str) -> None:
        """The file (with its unsaved `mark`) and title on the left; scenario, filter, counts and the share of the
        source the quotes cover on the right."""
        self.title.update(Text(title_line(doc, mark)))
        self.title.set_class(bool(mark), "-dirty")
        self.status.update(Text(status_line(doc.map, findings, caption, described, self.source.covered_share)))
        self.status.set_class(bool(described), "-filtered")
        self.status.set_class(bool(caption), "-scenario")

    def show_node(self, doc: MapDocument, graph: Graph, node_id: str | None, node: NodeBase | None, look: Look,
                  badge: Text | str | None, standing: list[tuple[str, str]]) -> None:
        """Show the focused node in Detail and its passages in Source."""
        self.detail.show(doc, graph, node, look, badge, standing)
        self.source.show_node(node_id)
        self.diagram.follow(doc, node_id)

    def toggle_diagram(self, show: bool | None = None) -> None:
        """Show the Diagram pane in place of Detail, Source and Problems (focused), or hide it again."""
        show = not self.diagram.display if show is None else show
        if show == self.diagram.display:
            if show:
                self.diagram.view.focus()
            return
        self.detail.display = self.lower.display = not show
        self.diagram.display = show
        self.main.set_class(show, "-diagram")
        if show:
            self.diagram.redraw()
            self.diagram.view.focus()
        else:
            if self.diagram.picture:
                self.diagram.toggle_picture()
            self.outline.focus()

    def reveal_or_home(self, node_id: str | None) -> None:
        """Put the outline's cursor on the node, or on the first row when it is not shown."""
        if node_id is None or not self.outline.reveal(node_id):
            self.outline.home_quietly()

    def focus(self, name: str) -> None:
        """Focus a pane: outline, detail, source, problems or diagram."""
        if name == "diagram":
            self.toggle_diagram(True)
            return
        self.toggle_diagram(False)
        if name == "outline":
            self.outline.focus()
        elif name == "detail":
            self.relations.focus()
        elif name == "source":
            self.tabs.active = "tab-source"
            self.source.focus()
        elif name == "problems":
            self.tabs.active = "tab-problems"
            self.problems.focus()

    def maximised(self, focused: Widget) -> Widget:
        """What to give the whole screen when `focused` (or a widget inside a pane) has the focus: the outline,
        the whole Detail pane (fields and relations), the lower tabs for Source and Problems, or the diagram."""
        for pane in (self.outline, self.detail, self.lower, self.diagram):
            if focused is pane or pane in focused.ancestors:
                return pane
        return focused
