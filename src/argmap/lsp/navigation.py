"""Going to a node's definition, finding every place it is named, renaming it everywhere through the editing
engine (the text changes exactly as `argmap edit --rename` changes the file), the document's symbols (nodes by
kind, scenarios, ACH groups) and folding ranges (one per node, relation and scenario written over several
lines)."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from argmap.edit import operations as edit_ops
from argmap.edit.planning import edit_text
from argmap.edit.splice import Splice
from argmap.errors import EditError
from argmap.io.positions import Located, node_at
from argmap.lsp.locate import definition_of, site_at, site_span, sites
from argmap.lsp.state import Analysis
from argmap.lsp.text import changed_span
from argmap.model import NODE_KINDS


def definition(analysis: Analysis, offset: int, uri: str) -> types.Location | None:
    """Where the node named at `offset` is defined."""
    found = site_at(analysis, offset)
    if found is None:
        return None
    span = definition_of(analysis, found[0].node_id)
    if span is None:
        return None
    return types.Location(uri=uri, range=analysis.index.range(*span))


def reference_spans(analysis: Analysis, node_id: str, *, include_definition: bool = True) -> list[tuple[int, int]]:
    """The spans of every place `node_id` is written as a node id, in file order."""
    known = set(analysis.node_ids)
    spans = []
    for site in sites(analysis.data, known):
        if site.node_id == node_id and (include_definition or not site.definition):
            span = site_span(analysis, site)
            if span is not None:
                spans.append(span)
    return sorted(spans)


def references(analysis: Analysis, offset: int, uri: str, *, include_definition: bool = True
               ) -> list[types.Location]:
    """Every place the node named at `offset` is named."""
    found = site_at(analysis, offset)
    if found is None:
        return []
    return [types.Location(uri=uri, range=analysis.index.range(*span))
            for span in reference_spans(analysis, found[0].node_id, include_definition=include_definition)]


def prepare_rename(analysis: Analysis, offset: int) -> types.PrepareRenamePlaceholder | None:
    """The id under the cursor, when it names a node of the map."""
    found = site_at(analysis, offset)
    if found is None or found[0].node_id not in set(analysis.node_ids):
        return None
    site, spot = found
    return types.PrepareRenamePlaceholder(range=analysis.index.range(spot.start, spot.end), placeholder=site.node_id)


def engine_edit(analysis: Analysis, outcome: edit_ops.Outcome) -> list[Splice]:
    """The splices the editing engine makes to the analysed text for an operation's outcome. A text with CRLF
    line ends is edited as `EditSession` edits it (with LF, then CRLF again), in one splice over what changed."""
    text = analysis.text
    if "\r\n" not in text:
        _, splices = edit_text(text, analysis.doc.format, analysis.data, outcome.data)
        return splices
    if text.count("\r\n") != text.count("\n"):
        raise EditError("the text mixes CRLF and LF line ends; save it with one kind before editing it")
    new, _ = edit_text(text.replace("\r\n", "\n"), analysis.doc.format, analysis.data, outcome.data)
    new = new.replace("\n", "\r\n")
    start, old_end, new_end = changed_span(text, new)
    return [Splice(start, old_end, new[start:new_end])]


def text_edits(analysis: Analysis, splices: list[Splice]) -> list[types.TextEdit]:
    """Splices of the analysed text as the protocol's edits (ranges in the text before any of them)."""
    index = analysis.index
    return [types.TextEdit(range=index.range(s.start, s.end), new_text=s.text)
            for s in sorted(splices, key=lambda s: (s.start, s.end))]


def workspace_edit(analysis: Analysis, uri: str, splices: list[Splice]) -> types.WorkspaceEdit:
    """A workspace edit of one document, versioned when the analysis knows its version."""
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=analysis.version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
        text_document=document, edits=list(text_edits(analysis, splices)))])


