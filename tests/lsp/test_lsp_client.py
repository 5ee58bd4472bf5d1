"""The language server end to end, through a real LSP client (pytest-lsp) over standard input and output: the
Mosul map and a broken copy, in YAML and in JSON."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from argmap.analysis.findings import map_findings
from argmap.cli import main
from argmap.io import load
from argmap.lsp.text import TextIndex

pytestmark = pytest.mark.asyncio(loop_scope="module")


def language(path: Path) -> str:
    return "json" if path.suffix == ".json" else "yaml"


async def opened(client: LanguageClient, path: Path, text: str | None = None) -> tuple[str, str]:
    """Open a map in the server and wait for its diagnostics; the uri and the text."""
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8") if text is None else text
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language(path), version=1, text=text)))
    await diagnostics_for(client, uri)
    return uri, text


async def diagnostics_for(client: LanguageClient, uri: str, timeout: float = 30) -> list[types.Diagnostic]:
    async def wait() -> list[types.Diagnostic]:
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[uri])
    return await asyncio.wait_for(wait(), timeout)


def close(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))


def position_of(text: str, marker: str, inside: int = 0) -> types.Position:
    """The protocol position `inside` characters into the first `marker` of `text`."""
    return TextIndex(text).position(text.index(marker) + inside)


def apply_edit(text: str, uri: str, edit: types.WorkspaceEdit) -> str:
    """The text with a workspace edit's changes to `uri` made, as an editor makes them."""
    edits: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == uri
        edits.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    for changes in (edit.changes or {}).values():
        edits.extend(changes)
    index = TextIndex(text)
    spans = sorted(((index.offset(e.range.start), index.offset(e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def check_positions(path: Path) -> list[tuple[int, int, str]]:
    """(line, column, rule) of each finding of `argmap check`, the rule settings applied."""
    return positions_of_text(path, None)


def positions_of_text(path: Path, text: str | None) -> list[tuple[int, int, str]]:
    doc = load(path, text=text)
    return [(d.line, d.column, d.rule) for d in map_findings(doc).kept]


@pytest.mark.parametrize("name", ["mosul", "mosul-json"])
async def test_the_mosul_map_has_no_diagnostics(client: LanguageClient, maps: dict[str, Path], name: str) -> None:
    uri, _ = await opened(client, maps[name])
    assert [(d.code, d.message) for d in client.diagnostics[uri]] == [
        (d.rule, d.message) for d in load(maps[name]).diagnostics] == []
    close(client, uri)


@pytest.mark.parametrize("name", ["broken", "broken-json"])
async def test_diagnostics_stand_where_check_puts_them(client: LanguageClient, maps: dict[str, Path],
                                                       name: str) -> None:
    uri, text = await opened(client, maps[name])
    found = client.diagnostics[uri]
    expected = check_positions(maps[name])
    assert {rule for _, _, rule in expected} >= {"unknown-node", "undeclared-tag", "quote-inexact"}
    index = TextIndex(text)
    seen = [(d.range.start.line + 1, index.offset(d.range.start) - index.starts[d.range.start.line] + 1, d.code)
            for d in found]
    assert seen == expected
    unknown = next(d for d in found if d.code == "unknown-node")
    assert unknown.severity == types.DiagnosticSeverity.Error and unknown.source == "argmap"
    assert text[index.offset(unknown.range.start):index.offset(unknown.range.end)].strip('"') == "isis-emboldend"
    close(client, uri)


async def test_diagnostics_follow_edits_and_drop_stale_versions(client: LanguageClient,
                                                                maps: dict[str, Path]) -> None:
    uri, text = await opened(client, maps["mosul"])
    assert list(client.diagnostics[uri]) == []
    start = text.index("target: isis-emboldened") + len("target: ")
    where = TextIndex(text).range(start, start + len("isis-emboldened"))
    versions = [("isis-emboldenedx", 2), ("isis-emboldenedxy", 3), ("isis-emboldened", 4), ("isis-embolden", 5)]
    client.diagnostics.pop(uri)
    previous = "isis-emboldened"
    for new, version in versions:
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=new)]))
        where = TextIndex(text).range(start, start + len(new))
        previous = new
    found = await diagnostics_for(client, uri)
    while not any("isis-embolden'" in d.message for d in found):  # earlier versions may publish first
        client.diagnostics.pop(uri)
        found = await diagnostics_for(client, uri)
    assert previous == "isis-embolden"
    unknown = [d for d in found if d.code == "unknown-node"]
    assert len(unknown) == 1 and "did you mean 'isis-emboldened'?" in unknown[0].message
    edited = text[:start] + previous + text[start + len("isis-emboldened"):]
    assert [d.code for d in found] == [rule for _, _, rule in positions_of_text(maps["mosul"], edited)]
    close(client, uri)


