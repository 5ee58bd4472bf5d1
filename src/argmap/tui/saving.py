"""The map file behind the explorer: the edit session, saving, conflicts, the crash journal, live reload.

Every change goes through `argmap.io.session.EditSession`, the engine of `argmap edit`: only the edited lines of
the file change, saves are atomic, a file changed on disk is never overwritten, unsaved edits are journaled. The
shown document is the session's buffer (`session.document()`), so the panes show edits before they are saved.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from textual.app import App, SuspendNotSupported

from argmap.analysis.navigation import History
from argmap.analysis.search import SearchIndex
from argmap.edit.editor_cmd import editor_command
from argmap.edit.session import Edit, EditSession
from argmap.errors import ArgmapError, ConflictError, Diagnostic, count_severity
from argmap.io import MapDocument
from argmap.tui.style import Look

#: Seconds between two looks at the file on disk (live reload).
POLL_SECONDS = 1.0


def run_editor(command: list[str]) -> int:
    """Run the user's editor and wait for it (a function of its own, so tests can stand in for it)."""
    return subprocess.call(command)


class FileSession(App[int]):
    """The explorer's map file and its edit session (a mixin of `ArgmapApp`, under `Editing`)."""

    # provided by ArgmapApp
    doc: MapDocument
    findings: list[Diagnostic]
    focused_node: str | None
    look: Look
    cursor_blink: bool
    history: History

    @property
    def search_index(self) -> SearchIndex:
        raise NotImplementedError

    def reload(self, doc: MapDocument, findings: list[Diagnostic] | None = None) -> None:
        raise NotImplementedError

    def focus_node(self, node_id: str, *, jump: bool = True) -> bool:
        raise NotImplementedError

    def _update_topbar(self) -> None:
        raise NotImplementedError

    session: EditSession | None = None
    edit_problem: str | None = None
    _disk_warned = False

    # -- the session ------------------------------------------------------------------------------------------

    def open_session(self) -> None:
        """Open the shown file for editing (at start); offer to restore edits a crash left in the journal."""
        try:
            self.session = EditSession.open(self.doc.path, doc=self.doc)
            self.edit_problem = None
        except ArgmapError as exc:  # EditError included: the file does not parse, nothing can be edited safely
            self.session = None
            self.edit_problem = str(exc)
            return
        self.set_interval(POLL_SECONDS, self.poll_disk, name="poll the map file")
        if self.session.recovery is not None:
            self.call_after_refresh(self._offer_recovery)

    def _offer_recovery(self) -> None:
        from argmap.tui.confirm import ConfirmScreen, TextScreen

        session = self.session
        if session is None or session.recovery is None:
            return
        recovery = session.recovery

        def answered(answer: str | None) -> None:
            if answer == "restore":
                self._edit(session.restore)
            elif answer == "discard":
                session.discard_journal()
                self.notify("unsaved edits discarded", timeout=3)
            elif answer == "show":
                edits = "\n".join(f"- {edit}" for edit in recovery.edits) or "(no list of edits)"
                self.push_screen(TextScreen("Unsaved edits in the journal", edits),
                                 lambda _none: self._offer_recovery())
            else:
                self.notify("The journal is kept until you edit or save; press r to be asked again.", timeout=4)

        self.push_screen(ConfirmScreen(
            "Unsaved edits found",
            f"{self.doc.path.name} has {recovery.describe()}.\nRestore them into the explorer (unsaved until you "
            "press Ctrl+S), or discard them?",
            [("restore", "Restore"), ("show", "Show the edits"), ("discard", "Discard"), ("later", "Later")],
            danger=["discard"]), answered)

    @property
    def dirty(self) -> bool:
        return self.session is not None and self.session.dirty

    def edit_mark(self) -> str:
        """` ●` after the file name while there are unsaved edits."""
        return " ●" if self.dirty else ""

    def _editable(self) -> EditSession | None:
        if self.session is None:
            self.notify(f"This map cannot be edited here: {self.edit_problem or 'it is not a map file'}. Fix it "
                        "in a text editor (o).", severity="warning", timeout=6, markup=False)
        return self.session

    def _edit(self, operation: Callable[[], Edit | None], *, focus: str | None = None) -> bool:
        """Run an edit, show the buffer, focus the node it was about and say what it did; an `EditError` is a
        notification and nothing changes."""
        session = self._editable()
        if session is None:
            return False
        try:
            edit = operation()
        except ArgmapError as exc:  # EditError included
            self.notify(str(exc), title="Not changed", severity="error", timeout=8, markup=False)
            return False
        if edit is None:
            self.bell()
            return False
        self._show_buffer(focus or edit.focus)
        self.notify(edit.summary, timeout=3, markup=False)
        if session.journal_error:
            self.notify(session.journal_error, severity="warning", timeout=8, markup=False)
        return True

    def _show_buffer(self, focus: str | None = None) -> None:
        assert self.session is not None
        doc = self.session.document()
        moved = focus is not None and focus != self.focused_node and doc.map is not None \
            and doc.map.node(focus) is not None
        if moved:
            self.focused_node = focus  # before the panes are rebuilt, so the outline reveals it only once
        self.reload(doc)
        if moved and focus is not None:
            self.history.visit(focus)
        self._update_topbar()

    # -- saving -----------------------------------------------------------------------------------------------

    def action_save(self, then: Callable[[], object] | None = None) -> None:
        """Save the edits (atomically); if the file changed on disk meanwhile, ask what to do."""
        session = self._editable()
        if session is None:
            return
        try:
            saved = session.save()
        except ConflictError as exc:
            self._conflict(str(exc), then)
            return
        except ArgmapError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return
        self._disk_warned = False
        self.notify(f"Saved {self.doc.path.name}" if saved else "Nothing to save", timeout=3, markup=False)
        self._update_topbar()
        if then is not None:
            then()

    def _conflict(self, reason: str, then: Callable[[], object] | None) -> None:
        from argmap.tui.confirm import ConfirmScreen, TextScreen, diff_text
        from argmap.tui.prompt import PromptScreen

        session = self.session
        assert session is not None

        def answered(answer: str | None) -> None:
            if answer == "diff":
                self.push_screen(TextScreen("On disk → your edits", diff_text(session.diff())),
                                 lambda _none: self._conflict(reason, then))
            elif answer == "reload":
                self._drop_edits()
            elif answer == "overwrite":
                session.save(force=True)
                self.notify(f"Saved {self.doc.path.name} over the other version (kept as {self.doc.path.name}~)",
                            markup=False)
                self._update_topbar()
                if then is not None:
                    then()
            elif answer == "save-as":
                def named(name: str | None) -> None:
                    if not name:
                        return
                    target = Path(name).expanduser()
                    target = target if target.is_absolute() else session.path.parent / target
                    try:
                        warnings = session.save_as(target)
                    except ArgmapError as exc:
                        self.notify(str(exc), title="Not saved", severity="error", timeout=8, markup=False)
                        return
                    self._show_buffer(self.focused_node)
                    self.notify(f"Saved as {target.name}" + "".join(f"\n{w}" for w in warnings), timeout=6,
                                markup=False)
                    if then is not None:
                        then()

                self.push_screen(PromptScreen("Save as", "File name for your version:",
                                              session.path.stem + "-mine" + session.path.suffix,
                                              cursor_blink=self.cursor_blink), named)

        self.push_screen(ConfirmScreen(
            "The file changed on disk", f"{reason}.\nYour edits are not saved yet.",
            [("diff", "Difference"), ("reload", "Reload (drop my edits)"), ("save-as", "Save as…"),
             ("overwrite", "Overwrite"), ("cancel", "Cancel")], default="diff", danger=["reload", "overwrite"]),
            answered)

    def action_quit(self) -> None:  # type: ignore[override]
        """Quit; with unsaved edits, ask first."""
        from argmap.tui.confirm import ConfirmScreen

        session = self.session
        if session is None or not session.dirty:
            self.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save(then=self.exit)
            elif answer == "quit":
                session.discard_journal()
                self.exit()

        count = len(session.history)
        self.push_screen(ConfirmScreen("Unsaved edits", f"{count} unsaved edit{'s' if count != 1 else ''} to "
                                       f"{self.doc.path.name}. Save them before quitting?",
                                       [("save", "Save and quit"), ("quit", "Quit without saving"),
                                        ("cancel", "Cancel")], danger=["quit"]), answered)

    # -- the file on disk -------------------------------------------------------------------------------------

    def poll_disk(self) -> None:
        """Live reload: when the file changed on disk and nothing is unsaved, read it again, keeping the focus."""
        session = self.session
        if session is None or not session.changed_on_disk():
            return
        if session.dirty:
            if not self._disk_warned:
                self._disk_warned = True
                self.notify(f"{self.doc.path.name} changed on disk; your unsaved edits are kept, and saving will "
                            "ask what to do.", severity="warning", timeout=8, markup=False)
            return
        self._read_again(quiet=True)

    def _read_again(self, *, quiet: bool = False) -> None:
        session = self.session
        assert session is not None
        try:
            focus = session.reload(focus=self.focused_node)
        except ArgmapError as exc:  # EditError included
            if not self._disk_warned:
                self._disk_warned = True
                self.notify(f"{exc}. The explorer keeps the version it had.", title="Not reloaded",
                            severity="error", timeout=10, markup=False)
            return
        self._disk_warned = False
        self._show_buffer(focus)
        if quiet:
            self.notify(f"{self.doc.path.name} changed on disk: read it again", timeout=3, markup=False)
        else:
            errors = count_severity(self.findings, "error")
            self.notify(f"{self.doc.path.name}: {len(self.findings)} finding{'s' if len(self.findings) != 1 else ''}"
                        f", {errors} error{'s' if errors != 1 else ''}", title="Re-checked", timeout=3, markup=False)

    def _drop_edits(self) -> None:
        """Read the file again, dropping the unsaved edits (the user said so)."""
        assert self.session is not None
        self._show_buffer(self.session.reload(discard=True, focus=self.focused_node))
        self.notify("Read the file again; your edits were dropped.", timeout=4)

    def action_reload(self) -> None:
        """Read the map again from disk and re-check it (asking first if there are unsaved edits)."""
        from argmap.tui.confirm import ConfirmScreen

        session = self.session
        if session is None:
            super().action_reload()  # type: ignore[misc]  # the background re-read of a file that is not a map
            return
        if session.recovery is not None:
            self._offer_recovery()
            return
        if not session.dirty:
            self._read_again()
            return

        def answered(answer: str | None) -> None:
            if answer == "reload":
                self._drop_edits()

        self.push_screen(ConfirmScreen("Read the file again", "This drops your unsaved edits.",
                                       [("reload", "Reload"), ("cancel", "Cancel")], default="cancel",
                                       danger=["reload"]), answered)

    def action_open_editor(self) -> None:
        """Open the map in $VISUAL or $EDITOR at the focused node's line; read it again afterwards."""
        from argmap.tui.confirm import ConfirmScreen

        session = self.session
        if session is not None and session.dirty:
            def answered(answer: str | None) -> None:
                if answer == "save":
                    self.action_save(then=self.action_open_editor)

            self.push_screen(ConfirmScreen("Unsaved edits", "Save your edits before opening the file in your "
                                           "editor?", [("save", "Save"), ("cancel", "Cancel")]), answered)
            return
        line = session.line_of(self.focused_node) if session is not None and self.focused_node else None
        command = editor_command(self.doc.path, line)
        try:
            with self.suspend():
                code = run_editor(command)
        except SuspendNotSupported:
            self.notify(f"This terminal cannot hand over to an editor; run: {' '.join(command)}", timeout=8,
                        markup=False)
            return
        except OSError as exc:
            self.notify(f"Cannot run {command[0]}: {exc.strerror or exc}. Set $EDITOR.", severity="error", timeout=8,
                        markup=False)
            return
        if code != 0:
            self.notify(f"{command[0]} exited with status {code}", severity="warning", timeout=4, markup=False)
        if session is not None:
            if session.changed_on_disk():
                self._read_again(quiet=True)
        else:
            super().action_reload()  # type: ignore[misc]
