"""Checking the shown document: a small map at once, a big one in the background after its first screen and
after edits (a burst of edits checked once); what no quote covers in the sources; reading the map file again.

Each job runs in a worker thread and posts its message (`argmap.tui.background`) to the app, which hands it to
`Checks`; a result for a document shown no longer is dropped. `Checks` reaches the app only through `CheckHost`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from textual.notifications import SeverityLevel
from textual.widget import Widget
from textual.worker import Worker

from argmap.analysis.findings import map_findings
from argmap.analysis.navigation import History
from argmap.errors import Diagnostic, has_errors
from argmap.io import MapDocument
from argmap.tui import background as jobs
from argmap.tui.debounce import Debounce, TimerHost
from argmap.tui.map_file import recheck_summary
from argmap.tui.panes import Panes
from argmap.tui.source_text import COVERAGE_AT_ONCE, text_size


class CheckHost(jobs.JobHost, TimerHost, Protocol):
    """What the checks need of the explorer: the shown document and its findings, the panes, whether the first
    frame is shown and the user has moved since, showing a re-read document, notifications."""

    findings: list[Diagnostic]
    silenced: int

    @property
    def doc(self) -> MapDocument: ...

    @property
    def first_frame_shown(self) -> bool: ...

    @property
    def history(self) -> History: ...

    @property
    def panes(self) -> Panes: ...

    @property
    def focused(self) -> Widget | None: ...

    def call_after_refresh(self, callback: Callable[..., Any], *args: Any) -> bool: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None) -> None: ...

    def reload(self, doc: MapDocument, findings: list[Diagnostic] | None = None) -> None: ...

    def show_findings(self) -> None: ...

    def update_topbar(self) -> None: ...

    def action_pane(self, name: str) -> None: ...


class Checks:
    """The checks of the shown document, its coverage, and reading its file again."""

    def __init__(self, host: CheckHost) -> None:
        self.host = host
        self.debounce = Debounce(host)

    # -- the check ------------------------------------------------------------------------------------------------

    def check(self, doc: MapDocument, findings: list[Diagnostic] | None, *, at_once: int, settle: float) -> None:
        """Give `doc`, the document shown now, its findings: `findings` when known, else checked now as `argmap
        check` reports them (rule settings and silences applied), or in the background for a map of more than
        `at_once` nodes (`in_background`)."""
        host = self.host
        amap = doc.map
        if findings is None and amap is not None and len(amap.by_id) > at_once:
            findings = self.in_background(doc, settle)  # meanwhile: those shown, or the load errors
        if findings is None:
            outcome = map_findings(doc)
            findings, host.silenced = outcome.kept, len(outcome.silenced)
        host.findings = findings

    def in_background(self, doc: MapDocument, settle: float) -> list[Diagnostic]:
        """Check `doc` (a big map) in the background; the findings to show meanwhile. After the first frame (an
        edit, an undo, a re-read) those shown stay until the check is done (placing findings in a big file is the
        slow part), and a burst of edits within `settle` seconds is checked once; before it, the load errors."""
        host = self.host
        if host.first_frame_shown:
            self.debounce.later("check", settle, partial(self._check_shown, doc))
            return host.findings
        host.call_after_refresh(self._check_shown, doc)  # after the first frame
        return sorted(doc.diagnostics, key=lambda d: d.sort_key)  # its load errors at once

    def _check_shown(self, doc: MapDocument) -> None:
        if doc is self.host.doc:  # else shown no longer (edits in quick succession): only the last one is checked
            jobs.run_job(self.host, partial(jobs.check_map, doc), name="check", description="check the map")

    def checked(self, message: jobs.MapChecked) -> None:
        """The background check of a big map is done: show its findings; open Problems on errors, unless the
        user has moved since the map opened."""
        host = self.host
        if message.doc is not host.doc:
            return  # a check of a document shown before
        host.findings, host.silenced = message.findings, message.silenced
        host.show_findings()
        untouched = not host.history.can_back and host.focused is host.panes.outline
        if untouched and has_errors(message.findings):
            host.action_pane("problems")

    # -- coverage ---------------------------------------------------------------------------------------------

    def show_gaps(self, doc: MapDocument) -> None:
        """Mark what no quote covers in Source (a long text is split into sentences in the background)."""
        host = self.host
        if text_size(doc) > COVERAGE_AT_ONCE:
            jobs.run_job(host, partial(jobs.find_gaps, doc), name="coverage", description="find what no quote covers")
        elif host.first_frame_shown:
            self.gaps_found(jobs.find_gaps(doc))
        else:  # the first screen comes first
            host.call_after_refresh(lambda: self.gaps_found(jobs.find_gaps(doc)))

    def gaps_found(self, message: jobs.GapsFound) -> None:
        if message.doc is self.host.doc:
            self.host.panes.source.show_gaps(message.gaps)
            self.host.update_topbar()

    # -- reading the file again -------------------------------------------------------------------------------

    def reread(self) -> Worker[None]:
        """Read the map file again and check it, in the background (a file the edit session cannot hold)."""
        return jobs.run_job(self.host, partial(jobs.reread_map, self.host.doc.path), jobs.RereadFailed,
                            name="reload", description="read and check the map")

    def reread_done(self, message: jobs.MapReread) -> None:
        host = self.host
        host.silenced = message.silenced
        host.reload(message.doc, message.findings)
        host.notify(recheck_summary(host.doc, host.findings), title="Re-checked", timeout=3)

    def reread_failed(self, message: jobs.RereadFailed) -> None:
        self.host.notify(message.reason, title="Re-check failed", severity="error", timeout=8)
