"""Diagnostics: one finding about a map file, with its position and what to do."""

from __future__ import annotations

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
    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, SEVERITY_ORDER[self.severity], self.rule)


class ArgmapError(Exception):
    """A problem the user can fix (file missing, bad option): reported in one line, never as a traceback."""
