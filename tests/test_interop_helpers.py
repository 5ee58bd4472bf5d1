"""The helpers every importer shares: loose quote search agrees with the loader's own, slugs stay the same when
only the head of a long text is looked at."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.formats.interop import LooseText, slug
from argmap.io.quotes import locate

_ALPHABET = "ab. '\"-\n\t\u2019\u201c\u201d\u2013\u00a0\u2009"
texts = st.text(alphabet=_ALPHABET, max_size=40)


@settings(max_examples=400, deadline=None)
@given(texts, texts, st.booleans())
def test_loose_search_finds_what_the_loader_finds(text: str, quote: str, soft_hyphens: bool) -> None:
    if soft_hyphens:  # marks the folding drops: the offsets move everywhere
        text = text.replace("a", "a\u00ad")
    if not quote.strip() or quote in text:
        return  # a verbatim quote is found verbatim before any loose search
    expected = locate(quote, text)
    assert LooseText(text).find(quote) == ((expected.start, expected.end) if expected else None)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aZ ü-!\u0301\u00e9", max_size=300))
def test_a_slug_of_the_head_is_the_slug_of_the_whole(text: str) -> None:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    whole = "".join(c if c.isascii() and c.isalnum() else "-" for c in ascii_text)
    while "--" in whole:
        whole = whole.replace("--", "-")
    assert slug(text) == (whole.strip("-")[:40].strip("-") or "n")


def test_loose_search_of_a_quote_over_many_spaces() -> None:
    text = "  One\u00a0 two \u201cthree\u201d\n\n\tfour.  "
    loose = LooseText(text)
    assert loose.find('two "three" four') == (text.index("two"), text.index("four") + 4)
    assert loose.find("One two") == (2, text.index("two") + 3)
    assert loose.find("five") is None and loose.find("  ") is None
