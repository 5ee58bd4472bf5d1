"""Editing in the explorer: the node form, new nodes (from scratch or quoting the source), relations, deletion,
undo and redo. Each change is one edit of the file's session (`argmap.tui.map_file.FileController`), shown at once.
`NodeEditor` asks with the explorer's modal screens and reaches the app only through `EditorHost`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from rich.text import Text
from textual.notifications import SeverityLevel
from textual.screen import Screen

from argmap.analysis.check import relation_problems
from argmap.analysis.search import SearchIndex
from argmap.edit import operations as edit_ops
from argmap.edit.id_proposal import proposed_id
from argmap.edit.node_draft import DraftResult, draft_of
from argmap.errors import EditError
from argmap.io import MapDocument
from argmap.model import RELATION_TYPES, VOCABULARIES, ArgMap
from argmap.tui.map_file import FileController
from argmap.tui.messages import RatingChosen, RelationChosen
from argmap.tui.style import Look

RELATION_CHOICES = [(f"out:{t}", f"this node {verb} …") for t, verb in
                    (("supports", "supports"), ("attacks", "attacks"), ("undercuts", "undercuts"),
                     ("condition", "is a condition of"))] + \
                   [(f"in:{t}", f"this node is {verb} …") for t, verb in
                    (("supports", "supported by"), ("attacks", "attacked by"), ("undercuts", "undercut by"),
                     ("condition", "conditional on"))]

ResultT = TypeVar("ResultT")


class EditorHost(Protocol):
    """What the node editor needs from the explorer: the shown document and focus, the look and search index the
    search screen shows, notifications and modal screens."""

    @property
    def doc(self) -> MapDocument: ...

    @property
    def focused_node(self) -> str | None: ...

    @property
    def cursor_blink(self) -> bool: ...

    @property
    def look(self) -> Look: ...

    @property
    def search_index(self) -> SearchIndex: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None) -> None: ...

    def push_screen(self, screen: Screen[ResultT], callback: Callable[[ResultT | None], None]) -> Any: ...


class NodeEditor:
    """The explorer's edits of nodes and relations, each run through the file controller."""

    def __init__(self, host: EditorHost, files: FileController) -> None:
        self.host = host
        self.files = files

    def _node_data(self, node_id: str) -> dict[str, Any] | None:
        session = self.files.session
        if session is None:
            return None
        return next((n for n in session.data.get("nodes") or [] if isinstance(n, dict) and n.get("id") == node_id),
                    None)

    # -- nodes ------------------------------------------------------------------------------------------------

    def _form(self, title: str, draft: dict[str, str], original: dict[str, Any] | None,
              done: Callable[[DraftResult], None], *, propose_id: bool = False) -> None:
        from argmap.tui.node_form import NodeFormScreen

        session = self.files.session
        assert session is not None
        vocabularies = {v: list(session.data.get(v) or []) for v in VOCABULARIES}
        others = [i for i in session.node_ids() if original is None or i != original.get("id")]

        def finished(result: DraftResult | None) -> None:
            if result is not None:
                done(result)

        self.host.push_screen(NodeFormScreen(title, draft, original=original, known_ids=others,
                                             vocabularies=vocabularies, cursor_blink=self.host.cursor_blink,
                                             propose_id=propose_id), finished)

    def edit_node(self) -> None:
        """Edit the focused node's fields in a form."""
        node_id = self.host.focused_node
        session = self.files.editable()
        if session is None or node_id is None:
            return
        original = self._node_data(node_id)
        if original is None:
            self.host.notify(f"'{node_id}' is not in the file as a node of its own", severity="warning")
            return

        def save(result: DraftResult) -> None:
            self.files.edit(lambda: session.update_node(node_id, result.node, declare=result.declare))

        self._form(f"Edit {node_id}", draft_of(original), original, save)

    def new_node(self, seed: dict[str, Any] | None = None, passage: str = "") -> None:
        """Add a node: choose its kind, then fill in the form (`seed`: fields it starts with, such as a quote of
        the `passage`)."""
        from argmap.tui.choice import ChoiceScreen

        session = self.files.editable()
        if session is None:
            return
        kinds: list[tuple[str, str | Text]] = [("claim", "claim: an assertion or judgement"),
                                               ("evidence", "evidence: a reported fact or event"),
                                               ("inference", "inference: a step from premises to a conclusion"),
                                               ("forecast", "forecast: a statement about the future")]

        def kind_chosen(kind: str | None) -> None:
            if kind is None:
                return
            original = {**(seed or {}), "kind": kind}
            draft = draft_of(original)
            draft["id"] = proposed_id(passage, session.node_ids(), kind)
            draft["text"] = passage

            def save(result: DraftResult) -> None:
                self.files.edit(lambda: session.add_node(result.node, declare=result.declare))

            self._form(f"New {kind}", draft, original, save, propose_id=True)

        self.host.push_screen(ChoiceScreen("Kind of the new node", kinds,
                                           hint=f"Quoting: “{_short(passage)}”" if passage else ""), kind_chosen)

    def new_from_source(self, source_id: str | None, offset: int) -> None:
        """Select a passage of the source text `source_id` (the selection starts at `offset`), then create a node
        quoting it."""
        from argmap.tui.passage_screen import PassageScreen

        if self.files.editable() is None:
            return
        doc = self.host.doc
        source = doc.sources.get(source_id) if source_id is not None else None
        if source is None or source.text is None:
            self.host.notify("No source text to quote from.", severity="warning")
            return
        text = source.text
        many = len(doc.sources) > 1

        def taken(span: tuple[int, int] | None) -> None:
            if span is None:
                return
            start, end = span
            quote: dict[str, Any] = {"text": " ".join(text[start:end].split())}
            if many:
                quote["source"] = source.source.id
            quote.update(start=start, end=end)
            self.new_node({"quotes": [quote]}, quote["text"])

        self.host.push_screen(PassageScreen(f"Quote from: {source.source.title}", text, offset,
                                            cursor_blink=self.host.cursor_blink), taken)

    def delete_node(self) -> None:
        """Delete the focused node, with the relations and scenario entries naming it, after a confirmation."""
        from argmap.tui.confirm import ConfirmScreen

        session = self.files.editable()
        node_id = self.host.focused_node
        if session is None or node_id is None:
            return
        try:
            taken = session.removal_preview(node_id)
        except EditError as exc:
            self.host.notify(str(exc), severity="error")
            return
        lines = [f"Delete node '{node_id}'?"]
        if taken:
            lines.append("These go with it:")
            lines += [f"  • {_describe_removed(item)}" for item in taken]
        else:
            lines.append("No relation or scenario names it.")

        def answered(answer: str | None) -> None:
            if answer == "delete":
                self.files.edit(lambda: session.remove_node(node_id))

        self.host.push_screen(ConfirmScreen("Delete", "\n".join(lines), [("delete", "Delete"), ("cancel", "Cancel")],
                                            default="cancel", danger=["delete"]), answered)

    # -- relations --------------------------------------------------------------------------------------------

    def add_relation(self) -> None:
        """Link the focused node to another: choose the relation, then find the other node."""
        from argmap.tui.choice import ChoiceScreen
        from argmap.tui.search import SearchScreen

        host = self.host
        session = self.files.editable()
        here = host.focused_node
        amap = host.doc.map
        if session is None or here is None or amap is None:
            return

        def type_chosen(choice: str | None) -> None:
            if choice is None:
                return
            direction, _, rel_type = choice.partition(":")

            def ends(other: str) -> tuple[str, str]:
                return (here, other) if direction == "out" else (other, here)

            def refused(other: str) -> str | None:
                source, target = ends(other)
                return link_refusal(session.data, amap, source, rel_type, target)

            def other_chosen(other: str | None) -> None:
                if other is None:
                    return
                source, target = ends(other)
                self.files.edit(lambda: session.add_relation(source, rel_type, target), focus=here)

            title = f"{here} {'→' if direction == 'out' else '←'} {rel_type}: find the other node"
            host.push_screen(SearchScreen(host.search_index, amap, host.look, cursor_blink=host.cursor_blink,
                                          title=title, refuse=refused), other_chosen)

        host.push_screen(ChoiceScreen(f"Link {here}", list(RELATION_CHOICES)), type_chosen)

    def change_relation(self, message: RelationChosen) -> None:
        """Retype or remove the relation the Detail pane asks about (removing asks first)."""
        from argmap.tui.choice import ChoiceScreen
        from argmap.tui.confirm import ConfirmScreen

        session = self.files.editable()
        if session is None:
            return
        source, rel_type, target = message.source, message.rel_type, message.target
        here = self.host.focused_node
        if message.action == "remove":
            def answered(answer: str | None) -> None:
                if answer == "remove":
                    self.files.edit(lambda: session.remove_relation(source, rel_type, target), focus=here)

            self.host.push_screen(ConfirmScreen("Remove the relation", f"Remove {source} {rel_type} {target}?",
                                                [("remove", "Remove"), ("cancel", "Cancel")], default="cancel",
                                                danger=["remove"]), answered)
            return

        def retyped(new_type: str | None) -> None:
            if new_type is not None and new_type != rel_type:
                self.files.edit(lambda: session.retype_relation(source, rel_type, target, new_type), focus=here)

        self.host.push_screen(ChoiceScreen(f"{source} … {target}", [(t, t) for t in RELATION_TYPES],
                                           current=rel_type, hint="The new type of the relation:"), retyped)

    # -- ACH ratings ------------------------------------------------------------------------------------------

    def set_rating(self, message: RatingChosen) -> None:
        """Set (or clear) one ACH rating, as one edit; the focus stays where it is."""
        session = self.files.editable()
        if session is not None:
            self.files.edit(lambda: session.set_rating(message.group, message.item, message.hypothesis,
                                                       message.rating), focus=self.host.focused_node)

    # -- history ----------------------------------------------------------------------------------------------

    def undo(self) -> None:
        """Take back the last edit."""
        session = self.files.editable()
        if session is not None:
            self.files.edit(session.undo)

    def redo(self) -> None:
        """Make the last undone edit again."""
        session = self.files.editable()
        if session is not None:
            self.files.edit(session.redo)


def link_refusal(data: dict[str, Any], amap: ArgMap, source: str, rel_type: str, target: str) -> str | None:
    """Why `source rel_type target` cannot be made, as `argmap edit --link` says it: the edit operation's own
    refusal (a node related to itself, a relation already there), then what `argmap check` rejects (an undercut
    of a claim...); None when it can."""
    try:
        edit_ops.add_relation(data, source, rel_type, target)  # pure: the data is not changed
    except EditError as exc:
        return str(exc)
    problems = relation_problems(source, rel_type, target, amap.node(source), amap.node(target))
    return problems[0][1] if problems else None


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _describe_removed(item: dict[str, Any]) -> str:
    if "scenario" in item:
        return f"scenario '{item['scenario']}': {item['field']} {item['node']}"
    return f"relation {item.get('source')} {item.get('type')} {item.get('target')}"
