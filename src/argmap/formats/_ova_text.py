"""OVA's source text: HTML whose `<span id="nodeN">` elements anchor locutions. Stripped to plain text with each
span's offsets, so quotes point into a text argmap can verify."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")  # a literal first character: the scan is a fast search
_ENTITY = re.compile(r"&[#a-zA-Z0-9]+;")
_ID = re.compile(r"""\bid\s*=\s*["']([^"']*)["']""")  # searched only in a tag that has "id" in it
_BREAKS = {"br", "p", "div", "li", "tr"}


@dataclass
class PlainText:
    """The text with markup removed and, per span id, its (start, end) in it."""

    text: str
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


def looks_like_html(text: str) -> bool:
    """Whether a source text is OVA markup rather than plain text."""
    return "<span" in text or "<br" in text


def strip_html(source: str) -> PlainText:
    """Plain text of OVA's HTML: `<br>` and block ends become new lines, entities are decoded, and the offsets of
    every `<span id=...>` are kept (nested spans too).

    >>> plain = strip_html('A: <span id="node1">it &amp; that</span><br>B')
    >>> plain.text, plain.spans
    ('A: it & that\\nB', {'node1': (3, 12)})
    """
    out: list[str] = []
    size = 0
    open_spans: list[str | None] = []
    spans: dict[str, tuple[int, int]] = {}
    parts = _TAG.split(source)  # the text before each tag, then the tag's three groups; the text after the last
    entity, append = _ENTITY.sub, out.append
    for piece, slash, name, attributes in zip(parts[:-1:4], parts[1::4], parts[2::4], parts[3::4], strict=True):
        if "&" in piece:
            piece = entity(_unescape, piece)
        append(piece)
        size += len(piece)
        name = name.lower()
        if name == "span":
            if slash:
                span_id = open_spans.pop() if open_spans else None
                if span_id is not None:
                    spans[span_id] = (spans[span_id][0], size)
            else:
                span_id = _span_id(attributes) if "id" in attributes else None
                open_spans.append(span_id)
                if span_id is not None:
                    spans[span_id] = (size, size)
        elif name in _BREAKS and (name == "br" or slash):
            append("\n")
            size += 1
    piece = parts[-1]
    append(entity(_unescape, piece) if "&" in piece else piece)
    return PlainText("".join(out), spans)


def _span_id(attributes: str) -> str | None:
    """The `id` in a tag's attributes, as `_ID` finds it; OVA's plain ` id="nodeN"` is taken by `str.find` when it
    is the first `id` there (the pattern can match nothing before it).

    >>> _span_id(' class="highlighted" id="node1"'), _span_id(" id = 'x'"), _span_id(' data-id="y" id="z"')
    ('node1', 'x', 'y')
    """
    at = attributes.find(' id="')
    if at >= 0 and attributes.find("id") == at + 1:
        end = attributes.find('"', at + 5)
        if end >= 0 and "'" not in attributes[at + 5:end]:
            return attributes[at + 5:end]
    found = _ID.search(attributes)
    return found.group(1) if found else None


def _unescape(entity: re.Match[str]) -> str:
    return html.unescape(entity.group(0))
