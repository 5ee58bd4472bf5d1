"""Argdown's inline elements: the text of a statement with its bold and italic marks, links, mentions, tags,
escapes, shortcodes and YAML data, reduced to the plain text Argdown's model keeps.

Argdown keeps tags and mentions in the text (`#tag`, `@[Title]`), drops the marks of bold and italic and the URL
of a link, turns shortcodes (`.~.`, `:happy:`) into their characters, and takes `{yaml}` out of the text as data.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from argmap.formats._argdown_model import ArgdownError

#: libyaml's safe loader where it is built in (ten times faster), else PyYAML's.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Argdown's default shortcodes, each written between full stops or between colons (`.~.`, `:~:`): the logical
#: symbols and the emojis its parser turns into characters. A code it does not know stays as written.
_CODES: tuple[tuple[str, str], ...] = (
    ("A", "\u2200"), ("E", "\u2203"), ("O", "\U0001d5e2"), ("P", "\U0001d5e3"), ("->", "\u2192"),
    ("<->", "\u2194"), ("~", "\u00ac"), ("^", "\u2227"), ("v", "\u2228"), ("v_", "\u22bb"),
    ("<>", "\u25c7"), ("[]", "\u25fb"), ("happy", "\U0001f600"), ("smiley", "\u263a"),
    ("laugh", "\U0001f606"), ("lol", "\U0001f606"), ("rofl", "\U0001f923"), ("joy", "\U0001f602"),
    ("heart", "\u2764"), ("?", "\u2753"), ("question", "\u2753"), ("love", "\U0001f60d"),
    ("wink", "\U0001f609"), ("shush", "\U0001f92b"), ("meh", "\U0001f610"), ("eye-roll", "\U0001f644"),
    ("sad", "\U0001f622"), ("disappointed", "\U0001f61e"), ("scream", "\U0001f631"), ("+1", "\U0001f44d"),
    ("up", "\U0001f44d"), ("-1", "\U0001f44e"), ("down", "\U0001f44e"), ("think", "\U0001f914"),
    ("star", "\u2b50"), ("y", "\u2714"), ("agree", "\u2714"), ("n", "\u274c"), ("disagree", "\u274c"),
)
SHORTCODES: dict[str, str] = {
    **{f".{code}.": char for code, char in _CODES}, **{f":{code}:": char for code, char in _CODES},
    ".smile.": "\u263a", ":smile:": "\u263a\ufe0f",  # as Argdown has them: the colon form asks for emoji style
}

#: What Argdown's lexer takes for a shortcode: the shortest run without spaces between two full stops or colons
#: (an unknown one, `e.g.` in `e.g. this`, is text as written).
SHORTCODE_TOKEN = re.compile(r"\.\S+?\.|:\S+?:")

_TOKEN = re.compile(
    rf"(?P<code>{SHORTCODE_TOKEN.pattern})"
    r"|\\(?P<escape>.)"
    r"|\[(?P<link>[^\]\n]*)\]\((?P<url>[^)\n]*)\)"
    r"|(?P<mention>@\[[^\]\n]+\]|@<[^>\n]+>)"
    r"|(?<![^\s(\[])#\((?P<btag>[^)\n]+)\)"
    r"|(?<![^\s(\[])#(?P<tag>[\w][\w\-/]*)"
    r"|(?P<marks>[*_]+)",
    re.DOTALL,
)
_SPACE = re.compile(r"\s+")


class Located:
    """Maps offsets of a text made of several source lines back to (line, column)."""

    def __init__(self, file: str, pieces: list[tuple[int, int, str]]) -> None:
        self.file = file
        self.starts: list[tuple[int, int, int]] = []
        offset = 0
        parts = []
        for line, column, text in pieces:
            self.starts.append((offset, line, column))
            parts.append(text)
            offset += len(text) + 1
        self.text = "\n".join(parts)

    def where(self, offset: int) -> tuple[int, int]:
        """The (line, column) of an offset into `text`."""
        line, column, start = 1, 1, 0
        for begin, ln, col in self.starts:
            if begin > offset:
                break
            start, line, column = begin, ln, col
        return line, column + offset - start

    def error(self, offset: int, message: str) -> ArgdownError:
        line, column = self.where(offset)
        return ArgdownError(self.file, line, column, message)


def load_yaml(text: str, loc: Located, offset: int, block: bool = False) -> Any:
    """YAML data (Argdown's `{...}`, block format when a line break follows the brace), errors positioned."""
    body = text
    if block:
        body = text[1:-1]
    try:
        return yaml.load(body, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is not None:
            lines = body.split("\n")
            inner = sum(len(x) + 1 for x in lines[: mark.line]) + mark.column
            return_at = offset + inner + (1 if block else 0)
        else:
            return_at = offset
        raise loc.error(min(return_at, len(loc.text)), f"invalid YAML data: {problem}") from None
    except Exception as exc:
        raise loc.error(offset, f"invalid YAML data: {exc}") from None


def split_data(loc: Located, start: int = 0) -> tuple[str, Any, list[tuple[int, int]]]:
    """Take every `{...}` data element out of `loc.text[start:]`: the text without them (data replaced by
    spaces) and the data (several elements merged, later keys winning)."""
    text = loc.text
    out: list[str] = []
    data: Any = None
    spans: list[tuple[int, int]] = []
    i = start
    last = start
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth, j, quote = 0, i, ""
            while j < n:
                c = text[j]
                if quote:
                    if c == "\\" and quote == '"':
                        j += 1
                    elif c == quote:
                        quote = ""
                elif c in "\"'" and (j == 0 or not text[j - 1].isalnum()):
                    quote = c
                elif c == "{":
                    depth += 1
                elif c == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                raise loc.error(i, "unclosed '{': YAML data must end with '}'")
            chunk = text[i: j + 1]
            block = bool(re.match(r"\{[ \t]*\n", chunk))
            value = load_yaml(chunk, loc, i, block)
            if isinstance(value, dict) and isinstance(data, dict):
                data.update(value)
            elif value is not None:
                data = value
            out.append(text[last:i])
            out.append(" ")
            spans.append((i, j + 1))
            i = last = j + 1
            continue
        i += 1
    out.append(text[last:])
    return "".join(out), data, spans


def plain_text(raw: str) -> tuple[str, list[str]]:
    """The text Argdown keeps of `raw` (no data in it) and its tags, in order."""
    tags: list[str] = []
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(raw):
        out.append(raw[pos:m.start()])
        pos = m.end()
        kind = m.lastgroup
        if kind == "code":
            out.append(SHORTCODES.get(m.group(0), m.group(0)))
        elif kind == "escape":
            out.append(m.group("escape"))
        elif kind in ("link", "url"):
            out.append(plain_text(m.group("link"))[0])
        elif kind == "mention":
            out.append(m.group("mention"))
        elif kind == "btag":
            tags.append(m.group("btag"))
            out.append(m.group(0))
        elif kind == "tag":
            tags.append(m.group("tag"))
            out.append(m.group(0))
        else:
            before = raw[m.start() - 1] if m.start() > 0 else " "
            after = raw[m.end()] if m.end() < len(raw) else " "
            if before.isspace() and after.isspace():
                out.append(m.group(0))  # a lone mark between spaces is text
            elif before.isalnum() and after.isalnum():
                out.append(m.group(0))  # snake_case, 2*3
            # else: emphasis marks, dropped
    out.append(raw[pos:])
    return _SPACE.sub(" ", "".join(out)).strip(), tags
