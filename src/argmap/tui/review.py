"""The explorer's review of a draft (`R`): it walks the nodes and relations `argmap draft` proposed (`drafted:
true`) in the order of the text, each drafted relation right after the later of its two ends (`review_walk`), and
the analyst accepts, retypes, merges, splits or drops each node, and accepts, retypes, reverses or drops each
relation.

Each action is one edit of the file's session (`FileController.edit`), so `u` takes it back and `Ctrl+S` saves it
like any other edit; the screen follows the shown document (`FollowsDocument`) and goes on with the next drafted
item. The main screen stays in view above the panel, focused on the node under review (for a relation, its
source), its passage lit in Source.

* `a` accept: the draft mark of the node or relation goes (a node's relations keep theirs: each is reviewed);
* `t` retype: choose the node's kind (a forecast gets the text's words of estimative probability), or the
  relation's type (what `argmap edit --retype` and `argmap check` refuse is refused, with the reason);
* `m` merge the node with the next node in the text (quotes joined into one passage when they are side by side);
* `←` `→` move the split point word by word in the quote, `s` splits there (the rest becomes a drafted node);
* `r` reverse a relation (its source becomes its target);
* `d` drop the node, with its relations, or the relation;
* `n` `p` the next or previous drafted item; `Esc` closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from argmap.analysis.draft import slug_for
from argmap.analysis.draft_cues import estimative_words
from argmap.edit import operations as edit_ops
from argmap.edit import review_ops
from argmap.io import MapDocument
from argmap.model import NODE_KINDS, RELATION_TYPES, NodeBase, Relation
from argmap.tui.editing import link_refusal
from argmap.tui.map_file import FileController
from argmap.tui.review_walk import (
    Item,
    drafted_in_order,
    node_panel,
    relation_of,
    relation_panel,
    review_order,
    text_order,
    word_starts,
)
from argmap.tui.style import Look

__all__ = ["ReviewHost", "ReviewScreen", "drafted_in_order", "open_review", "review_order", "text_order",
           "word_starts"]

#: The panel's actions that only a node has, and those only a relation has.
NODE_ACTIONS = frozenset({"merge", "split", "move_split"})
RELATION_ACTIONS = frozenset({"reverse"})


class ReviewHost(Protocol):
    """What the review needs of the explorer: the shown document, its file, focusing a node, the look and the
    explorer's modal screens."""

    @property
    def doc(self) -> MapDocument: ...

    @property
    def files(self) -> FileController: ...

    @property
    def look(self) -> Look: ...

    def focus_node(self, node_id: str, *, jump: bool = True) -> bool: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None) -> None: ...

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> Any: ...


