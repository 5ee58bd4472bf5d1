"""The map file behind the explorer: the edit session, saving, conflicts, the crash journal, live reload, $EDITOR.

Every change goes through `argmap.edit.session.EditSession`, the engine of `argmap edit`: only the edited lines of
the file change, saves are atomic, a file changed on disk is never overwritten, unsaved edits are journaled. The
shown document is the session's buffer (`session.document()`), so the panes show edits before they are saved.
`FileController` asks its questions with the explorer's modal screens and reaches the app only through `FileHost`.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from textual.app import SuspendNotSupported
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from argmap.edit.editor_cmd import editor_command
from argmap.edit.session import Edit, EditSession
from argmap.errors import ArgmapError, ConflictError, Diagnostic, count_severity
from argmap.io import MapDocument
from argmap.tui.confirm import ConfirmScreen, TextScreen, diff_text
from argmap.tui.prompt import PromptScreen

#: Seconds between two looks at the file on disk (live reload).
POLL_SECONDS = 1.0

ResultT = TypeVar("ResultT")


def run_editor(command: list[str]) -> int:
    """Run the user's editor and wait for it (a function of its own, so tests can stand in for it)."""
    return subprocess.call(command)


class FileHost(Protocol):
    """What the file controller needs from the explorer: the shown document and focus, notifications, modal
    screens, showing an edited or re-read document, a background re-read, the terminal for an editor, quitting,
    its timers."""

    @property
    def doc(self) -> MapDocument: ...

    @property
    def findings(self) -> list[Diagnostic]: ...

    @property
    def focused_node(self) -> str | None: ...

    @property
    def cursor_blink(self) -> bool: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None) -> None: ...

    def bell(self) -> None: ...

    def push_screen(self, screen: Screen[ResultT], callback: Callable[[ResultT | None], None]) -> Any: ...

    def show_document(self, doc: MapDocument, focus: str | None = None) -> None:
        """Show an edited or re-read document, focused on `focus` when it names a node."""

    def update_topbar(self) -> None:
        """Show the file's name and its unsaved mark again."""

    def reread(self) -> object:
        """Read the file again and check it in the background (a file the session cannot edit)."""

    def suspend(self) -> AbstractContextManager[None]: ...

    def exit(self) -> None: ...

    def set_interval(self, interval: float, callback: Callable[[], object] | None = None, *, name: str | None = None,
                     repeat: int = 0, pause: bool = False) -> Timer: ...

    def call_after_refresh(self, callback: Callable[..., Any], *args: Any) -> bool: ...


