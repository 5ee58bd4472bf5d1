"""The node form: every field of a node, checked as you type (`argmap.edit.node_draft` does the reading).

Ctrl+S (or the Save button) saves when nothing is wrong; Escape cancels, asking first when a field was changed.
Changing the kind shows that kind's fields; fields of the old kind are dropped on save. A new node's id follows
its text (`argmap.edit.id_proposal`) until the id is typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from argmap.edit.id_proposal import proposed_id
from argmap.edit.node_draft import KINDS, DraftResult, FieldSpec, fields_for, read_draft


def _all_fields() -> list[FieldSpec]:
    """Every field of every kind, once: the common head, each kind's own fields, the common tail."""
    common = [spec.name for spec in fields_for("")]
    head, tail = common[:common.index("tags")], common[common.index("tags"):]
    found: dict[str, FieldSpec] = {spec.name: spec for spec in fields_for("") if spec.name in head}
    for kind in KINDS:
        found.update({spec.name: spec for spec in fields_for(kind) if spec.name not in common})
    found.update({spec.name: spec for spec in fields_for("") if spec.name in tail})
    return list(found.values())


#: Every field of every kind, once (the form shows those of the chosen kind).
ALL_FIELDS = _all_fields()


def _dom_id(name: str) -> str:
    return "field-" + name.replace(".", "--").replace("_", "-")


class NodeFormScreen(ModalScreen[DraftResult | None]):
    """Edit a node's fields; dismisses with the checked result to save, or None."""

    BINDING_GROUP_TITLE = "Node form"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", show=True, priority=True),
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    def __init__(self, title: str, draft: Mapping[str, str], *, original: Mapping[str, Any] | None = None,
                 known_ids: Iterable[str] = (), vocabularies: Mapping[str, Iterable[str]] | None = None,
                 cursor_blink: bool = True, propose_id: bool = False) -> None:
        super().__init__()
        self.propose_id = propose_id
        self._proposed = draft.get("id", "")
        self._initial: dict[str, str] | None = None
        self.title_text = title
        self.draft = dict(draft)
        self.original = dict(original) if original is not None else None
        self.known_ids = set(known_ids)
        self.vocabularies = {k: list(v) for k, v in (vocabularies or {}).items()}
        self.cursor_blink = cursor_blink

    @property
    def kind(self) -> str:
        return self.draft.get("kind") or "claim"

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            with VerticalScroll(id="form-fields"):
                for spec in ALL_FIELDS:
                    with Horizontal(classes="form-field", id=_dom_id(spec.name) + "-row"):
                        yield Label(spec.label, classes="form-label")
                        with Vertical(classes="form-value"):
                            yield self._widget(spec)
                            yield Static(classes="form-error", id=_dom_id(spec.name) + "-error")
            with Horizontal(id="form-buttons"):
                yield Static(id="form-status")
                yield Button("Save", variant="primary", id="form-save")
                yield Button("Cancel", id="form-cancel")
        yield Footer()

    def _widget(self, spec: FieldSpec) -> Widget:
        value = self.draft.get(spec.name, "")
        widget_id = _dom_id(spec.name)
        if spec.widget == "choice":
            options = [(choice or "(none)", choice) for choice in spec.choices]
            select: Select[str] = Select(options, value=value if value in spec.choices else spec.choices[0],
                                         allow_blank=False, id=widget_id, compact=True)
            return select
        if spec.widget in ("area", "lines"):
            area = TextArea(value, id=widget_id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                            compact=True)
            area.cursor_blink = self.cursor_blink
            return area
        field = Input(value, id=widget_id, compact=True)
        field.cursor_blink = self.cursor_blink
        return field

    def on_mount(self) -> None:
        box = self.query_one("#form-box")
        box.border_title = Text(self.title_text)
        box.border_subtitle = "Ctrl+S saves · Esc cancels"
        self._show_kind()
        self.check()
        self._initial = dict(self.draft)
        first = self.query_one("#" + _dom_id("text"))
        first.focus()

    def _show_kind(self) -> None:
        names = {spec.name for spec in fields_for(self.kind)}
        for spec in ALL_FIELDS:
            self.query_one("#" + _dom_id(spec.name) + "-row").display = spec.name in names

    def value_of(self, name: str) -> str:
        widget = self.query_one("#" + _dom_id(name))
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return str(widget.value) if widget.value != Select.BLANK else ""
        assert isinstance(widget, Input)
        return widget.value

    def set_value(self, name: str, value: str) -> None:
        """Type a value into a field (for scripts and tests)."""
        widget = self.query_one("#" + _dom_id(name))
        if isinstance(widget, TextArea):
            widget.text = value
        elif isinstance(widget, Select | Input):
            widget.value = value
        self._changed()

    def check(self) -> DraftResult:
        """Read every field, check the node, show each field's error and whether it can be saved."""
        self.draft = {spec.name: self.value_of(spec.name) for spec in ALL_FIELDS}
        result = read_draft(self.draft, original=self.original, known_ids=self.known_ids,
                            vocabularies=self.vocabularies)
        for spec in ALL_FIELDS:
            message = result.errors.get(spec.name)
            note = result.notes.get(spec.name)
            error = self.query_one("#" + _dom_id(spec.name) + "-error", Static)
            error.update(Text(message, style="bold") if message else Text(note or spec.help, style="dim"))
            error.set_class(bool(message), "-error")
        problems = len(result.errors)
        status = self.query_one("#form-status", Static)
        status.update(f"{problems} field{'s' if problems != 1 else ''} to fix" if problems else "ready to save")
        status.set_class(bool(problems), "-error")
        self.query_one("#form-save", Button).disabled = bool(problems)
        return result

    def _changed(self) -> None:
        if self.is_mounted:
            self.check()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == _dom_id("text"):
            self._follow_text()
        self._changed()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == _dom_id("text"):
            self._follow_text()
        self._changed()

    def _follow_text(self) -> None:
        """Propose the id from the text while the id is the one proposed (not typed by hand)."""
        if not self.propose_id or not self.is_mounted:
            return
        field = self.query_one("#" + _dom_id("id"), Input)
        if field.value not in ("", self._proposed):
            return
        self._proposed = proposed_id(self.value_of("text"), self.known_ids, self.kind)
        field.value = self._proposed

    @property
    def changed(self) -> bool:
        """Whether a field differs from what the form opened with."""
        current = {spec.name: self.value_of(spec.name) for spec in ALL_FIELDS}
        return self._initial is not None and current != self._initial

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == _dom_id("kind"):
            self.draft["kind"] = str(event.value)
            self._show_kind()
        self._changed()

    def action_save(self) -> None:
        result = self.check()
        if result.ok:
            self.dismiss(result)
        else:
            first = next(iter(result.errors))
            self.notify(f"{first}: {result.errors[first]}", title="Not saved", severity="warning", markup=False)
            self.query_one("#" + _dom_id(first)).focus()

    def action_cancel(self) -> None:
        """Close without saving; with changed fields, ask first."""
        if not self.changed:
            self.dismiss(None)
            return
        from argmap.tui.confirm import ask_before_discarding

        ask_before_discarding(self, self.title_text, discard=lambda: self.dismiss(None), save=self.action_save)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()
