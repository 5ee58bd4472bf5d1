"""A map's sources in the explorer (palette "Edit a source…"): choose one to edit in a form (its metadata, path and
coverage: the share of its words the quotes should reach, the lines left out), add one, choose the default source
(the one quotes written as plain text belong to), remove one no quote cites.

Every change is one edit made by the operations `argmap edit` makes it with (`source_ops`, `part_update`,
`set_map_field` for `--set-map default_source=`), through the file controller, so the file changes as the command
would change it and `u` takes it back; what the command refuses (removing a quoted source or the default one) is
refused with its words.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from argmap.edit import part_update, source_ops
from argmap.edit.part_values import read_probability
from argmap.edit.session import EditSession
from argmap.errors import plural
from argmap.tui.editing import EditorHost
from argmap.tui.map_file import FileController
from argmap.tui.part_form import PartField, PartFormScreen, date_check, error_check, required, slug_check, url_check


def _sources(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in data.get("sources") or [] if isinstance(s, dict)]


def plain_quotes(data: dict[str, Any]) -> tuple[int, int]:
    """How many quotes name no source (they belong to the default source), and in how many nodes."""
    quotes = nodes = 0
    for node in data.get("nodes") or []:
        found = node.get("quotes") if isinstance(node, dict) else None
        items = found if isinstance(found, list) else [found] if found else []
        plain = sum(1 for q in items if isinstance(q, str) or (isinstance(q, dict) and not q.get("source")))
        quotes += plain
        nodes += bool(plain)
    return quotes, nodes


def effective_default(data: dict[str, Any]) -> str | None:
    """The source plain quotes belong to: `default_source`, else the first source."""
    ids = source_ops.source_ids(data)
    named = data.get("default_source")
    return named if isinstance(named, str) else ids[0] if ids else None


def exclusion_lines(text: str) -> list[str] | None:
    """The excluded lines typed in the form, one a line (blank lines skipped); None when there are none."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines or None


def _free(taken: set[str]) -> str:
    return next(f"source-{n}" for n in range(1, len(taken) + 2) if f"source-{n}" not in taken)


