"""The Outline pane: the argument as a tree (or nodes grouped), children built when a row is expanded."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from argmap.analysis.outline import Outline, Row
from argmap.tui.messages import NodeSelected

LabelFn = Callable[[Row], Text]


class OutlineTree(Tree[Row]):
    """Rows of an `Outline`; a row's children are added the first time it is expanded."""

    #: Opening a row changes the number of lines; only the scroll bar needs to know (see `QuietScroll`).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def _watch_virtual_size(self, size: Size) -> None:
        if self.is_mounted:
            self._scroll_update(size)

    BINDING_GROUP_TITLE = "Outline"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("l,right", "open_or_child", "Expand / into", show=False),
        Binding("h,left", "close_or_parent", "Collapse / out", show=False),
        Binding("enter", "select_cursor", "Toggle or go to the placed row", show=False),
        Binding("asterisk", "expand_all_below", "Expand all below", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("map", id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self.model: Outline | None = None
        self._labeller: LabelFn = lambda row: Text(row.key)
        self._filled: set[int] = set()
        self._placed: dict[str, TreeNode[Row]] = {}
        self._quiet: list[TreeNode[Row]] = []  # rows the app moved the cursor to: not echoed back

    # -- building -------------------------------------------------------------------------------------------

    def show_outline(self, model: Outline | None, labeller: LabelFn, *, expand_roots: int = 0) -> None:
        """Replace the rows with those of `model`; expand the first `expand_roots` roots one level."""
        self.model = model
        self._labeller = labeller
        self.clear()
        self.cursor_line = -1  # `clear` keeps the old cursor row
        self._quiet = []
        self._filled = {self.root.id}
        self._placed = {}
        if model is None:
            return
        for index, row in enumerate(model.roots()):
            node = self._add(self.root, row)
            if index < expand_roots and row.has_children:
                self.fill(node)
                node.expand()

    def _add(self, parent: TreeNode[Row], row: Row) -> TreeNode[Row]:
        node = parent.add(self._labeller(row), row, allow_expand=row.has_children)
        if row.node is not None and not row.reference:
            self._placed.setdefault(row.key, node)
        return node

    def fill(self, node: TreeNode[Row]) -> None:
        """Add the children of `node` unless already there."""
        if node.id in self._filled or node.data is None or self.model is None:
            return
        self._filled.add(node.id)
        for row in self.model.children(node.data):
            self._add(node, row)

    def get_label_width(self, node: TreeNode[Row]) -> int:
        """Labels are cut at the pane's edge (the Detail pane shows the whole text), so their width does not
        matter; not measuring them keeps expanding rows fast on huge maps."""
        return 0

    def relabel(self) -> None:
        """Recompute every label (after a change of theme or badges)."""
        def walk(node: TreeNode[Row]) -> None:
            for child in node.children:
                if child.data is not None:
                    child.set_label(self._labeller(child.data))
                walk(child)
        walk(self.root)

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[Row]) -> None:
        self.fill(event.node)

    # -- moving ---------------------------------------------------------------------------------------------

    def reveal(self, node_id: str) -> bool:
        """Open the rows down to where `node_id` is placed and put the cursor on it; False if the view hides it."""
        if self.model is None:
            return False
        current = self.cursor_node
        if current is not None and current.data is not None and current.data.node == node_id \
                and not current.data.reference:
            return True
        path = self.model.path_to(node_id)
        if not path:
            return False
        parent = self.root
        target: TreeNode[Row] | None = None
        for row in path:
            self.fill(parent)
            target = next((child for child in parent.children if child.data is not None and child.data.key == row.key),
                          None)
            if target is None:
                return False
            if row is not path[-1]:
                self.fill(target)
                if not target.is_expanded:
                    target.expand()
            parent = target
        assert target is not None
        self._tree_lines  # noqa: B018 - rebuild the line index now, so that the row has its line
        if self.cursor_node is not target:
            self._quiet.append(target)
        self.move_cursor(target)  # scrolls it into view
        return True

    def home_quietly(self) -> None:
        """Put the cursor on the first row without changing the focused node."""
        first = self.get_node_at_line(0)
        if first is not None and self.cursor_node is not first:
            self._quiet.append(first)
            self.move_cursor(first)

    def current_row(self) -> Row | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def action_open_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self.fill(node)
            node.expand()
        elif node.children:
            self._tree_lines  # noqa: B018 - make sure the children have line numbers
            self.move_cursor(node.children[0])

    def action_close_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_expand_all_below(self) -> None:
        """Open every row under the cursor (up to 2,000 rows, so a huge map stays responsive)."""
        start = self.cursor_node
        if start is None:
            return
        budget = 2000
        stack = [start]
        while stack and budget > 0:
            node = stack.pop()
            self.fill(node)
            if node.allow_expand:
                node.expand()
            budget -= len(node.children)
            stack.extend(reversed(node.children))

    def _on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Row]) -> None:
        event.stop()
        if any(event.node is quiet for quiet in self._quiet):  # the app put the cursor there: it knows
            self._quiet = [quiet for quiet in self._quiet if quiet is not event.node]
            return
        row = event.node.data
        if row is not None and row.node is not None:
            self.post_message(NodeSelected(row.node, jump=False))

    def _on_tree_node_selected(self, event: Tree.NodeSelected[Row]) -> None:
        event.stop()
        row = event.node.data
        if row is None:
            return
        if row.reference and row.node is not None:
            self.reveal(row.node)
            self.post_message(NodeSelected(row.node, jump=True))
        elif event.node.allow_expand:
            self.fill(event.node)
            event.node.toggle()
