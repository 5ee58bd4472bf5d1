"""The bottom of argmap: its errors and findings, imported by every layer and importing nothing of argmap.

`Diagnostic` is one finding about a map file (position, severity, rule, what to do); `ArgmapError` a problem the
user can fix, reported in one line; `EditError`, `LayoutError` and `ConflictError` the refusals of editing;
`suggest` the did-you-mean of every message that names an unknown word.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

Loc = tuple[str | int, ...]


@dataclass
class Diagnostic:
    """A finding: `file:line:col: severity: message [rule]`. `loc` is the path of the value in the map's data
    (`("nodes", 3, "kind")`), turned into `line` and `column` (1-based) when the document is located."""

    file: str
    severity: Severity
    rule: str
    message: str
    loc: Loc = ()
    line: int = 0
    column: int = 0
    node: str | None = None
    hint: str | None = field(default=None)

    def format(self) -> str:
        """The one-line form that editors and CI systems read as an annotation."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        subject = f"node '{self.node}': " if self.node else ""
        return f"{where}: {self.severity}: {subject}{self.message} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of `argmap check --format json`."""
        data = asdict(self)
        data["loc"] = list(self.loc)
        return data

    @property
    def is_error(self) -> bool:
        """Whether the finding is an error (a warning or a note is not)."""
        return self.severity == "error"

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, SEVERITY_ORDER[self.severity], self.rule)


class ArgmapError(Exception):
    """A problem the user can fix (file missing, bad option): reported in one line, never as a traceback."""


def count_severity(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    """How many of the findings have this severity."""
    return sum(diag.severity == severity for diag in diagnostics)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any of the findings is an error."""
    return any(diag.severity == "error" for diag in diagnostics)


def suggest(word: str, choices: Iterable[str]) -> str:
    """`; did you mean 'x'?` for the closest choice, or nothing.

    >>> suggest("evidense", ["claim", "evidence"]), suggest("zzz", ["claim"])
    ("; did you mean 'evidence'?", '')
    """
    return _suggestion(str(word), tuple(choices))


#: Past this many choices, rapidfuzz narrows them before difflib ranks them (a misspelt node id of a 10,000-node map).
_NARROW_FROM = 200
_CUTOFF = 0.6


@functools.lru_cache(maxsize=1024)
def _suggestion(word: str, choices: tuple[str, ...]) -> str:
    """`suggest`, once per word and choices: a map that misspells one actor in every node asks 10,000 times.
    The answer is difflib's closest match. Many choices are first ranked by rapidfuzz's Indel ratio, which is never
    below difflib's ratio for the same pair (it counts the longest common subsequence, difflib a part of it):
    difflib then scores them best first and stops where the Indel ratio falls below the best score found, since no
    later choice can reach it; the answer is the same, in a fraction of the time."""
    if len(choices) <= _NARROW_FROM:
        close = difflib.get_close_matches(word, choices, n=1, cutoff=_CUTOFF)
        return f"; did you mean '{close[0]}'?" if close else ""
    from rapidfuzz import fuzz, process

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for choice, upper, _ in process.extract(word, choices, scorer=fuzz.ratio, limit=None,
                                            score_cutoff=_CUTOFF * 100 - 1e-6):
        if best is not None and upper / 100 < best[0] - 1e-9:
            break
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() >= _CUTOFF and matcher.quick_ratio() >= _CUTOFF:
            score = matcher.ratio()
            if score >= _CUTOFF and (best is None or (score, choice) > best):
                best = (score, choice)
    close = [best[1]] if best else []
    return f"; did you mean '{close[0]}'?" if close else ""


def a_or_an(noun: str) -> str:
    """The noun with its indefinite article.

    >>> a_or_an("inference"), a_or_an("claim"), a_or_an("hour")
    ('an inference', 'a claim', 'a hour')
    """
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def plural(count: int, singular: str, many: str | None = None) -> str:
    """`1 node`, `2 nodes`; `many` for irregular plurals.

    >>> plural(1, "node"), plural(3, "node"), plural(2, "entry", "entries"), plural(0, "error")
    ('1 node', '3 nodes', '2 entries', '0 errors')
    """
    return f"{count:,} {singular if count == 1 else many or singular + 's'}"


class EditError(ArgmapError):
    """An edit that was refused (unknown node, bad value, duplicate relation...). The buffer is unchanged.
    `node` and `field` name what the edit was about, when known, so that a form can point at it; `loc`, the data
    path of another part it was about (`("scenarios", 2, "title")`), so that a message can give its line."""

    def __init__(self, message: str, *, node: str | None = None, field: str | None = None,
                 loc: tuple[str | int, ...] | None = None) -> None:
        super().__init__(message)
        self.node = node
        self.field = field
        self.loc = loc


class LayoutError(EditError):
    """The file is written in a way that argmap cannot edit without restyling it (`argmap fmt` would)."""


class ConflictError(ArgmapError):
    """The file changed on disk since it was loaded; saving would overwrite someone else's work.

    Choices: `session.reload()` (drop the buffer's edits and read the file again), `session.save_as(other)`
    (keep both), `session.diff()` (see what differs), or `session.save(force=True)` (overwrite)."""

    choices = ("reload", "save as", "show difference", "overwrite")

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: changed on disk since it was opened ({detail}); reload it, save under "
                         "another name, or look at the difference first")
        self.path = path
        self.detail = detail