class FileController:
    """The explorer's map file and its edit session (None when the file cannot be edited: `problem` says why)."""

    def __init__(self, host: FileHost) -> None:
        self.host = host
        self.session: EditSession | None = None
        self.problem: str | None = None
        self._disk_warned = False

    # -- the session ------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the shown file for editing, look at it on disk every `POLL_SECONDS`, offer a crash's journal."""
        if not self.open():
            return
        self.host.set_interval(POLL_SECONDS, self.poll_disk, name="poll the map file")
        if self.session is not None and self.session.recovery is not None:
            self.host.call_after_refresh(self.offer_recovery)

    def open(self) -> bool:
        """Open the shown file for editing (at start); False when it cannot be edited safely."""
        doc = self.host.doc
        try:
            self.session = EditSession.open(doc.path, doc=doc)
            self.problem = None
        except ArgmapError as exc:  # EditError included: the file does not parse, nothing can be edited safely
            self.session = None
            self.problem = str(exc)
            return False
        return True

    def offer_recovery(self) -> None:
        """Offer to restore the edits a crash left in the journal (nothing to do when there are none)."""
        host = self.host
        session = self.session
        if session is None or session.recovery is None:
            return
        recovery = session.recovery

        def answered(answer: str | None) -> None:
            if answer == "restore":
                self.edit(session.restore)
            elif answer == "discard":
                session.discard_journal()
                host.notify("unsaved edits discarded", timeout=3)
            elif answer == "show":
                edits = "\n".join(f"- {edit}" for edit in recovery.edits) or "(no list of edits)"
                host.push_screen(TextScreen("Unsaved edits in the journal", edits),
                                 lambda _none: self.offer_recovery())
            else:
                host.notify("The journal is kept until you edit or save; press r to be asked again.", timeout=4)

        host.push_screen(ConfirmScreen(
            "Unsaved edits found",
            f"{host.doc.path.name} has {recovery.describe()}.\nRestore them into the explorer (unsaved until you "
            "press Ctrl+S), or discard them?",
            [("restore", "Restore"), ("show", "Show the edits"), ("discard", "Discard"), ("later", "Later")],
            danger=["discard"]), answered)

    @property
    def dirty(self) -> bool:
        """Whether there are unsaved edits."""
        return self.session is not None and self.session.dirty

    def edit_mark(self) -> str:
        """` ●` after the file name while there are unsaved edits."""
        return " ●" if self.dirty else ""

    def editable(self) -> EditSession | None:
        """The session to edit with; None (and the user is told why) when the file cannot be edited."""
        if self.session is None:
            self.host.notify(f"This map cannot be edited here: {self.problem or 'it is not a map file'}. Fix it "
                             "in a text editor (o).", severity="warning", timeout=6)
        return self.session

    def edit(self, operation: Callable[[], Edit | None], *, focus: str | None = None) -> bool:
        """Run an edit, show the buffer, focus the node it was about and say what it did; an `EditError` is a
        notification and nothing changes."""
        host = self.host
        session = self.editable()
        if session is None:
            return False
        try:
            edit = operation()
        except ArgmapError as exc:  # EditError included
            host.notify(str(exc), title="Not changed", severity="error", timeout=8)
            return False
        if edit is None:
            host.bell()
            return False
        self._show_buffer(focus or edit.focus)
        host.notify(edit.summary, timeout=3)
        if session.journal_error:
            host.notify(session.journal_error, severity="warning", timeout=8)
        return True

    def _show_buffer(self, focus: str | None = None) -> None:
        assert self.session is not None
        self.host.show_document(self.session.document(), focus)

    # -- saving -----------------------------------------------------------------------------------------------

    def save(self, then: Callable[[], object] | None = None) -> None:
        """Save the edits (atomically); if the file changed on disk meanwhile, ask what to do."""
        host = self.host
        session = self.editable()
        if session is None:
            return
        try:
            saved = session.save()
        except ConflictError as exc:
            self._conflict(str(exc), then)
            return
        except ArgmapError as exc:
            host.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self._disk_warned = False
        host.notify(f"Saved {host.doc.path.name}" if saved else "Nothing to save", timeout=3)
        host.update_topbar()
        if then is not None:
            then()

    def _conflict(self, reason: str, then: Callable[[], object] | None) -> None:
        host = self.host
        session = self.session
        assert session is not None

        def answered(answer: str | None) -> None:
            if answer == "diff":
                host.push_screen(TextScreen("On disk → your edits", diff_text(session.diff())),
                                 lambda _none: self._conflict(reason, then))
            elif answer == "reload":
                self._drop_edits()
            elif answer == "overwrite":
                session.save(force=True)
                host.notify(f"Saved {host.doc.path.name} over the other version (kept as {host.doc.path.name}~)")
                host.update_topbar()
                if then is not None:
                    then()
            elif answer == "save-as":
                host.push_screen(PromptScreen("Save as", "File name for your version:",
                                              session.path.stem + "-mine" + session.path.suffix,
                                              cursor_blink=host.cursor_blink), named)

        def named(name: str | None) -> None:
            if not name:
                return
            target = Path(name).expanduser()
            target = target if target.is_absolute() else session.path.parent / target
            try:
                warnings = session.save_as(target)
            except ArgmapError as exc:
                host.notify(str(exc), title="Not saved", severity="error", timeout=8)
                return
            self._show_buffer(host.focused_node)
            host.notify(f"Saved as {target.name}" + "".join(f"\n{w}" for w in warnings), timeout=6)
            if then is not None:
                then()

        host.push_screen(ConfirmScreen(
            "The file changed on disk", f"{reason}.\nYour edits are not saved yet.",
            [("diff", "Difference"), ("reload", "Reload (drop my edits)"), ("save-as", "Save as…"),
             ("overwrite", "Overwrite"), ("cancel", "Cancel")], default="diff", danger=["reload", "overwrite"]),
            answered)

    def quit(self) -> None:
        """Quit; with unsaved edits, ask first."""
        host = self.host
        session = self.session
        if session is None or not session.dirty:
            host.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.save(then=host.exit)
            elif answer == "quit":
                session.discard_journal()
                host.exit()

        count = len(session.history)
        host.push_screen(ConfirmScreen("Unsaved edits", f"{count} unsaved edit{'s' if count != 1 else ''} to "
                                       f"{host.doc.path.name}. Save them before quitting?",
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
                self.host.notify(f"{self.host.doc.path.name} changed on disk; your unsaved edits are kept, and "
                                 "saving will ask what to do.", severity="warning", timeout=8)
            return
        self._read_again(quiet=True)

    def _read_again(self, *, quiet: bool = False) -> None:
        host = self.host
        session = self.session
        assert session is not None
        try:
            focus = session.reload(focus=host.focused_node)
        except ArgmapError as exc:  # EditError included
            if not self._disk_warned:
                self._disk_warned = True
                host.notify(f"{exc}. The explorer keeps the version it had.", title="Not reloaded",
                            severity="error", timeout=10)
            return
        self._disk_warned = False
        self._show_buffer(focus)
        if quiet:
            host.notify(f"{host.doc.path.name} changed on disk: read it again", timeout=3)
        else:
            host.notify(recheck_summary(host.doc, host.findings), title="Re-checked", timeout=3)

    def _drop_edits(self) -> None:
        """Read the file again, dropping the unsaved edits (the user said so)."""
        assert self.session is not None
        self._show_buffer(self.session.reload(discard=True, focus=self.host.focused_node))
        self.host.notify("Read the file again; your edits were dropped.", timeout=4)

    def reload(self) -> None:
        """Read the map again from disk and re-check it (asking first if there are unsaved edits; in the
        background for a file the session cannot edit)."""
        session = self.session
        if session is None:
            self.host.reread()
            return
        if session.recovery is not None:
            self.offer_recovery()
            return
        if not session.dirty:
            self._read_again()
            return

        def answered(answer: str | None) -> None:
            if answer == "reload":
                self._drop_edits()

        self.host.push_screen(ConfirmScreen("Read the file again", "This drops your unsaved edits.",
                                            [("reload", "Reload"), ("cancel", "Cancel")], default="cancel",
                                            danger=["reload"]), answered)

    def open_editor(self) -> None:
        """Open the map in $VISUAL or $EDITOR at the focused node's line; read it again afterwards."""
        host = self.host
        session = self.session
        if session is not None and session.dirty:
            def answered(answer: str | None) -> None:
                if answer == "save":
                    self.save(then=self.open_editor)

            host.push_screen(ConfirmScreen("Unsaved edits", "Save your edits before opening the file in your "
                                           "editor?", [("save", "Save"), ("cancel", "Cancel")]), answered)
            return
        focused = host.focused_node
        line = session.line_of(focused) if session is not None and focused else None
        command = editor_command(host.doc.path, line)
        try:
            with host.suspend():
                code = run_editor(command)
        except SuspendNotSupported:
            host.notify(f"This terminal cannot hand over to an editor; run: {' '.join(command)}", timeout=8)
            return
        except OSError as exc:
            host.notify(f"Cannot run {command[0]}: {exc.strerror or exc}. Set $EDITOR.", severity="error", timeout=8)
            return
        if code != 0:
            host.notify(f"{command[0]} exited with status {code}", severity="warning", timeout=4)
        if session is not None:
            if session.changed_on_disk():
                self._read_again(quiet=True)
        else:
            host.reread()


def recheck_summary(doc: MapDocument, findings: list[Diagnostic]) -> str:
    """`harbour.yaml: 3 findings, 1 error`: what a re-check found."""
    errors = count_severity(findings, "error")
    return (f"{doc.path.name}: {len(findings)} finding{'s' if len(findings) != 1 else ''}, "
            f"{errors} error{'s' if errors != 1 else ''}")
