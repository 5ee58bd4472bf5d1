"""Quick fixes for the findings argmap knows how to mend, each made by the editing engine (only the text it
changes is rewritten): take the word a did-you-mean offers, declare an undeclared tag, actor or theme, and
replace a quote that matches its source only loosely (or not at all) by the source's passage."""

from __future__ import annotations

import difflib
import re

from lsprotocol import types

from argmap.edit import operations as edit_ops
from argmap.edit.splice import Splice
from argmap.errors import Diagnostic, EditError, LayoutError
from argmap.io.nearest import nearest
from argmap.io.positions import node_at
from argmap.lsp.diagnostics import finding_span, to_lsp
from argmap.lsp.locate import key_span, value_span
from argmap.lsp.navigation import engine_edit, workspace_edit
from argmap.lsp.state import Analysis

_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
_DECLARE = {"undeclared-tag": "tags", "undeclared-actor": "actors", "undeclared-theme": "themes"}
#: Passages longer than this are offered by their start and end only in an action's title.
TITLE_WIDTH = 60


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TITLE_WIDTH else flat[:TITLE_WIDTH - 3] + "..."


def _did_you_mean(analysis: Analysis, diag: Diagnostic) -> tuple[str, list[Splice]] | None:
    """Replace the misspelt word by the suggestion: only when the finding's value (or key) is one word close to it."""
    found = _DID_YOU_MEAN.search(diag.message)
    here = node_at(analysis.doc.tree, diag.loc) if found and diag.loc and analysis.data is not None else None
    if found is None or here is None:
        return None
    start, end = key_span(analysis, here) if diag.hint == "key" else value_span(analysis, here)
    word, better = analysis.text[start:end], found.group(1)
    if not word or any(char.isspace() for char in word) or word == better or \
            difflib.SequenceMatcher(None, word, better).ratio() < 0.6:
        return None
    return f"Replace '{word}' with '{better}'", [Splice(start, end, better)]


def _data_at(analysis: Analysis, diag: Diagnostic) -> object:
    value: object = analysis.data
    for step in diag.loc:
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return value


def _declare(analysis: Analysis, diag: Diagnostic) -> tuple[str, list[Splice]] | None:
    vocabulary = _DECLARE.get(diag.rule)
    item = _data_at(analysis, diag)
    if vocabulary is None or not isinstance(item, str) or not isinstance(analysis.data, dict):
        return None
    outcome = edit_ops.declare(analysis.data, vocabulary, item)
    return f"Declare {vocabulary[:-1]} '{item}'", engine_edit(analysis, outcome)


def _exact_quote(analysis: Analysis, diag: Diagnostic) -> tuple[str, list[Splice]] | None:
    """Replace an inexact quote by the passage it matched, or a quote not found by the nearest passage."""
    amap, loc = analysis.doc.map, diag.loc
    if diag.rule not in ("quote-inexact", "quote-not-found") or amap is None or diag.node is None or len(loc) != 4:
        return None
    node, qi = amap.node(diag.node), loc[3]
    if node is None or not isinstance(qi, int) or qi >= len(node.quotes) or not isinstance(analysis.data, dict):
        return None
    source = analysis.doc.source_text(node.quotes[qi].source)
    if source is None or source.text is None:
        return None
    match = analysis.doc.matches.get((node.id, qi))
    if match is not None:
        passage, title = source.text[match.start:match.end], "Replace the quote by the source's exact passage"
    else:
        near = nearest(node.quotes[qi].text, source.get_normalised())
        if near is None:
            return None
        passage = source.text[near.start:near.end]
        title = f"Replace the quote by the nearest passage: \"{_short(passage)}\""
    raw = _data_at(analysis, diag)
    field = f"quotes.{qi}.text" if isinstance(raw, dict) else f"quotes.{qi}"
    outcome = edit_ops.set_field(analysis.data, node.id, field, passage)
    return title, engine_edit(analysis, outcome)


FIXES = (_did_you_mean, _declare, _exact_quote)


def code_actions(analysis: Analysis, start: int, end: int, uri: str) -> list[types.CodeAction]:
    """The quick fixes for the findings whose span meets `start`..`end` of the analysed text."""
    out = []
    for diag in analysis.findings:
        if diag.file != analysis.doc.display_path:
            continue
        low, high = finding_span(analysis, diag)
        if high < start or low > end:
            continue
        for fix in FIXES:
            try:
                made = fix(analysis, diag)
            except (EditError, LayoutError):
                continue
            if made is None:
                continue
            title, splices = made
            out.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                                        diagnostics=[to_lsp(analysis, diag, uri)], is_preferred=fix is _did_you_mean,
                                        edit=workspace_edit(analysis, uri, splices)))
    return out
