"""The explorer's review of a draft (`R`): it walks the nodes `argmap draft` proposed (`drafted: true`), in the
order of the text, and the analyst accepts, retypes, merges, splits or drops each.

Each action is one edit of the file's session (`FileController.edit`), so `u` takes it back and `Ctrl+S` saves it
like any other edit; the screen follows the shown document (`FollowsDocument`) and goes on with the next drafted
node. The main screen stays in view above the panel, focused on the node under review, its passage lit in Source.

* `a` accept: the draft mark goes (and that of its drafted relations to reviewed nodes);
* `t` retype: choose the kind (a forecast gets the text's words of estimative probability);
* `m` merge with the next node in the text (quotes joined into one passage when they are side by side);
* `←` `→` move the split point word by word in the quote, `s` splits there (the rest becomes a drafted node);
* `d` drop the node, with its relations;
* `n` `p` the next or previous drafted node; `Esc` closes.
"""

from __future__ import annotations

import re
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
from argmap.analysis.draft_cues import estimative_words, suggest_kind
from argmap.edit import review_ops
from argmap.io import MapDocument
from argmap.model import NODE_KINDS, NodeBase
from argmap.tui.map_file import FileController
from argmap.tui.style import Look

_WORD_START = re.compile(r"(?<=\s)\S")


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


def _position(node: NodeBase) -> tuple[int, int]:
    starts = [q.start for q in node.quotes if q.start is not None]
    return (0, min(starts)) if starts else (1, 0)


def text_order(doc: MapDocument) -> list[str]:
    """Every node's id in the order of the text (by the start of its first located quote; unquoted nodes last, in
    file order)."""
    amap = doc.map
    if amap is None:
        return []
    return [node.id for _, node in sorted(enumerate(amap.nodes), key=lambda item: (*_position(item[1]), item[0]))]


def drafted_in_order(doc: MapDocument) -> list[str]:
    """The drafted nodes, in the order of the text."""
    amap = doc.map
    return [] if amap is None else [i for i in text_order(doc) if (n := amap.node(i)) is not None and n.drafted]


def word_starts(text: str) -> list[int]:
    """Where a quote may be split: the start of every word but the first."""
    return [m.start() for m in _WORD_START.finditer(text)]


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
        Binding("a", "accept", "Accept", tooltip="Accept the node as drafted (removes its draft mark)"),
        Binding("t", "retype", "Retype", tooltip="Choose another kind"),
        Binding("m", "merge", "Merge next", tooltip="Merge with the next node in the text"),
        Binding("s", "split", "Split", tooltip="Split the quote at the split point (← →)"),
        Binding("d", "drop", "Drop", tooltip="Remove the node and its relations"),
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
        self.order: list[str] = drafted_in_order(host.doc)
        self.current: str | None = self.order[0] if self.order else None
        self.split_at = 0
        self.left: set[str] = set()  # the nodes reviewed (accepted, dropped, merged away) since the review opened

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box"):
            yield Static(id="review-head", markup=False)
            yield Static(id="review-quote", markup=False)
            yield Static(id="review-links", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#review-box")
        box.border_title = "Review of the draft"
        box.border_subtitle = "a accept · t retype · m merge next · ← → s split · d drop · n p move · u undo · Esc"
        self._go(self.current)

    # -- what is shown ------------------------------------------------------------------------------------------

    def _node(self) -> NodeBase | None:
        amap = self.host.doc.map
        return amap.node(self.current) if amap is not None and self.current is not None else None

    def _quote(self) -> str:
        node = self._node()
        return node.quotes[0].text if node is not None and node.quotes else ""

    def _go(self, node_id: str | None) -> None:
        self.current = node_id
        quote = self._quote()
        starts = word_starts(quote)
        self.split_at = starts[len(starts) // 2] if starts else 0
        if node_id is not None:
            self.host.focus_node(node_id, jump=False)
        self._show()

    def _show(self) -> None:
        node = self._node()
        look = self.host.look
        head, quote, links = Text(), Text(), Text()
        if node is None:
            head.append("Every drafted node is reviewed.", style="bold")
        else:
            place = self.order.index(node.id) + 1 if node.id in self.order else 0
            head.append(f"{place} of {len(self.order)} drafted  ", style=look.muted)
            head.append(node.id, style="bold")
            head.append(f"  {node.kind}")
            words = getattr(node, "words", None)
            if words:
                head.append(f" ({words})")
            if node.quotes:
                head.append(f"\nthe cues read: {suggest_kind(node.quotes[0].text).reason}", style=look.muted)
            text = self._quote()
            if text:
                quote.append("“")
                quote.append(text[:self.split_at])
                quote.append("┃" if self.split_at else "", style="bold reverse")
                quote.append(text[self.split_at:])
                quote.append("”")
            amap = self.host.doc.map
            assert amap is not None
            for rel in amap.relations:
                if node.id in (rel.source, rel.target):
                    mark = " (drafted)" if rel.drafted else ""
                    note = f" · {rel.note}" if rel.note else ""
                    links.append(f"{rel.source} {rel.type} {rel.target}{mark}{note}\n")
        self.query_one("#review-head", Static).update(head)
        self.query_one("#review-quote", Static).update(quote)
        self.query_one("#review-links", Static).update(links or Text("no relation", style=look.muted))

    def document_shown(self, doc: MapDocument) -> None:
        """After an edit (or undo): list the drafted nodes again; go back to a reviewed node an undo made drafted
        again, else stay on the node if it is still drafted, else go on with the next one in the text."""
        before = self.order
        self.order = drafted_in_order(doc)
        self.left.update(i for i in before if i not in self.order)
        back = [i for i in self.order if i in self.left]  # an undo brought a reviewed node back: review it again
        if back:
            self.left.difference_update(back)
            self._go(back[0])
            return
        if self.current in self.order:
            self._go(self.current)
            return
        later = before[before.index(self.current) + 1:] if self.current in before else []
        following = next((i for i in later if i in self.order), None)
        if following is None and self.order:
            following = self.order[0]
        if following is None:
            self.host.notify("every drafted node is reviewed", timeout=4)
        self._go(following)

    # -- actions ------------------------------------------------------------------------------------------------

    def _edit(self, plan: Callable[[dict[str, Any]], review_ops.Outcome]) -> None:
        files = self.host.files
        session = files.editable()
        if session is None or self.current is None:
            self.app.bell()
            return
        files.edit(lambda: session.apply(plan(session.data)), focus=self.current)

    def action_accept(self) -> None:
        node_id = self.current
        if node_id is not None:
            self._edit(lambda data: review_ops.accept_node(data, node_id))

    def action_retype(self) -> None:
        from argmap.tui.choice import ChoiceScreen

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
        node_id = self.current
        session = self.host.files.editable()
        if node_id is not None and session is not None:
            self.host.files.edit(lambda: session.remove_node(node_id))

    def action_step(self, delta: int) -> None:
        if not self.order:
            self.app.bell()
            return
        index = self.order.index(self.current) if self.current in self.order else -1
        self._go(self.order[(index + delta) % len(self.order)])

    def action_close(self) -> None:
        self.dismiss(None)


def open_review(host: ReviewHost) -> None:
    """Open the review of the drafted nodes, or say there are none."""
    if host.doc.map is None:
        host.notify("the map does not load: nothing to review", severity="warning")
        return
    if not drafted_in_order(host.doc):
        host.notify("no drafted node to review (`argmap draft` marks what it proposes with `drafted: true`)",
                    timeout=4)
        return
    if host.files.editable() is None:
        return
    host.push_screen(ReviewScreen(host))
