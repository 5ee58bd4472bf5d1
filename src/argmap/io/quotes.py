"""Finding quotes in source texts: verbatim first, then up to white space and typographic marks.

>>> text = "He said \u201cno\u201d.  Then   left."
>>> locate("said \u201cno\u201d", text).exact
True
>>> m = locate('said "no". Then left', text)
>>> (m.exact, text[m.start:m.end])
(False, 'said \u201cno\u201d.  Then   left')
>>> locate("absent", text) is None
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

_TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00ad": "",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
})


class Match(NamedTuple):
    """Where a quote stands in its source: offsets, whether it matched verbatim, and `other`, the start of a
    second place the words stand when the quote gave no `start` to choose between them (-1: there is none).
    A tuple: a map of 10,000 nodes makes 10,000 of them on loading."""

    start: int
    end: int
    exact: bool
    other: int = -1


class Normalised:
    """A source text folded for loose matching, with a map back to the original offsets."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        index: list[int] = []
        previous_space = True
        for offset, char in enumerate(text):
            folded = char.translate(_TYPOGRAPHIC)
            if not folded:
                continue
            if folded.isspace():
                if previous_space:
                    continue
                folded = " "
                previous_space = True
            else:
                previous_space = False
            chars.append(folded)
            index.append(offset)
        self.text = "".join(chars)
        self.index = index


def _match(values: tuple[int, int, bool, int]) -> Match:
    """A `Match` made without the Python-level `__new__` of a named tuple: a tenth of the time, 10,000 times
    per large map."""
    return tuple.__new__(Match, values)


def fold(text: str) -> str:
    """The loose form of a quote: typographic marks made plain, white space collapsed."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


def locate(quote: str, text: str, hint: int | None = None,
           normalised: Callable[[], Normalised] | None = None) -> Match | None:
    """Find `quote` in `text`. `hint` (a start offset) picks the occurrence when the words occur more than once;
    without one, `other` tells of a second occurrence. `normalised` supplies the folded text (built once per
    source, only when a quote is not verbatim)."""
    if hint is not None and text.startswith(quote, hint):
        return _match((hint, hint + len(quote), True, -1))
    first = text.find(quote)
    if first >= 0:
        if hint is not None:
            best = min(_all(text, quote), key=lambda p: abs(p - hint))
            return _match((best, best + len(quote), True, -1))
        return _match((first, first + len(quote), True, text.find(quote, first + 1)))
    loose = fold(quote)
    if not loose:
        return None
    norm = normalised() if normalised else Normalised(text)
    found = norm.text.find(loose)
    if found < 0:
        return None
    start = norm.index[found]
    end = norm.index[found + len(loose) - 1] + 1
    again = norm.text.find(loose, found + 1) if hint is None else -1
    return _match((start, end, False, norm.index[again] if again >= 0 else -1))


def occurrences(quote: str, text: str, match: Match, normalised: Callable[[], Normalised]) -> list[int]:
    """The starts of every place the quote stands in `text`, verbatim or (as `match` was) loosely."""
    if match.exact:
        return _all(text, quote)
    norm = normalised()
    return [norm.index[at] for at in _all(norm.text, fold(quote))]


def line_column(text: str, offset: int) -> str:
    r"""`line:column` (1-based, in code points) of an offset in a source text.

    >>> line_column("ab\ncd", 4)
    '2:2'
    """
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - text.rfind(chr(10), 0, offset)}"


def _all(text: str, quote: str) -> list[int]:
    positions, at = [], text.find(quote)
    while at >= 0:
        positions.append(at)
        at = text.find(quote, at + 1)
    return positions
