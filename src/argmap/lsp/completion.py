"""Completion from the text before the cursor, which may not parse while it is being typed: node ids where a node
is named (relation ends, scenario assumptions, ACH hypotheses, items and ratings), declared tags, actors and
themes, source ids, and the fixed words of the format (kinds, relation types, schemes, words of estimative
probability, outcomes, ratings...). The candidates come from the last analysis of the map, the context from the
current text: a line or two around the cursor and the nearest top-level key above it, found without a scan of the
whole file (a keystroke in a 10,000-node map costs microseconds here)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from lsprotocol import types

from argmap.errors import LayoutError
from argmap.layout.json_scan import pretty_root
from argmap.layout.yaml_scan import top_keys
from argmap.lsp.state import Analysis
from argmap.lsp.text import TextIndex
from argmap.model import (
    ASSUMPTION_STATUSES,
    CONFIDENCES,
    NODE_KINDS,
    OUTCOMES,
    RATINGS,
    RELATION_TYPES,
    SCHEMES,
    VOCABULARIES,
)
from argmap.model.wep import known_phrases

#: The most items one answer lists; past it the list is marked incomplete and the client asks again as you type.
LIMIT = 200
SECTIONS = ("sources", "tags", "actors", "themes", "nodes", "relations", "scenarios", "hypotheses", "rules")
FIXED: dict[str, tuple[str, ...]] = {
    "kind": NODE_KINDS, "type": tuple(RELATION_TYPES), "scheme": SCHEMES, "outcome": OUTCOMES,
    "confidence": CONFIDENCES, "status": ASSUMPTION_STATUSES, "by": ("author", "analyst"),
    "points_to": ("happens", "does-not-happen"),
}
_PARTIAL = re.compile(r"[A-Za-z0-9_.\-]*$")
_PHRASE = re.compile(r"[A-Za-z\- ]*$")
_KEY_BEFORE = re.compile(r"""["']?([A-Za-z_][\w-]*)["']?\s*:$""")
_PARENT = re.compile(r"""^(\s*)(-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*:\s*([\[{]?)\s*(?:#.*)?$""")
_RATING_LINE = re.compile(r"""["']?ratings["']?\s*:\s*\{[^}]*$""")


@dataclass(frozen=True)
class Context:
    """What the cursor is on: the key that governs it, whether it is that key's `value`, an `item` of its list or
    a `key` of its mapping, the top-level section, and the span of the word typed so far."""

    key: str
    position: str
    section: str | None
    start: int
    end: int
    quoted: bool
    json: bool


def _innermost_opener(prefix: str) -> int:
    """The index in `prefix` of the innermost unclosed `[` or `{` (quotes skipped), or -1."""
    stack: list[int] = []
    quote = ""
    for i, char in enumerate(prefix):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            stack.append(i)
        elif char in "]}" and stack:
            stack.pop()
    return stack[-1] if stack else -1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _parent(index: TextIndex, line_no: int, indent: int, item: bool) -> tuple[str, str, int] | None:
    """The key of the nearest line above that opens the block the cursor's line is in: (key, opener, indent)."""
    for above in range(line_no - 1, max(-1, line_no - 200), -1):
        line = index.line_text(above).rstrip("\r")
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        depth = _indent(line)
        if depth < indent or (item and depth == indent and not stripped.startswith("-")):
            found = _PARENT.match(line)
            if found is None:
                return None
            return found.group(3), found.group(4), depth + (len(found.group(2)) if found.group(2) else 0)
    return None


def _section(text: str, offset: int, json_map: bool, analysis: Analysis | None = None) -> str | None:
    """The top-level key above `offset`: from the analysed text's top-level keys (their places move little
    between keystrokes), else the nearest line that starts one of the sections (for JSON, at the indentation of
    the file's first member)."""
    tops = _top_level(analysis) if analysis is not None else None
    if tops:
        at = bisect.bisect_right(tops[0], offset) - 1
        return tops[1][at] if at >= 0 else None
    if json_map:
        first = re.search(r'\n([ \t]*)"', text)
        pads = [first.group(1)] if first else [""]
        marks = [f'\n{pad}"{name}"' for pad in pads for name in SECTIONS]
    else:
        marks = [f"\n{name}:" for name in SECTIONS]
    best, found = -1, None
    for mark in marks:
        at = text.rfind(mark, 0, offset)
        if at > best:
            best, found = at, mark.strip().strip('"').rstrip(":").strip('"')
    return found


def _top_level(analysis: Analysis) -> tuple[list[int], list[str]] | None:
    """The start offsets and names of the analysed text's top-level keys, in order, found by their lines (None:
    a layout whose top level cannot be told by lines)."""
    if "top-level" not in analysis.cache:
        found = None
        try:
            if analysis.doc.format == "json":
                root = pretty_root(analysis.text, None)
                if root is not None:
                    found = ([at for _, at, _ in root.members], [key for key, _, _ in root.members])
            else:
                tops = top_keys(analysis.text)
                found = ([top.start for top in tops], [top.key for top in tops])
        except (LayoutError, ValueError):
            found = None
        analysis.cache["top-level"] = found
    cached: tuple[list[int], list[str]] | None = analysis.cache["top-level"]
    return cached


def context_at(text: str, offset: int, index: TextIndex | None = None, json_map: bool = False,
               analysis: Analysis | None = None) -> Context | None:
    """The completion context at `offset` of `text`, or None where nothing is completed; `analysis` (of this
    text or a recent version of it) tells the top-level sections apart without searching the text."""
    index = index or TextIndex(text)
    line_no = index.line_of(offset)
    line_start = index.starts[line_no]
    prefix = text[line_start:offset]
    word = _PARTIAL.search(prefix)
    start = offset - (len(word.group()) if word else 0)
    rest = re.match(r"[A-Za-z0-9_.\-]*", text[offset:offset + 200])
    end = offset + (len(rest.group()) if rest else 0)
    quoted = start > line_start and text[start - 1] in "\"'"
    before = text[line_start:start - (1 if quoted else 0)].rstrip()
    section = _section(text, offset, json_map, analysis)
    found = _KEY_BEFORE.search(before)
    if found is not None:
        key = found.group(1)
        if key == "words":  # a phrase of several words: the whole of it is replaced
            phrase = _PHRASE.search(prefix)
            start = offset - (len(phrase.group().lstrip()) if phrase else 0)
        return Context(key, "value", section, start, end, quoted, json_map)
    opener = _innermost_opener(before) if before.endswith(("[", "{", ",")) else -1
    if opener >= 0:
        owner = _KEY_BEFORE.search(before[:opener].rstrip())
        if owner is None:
            return None
        return Context(owner.group(1), "item" if before[opener] == "[" else "key", section, start, end, quoted,
                       json_map)
    line = prefix.rstrip("\r")
    indent = _indent(line)
    if before.strip() in ("-", ""):
        is_item = before.strip() == "-" or json_map
        parent = _parent(index, line_no, indent, is_item)
        if parent is None:
            return None
        key, bracket, _ = parent
        opens_list = bracket == "[" if json_map else is_item
        position = "item" if opens_list else "key"
        return Context(key, position, section, start, end, quoted, json_map)
    return None


def _hypotheses(analysis: Analysis) -> list[str]:
    """The hypotheses a `ratings` entry may name: the ids of every ACH group's hypotheses."""
    amap = analysis.doc.map
    if amap is None:
        return []
    seen: dict[str, None] = {}
    for group in amap.hypotheses:
        for hyp in group.hypotheses:
            seen.setdefault(hyp.id)
    return list(seen)


Candidate = tuple[str, str, str, types.CompletionItemKind]


def candidates(analysis: Analysis, context: Context) -> list[Candidate]:
    """(label, detail, documentation, kind) of each word that fits the context."""
    amap = analysis.doc.map
    key, position, section = context.key, context.position, context.section
    nodes: list[Candidate] = analysis.cache.get("node candidates") or analysis.cache.setdefault(
        "node candidates", [(node.id, node.kind, node.text, types.CompletionItemKind.Reference)
                            for node in (amap.nodes if amap is not None else [])])
    if position == "value" and key in ("source", "target") and section == "relations":
        return nodes
    if position == "value" and key == "item" and section == "hypotheses":
        return nodes
    if position == "value" and key in ("source", "default_source") and section in ("nodes", "sources", None) \
            and amap is not None and (key == "default_source" or section == "nodes"):
        return [(s.id, "source", s.title or "", types.CompletionItemKind.File) for s in amap.sources]
    if position == "key" and key in ("assume", "probabilities") and section == "scenarios":
        return nodes
    if position == "key" and key == "ratings" and section == "hypotheses":
        return [(hyp, "hypothesis", "", types.CompletionItemKind.Reference) for hyp in _hypotheses(analysis)]
    if position == "item" and key == "hypotheses" and section == "hypotheses":
        return nodes
    if key in VOCABULARIES and position in ("item", "value") and section == "nodes" and amap is not None:
        return [(item, key[:-1], label, types.CompletionItemKind.EnumMember)
                for item, label in getattr(amap, key).items()]
    if position == "value" and key == "words":
        return [(phrase, "estimative words", "", types.CompletionItemKind.Text) for phrase in known_phrases()]
    if position == "value" and key in FIXED:
        return [(word, key, RELATION_TYPES.get(word, "") if key == "type" else "", types.CompletionItemKind.EnumMember)
                for word in FIXED[key]]
    return []


def completions(analysis: Analysis, text: str, offset: int, index: TextIndex | None = None) -> types.CompletionList:
    """The completion list at `offset` of the current `text` (which may be newer than the analysis)."""
    index = index or TextIndex(text)
    context = context_at(text, offset, index, analysis.doc.format == "json", analysis)
    if context is None:
        return types.CompletionList(is_incomplete=False, items=[])
    found = candidates(analysis, context)
    if not found and context.position == "value" and _RATING_LINE.search(
            text[index.starts[index.line_of(offset)]:context.start]):
        found = [(rating, "rating", "", types.CompletionItemKind.EnumMember) for rating in RATINGS]
    typed = text[context.start:offset].lower()
    ranked = sorted((item for item in found if typed in item[0].lower()),
                    key=lambda item: not item[0].lower().startswith(typed))  # else in the map's own order
    where = index.range(context.start, context.end)
    items = []
    for rank, (label, detail, doc, kind) in enumerate(ranked[:LIMIT]):
        new_text = f'"{label}"' if context.json and not context.quoted else label
        items.append(types.CompletionItem(label=label, kind=kind, detail=detail or None,
                                          documentation=doc or None, filter_text=label, sort_text=f"{rank:04d}",
                                          text_edit=types.TextEdit(range=where, new_text=new_text)))
    return types.CompletionList(is_incomplete=len(ranked) > LIMIT, items=items)
