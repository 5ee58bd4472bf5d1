"""What a quote that does not match its source should have been: the nearest passage (up to case, white space,
typographic marks and small edits) and the first difference, for the messages of `argmap check`.

Only quotes that are not found pay for this: the search is rapidfuzz's alignment over the folded source text.

>>> from argmap.io.quotes import Normalised
>>> text = "After Mosul's fall the army   regrouped."
>>> near = nearest("after mosul's fall", Normalised(text))
>>> text[near.start:near.end], near.difference.describe()
("After Mosul's fall", "the source has 'A' where the quote has 'a', and 1 more difference")
>>> nearest("nothing like it at all, not one word", Normalised(text)) is None
True
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from argmap.io.quotes import Normalised, fold

#: How alike (0-100, rapidfuzz's partial ratio) a passage must be to be offered as the one the quote meant.
CUTOFF = 70.0
#: Characters of context either side of a difference in an excerpt.
CONTEXT = 30
_WORD = re.compile(r"\S+")


class Difference(NamedTuple):
    """The first place a quote and its source differ: at `offset` in the source, the source has `source` where
    the quote has `quote` (either may be empty); `more` differences follow."""

    offset: int
    source: str
    quote: str
    more: int = 0

    def describe(self) -> str:
        """`the source has 'M' where the quote has 'm'`, and how many differences follow."""
        if not self.quote:
            text = f"the quote lacks {_shown(self.source)}"
        elif not self.source:
            text = f"the source lacks {_shown(self.quote)}"
        else:
            text = f"the source has {_shown(self.source)} where the quote has {_shown(self.quote)}"
        return text + (f", and {self.more} more difference{'s' if self.more != 1 else ''}" if self.more else "")


class Near(NamedTuple):
    """The nearest passage of a source to a quote: its offsets in the source text and the first difference."""

    start: int
    end: int
    difference: Difference


def nearest(quote: str, norm: Normalised) -> Near | None:
    """The passage of the folded source `norm` closest to `quote`, or None when nothing comes close."""
    loose, text = fold(quote), norm.text
    if not loose or not text:
        return None
    low_quote, low_text = _lower(loose), _lower(text)
    at = low_text.find(low_quote)
    if at >= 0:  # case alone differs
        window = (at, at + len(loose))
    else:
        found = _window(low_quote, low_text)
        if found is None:
            return None
        window = found
    low, high = window
    while low > 0 and not text[low - 1].isspace():
        low -= 1
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text, low, high)]
    quote_words = loose.split(" ")
    if not spans:
        return None
    first, last, changes = _word_changes(quote_words, [text[a:b] for a, b in spans])
    start, end = spans[first][0], spans[last][1]
    if not changes:  # equal once folded: cannot happen for a quote that was not found, but stay safe
        return Near(norm.index[start], norm.index[end - 1] + 1, Difference(norm.index[start], "", ""))
    i, j, k, stop = changes[0]
    source_part = text[spans[k][0]:spans[stop - 1][1]] if stop > k else ""
    quote_part = " ".join(quote_words[i:j])
    offset = spans[k][0] if k < len(spans) else end
    narrowed, part_source, part_quote = _narrow(source_part, quote_part)
    difference = Difference(norm.index[min(offset + narrowed, len(norm.index) - 1)], part_source, part_quote,
                            len(changes) - 1)
    return Near(norm.index[start], norm.index[end - 1] + 1, difference)


def _window(low_quote: str, low_text: str) -> tuple[int, int] | None:
    """Where in `low_text` to align `low_quote` word by word: rapidfuzz's best window of the quote's length,
    with a few words more either side; None when no window comes close."""
    if len(low_quote) >= len(low_text):
        return (0, len(low_text)) if fuzz.ratio(low_quote, low_text) >= CUTOFF else None
    aligned = fuzz.partial_ratio_alignment(low_quote, low_text, score_cutoff=CUTOFF)
    if aligned is None:
        return None
    slack = len(low_quote) // 4 + 12
    return max(0, aligned.dest_start - slack), min(len(low_text), aligned.dest_end + slack)


#: The largest word-by-word alignment (quote words times window words) made in Python; a longer quote is
#: compared with rapidfuzz's opcodes over its window instead.
_MAX_CELLS = 40_000


def _word_changes(quote: list[str], words: list[str]) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """Align the quote's words with a stretch of the window's `words` (which may run past the passage on either
    side): the first and last window word of the passage, and each change as (quote words i:j, window words
    k:l). Similar words (in case or a few letters) pair up; a word missing on one side is a change of its own."""
    m, n = len(quote), len(words)
    if m * n > _MAX_CELLS:
        return 0, n - 1, [(op.src_start, op.src_end, op.dest_start, op.dest_end)
                          for op in Levenshtein.opcodes(quote, words) if op.tag != "equal"]
    low_q, low_w = [w.lower() for w in quote], [w.lower() for w in words]
    inf = float("inf")
    cost = [[0.0] * (n + 1)] + [[inf] * (n + 1) for _ in range(m)]  # a free start anywhere in the window
    move = [bytearray(n + 1) for _ in range(m + 1)]  # 1 diagonal, 2 quote word missing, 3 window word extra
    for i in range(1, m + 1):
        row, above, step, qw, lq = cost[i], cost[i - 1], move[i], quote[i - 1], low_q[i - 1]
        row[0], step[0] = above[0] + 1, 2
        for j in range(1, n + 1):
            word = words[j - 1]
            pair = 0.0 if qw == word else 0.1 if lq == low_w[j - 1] else \
                min(2.0, 2.2 * (1 - Levenshtein.normalized_similarity(lq, low_w[j - 1])))
            best, how = above[j - 1] + pair, 1
            if above[j] + 1 < best:
                best, how = above[j] + 1, 2
            if row[j - 1] + 1 < best:
                best, how = row[j - 1] + 1, 3
            row[j], step[j] = best, how
    end = min(range(n + 1), key=lambda j: (cost[m][j], -j))  # a free end: the shortest stretch that is best
    changes: list[tuple[int, int, int, int]] = []
    i, j, last = m, end, end - 1
    first = end - 1
    while i > 0:
        how = move[i][j]
        if how == 1:
            if quote[i - 1] != words[j - 1]:
                changes.append((i - 1, i, j - 1, j))
            i, j = i - 1, j - 1
            first = j
        elif how == 2:
            changes.append((i - 1, i, j, j))
            i -= 1
        else:
            changes.append((i, i, j - 1, j))
            j -= 1
            first = j
    changes.reverse()
    return max(0, min(first, last)), max(last, 0), _merged(changes)


def _merged(changes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Adjacent missing or extra words as one change: `'the quote lacks 'the city'`, not two."""
    merged: list[tuple[int, int, int, int]] = []
    for i, j, k, stop in changes:
        if merged:
            pi, pj, pk, pstop = merged[-1]
            same_kind = (pi == pj) == (i == j) and (pk == pstop) == (k == stop) and (i == j or k == stop)
            if same_kind and pj == i and pstop == k:
                merged[-1] = (pi, j, pk, stop)
                continue
        merged.append((i, j, k, stop))
    return merged