@pytest.mark.parametrize("name", ["broken", "broken-json"])
async def test_completion_at_a_relation_end(client: LanguageClient, maps: dict[str, Path], name: str) -> None:
    uri, text = await opened(client, maps[name])
    marker = "target: isis-emboldend" if name == "broken" else '"target": "isis-emboldend'
    at = position_of(text, marker, len(marker) - len("boldend"))
    answer = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at))
    assert isinstance(answer, types.CompletionList)
    labels = [item.label for item in answer.items]
    assert labels[0] == "isis-emboldened"
    assert answer.items[0].detail == "claim"
    edit = answer.items[0].text_edit
    assert isinstance(edit, types.TextEdit) and edit.new_text == "isis-emboldened"
    close(client, uri)


async def test_completion_of_tags_kinds_and_words(client: LanguageClient, maps: dict[str, Path]) -> None:
    uri, text = await opened(client, maps["broken"])

    async def labels(marker: str) -> list[str]:
        answer = await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, marker, len(marker))))
        assert isinstance(answer, types.CompletionList)
        return [item.label for item in answer.items]

    assert await labels("tags: [standfirst, ") == ["standfirst", "implicit", "concession", "relayed-report",
                                                   "hindsight"]
    assert await labels("    kind: ") == ["claim", "evidence", "inference", "forecast"]
    assert "very likely" in await labels("    words: ")
    assert await labels("assume: {spectacular-") == ["spectacular-trigger"]
    assert await labels("      - item: army-aband") == ["army-abandoned-posts"]
    close(client, uri)


@pytest.mark.parametrize("name", ["mosul", "mosul-json"])
async def test_hover_on_a_node_id_and_on_a_quote(client: LanguageClient, maps: dict[str, Path], name: str) -> None:
    uri, text = await opened(client, maps[name])
    marker = "target: isis-emboldened" if name == "mosul" else '"target": "isis-emboldened'
    answer = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, marker, len(marker) - 3)))
    assert answer is not None and isinstance(answer.contents, types.MarkupContent)
    shown = answer.contents.value
    assert shown.startswith("**isis\\-emboldened** · claim")
    assert "standing: **" in shown and "strength" in shown
    quote = "ISIS’s takeover of Iraq’s third largest city"
    answer = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, quote, 5)))
    assert answer is not None and isinstance(answer.contents, types.MarkupContent)
    assert "**ISIS’s takeover of Iraq’s third largest city, Mosul, has security consequences" in \
        answer.contents.value.replace("\\", "")
    close(client, uri)


@pytest.mark.parametrize("name", ["mosul", "mosul-json"])
async def test_definition_and_references(client: LanguageClient, maps: dict[str, Path], name: str) -> None:
    uri, text = await opened(client, maps[name])
    index = TextIndex(text)
    marker = "{source: army-abandoned-posts, target: isis-seizes-mosul" if name == "mosul" else \
        '"source": "army-abandoned-posts"'
    at = position_of(text, marker, marker.index("army") + 2)
    where = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at))
    assert isinstance(where, types.Location)
    definition = "id: army-abandoned-posts" if name == "mosul" else '"id": "army-abandoned-posts"'
    assert index.offset(where.range.start) == text.index(definition) + definition.index("army")
    found = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at,
        context=types.ReferenceContext(include_declaration=True)))
    spans = [text[index.offset(loc.range.start):index.offset(loc.range.end)] for loc in found]
    assert set(spans) == {"army-abandoned-posts"}
    # its definition, its relations, and its ACH item
    relations = text.count("source: army-abandoned-posts") + text.count("target: army-abandoned-posts") + \
        text.count('"source": "army-abandoned-posts"') + text.count('"target": "army-abandoned-posts"')
    items = text.count("item: army-abandoned-posts") + text.count('"item": "army-abandoned-posts"')
    assert len(found) == 1 + relations + items and items == 1
    close(client, uri)