class SourceEditor:
    """The explorer's edits of the map's sources and its default source."""

    def __init__(self, host: EditorHost, files: FileController) -> None:
        self.host = host
        self.files = files

    def _edit(self, session: EditSession, make: Any) -> bool:
        return self.files.edit(lambda: session.apply(make()), focus=self.host.focused_node)

    def _describe(self, data: dict[str, Any], source: dict[str, Any]) -> Text:
        source_id = str(source.get("id"))
        users = len(source_ops.quoting(data, source_id))
        notes = [f"quoted by {plural(users, 'node')}" if users else "unquoted"]
        if effective_default(data) == source_id:
            notes.append("default" if data.get("default_source") == source_id else "default (the first)")
        return Text.assemble((str(source.get("title")), "bold"), (f"  {source_id}", "dim"),
                             (f"  {' · '.join(notes)}", "dim"))

    def choose(self) -> None:
        """Choose a source to edit in a form, or add one, choose the default source or remove one."""
        from argmap.tui.choice import ChoiceScreen

        session = self.files.editable()
        if session is None:
            return
        data = session.data
        sources = _sources(data)
        choices: list[tuple[str, str | Text]] = [(str(s.get("id")), self._describe(data, s)) for s in sources]
        choices.append(("-add", Text("Add a source…")))
        if len(sources) > 1:
            choices.append(("-default", Text("Choose the default source (of plain-text quotes)…")))
        if sources:
            choices.append(("-remove", Text("Remove a source…")))

        def chosen(value: str | None) -> None:
            if value == "-add":
                self.edit_source(None)
            elif value == "-default":
                self.choose_default()
            elif value == "-remove":
                self.choose_removal()
            elif value:
                self.edit_source(value)

        self.host.push_screen(ChoiceScreen("Sources", choices, hint="Which source?"), chosen)

    # -- one source's form ----------------------------------------------------------------------------------------

    def edit_source(self, source_id: str | None) -> None:
        """A source's id, title, author, publisher, date, link, path and coverage (the share of its words quotes
        should cover, the lines left out) in a form (None: a new source); the path must lead to a file."""
        session = self.files.editable()
        if session is None:
            return
        data = session.data
        source = data["sources"][source_ops.find_source(data, source_id)] if source_id is not None else {}
        base = session.path.parent
        taken = set(source_ops.source_ids(data)) - {source_id}
        found = source.get("coverage")
        coverage: dict[str, Any] = found if isinstance(found, dict) else {}
        minimum, exclude = coverage.get("minimum"), coverage.get("exclude")

        def path_check(text: str, _values: dict[str, str]) -> str | None:
            if text.strip() and not (base / text.strip()).is_file():
                return f"no file {text.strip()} relative to the map"
            return None

        def text(name: str) -> str:
            value = source.get(name)
            return "" if value is None else str(value)

        fields = [PartField("id", "Id", source_id or _free(taken), "quotes naming it follow a new id",
                            check=slug_check(taken, "source")),
                  PartField("title", "Title", text("title"), check=required),
                  PartField("author", "Author", text("author")),
                  PartField("publisher", "Publisher", text("publisher")),
                  PartField("date", "Date", text("date"), "YYYY-MM-DD", check=date_check),
                  PartField("url", "Link", text("url"), "https://...", check=url_check),
                  PartField("path", "Path", text("path"), "the text's file, relative to the map", check=path_check),
                  PartField("coverage.minimum", "Coverage goal", "" if minimum is None else f"{minimum:g}",
                            "share of its words the quotes should cover, 0.8 or 80% (`check --strict` warns "
                            "below); empty: none", check=error_check(lambda t: read_probability(t, what="a share"))),
                  PartField("coverage.exclude", "Left out",
                            "\n".join(str(line) for line in exclude) if isinstance(exclude, list) else "",
                            "lines `argmap coverage` skips (bylines, captions), one a line: the line, or its "
                            "beginning and '...'", lines=True)]

        def save(values: dict[str, str]) -> None:
            typed: dict[str, Any] = {k: v.strip() for k, v in values.items()}
            typed["coverage.minimum"] = read_probability(values["coverage.minimum"], what="a share")
            typed["coverage.exclude"] = exclusion_lines(values["coverage.exclude"])
            if source_id is None:
                self._edit(session, lambda: part_update.new_source(session.data, typed, base=base))
            else:
                self._edit(session, lambda: part_update.update_source(session.data, source_id, typed, base=base))

        def finished(values: dict[str, str] | None) -> None:
            if values is not None:
                save(values)

        title = f"Source {source_id}" if source_id else "New source"
        self.host.push_screen(PartFormScreen(title, fields, cursor_blink=self.host.cursor_blink), finished)

    # -- the default source ---------------------------------------------------------------------------------------

    def choose_default(self) -> None:
        """Choose the source plain-text quotes belong to (`--set-map default_source=ID`), or none (the first);
        when that moves plain quotes to another source, ask first."""
        from argmap.tui.choice import ChoiceScreen

        session = self.files.editable()
        if session is None:
            return
        data = session.data
        if not _sources(data):
            self.host.notify("the map has no sources yet: add one with \"Edit a source…\"", severity="warning")
            return
        named = data.get("default_source")
        choices: list[tuple[str, str | Text]] = [(str(s.get("id")), self._describe(data, s)) for s in _sources(data)]
        if named is not None:
            choices.append(("-none", Text("No default_source: the first source")))
        quotes, nodes = plain_quotes(data)
        now = effective_default(data)
        hint = (f"Quotes written as plain text ({plural(quotes, 'quote')} in {plural(nodes, 'node')}) belong to "
                f"the default source, now '{now}'.")

        def chosen(value: str | None) -> None:
            if value is None or value == named or (value == "-none" and named is None):
                return
            new = None if value == "-none" else value
            after = effective_default({**data, "default_source": new})
            if quotes and after != now:
                self._confirm_default(session, new, after, quotes, nodes)
            else:
                self.files.edit(lambda: session.set_map_field("default_source", new), focus=self.host.focused_node)

        self.host.push_screen(ChoiceScreen("Default source", choices, current=now, hint=hint), chosen)

    def _confirm_default(self, session: EditSession, new: str | None, after: str | None, quotes: int,
                         nodes: int) -> None:
        from argmap.tui.confirm import ConfirmScreen

        before = effective_default(session.data)

        def answered(answer: str | None) -> None:
            if answer == "change":
                self.files.edit(lambda: session.set_map_field("default_source", new), focus=self.host.focused_node)

        message = (f"{plural(quotes, 'plain-text quote')} ({plural(nodes, 'node')}) will be read from '{after}' "
                   f"instead of '{before}': those not in its text no longer verify (`argmap check` says which; "
                   "`u` takes the change back).")
        self.host.push_screen(ConfirmScreen("Change the default source", message,
                                            [("change", "Change it"), ("cancel", "Cancel")], default="cancel",
                                            danger=["change"]), answered)

    # -- removing a source ----------------------------------------------------------------------------------------

    def choose_removal(self) -> None:
        """Choose a source to remove (`--source-remove`): one no quote cites and that is not the `default_source`;
        a quoted one is refused with the nodes quoting it, as the command refuses it."""
        from argmap.tui.choice import ChoiceScreen
        from argmap.tui.confirm import ConfirmScreen

        session = self.files.editable()
        if session is None:
            return
        data = session.data
        if not _sources(data):
            self.host.notify("the map has no sources to remove", severity="warning")
            return
        choices: list[tuple[str, str | Text]] = [(str(s.get("id")), self._describe(data, s)) for s in _sources(data)]

        def answered(source_id: str, answer: str | None) -> None:
            if answer == "remove":
                self._edit(session, lambda: source_ops.remove_source(session.data, source_id))

        def chosen(source_id: str | None) -> None:
            if source_id is None:
                return
            if source_ops.quoting(session.data, source_id) or session.data.get("default_source") == source_id:
                self._edit(session, lambda: source_ops.remove_source(session.data, source_id))  # says why not
                return
            self.host.push_screen(ConfirmScreen("Remove the source", f"Remove source '{source_id}'? No quote "
                                                "cites it.", [("remove", "Remove"), ("cancel", "Cancel")],
                                                default="cancel", danger=["remove"]),
                                  lambda answer: answered(source_id, answer))

        self.host.push_screen(ChoiceScreen("Remove a source", choices, hint="Only a source no quote cites can go."),
                              chosen)
