"""Map text made safe for DOT and SVG: control characters shown, markup escaped, lines wrapped, links checked.

Text from a map never becomes DOT syntax or SVG markup. Labels are HTML-like DOT labels: their text is
entity-escaped and its backslashes doubled (`html`). Tooltips are quoted DOT strings (`quoted`) whose backslashes
are quadrupled, as Graphviz unescapes them twice (the parser, then the escString expansion of `\\N`, `\\G`,
`\\l`...), so each reaches the SVG as exactly one literal backslash. Node names are ids made of slug characters
only (`argmap.render.dot.node_name`). Graphviz writes the SVG with its own XML escaping. Control characters,
which XML cannot hold, are shown as their Unicode control pictures. `tests/test_render_hostile.py` renders the
tricky cases and reads them back from the SVG.
"""

from __future__ import annotations

import re
import textwrap
from urllib.parse import urlsplit

_WHITESPACE_CONTROLS = re.compile(r"[\t\n\r\v\f]+")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_UNENCODABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]|[^\\S ]|  ")
_URL_BAD = re.compile(r"[\x00-\x20\x7f<>\"'\\`{}|^]")


def _control_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def clean(text: str) -> str:
    """One line of printable text: white-space controls become spaces, runs of white space one space, other
    control characters their visible control pictures (XML cannot hold them), lone surrogates U+FFFD.

    >>> clean("a\\tb\\n  c")
    'a b c'
    >>> clean("bell\\x07 null\\x00 del\\x7f")
    'bell␇ null␀ del␡'
    """
    if not _NEEDS_CLEANING.search(text) and text[:1] != " " and text[-1:] != " ":
        return text  # the common case, one scan
    text = _WHITESPACE_CONTROLS.sub(" ", text)
    text = _CONTROLS.sub(_control_picture, text)
    text = _UNENCODABLE.sub("\ufffd", text)
    return _SPACES.sub(" ", text).strip()


def wrap(text: str, width: int = 30, max_lines: int = 12) -> list[str]:
    """`text` cleaned and wrapped at `width` characters (long words are broken), at most `max_lines` lines.

    >>> wrap("The army felt Mosul was not a city worth dying for.", 20)
    ['The army felt Mosul', 'was not a city worth', 'dying for.']
    >>> wrap("one two three four five", 8, max_lines=2)
    ['one two', 'three …']
    """
    lines = textwrap.wrap(clean(text), width=max(width, 8), break_long_words=True, break_on_hyphens=False)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1] + " …"]
    return lines


def html(text: str) -> str:
    r"""Text for an HTML-like DOT label: cleaned, with `&`, `<`, `>` and quotes as entities and backslashes
    doubled (Graphviz expands `\N`, `\G`... in HTML labels too).

    >>> html('<script>alert("x")</script> & co')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'
    >>> print(html(r"\N"))
    \\N
    """
    text = clean(text).replace("\\", "\\\\")
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def escape(text: str) -> str:
    r"""The body of a quoted DOT escString (a tooltip) that Graphviz shows as exactly `text` (cleaned): each
    backslash quadrupled (so `\N` stays two characters, not the node's name) and quotes escaped.

    >>> print(escape('say "\\N" then ]; x [label="pwned'))
    say \"\\\\N\" then ]; x [label=\"pwned
    """
    return clean(text).replace("\\", "\\\\\\\\").replace('"', '\\"')


def quoted(text: str) -> str:
    r"""A complete quoted DOT escString (tooltips; also fine for plain attribute values without backslashes).

    >>> print(quoted('a"b'))
    "a\"b"
    """
    return f'"{escape(text)}"'


def quoted_lines(lines: list[str]) -> str:
    r"""A quoted DOT escString of several lines (for tooltips): each line escaped, joined by DOT's `\n`.

    >>> print(quoted_lines(["id: a", 'say "hi"']))
    "id: a\nsay \"hi\""
    """
    return '"' + "\\n".join(escaped for escaped in map(escape, lines) if escaped) + '"'


def safe_url(url: object) -> str | None:
    """`url` when it is a plain http(s) link with a host, else None (no `javascript:`, no data, no quotes).

    >>> safe_url("https://www.chathamhouse.org/2014/06/mosul")
    'https://www.chathamhouse.org/2014/06/mosul'
    >>> safe_url("javascript:alert(1)") is None, safe_url("https://a.org/x\\"onload=1") is None
    (True, True)
    """
    if not isinstance(url, str) or _URL_BAD.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url
