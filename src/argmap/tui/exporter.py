"""Exporting from the explorer: the view around the focused node or the whole map as SVG, here or in a folder the
user names, written in a worker thread.

One export runs at a time (`ExportProgress` shows it and refuses a second one); the worker posts `Exported` or
`ExportFailed` (`argmap.tui.background`) to the app, which hands them to `Exporter`. It reaches the app only
through `ExportHost`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker

from argmap.analysis.outline import ViewFilter
from argmap.io import MapDocument
from argmap.tui import background as jobs
from argmap.tui.export import export_target, shown_path, view_options
from argmap.tui.export_progress import ExportProgress

ResultT = TypeVar("ResultT")


class ExportHost(jobs.JobHost, Protocol):
    """What an export needs of the explorer: the shown document, focus and filter, the folder for exports (None:
    the map's), a prompt, notifications and a redraw of the screen."""

    export_dir: Path | None

    @property
    def doc(self) -> MapDocument: ...

    @property
    def focused_node(self) -> str | None: ...

    @property
    def view_filter(self) -> ViewFilter: ...

    @property
    def cursor_blink(self) -> bool: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None) -> None: ...

    def push_screen(self, screen: Screen[ResultT], callback: Callable[[ResultT | None], None]) -> Any: ...

    def action_redraw(self) -> None: ...


class Exporter:
    """The explorer's SVG exports, one at a time (`progress`)."""

    def __init__(self, host: ExportHost, progress: ExportProgress) -> None:
        self.host = host
        self.progress = progress

    def export_to_folder(self) -> None:
        """Ask for a folder (the last one, or the map's, offered), remember it and export the view there."""
        from argmap.tui.prompt import PromptScreen

        host = self.host
        folder = host.export_dir or host.doc.path.parent

        def chosen(answer: str | None) -> None:
            if answer:
                host.export_dir = Path(os.path.expanduser(answer))
                self.export_svg(host.focused_node)

        host.push_screen(PromptScreen("Export to a folder", "Folder for the SVG file:", shown_path(folder),
                                      cursor_blink=host.cursor_blink), chosen)

    def export_svg(self, focus: str | None, folder: Path | None = None) -> Worker[None] | None:
        """Write the view around `focus` (the whole map when None) as SVG, in the background; a notification
        names the file while it is drawn and once written. None: another export is running (the user is told)."""
        host = self.host
        doc = host.doc
        target = export_target(doc, folder or host.export_dir, focus)
        if not self.progress.start(target):
            return None
        job = partial(jobs.export_map, doc, target, view_options(focus, host.view_filter))
        return jobs.run_job(host, job, jobs.ExportFailed, name="export", description="export a diagram",
                            exclusive=False)

    def exported(self, message: jobs.Exported) -> None:
        # Graphviz's libraries may print notices straight to the terminal (they share its stream with the
        # screen): draw the whole screen again over them.
        self.progress.finish()
        self.host.action_redraw()
        self.host.notify(f"Wrote {shown_path(message.path, self.host.doc.path.parent)}", title="Export")

    def failed(self, message: jobs.ExportFailed) -> None:
        self.progress.finish()
        self.host.action_redraw()  # as after an export that worked
        self.host.notify(message.reason, title="Export failed", severity="error", timeout=8)
