"""The lines of an Argdown text as the parser (`_argdown_parse`) reads them: comments blanked with positions
kept, blank lines as block separators, and the patterns that tell what a line or a token is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from argmap.formats._argdown_model import MemberKind

_COMMENT = re.compile(r"\\.|\[[^\]\n]*\]\([^)\n]*\)|/\*.*?(?:\*/|$(?![\s\S]))|<!--.*?(?:-->|$(?![\s\S]))|//[^\n]*"
                      r"|[{}\"]", re.DOTALL)
_RELATION = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?=\s|$)")
_PCS_ITEM = re.compile(r"\((\d+)\)(?=\s|$)")
_LIST_ITEM = re.compile(r"(\*|\d+\.)(?=\s)")
_HEADING = re.compile(r"(#+)\s")
_COLLAPSED = re.compile(r"-{4,}\s*$")
_EXPANDED_OPEN = re.compile(r"-{2,3}\s*$")
_EXPANDED_LINE = re.compile(r"(-{2,})\s+(\S.*?)\s+-{2,}\s*$")
_EXPANDED_CLOSE = re.compile(r"-{2,}\s*$")
_STATEMENT_HEAD = re.compile(r"\[([^\]\n]+)\](:?)(?!\()")
_ARGUMENT_HEAD = re.compile(r"<([^>\n]+)>(:?)")

Ref = tuple[MemberKind, str, int | None]


@dataclass
class _Line:
    number: int      # 1-based
    indent: int      # columns of leading whitespace
    content: str     # the line without comments and without leading whitespace
    brace: int = 0   # open '{' count after this line, within its block


@dataclass
class _RawRelation:
    symbol: str
    parent: Ref
    child: Ref
    line: int
    column: int


def split_lines(text: str) -> list[_Line | None]:
    """Every line of `text`, comments blanked; None for a blank line (one that separates blocks)."""
    cleaned = _uncomment(text)
    result: list[_Line | None] = []
    for number, (raw, line) in enumerate(zip(text.split("\n"), cleaned.split("\n"), strict=True), 1):
        if not raw.strip():
            result.append(None)
            continue
        stripped = line.lstrip(" \t")
        if not stripped.strip():
            continue  # a line of comments only: neither text nor a block separator
        indent = len(line) - len(stripped)
        result.append(_Line(number, indent, stripped.rstrip()))
    return result


def _uncomment(text: str) -> str:
    """The text with every comment blanked (line breaks kept, so positions hold); links, escapes and YAML data
    (`{...}`, with its quoted strings) are left alone, as Argdown's lexer does."""
    out: list[str] = []
    pos, depth, quoted = 0, 0, False
    for m in _COMMENT.finditer(text):
        token = m.group(0)
        if quoted:
            if token == '"':
                quoted = False
            continue
        if depth > 0:
            if token == '"':
                quoted = True
            elif token == "{":
                depth += 1
            elif token == "}":
                depth -= 1
            continue
        if token == "{":
            depth = 1
        elif token[0] in "/<" and token[:2] in ("//", "/*", "<!"):
            out.append(text[pos:m.start()])
            out.append(re.sub(r"[^\n]", " ", token))
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _brace_delta(content: str) -> int:
    clean = re.sub(r"\\.", "", content)
    return clean.count("{") - clean.count("}")


def _strip_tags(text: str) -> str:
    return re.sub(r"(?<!\S)#(\([^)]*\)|[\w][\w\-/]*)", "", text).strip()


def _merge(tags: list[str], data: dict[str, Any], new_tags: list[str], new_data: Any) -> None:
    for tag in new_tags:
        if tag not in tags:
            tags.append(tag)
    if isinstance(new_data, dict):
        data.update(new_data)
