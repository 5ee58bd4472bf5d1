"""The explorer's work in the background: what each job computes, and the typed message that brings it back.

The app runs each job in a worker thread (`run_job`: the screen stays responsive) and posts the job's message from
there (`post_message` is thread-safe); each message has its own handler on the app. Failures come back as messages
too. The jobs are plain functions, so tests can count or replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from textual.message import Message
from textual.worker import Worker, get_current_worker

from argmap.analysis.findings import map_findings
from argmap.analysis.scenarios import ScenarioOutcome
from argmap.analysis.semantics import Evaluation
from argmap.errors import ArgmapError, Diagnostic
from argmap.io import MapDocument, load
from argmap.model import Scenario
from argmap.tui.export import write_export
from argmap.tui.reasoning import evaluate_document
from argmap.tui.source_text import Gaps, coverage_gaps


class MapChecked(Message):
    """The check of a shown document is done (a big map is checked after its first screen and after edits):
    the findings its rule settings keep, and how many they silence."""

    def __init__(self, doc: MapDocument, findings: list[Diagnostic], silenced: int = 0) -> None:
        super().__init__()
        self.doc = doc
        self.findings = findings
        self.silenced = silenced


class MapEvaluated(Message):
    """The evaluation of a document is done: its baseline and, under a scenario, the outcome."""

    def __init__(self, doc: MapDocument, baseline: Evaluation | None, outcome: ScenarioOutcome | None) -> None:
        super().__init__()
        self.doc = doc
        self.baseline = baseline
        self.outcome = outcome


class MapReread(Message):
    """The map file was read again from disk and checked (with its rule settings, as `MapChecked`)."""

    def __init__(self, doc: MapDocument, findings: list[Diagnostic], silenced: int = 0) -> None:
        super().__init__()
        self.doc = doc
        self.findings = findings
        self.silenced = silenced


class GapsFound(Message):
    """The sentences of the sources that no quote covers were found (`argmap coverage`), for a shown document."""

    def __init__(self, doc: MapDocument, gaps: Gaps) -> None:
        super().__init__()
        self.doc = doc
        self.gaps = gaps


class Exported(Message):
    """A diagram was written to `path`."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class WorkFailed(Message):
    """A background job raised `error`; each job has a subclass of its own, handled apart."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    @property
    def reason(self) -> str:
        """What went wrong, in one line: an `ArgmapError` says it itself, anything else is named by its type."""
        if isinstance(self.error, ArgmapError):
            return str(self.error)
        return f"{type(self.error).__name__}: {self.error}"


class EvaluationFailed(WorkFailed):
    """The evaluation of the map failed."""


class RereadFailed(WorkFailed):
    """Reading the map file again (or checking it) failed."""


class ExportFailed(WorkFailed):
    """Writing a diagram failed."""


class MessageTarget(Protocol):
    """What a job's message is posted to (an app, a screen or a widget)."""

    def post_message(self, message: Message) -> bool: ...


class JobHost(MessageTarget, Protocol):
    """What runs a job and is told its outcome: the app (its `run_worker`; its messages go to it)."""

    def run_worker(self, work: Callable[[], None], name: str | None = "", group: str = "default",
                   description: str = "", exit_on_error: bool = True, start: bool = True, exclusive: bool = False,
                   thread: bool = False) -> Worker[None]: ...


def run_job(host: JobHost, job: Callable[[], Message], failed: Callable[[Exception], Message] | None = None, *,
            name: str, description: str, exclusive: bool = True) -> Worker[None]:
    """Run `job` in a worker thread of `host`, named and grouped `name`, and post its message to `host`
    (`deliver`). Exclusive: a newer job of the group cancels the one running. A failed worker never ends the app."""
    return host.run_worker(partial(deliver, host, job, failed), name=name, group=name, description=description,
                           exit_on_error=False, exclusive=exclusive, thread=True)


def deliver(target: MessageTarget, job: Callable[[], Message],
            failed: Callable[[Exception], Message] | None = None) -> None:
    """Run `job` in the current worker thread and post the message it returns to `target` (`post_message` is
    thread-safe). An exception is posted as `failed(exception)` (None: raised again, the worker fails quietly).
    Nothing is posted once the worker is cancelled: a newer job of its group replaced it."""
    try:
        message = job()
    except Exception as exc:
        if failed is None:
            raise
        message = failed(exc)
    if not get_current_worker().is_cancelled:
        target.post_message(message)


def check_map(doc: MapDocument) -> MapChecked:
    """Check `doc`: `argmap check`'s findings, the map's rule settings and its nodes' silences applied."""
    outcome = map_findings(doc)
    return MapChecked(doc, outcome.kept, len(outcome.silenced))


def evaluate_map(doc: MapDocument, scenario: Scenario | None) -> MapEvaluated:
    """Evaluate `doc` under the baseline and `scenario`."""
    return MapEvaluated(doc, *evaluate_document(doc, scenario))


def reread_map(path: Path) -> MapReread:
    """Read the map file at `path` again and check it."""
    doc = load(path)
    outcome = map_findings(doc)
    return MapReread(doc, outcome.kept, len(outcome.silenced))


def find_gaps(doc: MapDocument) -> GapsFound:
    """What no quote of `doc` covers in its sources."""
    return GapsFound(doc, coverage_gaps(doc))


def export_map(doc: MapDocument, target: Path, options: dict[str, Any]) -> Exported:
    """Write the SVG diagram of `doc` with the view `options` to `target`."""
    return Exported(write_export(doc, "svg", target, options))
