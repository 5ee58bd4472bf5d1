"""The explorer's work in the background: checking a big map, re-reading the file, exporting diagrams.

Each runs in a thread (the screen stays responsive); results come back as worker state changes, handled here.
Workers get a name and a description: without one, Textual would describe the work by the repr of the whole map.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual.app import App
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from argmap.analysis.check import check
from argmap.analysis.navigation import History
from argmap.analysis.outline import ViewFilter
from argmap.errors import ArgmapError, Diagnostic, count_severity, has_errors
from argmap.io import MapDocument, load
from argmap.tui.export import export_target, shown_path, view_options, write_export


class BackgroundWork(App[int]):
    """Actions of `ArgmapApp` that run in worker threads."""

    # provided by ArgmapApp
    doc: MapDocument
    findings: list[Diagnostic]
    history: History
    export_dir: Path | None
    cursor_blink: bool
    focused_node: str | None
    view_filter: ViewFilter

    def reload(self, doc: MapDocument, findings: list[Diagnostic] | None = None) -> None:
        raise NotImplementedError

    def _show_findings(self) -> None:
        raise NotImplementedError

    def _outline_has_focus(self) -> bool:
        raise NotImplementedError

    def action_pane(self, name: str) -> None:
        raise NotImplementedError

    def action_redraw(self) -> None:
        raise NotImplementedError

    # -- checking -------------------------------------------------------------------------------------------

    def check_in_background(self, doc: MapDocument) -> None:
        if doc is not self.doc:
            return  # shown no longer (edits in quick succession): only the last document is checked
        self.run_worker(partial(_checked_document, doc), name="check", group="check", description="check the map",
                        thread=True, exit_on_error=False)

    def later(self, name: str, delay: float, callback: Callable[[], object]) -> None:
        """Run `callback` after `delay` seconds unless asked again under the same name meanwhile (so that a burst of
        edits, undos or redos starts one background check, not one each)."""
        timers: dict[str, Timer] = self.__dict__.setdefault("_later", {})
        if name in timers:
            timers[name].stop()
        timers[name] = self.set_timer(max(delay, 0.001), callback, name=name)

    def action_reload(self) -> None:
        """Read the map again from disk and re-check it (in the background)."""
        self.run_worker(partial(_load_and_check, self.doc.path), name="reload", group="reload",
                        description="read and check the map", thread=True, exit_on_error=False)

    def _checked(self, doc: MapDocument, findings: list[Diagnostic]) -> None:
        """The background check of a big map is done: show its findings; open Problems on errors, unless the
        user has moved since the map opened."""
        if doc is not self.doc:
            return  # a check of a document shown before
        self.findings = findings
        self._show_findings()
        untouched = not self.history.can_back and self._outline_has_focus()
        if untouched and has_errors(findings):
            self.action_pane("problems")

    # -- export ---------------------------------------------------------------------------------------------

    def action_export_view(self) -> None:
        self.export_svg(self.focused_node)

    def action_export_map(self) -> None:
        self.export_svg(None)

    def action_export_to_folder(self) -> None:
        from argmap.tui.prompt import PromptScreen

        folder = self.export_dir or self.doc.path.parent

        def chosen(answer: str | None) -> None:
            if answer:
                self.export_dir = Path(os.path.expanduser(answer))
                self.export_svg(self.focused_node)

        self.push_screen(PromptScreen("Export to a folder", "Folder for the SVG file:", shown_path(folder),
                                      cursor_blink=self.cursor_blink), chosen)

    def export_svg(self, focus: str | None, folder: Path | None = None) -> Worker[Path]:
        """Write the view around `focus` (the whole map when None) as SVG, in the background; a notification
        names the file."""
        target = export_target(self.doc, folder or self.export_dir, focus)
        options = view_options(focus, self.view_filter)
        return self.run_worker(partial(write_export, self.doc, "svg", target, options), name="export",
                               description=f"export {target.name}", thread=True,
                               group="export", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "export" and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            # Graphviz's libraries may print notices straight to the terminal (they share its stream with the
            # screen): draw the whole screen again over them.
            self.action_redraw()
        if worker.group == "export":
            if event.state == WorkerState.SUCCESS:
                self.notify(f"Wrote {shown_path(Path(str(worker.result)), self.doc.path.parent)}", title="Export",
                            markup=False)
            elif event.state == WorkerState.ERROR:
                self.notify(_reason(worker.error), title="Export failed", severity="error", timeout=8, markup=False)
        elif worker.group == "check":
            if event.state == WorkerState.SUCCESS and isinstance(worker.result, tuple):
                self._checked(*worker.result)
        elif worker.group == "reload":
            if event.state == WorkerState.SUCCESS and isinstance(worker.result, tuple):
                self.reload(*worker.result)
                errors = count_severity(self.findings, "error")
                self.notify(f"{self.doc.path.name}: {len(self.findings)} finding"
                            f"{'s' if len(self.findings) != 1 else ''}, {errors} error{'s' if errors != 1 else ''}",
                            title="Re-checked", timeout=3, markup=False)
            elif event.state == WorkerState.ERROR:
                self.notify(_reason(worker.error), title="Re-check failed", severity="error", timeout=8, markup=False)



def _checked_document(doc: MapDocument) -> tuple[MapDocument, list[Diagnostic]]:
    return doc, check(doc)


def _load_and_check(path: Path) -> tuple[MapDocument, list[Diagnostic]]:
    doc = load(path)
    return doc, check(doc)


def _reason(error: BaseException | None) -> str:
    if isinstance(error, ArgmapError):
        return str(error)
    return f"{type(error).__name__}: {error}" if error is not None else "unknown error"