def _narrow(source: str, quote: str) -> tuple[int, str, str]:
    """Two differing words narrowed to the characters that differ, when few do (case, a letter or two): the
    offset of the difference in `source`, and the two pieces."""
    if not source or not quote:
        return 0, source, quote
    if source.lower() == quote.lower():  # case alone: the first letters that differ
        index = stop = len(_common_prefix(source, quote))
        while stop < len(source) and source[stop] != quote[stop]:
            stop += 1
        return index, source[index:stop], quote[index:stop]
    prefix = len(_common_prefix(source, quote))
    suffix = len(_common_prefix(source[prefix:][::-1], quote[prefix:][::-1]))
    longer = max(len(source), len(quote))
    if 2 * (longer - prefix - suffix) > longer:
        return 0, source, quote
    return prefix, source[prefix:len(source) - suffix], quote[prefix:len(quote) - suffix]


def first_difference(quote: str, passage: str) -> Difference:
    """The first character at which a quote and the passage it loosely matches differ (white space or a
    typographic mark); `offset` is into `passage`."""
    index = len(_common_prefix(quote, passage))
    return Difference(index, passage[index:index + 1], quote[index:index + 1])


def excerpt(text: str, offset: int, context: int = CONTEXT) -> str:
    """The stretch of `text` around `offset`, on one line, cut at word boundaries with `...` where cut.

    >>> excerpt("one two three four five six seven", 14, 8)
    '...three four...'
    """
    low, high = max(0, offset - context), min(len(text), offset + context)
    if low > 0:
        space = text.find(" ", low, offset)
        low = space + 1 if space >= 0 else low
    if high < len(text):
        space = text.rfind(" ", offset, high)
        high = space if space > offset else high
    body = re.sub(r"[\n\r\t\v\f]", " ", text[low:high])
    return f"{'...' if low > 0 else ''}{body}{'...' if high < len(text) else ''}"


def _shown(piece: str) -> str:
    """A piece of text as a message names it: quoted, white space and invisible marks named.

    >>> _shown("M"), _shown(" "), _shown("\\n"), _shown("\\u201c")
    ("'M'", 'a space', 'a line break', "'\\u201c' (U+201C)")
    """
    names = {" ": "a space", "\n": "a line break", "\t": "a tab", "\u00a0": "a no-break space"}
    if piece in names:
        return names[piece]
    if len(piece) > 40:
        piece = piece[:37] + "..."
    mark = '"' if "'" in piece else "'"
    shown = mark + re.sub(r"[\n\r\t]", " ", piece) + mark
    return shown + (f" (U+{ord(piece):04X})" if len(piece) == 1 and not piece.isascii() else "")


def _common_prefix(a: str, b: str) -> str:
    index = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        index += 1
    return a[:index]


def _lower(text: str) -> str:
    """Lower case with the length kept (a few letters, such as 'İ', lengthen when lowered: they stay)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
