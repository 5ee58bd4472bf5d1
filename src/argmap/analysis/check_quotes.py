"""`argmap check` rules for quotes: each names its source, and stands in it once, verbatim.

A quote that is not found is offered the nearest passage of its source and the first difference; one found
only loosely is shown the stretch around its first difference; one found in two places names both (its `start`
chooses); a source without a local text says once that its quotes are not verified.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from argmap.errors import Diagnostic, Loc, Severity, plural, suggest
from argmap.io.document import MapDocument, SourceText
from argmap.io.nearest import excerpt, first_difference, nearest
from argmap.io.quotes import Match, line_column, occurrences
from argmap.model import ArgMap, Quote

Emit = Callable[..., Diagnostic]

RULES: dict[str, tuple[Severity, str]] = {
    "quote-not-found": ("error", "a quote is not in its source text (the nearest passage is offered)"),
    "quote-inexact": ("warning", "a quote matches its source only up to white space or typographic marks"),
    "quote-ambiguous": ("warning", "a quote stands in two places of its source and its 'start' does not choose"),
    "quote-unverified": ("info", "a source has no local text ('path'), so its quotes cannot be verified"),
}

#: Characters of source text searched for nearest passages in one check: a huge source quoted wrongly many
#: times still checks in seconds (the quotes beyond it are reported without a nearest passage).
SEARCH_BUDGET = 50_000_000


def quotes(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    """Every quote's findings, then one note per source whose quotes cannot be verified."""
    declared = {s.id for s in amap.sources}
    invalid = doc.invalid.get("sources", set())  # reported already
    unverified: dict[str, int] = {}
    budget = [SEARCH_BUDGET]
    if amap.default_source is not None and amap.default_source not in declared | invalid:
        yield emit("unknown-source", f"default source '{amap.default_source}' is not declared under 'sources'"
                   f"{suggest(amap.default_source, declared)}", ("default_source",), None)
    for index, node in enumerate(amap.nodes):
        for qi, quote in enumerate(node.quotes):
            loc: Loc = ("nodes", index, "quotes", qi)
            if quote.source is None:  # the map's default source took it when it was read; none is declared
                if not amap.sources and not invalid:
                    yield emit("unknown-source", "quote names no source and the map declares none; add one under "
                               "'sources'", loc, node.id)
                continue
            if quote.source in invalid:
                continue
            if quote.source not in declared:
                yield emit("unknown-source", f"quote source '{quote.source}' is not declared under 'sources'"
                           f"{suggest(quote.source, declared)}", loc, node.id)
                continue
            source = doc.sources.get(quote.source)
            if source is None or source.text is None:
                if source is not None and not source.source.path:
                    unverified[quote.source] = unverified.get(quote.source, 0) + 1
                continue
            diag = _placed(quote, source, doc.matches.get((node.id, qi)), budget)
            if diag is not None:
                yield emit(diag[0], diag[1], loc, node.id)
    for index, src in enumerate(amap.sources):
        if src.id in unverified:
            had = "only a url" if src.url else "no 'url' either"
            yield emit("quote-unverified", f"source '{src.id}' has no local text ({had}): "
                       f"{plural(unverified[src.id], 'quote')} from it cannot be verified; save the text beside "
                       "the map and give its 'path'", ("sources", index, "id"))


def _placed(quote: Quote, source: SourceText, match: Match | None, budget: list[int]) -> tuple[str, str] | None:
    """The rule and message for a quote in a source with text, or None when it stands there once, verbatim."""
    text, name = source.text or "", quote.source
    if match is None:
        return "quote-not-found", _not_found(quote.text, source, budget)
    if match.other >= 0:
        places = occurrences(quote.text, text, match, source.get_normalised)
        shown = [line_column(text, at) for at in places[:3]]
        where = ", ".join(shown[:-1]) + f" and {shown[-1]}" + (f", and {len(places) - 3} more"
                                                               if len(places) > 3 else "")
        return "quote-ambiguous", (f"quote stands {_times(len(places))} in source '{name}' (at {where}); "
                                   f"it is taken at {shown[0]}: give 'start: {places[1]}' to take it at {shown[1]}, "
                                   "or quote more words")
    if not match.exact:
        passage = text[match.start:match.end]
        diff = first_difference(quote.text, passage)
        return "quote-inexact", ("quote differs from the source in white space or typographic marks; the source "
                                 f"reads \"{excerpt(text, match.start + diff.offset)}\" ({diff.describe()})")
    return None


def _not_found(quote: str, source: SourceText, budget: list[int]) -> str:
    """`quote-not-found`'s message: the nearest passage and its first difference, when one comes close."""
    name, text = source.source.id, source.text or ""
    head = f"quote not found in source '{name}': \"{clip(quote)}\""
    if budget[0] < len(text):
        return f"{head}; copy the passage exactly from the source (too many quotes not found to look for the " \
               "nearest passage of each)"
    budget[0] -= len(text)
    near = nearest(quote, source.get_normalised())
    if near is None:
        return f"{head}; no passage of the source comes close: copy the passage exactly from the source"
    diff = near.difference
    return (f"{head}; the nearest passage, at {line_column(text, near.start)} of the source, reads "
            f"\"{excerpt(text, diff.offset)}\" ({diff.describe()}); copy the passage exactly from the source")


def _times(count: int) -> str:
    return {2: "twice", 3: "three times"}.get(count, f"{count} times")


def clip(text: str, width: int = 60) -> str:
    """Text on one line, cut at `width` characters with `...`."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."
