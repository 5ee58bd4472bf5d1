"""HTML and Markdown sources reduced to the plain text a map quotes: one paragraph per line, a blank line between
paragraphs (the layout `argmap coverage` reads), entities and markup gone. The reduced text is what `argmap new`
stores beside the map, so quote offsets count against it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section",
           "article", "header", "footer", "figcaption", "figure", "dt", "dd", "table", "ul", "ol", "hr", "main"}
_SKIPPED = {"script", "style", "head", "noscript", "template", "svg", "nav"}
_SPACE = re.compile(r"[ \t\r\f\v\n]+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.current)).strip()
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skipping:
            self.current.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """The text of an HTML page, and its `<title>` (None without one)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._flush()
    title = _SPACE.sub(" ", "".join(parser.title)).strip() or None
    return "\n\n".join(parser.paragraphs) + "\n", title


_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)|(?<![\w])_(?=\S)(.+?)"
                       r"(?<=\S)_(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")


def _inline(text: str) -> str:
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _CODE.sub(lambda m: m.group(1), text)
    for _ in range(3):  # nested emphasis
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4), text)
    text = _TAG.sub("", text)
    return _SPACE.sub(" ", text).strip()


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """The text of a Markdown document, and its first heading (None without one). Soft-wrapped lines join into
    one paragraph; headings, list items and block quotes each stand alone; code blocks keep their lines."""
    paragraphs: list[str] = []
    current: list[str] = []
    title: str | None = None
    fenced = False

    def flush() -> None:
        text = _inline(" ".join(current))
        if text:
            paragraphs.append(text)
        current.clear()

    for line in markdown.replace("\r\n", "\n").split("\n"):
        if _FENCE.match(line):
            flush()
            fenced = not fenced
            continue
        if fenced:
            if line.strip():
                paragraphs.append(line.rstrip())
            continue
        if not line.strip() or _RULE.match(line) or _REFERENCE.match(line):
            flush()
            continue
        if _SETEXT.match(line) and current:
            heading = _inline(" ".join(current))
            current.clear()
            title = title or heading
            paragraphs.append(heading)
            continue
        found = _HEADING.match(line)
        if found:
            flush()
            text = _inline(found.group(1))
            title = title or text
            if text:
                paragraphs.append(text)
            continue
        if _LIST.match(line):
            flush()
            current.append(_LIST.sub("", line, count=1))
            continue
        if _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        current.append(line.strip())
    flush()
    return "\n\n".join(paragraphs) + "\n", title


def kind_of(name: str, text: str) -> str:
    """`html`, `markdown` or `text`, from the file name's suffix, else from the text's first characters."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    if lower.endswith(".txt"):
        return "text"
    head = text.lstrip()[:200].lower()
    return "html" if head.startswith(("<!doctype html", "<html")) else "text"


def reduce(name: str, text: str) -> tuple[str, str | None, str]:
    """`(plain text, title found in it or None, kind)` for a source named `name`."""
    kind = kind_of(name, text)
    if kind == "html":
        return (*html_to_text(text), kind)
    if kind == "markdown":
        return (*markdown_to_text(text), kind)
    return text, None, kind