def rename(analysis: Analysis, offset: int, new_id: str, uri: str) -> types.WorkspaceEdit:
    """Rename the node named at `offset` to `new_id` everywhere: `EditError` (a one-line reason) when it cannot
    be (no node there, a bad or taken id, a file the engine cannot edit)."""
    found = site_at(analysis, offset)
    if found is None or not isinstance(analysis.data, dict):
        raise EditError("no node id here to rename")
    outcome = edit_ops.rename_node(analysis.data, found[0].node_id, new_id)
    return workspace_edit(analysis, uri, engine_edit(analysis, outcome))


_SYMBOL_KINDS = {"claim": types.SymbolKind.Class, "evidence": types.SymbolKind.Constant,
                 "inference": types.SymbolKind.Function, "forecast": types.SymbolKind.Event}


def _symbol(analysis: Analysis, name: str, detail: str | None, kind: types.SymbolKind, here: Located,
            name_at: Located | None, children: list[types.DocumentSymbol] | None = None) -> types.DocumentSymbol:
    index = analysis.index
    whole = index.range(here.start_offset, max(here.start_offset, _trimmed_end(analysis.text, here)))
    chosen = name_at or here
    selection = index.range(chosen.start_offset, chosen.end_offset) if name_at else types.Range(
        start=whole.start, end=whole.start)
    return types.DocumentSymbol(name=name, detail=detail, kind=kind, range=whole, selection_range=selection,
                                children=children)


def _trimmed_end(text: str, here: Located) -> int:
    end = here.end_offset
    while end > here.start_offset and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _entries(analysis: Analysis, key: str) -> list[tuple[int, dict[str, Any], Located]]:
    """The items of a top-level list with where each stands."""
    data, tree = analysis.data, analysis.doc.tree
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or tree is None:
        return []
    out = []
    for i, item in enumerate(items):
        here = node_at(tree, (key, i))
        if here is not None and isinstance(item, dict):
            out.append((i, item, here))
    return out


def document_symbols(analysis: Analysis) -> list[types.DocumentSymbol]:
    """The nodes grouped by kind (in file order within each), then the scenarios and the ACH groups."""
    tree = analysis.doc.tree
    groups: dict[str, list[types.DocumentSymbol]] = {kind: [] for kind in NODE_KINDS}
    spans: dict[str, list[Located]] = {kind: [] for kind in NODE_KINDS}
    for i, item, here in _entries(analysis, "nodes"):
        kind = item.get("kind")
        if kind not in groups or not isinstance(item.get("id"), str):
            continue
        text = item.get("text")
        detail = " ".join(text.split())[:80] if isinstance(text, str) else None
        groups[kind].append(_symbol(analysis, item["id"], detail, _SYMBOL_KINDS[kind], here,
                                    node_at(tree, ("nodes", i, "id"))))
        spans[kind].append(here)
    out: list[types.DocumentSymbol] = []
    for kind, children in groups.items():
        if children:
            first, last = spans[kind][0], spans[kind][-1]
            whole = Located(first.key_line, first.key_column, first.line, first.column, last.end_line,
                            first.start_offset, last.end_offset)
            out.append(_symbol(analysis, f"{kind} ({len(children)})", None, types.SymbolKind.Namespace, whole, None,
                               children))
    for key, kind in (("scenarios", types.SymbolKind.Module), ("hypotheses", types.SymbolKind.Struct)):
        for i, item, here in _entries(analysis, key):
            if isinstance(item.get("id"), str):
                title = item.get("title")
                out.append(_symbol(analysis, item["id"], title if isinstance(title, str) else None, kind, here,
                                   node_at(tree, (key, i, "id"))))
    return out


def folding_ranges(analysis: Analysis) -> list[types.FoldingRange]:
    """A fold for each node, relation, scenario and ACH group that spans more than one line."""
    out = []
    index = analysis.index
    for key in ("nodes", "relations", "scenarios", "hypotheses"):
        for _, _, here in _entries(analysis, key):
            first = index.line_of(here.start_offset)
            last = index.line_of(max(here.start_offset, _trimmed_end(analysis.text, here) - 1))
            if last > first:
                out.append(types.FoldingRange(start_line=first, end_line=last,
                                              kind=types.FoldingRangeKind.Region))
    return out
