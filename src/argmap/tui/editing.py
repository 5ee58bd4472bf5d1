"""Editing in the explorer: the node form, new nodes (from scratch or quoting the source), relations, deletion,
undo and redo. Each change is one edit of the session (`argmap.tui.saving.FileSession`), shown at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rich.text import Text

from argmap.edit.node_draft import DraftResult, draft_of
from argmap.errors import EditError
from argmap.model import RELATION_TYPES, VOCABULARIES
from argmap.tui.messages import RelationChosen
from argmap.tui.saving import FileSession

RELATION_CHOICES = [(f"out:{t}", f"this node {verb} …") for t, verb in
                    (("supports", "supports"), ("attacks", "attacks"), ("undercuts", "undercuts"),
                     ("condition", "is a condition of"))] + \
                   [(f"in:{t}", f"this node is {verb} …") for t, verb in
                    (("supports", "supported by"), ("attacks", "attacked by"), ("undercuts", "undercut by"),
                     ("condition", "conditional on"))]


class Editing(FileSession):
    """The explorer's editing of nodes and relations (a mixin of `ArgmapApp`)."""

    def _node_data(self, node_id: str) -> dict[str, Any] | None:
        session = self.session
        if session is None:
            return None
        return next((n for n in session.data.get("nodes") or [] if isinstance(n, dict) and n.get("id") == node_id),
                    None)

    # -- nodes ------------------------------------------------------------------------------------------------

    def _form(self, title: str, draft: dict[str, str], original: dict[str, Any] | None,
              done: Callable[[DraftResult], None]) -> None:
        from argmap.tui.node_form import NodeFormScreen

        session = self.session
        assert session is not None
        vocabularies = {v: list(session.data.get(v) or []) for v in VOCABULARIES}
        others = [i for i in session.node_ids() if original is None or i != original.get("id")]

        def finished(result: DraftResult | None) -> None:
            if result is not None:
                done(result)

        self.push_screen(NodeFormScreen(title, draft, original=original, known_ids=others, vocabularies=vocabularies,
                                        cursor_blink=self.cursor_blink), finished)

    def action_edit_node(self) -> None:
        """Edit the focused node's fields in a form."""
        if self._editable() is None or self.focused_node is None:
            return
        node_id = self.focused_node
        original = self._node_data(node_id)
        if original is None:
            self.notify(f"'{node_id}' is not in the file as a node of its own", severity="warning", markup=False)
            return

        def save(result: DraftResult) -> None:
            assert self.session is not None
            session = self.session
            self._edit(lambda: session.update_node(node_id, result.node, declare=result.declare))

        self._form(f"Edit {node_id}", draft_of(original), original, save)

    def action_new_node(self) -> None:
        """Add a node from scratch: choose its kind, then fill in the form."""
        self._new_node({})

    def _new_node(self, seed: dict[str, Any], passage: str = "") -> None:
        from argmap.tui.choice import ChoiceScreen

        if self._editable() is None:
            return
        kinds: list[tuple[str, str | Text]] = [("claim", "claim: an assertion or judgement"),
                                               ("evidence", "evidence: a reported fact or event"),
                                               ("inference", "inference: a step from premises to a conclusion"),
                                               ("forecast", "forecast: a statement about the future")]

        def kind_chosen(kind: str | None) -> None:
            if kind is None:
                return
            original = {**seed, "kind": kind}
            draft = draft_of(original)
            draft["id"] = self._free_id(_slug_from(passage) or kind)
            draft["text"] = passage

            def save(result: DraftResult) -> None:
                assert self.session is not None
                session = self.session
                self._edit(lambda: session.add_node(result.node, declare=result.declare))

            self._form(f"New {kind}", draft, original, save)

        self.push_screen(ChoiceScreen("Kind of the new node", kinds,
                                      hint=f"Quoting: “{_short(passage)}”" if passage else ""), kind_chosen)

    def _free_id(self, base: str) -> str:
        taken = set(self.session.node_ids()) if self.session is not None else set()
        if base not in taken:
            return base
        return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)

    def action_new_from_source(self) -> None:
        """Select a passage of the source text shown, then create a node quoting it."""
        from argmap.tui.passage_screen import PassageScreen
        from argmap.tui.source_view import SourceView

        if self._editable() is None:
            return
        view = self.query_one(SourceView)
        source = self.doc.sources.get(view.source_id) if view.source_id is not None else None
        if source is None or source.text is None:
            self.notify("No source text to quote from.", severity="warning")
            return
        text = source.text
        offset = view.lines[view.cursor][0] if view.lines else 0
        many = len(self.doc.sources) > 1

        def taken(span: tuple[int, int] | None) -> None:
            if span is None:
                return
            start, end = span
            quote: dict[str, Any] = {"text": " ".join(text[start:end].split())}
            if many:
                quote["source"] = source.source.id
            quote.update(start=start, end=end)
            self._new_node({"quotes": [quote]}, quote["text"])

        self.push_screen(PassageScreen(f"Quote from: {source.source.title}", text, offset,
                                       cursor_blink=self.cursor_blink), taken)

    def action_delete_node(self) -> None:
        """Delete the focused node, with the relations and scenario entries naming it, after a confirmation."""
        from argmap.tui.confirm import ConfirmScreen

        session = self._editable()
        if session is None or self.focused_node is None:
            return
        node_id = self.focused_node
        try:
            taken = session.removal_preview(node_id)
        except EditError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        lines = [f"Delete node '{node_id}'?"]
        if taken:
            lines.append("These go with it:")
            lines += [f"  • {_describe_removed(item)}" for item in taken]
        else:
            lines.append("No relation or scenario names it.")

        def answered(answer: str | None) -> None:
            if answer == "delete":
                self._edit(lambda: session.remove_node(node_id))

        self.push_screen(ConfirmScreen("Delete", "\n".join(lines), [("delete", "Delete"), ("cancel", "Cancel")],
                                       default="cancel", danger=["delete"]), answered)

    # -- relations --------------------------------------------------------------------------------------------

    def action_add_relation(self) -> None:
        """Link the focused node to another: choose the relation, then find the other node."""
        from argmap.tui.choice import ChoiceScreen
        from argmap.tui.search import SearchScreen

        session = self._editable()
        if session is None or self.focused_node is None or self.doc.map is None:
            return
        here = self.focused_node
        amap = self.doc.map

        def type_chosen(choice: str | None) -> None:
            if choice is None:
                return
            direction, _, rel_type = choice.partition(":")

            def other_chosen(other: str | None) -> None:
                if other is None:
                    return
                source, target = (here, other) if direction == "out" else (other, here)
                self._edit(lambda: session.add_relation(source, rel_type, target), focus=here)

            title = f"{here} {'→' if direction == 'out' else '←'} {rel_type}: find the other node"
            self.push_screen(SearchScreen(self.search_index, amap, self.look, cursor_blink=self.cursor_blink,
                                          title=title), other_chosen)

        self.push_screen(ChoiceScreen(f"Link {here}", list(RELATION_CHOICES)), type_chosen)

    def on_relation_chosen(self, message: RelationChosen) -> None:
        from argmap.tui.choice import ChoiceScreen
        from argmap.tui.confirm import ConfirmScreen

        session = self._editable()
        if session is None:
            return
        source, rel_type, target = message.source, message.rel_type, message.target
        here = self.focused_node
        if message.action == "remove":
            def answered(answer: str | None) -> None:
                if answer == "remove":
                    self._edit(lambda: session.remove_relation(source, rel_type, target), focus=here)

            self.push_screen(ConfirmScreen("Remove the relation", f"Remove {source} {rel_type} {target}?",
                                           [("remove", "Remove"), ("cancel", "Cancel")], default="cancel",
                                           danger=["remove"]), answered)
            return

        def retyped(new_type: str | None) -> None:
            if new_type is not None and new_type != rel_type:
                self._edit(lambda: session.retype_relation(source, rel_type, target, new_type), focus=here)

        self.push_screen(ChoiceScreen(f"{source} … {target}", [(t, t) for t in RELATION_TYPES], current=rel_type,
                                      hint="The new type of the relation:"), retyped)

    # -- history ----------------------------------------------------------------------------------------------

    def action_undo(self) -> None:
        session = self._editable()
        if session is not None:
            self._edit(session.undo)

    def action_redo(self) -> None:
        session = self._editable()
        if session is not None:
            self._edit(session.redo)


def _slug_from(text: str, words: int = 5) -> str:
    found = re.findall(r"[a-z0-9]+", text.lower())[:words]
    return "-".join(found)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _describe_removed(item: dict[str, Any]) -> str:
    if "scenario" in item:
        return f"scenario '{item['scenario']}': {item['field']} {item['node']}"
    return f"relation {item.get('source')} {item.get('type')} {item.get('target')}"
