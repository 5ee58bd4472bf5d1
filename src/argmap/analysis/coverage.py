"""Coverage: which sentences of a source no quote covers, and the share of its words the quotes cover.

Each non-blank line of a source is a paragraph, split into sentences by pysbd. A line the map excludes on purpose
(`coverage: {exclude: [...]}` for the map or the source: a line's text, or its beginning followed by `...`; white
space compared loosely) is left out. A word (a run of letters or digits) is covered when it lies inside the span of
a located quote of that source; the share is covered words over all words outside the excluded lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from argmap.errors import Diagnostic
from argmap.io.document import MapDocument
from argmap.model import Coverage, Source

#: The `argmap check --strict` rule of this module.
COVERAGE_RULE = {"coverage-minimum": "a source's quotes cover less of it than the map's `coverage: minimum`"}
WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
_ELLIPSIS = ("...", "…")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a source: its line (1-based), offsets, and the words no quote covers."""

    line: int
    start: int
    end: int
    text: str
    words: int
    missing: tuple[str, ...]

    @property
    def status(self) -> str:
        """`covered`, `partly` or `uncovered`."""
        if not self.missing:
            return "covered"
        return "uncovered" if len(self.missing) == self.words else "partly"


@dataclass
class SourceCoverage:
    """The coverage of one source by the map's quotes."""

    source: Source
    settings: Coverage
    sentences: list[Sentence] = field(default_factory=list)
    excluded: list[int] = field(default_factory=list)
    unused_exclusions: list[str] = field(default_factory=list)
    problem: str | None = None

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    @property
    def covered_words(self) -> int:
        return sum(s.words - len(s.missing) for s in self.sentences)

    @property
    def share(self) -> float:
        """Covered words over all words (1.0 for a text with none)."""
        return self.covered_words / self.words if self.words else 1.0

    @property
    def gaps(self) -> list[Sentence]:
        """The sentences some word of which no quote covers."""
        return [s for s in self.sentences if s.missing]

    @property
    def below_minimum(self) -> bool:
        return self.settings.minimum is not None and self.share < self.settings.minimum

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source.id, "path": self.source.path, "problem": self.problem,
                "share": round(self.share, 4), "words": self.words, "covered_words": self.covered_words,
                "sentences": len(self.sentences), "covered_sentences": len(self.sentences) - len(self.gaps),
                "minimum": self.settings.minimum, "excluded_lines": self.excluded,
                "unused_exclusions": self.unused_exclusions,
                "gaps": [{"line": s.line, "start": s.start, "end": s.end, "status": s.status, "text": s.text,
                          "missing": list(s.missing)} for s in self.gaps]}


@cache
def _segmenter() -> Any:
    import pysbd  # imported on first use: a second's start-up the other commands need not pay

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(line: str) -> list[tuple[int, int]]:
    """Spans of the sentences of one line (a paragraph), white space at their ends left out. Remembered per line
    (pysbd takes a while), so the explorer can show coverage again after every edit."""
    return list(_split(line))


@lru_cache(maxsize=65536)
def _split(line: str) -> tuple[tuple[int, int], ...]:
    spans, cursor = [], 0
    for piece in _segmenter().segment(line):
        text = piece.sent.strip()
        if not text:
            continue
        found = line.find(text, cursor)
        if found < 0:
            continue
        spans.append((found, found + len(text)))
        cursor = found + len(text)
    return tuple(spans)


def _loose(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _excluded_by(line: str, rules: list[str]) -> str | None:
    loose = _loose(line)
    for rule in rules:
        wanted = _loose(rule)
        if wanted.endswith(_ELLIPSIS):
            stem = wanted.rstrip(".…").rstrip()
            if stem and loose.startswith(stem):
                return rule
        elif loose == wanted:
            return rule
    return None


def excluded_lines(text: str, rules: list[str]) -> set[int]:
    """The 0-based numbers of the lines of `text` that the exclusion `rules` leave out."""
    return {number for number, line in enumerate(text.split("\n")) if line.strip() and _excluded_by(line, rules)}


def _quoted_spans(doc: MapDocument) -> dict[str, list[tuple[int, int]]]:
    """The located quotes' spans, by source id (one pass over the nodes for every source)."""
    assert doc.map is not None
    spans: dict[str, list[tuple[int, int]]] = {}
    for node in doc.map.nodes:
        for quote in node.quotes:
            if quote.source is not None and quote.start is not None and quote.end is not None:
                spans.setdefault(quote.source, []).append((quote.start, quote.end))
    return spans


def source_coverage(doc: MapDocument, source: Source, spans: dict[str, list[tuple[int, int]]] | None = None
                    ) -> SourceCoverage:
    """The coverage of `source` by the quotes of the loaded map `doc` (`spans`: `_quoted_spans(doc)`, when
    known)."""
    assert doc.map is not None
    result = SourceCoverage(source, doc.map.coverage_of(source))
    loaded = doc.sources.get(source.id)
    if loaded is None or loaded.text is None:
        result.problem = loaded.problem if loaded and loaded.problem else "the source has no local text (`path`)"
        return result
    text = loaded.text
    covered = bytearray(len(text))
    for start, end in (spans if spans is not None else _quoted_spans(doc)).get(source.id, []):
        covered[start:end] = b"\x01" * (end - start)
    used: set[str] = set()
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        base, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        rule = _excluded_by(line, result.settings.exclude)
        if rule is not None:
            used.add(rule)
            result.excluded.append(number)
            continue
        for start, end in split_sentences(line):
            words = list(WORD.finditer(line, start, end))
            missing = tuple(m.group() for m in words if not all(covered[base + m.start():base + m.end()]))
            result.sentences.append(Sentence(number, base + start, base + end, line[start:end], len(words),
                                             missing))
    result.unused_exclusions = [rule for rule in result.settings.exclude if rule not in used]
    return result


def coverage(doc: MapDocument) -> list[SourceCoverage]:
    """The coverage of every declared source of a loaded map."""
    if doc.map is None:
        return []
    spans = _quoted_spans(doc)
    return [source_coverage(doc, source, spans) for source in doc.map.sources]


def coverage_diagnostics(doc: MapDocument) -> list[Diagnostic]:
    """For `argmap check --strict`: a warning for each source whose quotes cover less than its declared minimum."""
    if doc.map is None:
        return []
    found = []
    for index, source in enumerate(doc.map.sources):
        settings = doc.map.coverage_of(source)
        if settings.minimum is None:
            continue
        result = source_coverage(doc, source)
        if result.problem is None and result.below_minimum:
            where = ("sources", index, "coverage", "minimum") if source.coverage and source.coverage.minimum \
                is not None else ("coverage", "minimum")
            found.append(Diagnostic(doc.display_path, "warning", "coverage-minimum",
                                    f"source '{source.id}': quotes cover {result.share:.1%} of its words, below the "
                                    f"minimum of {settings.minimum:.0%}; `argmap coverage` lists the sentences "
                                    f"left ({len(result.gaps)})", doc.file_loc(where)))
    return doc.place(found)
