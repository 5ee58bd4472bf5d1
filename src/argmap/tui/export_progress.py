"""One export at a time, shown while it runs: a notification names the file being drawn until the worker is
done (a diagram of a big map takes seconds), and a second export asked for meanwhile is refused, saying so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.notifications import Notification, Notify

from argmap.tui.export import shown_path

#: The longest an "exporting" notification stays if the worker never reports (it always does).
PROGRESS_TIMEOUT = 600.0


class ExportProgress:
    """The export running in `app`'s background, if any, and its notification."""

    def __init__(self, app: App[Any], base: Path) -> None:
        self.app = app
        self.base = base
        self.target: Path | None = None
        self._note: Notification | None = None

    @property
    def running(self) -> bool:
        return self.target is not None

    def start(self, target: Path) -> bool:
        """Show that `target` is being written; False (and the user is told) while another export runs."""
        if self.target is not None:
            self.app.notify(f"An export is running ({shown_path(self.target, self.base)}); wait until it is written "
                            "before the next one.", title="Export", severity="warning", timeout=4, markup=False)
            return False
        self.target = target
        self._note = Notification(f"Exporting {shown_path(target, self.base)}…", "Export", "information",
                                  PROGRESS_TIMEOUT, markup=False)
        self.app.post_message(Notify(self._note))
        return True

    def finish(self) -> None:
        """The export is written or failed: its notification goes (the app then says which)."""
        note, self._note, self.target = self._note, None, None
        if note is not None and note in self.app._notifications:
            self.app._unnotify(note)
