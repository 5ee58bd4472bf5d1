"""A source text laid out for the terminal: wrapped lines as character offsets, and the quoted passages in it.

Textual-free, so that the layout can be tested on its own and reused.

>>> text = "One two three four.\\nFive six."
>>> [text[a:b] for a, b in wrap_offsets(text, 10)]
['One two ', 'three ', 'four.', 'Five six.']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from argmap.io.document import MapDocument

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Passage:
    """A quote's place in its source: offsets, the quoting node, its kind and the quote's number."""

    start: int
    end: int
    node: str
    kind: str
    quote: int


def passages_by_source(doc: MapDocument) -> dict[str, list[Passage]]:
    """Every located quote, grouped by source id and sorted by position."""
    found: dict[str, list[Passage]] = {}
    if doc.map is None:
        return found
    for node in doc.map.by_id.values():
        for index, quote in enumerate(node.quotes):
            match = doc.matches.get((node.id, index))
            if match is None or quote.source is None:
                continue
            found.setdefault(quote.source, []).append(Passage(match.start, match.end, node.id, node.kind, index))
    for passages in found.values():
        passages.sort(key=lambda p: (p.start, -p.end))
    return found


@functools.lru_cache(maxsize=64)
def wrap_offsets(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """The text wrapped to `width` cells, as (start, end) offsets per line (line breaks not included). Cached:
    going back and forth between nodes of several sources does not wrap a text twice."""
    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        start, end = position, position + len(paragraph)
        position = end + 1
        if not paragraph.strip():
            lines.append((start, end))
            continue
        line_start, used = start, 0
        for word in _WORD.finditer(paragraph):
            w_start = start + word.start()
            stripped = word.group().rstrip()
            size = cell_len(stripped)
            if used and used + size > width:
                lines.append((line_start, w_start))
                line_start, used = w_start, 0
            while size > width:  # a word longer than a line: cut it
                lines.append((line_start, w_start + width))
                line_start = w_start = w_start + width
                size -= width
            used += size + cell_len(word.group()) - cell_len(stripped)
        lines.append((line_start, end))
    return tuple(lines)


def line_of(lines: Sequence[tuple[int, int]], offset: int) -> int:
    """The number of the wrapped line holding `offset`."""
    return max(0, bisect.bisect_right(lines, (offset, float("inf"))) - 1)


#: Source texts up to this many characters in all are split into sentences right after the first screen; longer
#: ones in the background (pysbd takes a quarter of a second for an article of 5,000 characters, and more than
#: linear time in a paragraph's length). Sentences are remembered, so after an edit only the quotes are compared.
COVERAGE_AT_ONCE = 8_000
#: Beyond this many characters the explorer shows no coverage (`argmap coverage` still lists it).
COVERAGE_LIMIT = 50_000


@dataclass(frozen=True)
class Gaps:
    """What the quotes leave of a map's sources (`argmap coverage`): per source, the sentences some word of which no
    quote covers, as (start, end) offsets in text order; and the share of all the sources' words covered (None when
    no source has a text, or when it was not computed: `skipped` says why)."""

    sentences: dict[str, list[tuple[int, int]]]
    share: float | None
    skipped: str | None = None


def text_size(doc: MapDocument) -> int:
    """The characters of all the source texts of `doc`."""
    return sum(len(source.text) for source in doc.sources.values() if source.text is not None)


def coverage_gaps(doc: MapDocument) -> Gaps:
    """The gaps of every source of `doc` with a text, as `argmap coverage` finds them (excluded lines left out);
    nothing for texts longer than `COVERAGE_LIMIT` in all."""
    from argmap.analysis.coverage import coverage

    size = text_size(doc)
    if size > COVERAGE_LIMIT:
        return Gaps({}, None, f"the source texts are {size:,} characters, more than the explorer splits into "
                    f"sentences ({COVERAGE_LIMIT:,}): `argmap coverage` lists what no quote covers")

    sentences: dict[str, list[tuple[int, int]]] = {}
    words = covered = 0
    for result in coverage(doc):
        if result.problem is not None:
            continue
        sentences[result.source.id] = [(s.start, s.end) for s in result.gaps]
        words += result.words
        covered += result.covered_words
    return Gaps(sentences, covered / words if words else None)