class ReviewScreen(ModalScreen[None]):
    """The panel of the review, docked under the main screen."""

    BINDING_GROUP_TITLE = "Review of the draft"
    DEFAULT_CSS = """
    ReviewScreen { align: center bottom; background: $background 0%; }
    #review-box { height: auto; max-height: 16; width: 100%; border: round $accent; background: $panel;
                  padding: 0 1; }
    #review-quote { margin-top: 1; }
    """
    #: The explorer's keys that stay active under the panel.
    APP_ACTIONS: ClassVar[frozenset[str]] = frozenset({"undo", "redo", "save"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept", tooltip="Accept as drafted (removes the draft mark)"),
        Binding("t", "retype", "Retype", tooltip="Choose another kind, or another type of relation"),
        Binding("m", "merge", "Merge next", tooltip="Merge with the next node in the text"),
        Binding("s", "split", "Split", tooltip="Split the quote at the split point (← →)"),
        Binding("r", "reverse", "Reverse", tooltip="Swap the relation's source and target"),
        Binding("d", "drop", "Drop", tooltip="Remove the node and its relations, or the relation"),
        Binding("right", "move_split(1)", "Split point right", show=False),
        Binding("left", "move_split(-1)", "Split point left", show=False),
        Binding("n,j", "step(1)", "Next", show=False),
        Binding("p,k", "step(-1)", "Previous", show=False),
        Binding("u,ctrl+z", "app.undo", "Undo", show=False),
        Binding("U,ctrl+y", "app.redo", "Redo", show=False),
        Binding("ctrl+s", "app.save", "Save", show=False),
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(self, host: ReviewHost) -> None:
        super().__init__()
        self.host = host
        self.order: list[Item] = review_order(host.doc)
        self.current: Item | None = self.order[0] if self.order else None
        self.split_at = 0
        self.left: set[Item] = set()  # the items reviewed (accepted, dropped, merged away) since the review opened
        self._follow: Item | None = None  # what an edit of the current relation makes of it (retyped, reversed)

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box"):
            yield Static(id="review-head", markup=False)
            yield Static(id="review-quote", markup=False)
            yield Static(id="review-links", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-box").border_title = "Review of the draft"
        self._go(self.current)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A node's actions are hidden on a relation, a relation's on a node."""
        if action in NODE_ACTIONS:
            return not isinstance(self.current, tuple)
        if action in RELATION_ACTIONS:
            return isinstance(self.current, tuple)
        return True

    # -- what is shown ------------------------------------------------------------------------------------------

    def _node(self) -> NodeBase | None:
        amap = self.host.doc.map
        return amap.node(self.current) if amap is not None and isinstance(self.current, str) else None

    def _relation(self) -> Relation | None:
        return relation_of(self.host.doc, self.current)

    def _quote(self) -> str:
        node = self._node()
        return node.quotes[0].text if node is not None and node.quotes else ""

    def _go(self, item: Item | None) -> None:
        self.current = item
        quote = self._quote()
        starts = word_starts(quote)
        self.split_at = starts[len(starts) // 2] if starts else 0
        rel = self._relation()
        focus = rel.source if rel is not None else item if isinstance(item, str) else None
        if focus is not None:
            self.host.focus_node(focus, jump=False)
        box = self.query_one("#review-box")
        box.border_subtitle = ("a accept · t retype · r reverse · d drop · n p move · u undo · Esc" if rel is not None
                               else "a accept · t retype · m merge next · ← → s split · d drop · n p move · u undo "
                               "· Esc")
        self.refresh_bindings()
        self._show()

    def _show(self) -> None:
        node, rel, amap, look = self._node(), self._relation(), self.host.doc.map, self.host.look
        head, quote, links = Text(), Text(), Text()
        if amap is not None and (rel is not None or node is not None):
            place = self.order.index(self.current) + 1 if self.current in self.order else 0
            head.append(f"{place} of {len(self.order)} drafted  ", style=look.muted)
            shown = relation_panel(amap, rel, look) if rel is not None else \
                node_panel(amap, node, self.split_at, look) if node is not None else (Text(), Text(), Text())
            head.append_text(shown[0])
            quote, links = shown[1], shown[2]
        else:
            head.append("Every drafted item is reviewed.", style="bold")
        self.query_one("#review-head", Static).update(head)
        self.query_one("#review-quote", Static).update(quote)
        self.query_one("#review-links", Static).update(links or Text("no relation", style=self.host.look.muted))

    def document_shown(self, doc: MapDocument) -> None:
        """After an edit (or undo): list the drafted items again; go back to a reviewed item an undo made drafted
        again, else to what an edit made of the current relation, else stay on the item if it is still drafted,
        else go on with the next one in the walk."""
        before = self.order
        self.order = review_order(doc)
        self.left.update(i for i in before if i not in self.order)
        follow, self._follow = self._follow, None
        back = [i for i in self.order if i in self.left]  # an undo brought a reviewed item back: review it again
        if back:
            self.left.difference_update(back)
            self._go(back[0])
            return
        if follow in self.order:
            self._go(follow)
            return
        if self.current in self.order:
            self._go(self.current)
            return
        later = before[before.index(self.current) + 1:] if self.current in before else []
        following = next((i for i in later if i in self.order), None)
        if following is None and self.order:
            following = self.order[0]
        if following is None:
            self.host.notify("every drafted item is reviewed", timeout=4)
        self._go(following)

    # -- actions ------------------------------------------------------------------------------------------------

    def _edit(self, plan: Callable[[dict[str, Any]], review_ops.Outcome], *, follow: Item | None = None) -> None:
        files = self.host.files
        session = files.editable()
        if session is None or self.current is None:
            self.app.bell()
            return
        rel = self._relation()
        focus = rel.source if rel is not None else self.current if isinstance(self.current, str) else None
        self._follow = follow
        try:
            files.edit(lambda: session.apply(plan(session.data)), focus=focus)
        finally:
            self._follow = None

    def action_accept(self) -> None:
        item = self.current
        if isinstance(item, tuple):
            self._edit(lambda data: review_ops.accept_relation(data, *item))
        elif item is not None:
            self._edit(lambda data: review_ops.accept_node(data, item))

    def action_retype(self) -> None:
        from argmap.tui.choice import ChoiceScreen

        rel = self._relation()
        if rel is not None:
            self._retype_relation(rel)
            return
        node = self._node()
        if node is None:
            return
        node_id, quote = node.id, self._quote()

        def chosen(kind: str | None) -> None:
            if kind is None or kind == node.kind:
                return
            extra: dict[str, Any] = {}
            if kind == "forecast":
                words = estimative_words(quote)
                if words:
                    extra["words"] = words
            self._edit(lambda data: review_ops.retype_node(data, node_id, kind, extra))

        self.host.push_screen(ChoiceScreen(f"Kind of {node_id}", [(k, k) for k in NODE_KINDS], current=node.kind),
                              chosen)

    def _refusal(self, source: str, rel_type: str, target: str) -> str | None:
        """Why the relation under review cannot become `source rel_type target`: what `argmap edit --link` and
        `argmap check` refuse of such a relation (the one under review aside)."""
        session, amap = self.host.files.session, self.host.doc.map
        if session is None or amap is None or not isinstance(self.current, tuple):
            return None
        data = edit_ops.remove_relation(session.data, *self.current).data
        return link_refusal(data, amap, source, rel_type, target)

    def _retype_relation(self, rel: Relation) -> None:
        from argmap.tui.choice import ChoiceScreen

        key = rel.key
        choices: list[tuple[str, str | Text]] = []
        refused: dict[str, str] = {}
        for rel_type in RELATION_TYPES:
            reason = None if rel_type == rel.type else self._refusal(rel.source, rel_type, rel.target)
            prompt = Text(rel_type)
            if reason is not None:
                refused[rel_type] = reason
                prompt.append(f"  refused: {reason}", style=self.host.look.muted)
            choices.append((rel_type, prompt))

        def chosen(new_type: str | None) -> None:
            if new_type is None or new_type == key[1]:
                return
            if new_type in refused:
                self.host.notify(refused[new_type], title="Not changed", severity="error", timeout=8)
                return
            self._edit(lambda data: edit_ops.retype_relation(data, *key, new_type),
                       follow=(key[0], new_type, key[2]))

        self.host.push_screen(ChoiceScreen(f"{key[0]} … {key[2]}", choices, current=rel.type,
                                           hint="The type of the relation:"), chosen)

    def action_reverse(self) -> None:
        rel = self._relation()
        if rel is None:
            self.app.bell()
            return
        key = rel.key
        reason = self._refusal(rel.target, rel.type, rel.source)
        if reason is not None:
            self.host.notify(reason, title="Not changed", severity="error", timeout=8)
            return
        self._edit(lambda data: review_ops.reverse_relation(data, *key), follow=(key[2], key[1], key[0]))

    def action_merge(self) -> None:
        node = self._node()
        if node is None:
            return
        order = text_order(self.host.doc)
        index = order.index(node.id)
        if index + 1 >= len(order):
            self.host.notify("no node after this one in the text to merge with", severity="warning")
            return
        other = order[index + 1]
        source = self.host.doc.sources.get(node.quotes[0].source or "") if node.quotes else None
        text = source.text if source is not None else None
        node_id = node.id
        self._edit(lambda data: review_ops.merge_nodes(data, node_id, other, text=text))

    def action_move_split(self, direction: int) -> None:
        starts = word_starts(self._quote())
        if not starts:
            self.app.bell()
            return
        if direction > 0:
            self.split_at = next((s for s in starts if s > self.split_at), starts[-1])
        else:
            self.split_at = next((s for s in reversed(starts) if s < self.split_at), starts[0])
        self._show()

    def action_split(self) -> None:
        node = self._node()
        quote = self._quote()
        if node is None or not self.split_at or self.split_at >= len(quote):
            self.app.bell()
            return
        amap = self.host.doc.map
        assert amap is not None
        new_id = slug_for(quote[self.split_at:], set(amap.by_id))
        node_id, at = node.id, self.split_at
        self._edit(lambda data: review_ops.split_node(data, node_id, at, new_id))

    def action_drop(self) -> None:
        item = self.current
        if isinstance(item, tuple):
            self._edit(lambda data: edit_ops.remove_relation(data, *item))
            return
        session = self.host.files.editable()
        if item is not None and session is not None:
            self.host.files.edit(lambda: session.remove_node(item))

    def action_step(self, delta: int) -> None:
        if not self.order:
            self.app.bell()
            return
        index = self.order.index(self.current) if self.current in self.order else -1
        self._go(self.order[(index + delta) % len(self.order)])

    def action_close(self) -> None:
        self.dismiss(None)


def open_review(host: ReviewHost) -> None:
    """Open the review of the drafted nodes and relations, or say there are none."""
    if host.doc.map is None:
        host.notify("the map does not load: nothing to review", severity="warning")
        return
    if not review_order(host.doc):
        host.notify("no drafted node or relation to review (`argmap draft` marks what it proposes with "
                    "`drafted: true`)", timeout=4)
        return
    if host.files.editable() is None:
        return
    host.push_screen(ReviewScreen(host))