@pytest.mark.parametrize("name", ["mosul", "mosul-json"])
async def test_rename_equals_argmap_edit_rename(client: LanguageClient, maps: dict[str, Path], name: str,
                                                tmp_path: Path) -> None:
    uri, text = await opened(client, maps[name])
    at = position_of(text, "mosul-not-worth-dying-for", 3)
    ready = await client.text_document_prepare_rename_async(types.PrepareRenameParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at))
    assert isinstance(ready, types.PrepareRenamePlaceholder) and ready.placeholder == "mosul-not-worth-dying-for"
    edit = await client.text_document_rename_async(types.RenameParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=at, new_name="city-not-worth-dying-for"))
    assert edit is not None
    renamed = apply_edit(text, uri, edit)
    copy = tmp_path / maps[name].name
    copy.write_bytes(maps[name].read_bytes())
    assert main(["edit", str(copy), "--rename", "mosul-not-worth-dying-for", "city-not-worth-dying-for",
                 "--no-backup"]) == 0
    assert renamed.encode("utf-8") == copy.read_bytes()
    assert "mosul-not-worth-dying-for" not in renamed
    with pytest.raises(Exception, match="already exists"):
        await client.text_document_rename_async(types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=at, new_name="army-unwilling"))
    close(client, uri)


@pytest.mark.parametrize("name", ["mosul", "mosul-json"])
async def test_symbols_and_folding(client: LanguageClient, maps: dict[str, Path], name: str) -> None:
    uri, _ = await opened(client, maps[name])
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert symbols is not None
    kinds = [s for s in symbols if isinstance(s, types.DocumentSymbol) and s.children]
    doc = load(maps[name])
    assert doc.map is not None
    counts = {kind: sum(node.kind == kind for node in doc.map.nodes) for kind in ("claim", "evidence", "inference",
                                                                                 "forecast")}
    assert [s.name for s in kinds] == [f"{kind} ({count})" for kind, count in counts.items() if count]
    claims = next(s for s in kinds if s.name.startswith("claim")).children or []
    assert [c.name for c in claims] == [n.id for n in doc.map.nodes if n.kind == "claim"]
    assert {s.name for s in symbols if s.kind == types.SymbolKind.Module} == {s.id for s in doc.map.scenarios}
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert folds is not None and len(folds) >= len(doc.map.nodes)
    first = claims[0]
    assert any(f.start_line == first.range.start.line and f.end_line == first.range.end.line for f in folds)
    close(client, uri)


@pytest.mark.parametrize("name", ["broken", "broken-json"])
async def test_code_actions_mend_the_broken_map(client: LanguageClient, maps: dict[str, Path], name: str) -> None:
    uri, text = await opened(client, maps[name])
    found = client.diagnostics[uri]
    fixed = text
    for rule, title in (("unknown-node", "Replace 'isis-emboldend' with 'isis-emboldened'"),
                        ("undeclared-tag", "Declare tag 'thesis'"),
                        ("quote-inexact", "Replace the quote by the source's exact passage")):
        diag = next(d for d in found if d.code == rule)
        offered = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag])))
        assert offered is not None
        action = next(a for a in offered if isinstance(a, types.CodeAction) and a.title == title)
        assert action.kind == types.CodeActionKind.QuickFix and action.edit is not None
        single = apply_edit(text, uri, action.edit)
        assert single != text
        fixed = apply_edit(fixed, uri, action.edit) if rule == "unknown-node" else fixed
    # every fix applied in turn (each offered on the text the previous one left) leaves a clean map
    current, version = text, 1
    for rule in ("unknown-node", "undeclared-tag", "quote-inexact"):
        diag = next(d for d in client.diagnostics[uri] if d.code == rule)
        offered = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag])))
        assert offered
        action = offered[0]
        assert isinstance(action, types.CodeAction) and action.edit is not None
        current, version = apply_edit(current, uri, action.edit), version + 1
        client.diagnostics.pop(uri)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=current)]))
        await diagnostics_for(client, uri)
    assert list(client.diagnostics[uri]) == []
    close(client, uri)
