"""Editing the parts of a map that are not nodes, in the explorer: the map's title and description, its sources
(`source_editor`), a relation's note, weight and author, its scenarios and its vocabularies.

Each form or choice ends in one edit of the file's session (`argmap.edit.part_update`, `scenario_ops`,
`vocab_ops`), made through the file controller exactly as `argmap edit` makes it, so undo, redo, the crash journal
and safe saves work as for node edits. `PartEditor` asks with modal screens and reaches the app only through
`PartHost`.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol

from rich.text import Text

from argmap.analysis.outline import ViewFilter
from argmap.edit import part_update, scenario_ops, vocab_ops
from argmap.edit.part_values import read_probability
from argmap.edit.session import EditSession
from argmap.errors import plural
from argmap.model import VOCABULARIES
from argmap.tui.editing import EditorHost
from argmap.tui.map_file import FileController
from argmap.tui.part_form import PartField, PartFormScreen, error_check, required, slug_check
from argmap.tui.source_editor import SourceEditor


class PartHost(EditorHost, Protocol):
    """The node editor's host, the scenario shown (a renamed scenario stays shown) and the filter (a renamed tag,
    actor or theme stays in it)."""

    view_filter: ViewFilter

    @property
    def scenario_id(self) -> str | None: ...

    def set_scenario(self, scenario_id: str | None) -> None: ...


class PartEditor:
    """The explorer's edits of the map's own fields, sources, relations, scenarios and vocabularies."""

    def __init__(self, host: PartHost, files: FileController) -> None:
        self.host = host
        self.files = files
        self.sources = SourceEditor(host, files)

    def open(self, part: str) -> None:
        """Open the editor of a part: `map`, `sources`, `default-source`, `remove-source`, `scenarios`,
        `vocabularies`, or `prune` (remove every unused tag, actor and theme)."""
        if part == "map":
            self.edit_map()
        elif part == "sources":
            self.edit_sources()
        elif part == "default-source":
            self.sources.choose_default()
        elif part == "remove-source":
            self.sources.choose_removal()
        elif part == "scenarios":
            self.edit_scenarios()
        elif part == "vocabularies":
            self.edit_vocabularies()
        elif part == "prune":
            session = self.files.editable()
            if session is not None:
                self._edit(session, lambda: vocab_ops.prune(session.data))

    def _form(self, title: str, fields: list[PartField], save: Any) -> None:
        def finished(values: dict[str, str] | None) -> None:
            if values is not None:
                save(values)

        self.host.push_screen(PartFormScreen(title, fields, cursor_blink=self.host.cursor_blink), finished)

    def _edit(self, session: EditSession, make: Any) -> bool:
        return self.files.edit(lambda: session.apply(make()), focus=self.host.focused_node)

    # -- the map itself ---------------------------------------------------------------------------------------

    def edit_map(self) -> None:
        """The map's title and description in a form."""
        session = self.files.editable()
        if session is None:
            return
        data = session.data
        fields = [PartField("title", "Title", str(data.get("title") or ""), "the map's title", check=required),
                  PartField("description", "Description", str(data.get("description") or ""),
                            "what the map is about (optional)", lines=True)]
        self._form("The map", fields, lambda values: self._edit(
            session, lambda: part_update.update_map(session.data, {k: v.strip() for k, v in values.items()})))

    # -- sources (`argmap.tui.source_editor`) -----------------------------------------------------------------

    def edit_sources(self) -> None:
        """Choose a source to edit in a form, or add one, choose the default source or remove one."""
        self.sources.choose()

    def edit_source(self, source_id: str | None) -> None:
        """A source's fields in a form (None: a new source)."""
        self.sources.edit_source(source_id)

    # -- relations --------------------------------------------------------------------------------------------

    def edit_relation(self, source: str, rel_type: str, target: str) -> None:
        """A relation's note, weight and author (`by`) in a form."""
        session = self.files.editable()
        if session is None:
            return
        from argmap.edit.operations import find_relation

        relation = session.data["relations"][find_relation(session.data, source, rel_type, target)]
        weight = relation.get("weight")
        fields = [PartField("note", "Note", str(relation.get("note") or ""), "why the link holds (optional)",
                            lines=True),
                  PartField("weight", "Weight", "" if weight is None else f"{weight:g}",
                            "strength of the link, 0 to 1 (0.8 or 80%); empty: none",
                            check=error_check(lambda t: read_probability(t, what="a weight"))),
                  PartField("by", "By", str(relation.get("by") or "author"),
                            "author (the source makes the link) or analyst (you do)",
                            check=lambda t, _v: None if t.strip() in ("author", "analyst") else "author or analyst")]

        def save(values: dict[str, str]) -> None:
            update = {"note": values["note"].strip() or None, "weight": read_probability(values["weight"]),
                      "by": values["by"].strip()}
            self._edit(session, lambda: part_update.update_relation(session.data, source, rel_type, target, update))

        self._form(f"{source} {rel_type} {target}", fields, save)

    # -- scenarios --------------------------------------------------------------------------------------------

    def edit_scenarios(self) -> None:
        """The list of the map's scenarios: Enter edits one, n adds one, x removes one."""
        from argmap.tui.scenario_editor import ScenarioListScreen

        if self.files.editable() is None:
            return
        self.host.push_screen(ScenarioListScreen(self.host.doc, self), lambda _none: None)

    def edit_scenario(self, scenario_id: str | None) -> None:
        """A scenario's id, title, description, assumptions and overrides in a form (None: a new scenario)."""
        session = self.files.editable()
        if session is None:
            return
        data = session.data
        scenario = data["scenarios"][scenario_ops.find_scenario(data, scenario_id)] if scenario_id else {}
        nodes = session.node_ids()
        taken = set(scenario_ops.scenario_ids(data)) - ({scenario_id} if scenario_id else set())
        fields = [
            PartField("id", "Id", scenario_id or _free(taken, "scenario"), "a short id, as `argmap scenario` takes it",
                      check=slug_check(taken, "scenario")),
            PartField("title", "Title", str(scenario.get("title") or ""), check=required),
            PartField("description", "Description", str(scenario.get("description") or ""), lines=True),
            PartField("assume", "Assumes", part_update.entry_lines(scenario.get("assume")),
                      "one node a line, held true or false: `node-id: true`", lines=True,
                      check=error_check(lambda t: part_update.read_assumptions(t, nodes))),
            PartField("probabilities", "Probabilities", part_update.entry_lines(scenario.get("probabilities")),
                      "one node a line, its probability here: `node-id: 0.4` (or 40%)", lines=True,
                      check=error_check(lambda t: part_update.read_overrides(t, nodes)))]

        def save(values: dict[str, str]) -> None:
            new_id = values["id"].strip()
            new: dict[str, Any] = {"id": new_id, "title": values["title"].strip(),
                   "description": values["description"].strip() or None,
                   "assume": part_update.read_assumptions(values["assume"], nodes),
                   "probabilities": part_update.read_overrides(values["probabilities"], nodes)}
            shown = self.host.scenario_id
            done = self._edit(session, lambda: part_update.update_scenario(session.data, scenario_id, new))
            if done and scenario_id is not None and shown == scenario_id and new_id != scenario_id:
                self.host.set_scenario(new_id)  # the renamed scenario stays shown

        self._form(f"Scenario {scenario_id}" if scenario_id else "New scenario", fields, save)

    def remove_scenario(self, scenario_id: str) -> None:
        """Remove a scenario, after a confirmation."""
        from argmap.tui.confirm import ConfirmScreen

        session = self.files.editable()
        if session is None:
            return

        def answered(answer: str | None) -> None:
            if answer == "remove":
                self._edit(session, lambda: scenario_ops.remove_scenario(session.data, scenario_id))

        self.host.push_screen(ConfirmScreen("Remove the scenario", f"Remove scenario '{scenario_id}'?",
                                            [("remove", "Remove"), ("cancel", "Cancel")], default="cancel",
                                            danger=["remove"]), answered)

    # -- vocabularies -----------------------------------------------------------------------------------------

    def edit_vocabularies(self) -> None:
        """Choose a vocabulary (or remove every unused entry), then an entry to relabel, rename or remove."""
        from argmap.tui.choice import ChoiceScreen

        session = self.files.editable()
        if session is None:
            return
        data = session.data
        choices: list[tuple[str, str | Text]] = [
            (name, Text.assemble((name, "bold"), (f"  {plural(len(vocab_ops.entries(data, name)), 'entry', 'entries')}"
                                                  , "dim"))) for name in VOCABULARIES]
        spare = sum(len(vocab_ops.unused(data, name)) for name in VOCABULARIES)
        if spare:
            choices.append(("-prune", Text(f"Remove every unused entry ({spare})")))

        def chosen(value: str | None) -> None:
            if value == "-prune":
                self._edit(session, lambda: vocab_ops.prune(session.data))
            elif value:
                self.edit_vocabulary(value)

        self.host.push_screen(ChoiceScreen("Vocabularies", choices, hint="Tags, actors and themes:"), chosen)

    def edit_vocabulary(self, vocabulary: str) -> None:
        """Choose an entry of `vocabulary` (or declare one), then what to do with it."""
        from argmap.tui.choice import ChoiceScreen

        session = self.files.editable()
        if session is None:
            return
        data = session.data
        current = data.get(vocabulary)
        labels = current if isinstance(current, dict) else {}
        choices: list[tuple[str, str | Text]] = []
        for item in vocab_ops.entries(data, vocabulary):
            count = len(vocab_ops.users(data, vocabulary, item))
            choices.append((item, Text.assemble((item, "bold"), f"  {labels.get(item, item)}",
                                                (f"  {plural(count, 'node')}" if count else "  unused", "dim"))))
        choices.append(("-declare", Text(f"Declare a new {vocabulary[:-1]}…")))

        def chosen(value: str | None) -> None:
            if value == "-declare":
                self._declare(session, vocabulary)
            elif value:
                self._entry_action(session, vocabulary, value)

        self.host.push_screen(ChoiceScreen(vocabulary.capitalize(), choices), chosen)

    def _declare(self, session: EditSession, vocabulary: str) -> None:
        taken = set(vocab_ops.entries(session.data, vocabulary))
        fields = [PartField("id", "Id", "", "a short id, as nodes name it", check=slug_check(taken, vocabulary[:-1])),
                  PartField("label", "Label", "", "its meaning or name", check=required)]
        self._form(f"New {vocabulary[:-1]}", fields, lambda values: self.files.edit(
            lambda: session.declare(vocabulary, values["id"].strip(), values["label"].strip()),
            focus=self.host.focused_node))

    def _refilter(self, vocabulary: str, old: str, new: str | None) -> None:
        """Keep the filter on a renamed entry (`new`), or drop a removed one from it (None)."""
        facet = vocabulary[:-1]
        current = self.host.view_filter
        values: frozenset[str] = getattr(current, facet)
        if old in values and new != old:
            kept = (values - {old}) | ({new} if new else set())
            self.host.view_filter = dataclasses.replace(current, **{facet: frozenset(kept)})

    def _entry_action(self, session: EditSession, vocabulary: str, item: str) -> None:
        from argmap.tui.choice import ChoiceScreen
        from argmap.tui.confirm import ConfirmScreen

        data = session.data
        using = vocab_ops.users(data, vocabulary, item)
        current = data.get(vocabulary)
        label = current.get(item, item) if isinstance(current, dict) else item
        what = vocabulary[:-1]

        def remove_everywhere(answer: str | None) -> None:
            if answer == "remove" and self._edit(session, lambda: vocab_ops.remove_entry(
                    session.data, vocabulary, item, force=True)):
                self._refilter(vocabulary, item, None)

        def saved(values: dict[str, str]) -> None:
            if self._edit(session, lambda: _entry_update(session.data, vocabulary, item, values)):
                self._refilter(vocabulary, item, values["id"].strip())

        def chosen(action: str | None) -> None:
            if action == "edit":
                taken = set(vocab_ops.entries(session.data, vocabulary)) - {item}
                fields = [PartField("id", "Id", item, f"a new id is changed in every node using it ({len(using)})",
                                    check=slug_check(taken, what)),
                          PartField("label", "Label", str(label), check=required)]
                self._form(f"{what.capitalize()} {item}", fields, saved)
            elif action == "remove" and not using:
                self._edit(session, lambda: vocab_ops.remove_entry(session.data, vocabulary, item))
            elif action == "remove":
                listed = "\n".join(f"  • {node}" for node in using[:12]) + ("\n  …" if len(using) > 12 else "")
                self.host.push_screen(ConfirmScreen(
                    f"Remove {what} '{item}'", f"{plural(len(using), 'node')} use it; removing it takes it off "
                    f"them:\n{listed}", [("remove", "Remove it everywhere"), ("cancel", "Cancel")],
                    default="cancel", danger=["remove"]), remove_everywhere)

        used = f"used by {plural(len(using), 'node')}" if using else "unused"
        self.host.push_screen(ChoiceScreen(f"{what.capitalize()} {item}", [
            ("edit", "Rename or relabel it…"), ("remove", "Remove it" + (" (asks first)" if using else ""))],
            hint=f"{label} · {used}"), chosen)


def _entry_update(data: dict[str, Any], vocabulary: str, item: str, values: dict[str, str]) -> Any:
    current = data.get(vocabulary)
    label = current.get(item, item) if isinstance(current, dict) else item
    steps = []
    if values["label"].strip() != label:
        steps.append(part_update.step(vocab_ops.relabel, vocabulary, item, values["label"].strip()))
    if values["id"].strip() != item:
        steps.append(part_update.step(vocab_ops.rename_entry, vocabulary, item, values["id"].strip()))
    return part_update.chain(data, steps, f"{vocabulary[:-1]} '{item}' is unchanged")


def _free(taken: set[str], base: str) -> str:
    return next(f"{base}-{n}" for n in range(1, len(taken) + 2) if f"{base}-{n}" not in taken)
