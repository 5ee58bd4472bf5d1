"""Splices: replacements of character ranges in a text, the unit of every surgical edit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.errors import LayoutError


@dataclass(frozen=True)
class Splice:
    """Replace `text[start:end]` by `text`; `start == end` inserts."""

    start: int
    end: int
    text: str


def apply_splices(text: str, splices: Iterable[Splice]) -> str:
    """The text with every splice made. Splices may not overlap (insertions at one place keep their order)."""
    ordered = sorted(splices, key=lambda s: (s.start, s.end))
    out: list[str] = []
    pos = 0
    for splice in ordered:
        if splice.start < pos:
            raise LayoutError("internal: overlapping edits; nothing was changed")
        out.append(text[pos:splice.start])
        out.append(splice.text)
        pos = splice.end
    out.append(text[pos:])
    return "".join(out)


def invert(text: str, splices: Iterable[Splice]) -> list[Splice]:
    """The splices that undo `splices` (made to `text`) on the resulting text."""
    inverse: list[Splice] = []
    delta = 0
    for splice in sorted(splices, key=lambda s: (s.start, s.end)):
        start = splice.start + delta
        inverse.append(Splice(start, start + len(splice.text), text[splice.start:splice.end]))
        delta += len(splice.text) - (splice.end - splice.start)
    return inverse
