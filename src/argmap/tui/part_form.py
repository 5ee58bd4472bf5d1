"""A form for a part of a map that is not a node (the map's title and description, a source, a relation, a
scenario): labelled fields, each checked as you type by its own function, Save disabled until nothing is wrong.

Ctrl+S (or Save) dismisses with the fields' text; Escape cancels, asking first when something was typed. The form
only reads; the caller turns the text into one edit (`argmap.edit.part_update`) through the file controller, as
the node form's saves are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Static, TextArea

from argmap.model.base import URL_PATTERN, is_slug

#: A field's check: the text typed, all the fields' text; an error message, or None when it is fine.
Check = Callable[[str, dict[str, str]], str | None]

_URL = re.compile(URL_PATTERN)


# -- the checks the part forms share -------------------------------------------------------------------------------

def required(text: str, _values: dict[str, str]) -> str | None:
    return None if text.strip() else "required"


def date_check(text: str, _values: dict[str, str]) -> str | None:
    if not text.strip():
        return None
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return "a date as YYYY-MM-DD"
    return None


def url_check(text: str, _values: dict[str, str]) -> str | None:
    return None if not text.strip() or _URL.match(text.strip()) else "a link starting with http:// or https://"


def slug_check(taken: set[str], what: str) -> Any:
    def check(text: str, _values: dict[str, str]) -> str | None:
        if not is_slug(text.strip()):
            return "lower-case letters, digits, '-', '_' or '.'"
        return f"another {what} is already called '{text.strip()}'" if text.strip() in taken else None
    return check


def error_check(read: Any) -> Any:
    def check(text: str, _values: dict[str, str]) -> str | None:
        try:
            read(text)
        except ValueError as exc:
            return str(exc)
        return None
    return check


@dataclass(frozen=True)
class PartField:
    """One field: its name, label, starting text, help (shown under it while it is fine), whether it takes
    several lines, and its check."""

    name: str
    label: str
    value: str = ""
    help: str = ""
    lines: bool = False
    check: Check | None = None


def part_dom_id(name: str) -> str:
    return "part-" + name.replace("_", "-").replace(".", "--")


class PartFormScreen(ModalScreen[dict[str, str] | None]):
    """Edit a few fields; dismisses with {name: text} to save, or None."""

    BINDING_GROUP_TITLE = "Form"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", show=True, priority=True),
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    def __init__(self, title: str, fields: Sequence[PartField], *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.cursor_blink = cursor_blink
        self.initial = {spec.name: spec.value for spec in self.fields}

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    with Horizontal(classes="form-field"):
                        yield Label(spec.label, classes="form-label")
                        with Vertical(classes="form-value"):
                            yield self._widget(spec)
                            yield Static(classes="form-error", id=part_dom_id(spec.name) + "-error")
            with Horizontal(id="form-buttons"):
                yield Static(id="form-status")
                yield Button("Save", variant="primary", id="form-save")
                yield Button("Cancel", id="form-cancel")
        yield Footer()

    def _widget(self, spec: PartField) -> Widget:
        if spec.lines:
            area = TextArea(spec.value, id=part_dom_id(spec.name), soft_wrap=True, show_line_numbers=False,
                            tab_behavior="focus", compact=True)
            area.cursor_blink = self.cursor_blink
            return area
        field = Input(spec.value, id=part_dom_id(spec.name), compact=True)
        field.cursor_blink = self.cursor_blink
        return field

    def on_mount(self) -> None:
        box = self.query_one("#form-box")
        box.border_title = Text(self.title_text)
        box.border_subtitle = "Ctrl+S saves · Esc cancels"
        self.check()
        if self.fields:
            self.query_one("#" + part_dom_id(self.fields[0].name)).focus()

    def value_of(self, name: str) -> str:
        widget = self.query_one("#" + part_dom_id(name))
        return widget.text if isinstance(widget, TextArea) else widget.value if isinstance(widget, Input) else ""

    def set_value(self, name: str, value: str) -> None:
        """Type a value into a field (for scripts and tests)."""
        widget = self.query_one("#" + part_dom_id(name))
        if isinstance(widget, TextArea):
            widget.text = value
        elif isinstance(widget, Input):
            widget.value = value
        self.check()

    def values(self) -> dict[str, str]:
        return {spec.name: self.value_of(spec.name) for spec in self.fields}

    def check(self) -> dict[str, str]:
        """Check every field, show each one's error (or help), enable Save when none; the errors by field."""
        values = self.values()
        errors: dict[str, str] = {}
        for spec in self.fields:
            message = spec.check(values[spec.name], values) if spec.check is not None else None
            if message:
                errors[spec.name] = message
            shown = self.query_one("#" + part_dom_id(spec.name) + "-error", Static)
            shown.update(Text(message, style="bold") if message else Text(spec.help, style="dim"))
            shown.set_class(bool(message), "-error")
        status = self.query_one("#form-status", Static)
        count = len(errors)
        status.update(f"{count} field{'s' if count != 1 else ''} to fix" if count else "ready to save")
        status.set_class(bool(count), "-error")
        self.query_one("#form-save", Button).disabled = bool(count)
        return errors

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.is_mounted:
            self.check()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.is_mounted:
            self.check()

    def action_save(self) -> None:
        errors = self.check()
        if not errors:
            self.dismiss(self.values())
            return
        first = next(iter(errors))
        label = next(spec.label for spec in self.fields if spec.name == first)
        self.notify(f"{label}: {errors[first]}", title="Not saved", severity="warning", markup=False)
        self.query_one("#" + part_dom_id(first)).focus()

    def action_cancel(self) -> None:
        """Close without saving; when a field was changed, ask first."""
        from argmap.tui.confirm import ask_before_discarding

        if self.values() == self.initial:
            self.dismiss(None)
            return
        ask_before_discarding(self, self.title_text, discard=lambda: self.dismiss(None), save=self.action_save)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()
