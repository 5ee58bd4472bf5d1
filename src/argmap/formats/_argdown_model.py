"""The Argdown document model: what argmap's Argdown parser produces, close to Argdown's own JSON model.

Statements are occurrences grouped by title into equivalence classes; arguments hold descriptions and a
premise-conclusion structure; relations join titles (`from`/`to` with their kinds), as in Argdown's JSON export.
`ArgdownError` is the one-line positioned error of every Argdown syntax problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from argmap.errors import ArgmapError, Diagnostic

MemberKind = Literal["statement", "argument", "inference"]


class ArgdownError(ArgmapError):
    """A syntax error in an Argdown file: `file:line:col: error: message [argdown]`."""

    def __init__(self, file: str, line: int, column: int, message: str) -> None:
        self.diagnostic = Diagnostic(file, "error", "argdown", message, line=max(line, 1), column=max(column, 1))
        super().__init__(self.diagnostic.format())


@dataclass
class Statement:
    """One statement occurrence. `role`: top-level, relation, premise, intermediary-conclusion,
    main-conclusion, list (an item of a list); references have no text of their own."""

    title: str
    text: str
    role: str
    line: int
    column: int
    is_reference: bool = False
    tags: list[str] = field(default_factory=list)
    data: Any = None
    section: str | None = None


@dataclass
class EquivalenceClass:
    """Statements with the same title: Argdown's unit of meaning."""

    title: str
    members: list[Statement] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    line: int = 0
    column: int = 0

    @property
    def texts(self) -> list[str]:
        """The texts of the members that define text (references excluded)."""
        return [m.text for m in self.members if not m.is_reference]

    @property
    def text(self) -> str:
        """The first member text, or '' for a class only ever referred to."""
        texts = [t for t in self.texts if t]
        return texts[0] if texts else ""


@dataclass
class Inference:
    """The step before a conclusion: its rules and YAML data (empty for a collapsed `----`)."""

    rules: list[str] = field(default_factory=list)
    data: Any = None
    line: int = 0
    column: int = 0


@dataclass
class PcsStatement:
    """A numbered line of a premise-conclusion structure: the statement's title and role, and for a conclusion
    the inference that leads to it."""

    title: str
    role: str
    inference: Inference | None = None


@dataclass
class Argument:
    """An argument: its descriptions (texts of definitions), its premise-conclusion structure, tags and data."""

    title: str
    descriptions: list[str] = field(default_factory=list)
    pcs: list[PcsStatement] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    line: int = 0
    column: int = 0

    @property
    def conclusion(self) -> str | None:
        """The title of the main conclusion's equivalence class, when reconstructed."""
        return self.pcs[-1].title if self.pcs else None


@dataclass(frozen=True)
class Relation:
    """A relation between titles. `type`: support, attack, undercut, entails, contrary, contradictory. An
    undercut of an inference targets (`argument title`, `conclusion_index`)."""

    type: str
    source: str
    source_kind: MemberKind
    target: str
    target_kind: MemberKind
    conclusion_index: int | None = None


@dataclass
class Section:
    """A heading: a group of the statements and arguments under it."""

    id: str
    level: int
    title: str
    parent: str | None
    line: int
    tags: list[str] = field(default_factory=list)
    data: Any = None


@dataclass
class ArgdownDocument:
    """A parsed Argdown file."""

    path: str
    front_matter: Any = None
    mode: str = "loose"
    statements: dict[str, EquivalenceClass] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
