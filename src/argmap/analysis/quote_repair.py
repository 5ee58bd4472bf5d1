"""Quote repair: what each quote that is not its source's exact passage should read, for `argmap fix` and the
explorer's fix action.

A quote found only loosely (white space, typographic marks) is *certain* to mean the passage it matched. A quote
not found is given the nearest passage (`argmap.io.nearest`); the repair is certain when every word pairs with a
word of that passage differing at most in case, punctuation or a typo of a letter or two, and only a proposal
otherwise (a missing or extra word, a paraphrase), for the user to accept. The new text is the source's passage
character for character, so a repaired quote is found verbatim and a second repair finds nothing to do.

Moving a quote to another source (`move_quote`) finds its passage there in the same way and refuses, with the
nearest passage, when it is not there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from argmap.edit.quote_ops import QuoteChange
from argmap.errors import EditError, suggest
from argmap.io.document import MapDocument, SourceText, default_source
from argmap.io.nearest import excerpt, first_difference, nearest
from argmap.io.quotes import fold, line_column, locate

#: The most letters a word may differ by (a typo) for a repair to stay certain.
TYPO_LETTERS = 2
#: How alike (0-1, normalised edit similarity of the folded texts) a nearest passage must be to be proposed: a
#: passage sharing only a word or two with the quote is no repair.
PROPOSE_SIMILARITY = 0.6
_WORDS = re.compile(r"\S+")
_ALNUM = re.compile(r"\w")


@dataclass(frozen=True)
class Repair:
    """The exact passage quote `index` of node `node` means: `new` (the source's own characters) at
    `start:end` of source `source`, instead of `old`. `certain` repairs are made by `argmap fix`; the others are
    proposals. `why` says how the quote differs."""

    node: str
    index: int
    source: str
    old: str
    new: str
    start: int
    end: int
    certain: bool
    why: str
    line: str  # `line:column` of the passage in the source

    def change(self, default: str | None = None) -> QuoteChange:
        """The edit that makes it."""
        return QuoteChange(self.node, self.index, self.new, start=self.start, end=self.end, default=default)


@dataclass(frozen=True)
class Unfixable:
    """A quote not found whose source has no passage close to it: only the user can say what it quotes."""

    node: str
    index: int
    source: str
    old: str


def find_repairs(doc: MapDocument, nodes: Iterable[str] | None = None) -> tuple[list[Repair], list[Unfixable]]:
    """The repairs of every quote of `doc` (or of the `nodes` named) that is not verbatim in its source, and the
    quotes that cannot be repaired; quotes of sources without a text are left alone."""
    repairs: list[Repair] = []
    lost: list[Unfixable] = []
    amap = doc.map
    if amap is None:
        return repairs, lost
    wanted = set(nodes) if nodes is not None else None
    for node in amap.nodes:
        if wanted is not None and node.id not in wanted:
            continue
        for qi, quote in enumerate(node.quotes):
            source = doc.sources.get(quote.source or "")
            if source is None or source.text is None:
                continue
            match = doc.matches.get((node.id, qi))
            if match is not None and match.exact:
                continue
            repair = repair_of(node.id, qi, quote.text, source)
            if repair is None:
                lost.append(Unfixable(node.id, qi, source.source.id, quote.text))
            else:
                repairs.append(repair)
    return repairs, lost


def repair_of(node: str, index: int, quote: str, source: SourceText) -> Repair | None:
    """The repair of one quote of `source` (None: it is verbatim there, or no passage comes close enough)."""
    text = source.text or ""
    match = locate(quote, text, None, source.get_normalised)
    if match is not None:
        if match.exact:
            return None
        passage = text[match.start:match.end]
        diff = first_difference(quote, passage)
        return Repair(node, index, source.source.id, quote, passage, match.start, match.end, True,
                      diff.describe(), line_column(text, match.start))
    near = nearest(quote, source.get_normalised())
    if near is None:
        return None
    start, end = _trimmed(quote, text, near.start, near.end)
    passage = text[start:end]
    if Levenshtein.normalized_similarity(fold(quote).lower(), fold(passage).lower()) < PROPOSE_SIMILARITY:
        return None
    return Repair(node, index, source.source.id, quote, passage, start, end, is_certain(quote, passage),
                  near.difference.describe(), line_column(text, start))


def _trimmed(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """The nearest passage (whole words of the source) without the punctuation it has at either end that the
    quote does not: `offer is on the table` stays without the source's full stop."""
    quote = quote.strip()
    if quote and quote[-1].isalnum():
        while end > start + 1 and not text[end - 1].isalnum():
            end -= 1
    if quote and quote[0].isalnum():
        while start < end - 1 and not text[start].isalnum():
            start += 1
    return start, end


def is_certain(quote: str, passage: str) -> bool:
    """Whether `passage` is surely what `quote` meant: the same words, each equal up to case and punctuation or
    differing by a typo of at most `TYPO_LETTERS` letters (in a word longer than that), and few such typos.

    >>> is_certain("the army fled mosul", "The army fled Mosul,")
    True
    >>> is_certain("the army fleed Mosul", "the army fled Mosul")
    True
    >>> is_certain("the army fled", "the whole army fled")
    False
    """
    ours, theirs = _words(quote), _words(passage)
    if len(ours) != len(theirs) or not ours:
        return False
    typos = 0
    for a, b in zip(ours, theirs, strict=True):
        if a == b:
            continue
        if min(len(a), len(b)) <= TYPO_LETTERS or Levenshtein.distance(a, b) > TYPO_LETTERS:
            return False
        typos += 1
    return typos <= max(1, len(ours) // 8)


def _words(text: str) -> list[str]:
    """The words of a text, folded, lower case, punctuation dropped (a token of punctuation alone is no word)."""
    words = (re.sub(r"[^\w]", "", word) for word in _WORDS.findall(fold(text).lower()))
    return [word for word in words if word and _ALNUM.search(word)]


def move_quote(doc: MapDocument, node_id: str, index: int, target: str) -> QuoteChange:
    """The edit that moves quote `index` of node `node_id` to source `target`: its passage found there
    (verbatim, or as surely as `argmap fix` repairs, then written as the target has it), with its offsets.
    `EditError` says why not: an unknown node, quote or source, a source without text, or a passage the target
    does not hold (with the nearest one it does)."""
    amap = doc.map
    if amap is None:
        raise EditError("the map does not load; fix it first")
    node = amap.node(node_id)
    if node is None:
        raise EditError(f"no node '{node_id}'{suggest(node_id, amap.by_id)}", node=node_id)
    if not 0 <= index < len(node.quotes):
        have = f"it has {len(node.quotes)} (count from 0)" if node.quotes else "it has none"
        raise EditError(f"node '{node_id}' has no quote {index}: {have}", node=node_id, field="quotes")
    declared = [s.id for s in amap.sources]
    if target not in declared:
        raise EditError(f"no source '{target}'{suggest(target, declared)} (sources: {', '.join(declared) or 'none'})",
                        node=node_id)
    quote = node.quotes[index]
    if quote.source == target:
        raise EditError(f"quote {index} of '{node_id}' is already from source '{target}'", node=node_id)
    source = doc.sources.get(target)
    default = default_source(doc)
    if source is None or source.text is None:
        raise EditError(f"source '{target}' has no local text to find the quote in; give its 'path' first",
                        node=node_id)
    text = source.text
    found = repair_of(node_id, index, quote.text, source)
    if found is None and locate(quote.text, text, None, source.get_normalised) is not None:
        passage = text.find(quote.text)  # verbatim there
        return QuoteChange(node_id, index, quote.text, source=target, start=passage,
                           end=passage + len(quote.text), default=default)
    if found is None or not found.certain:
        near = nearest(quote.text, source.get_normalised())
        hint = (f"; the nearest passage, at {line_column(text, near.start)}, reads "
                f"\"{excerpt(text, near.difference.offset)}\" ({near.difference.describe()})" if near else
                "; no passage of it comes close")
        raise EditError(f"quote {index} of '{node_id}' is not in source '{target}'{hint}", node=node_id,
                        field="quotes")
    return QuoteChange(node_id, index, found.new, source=target, start=found.start, end=found.end, default=default)
