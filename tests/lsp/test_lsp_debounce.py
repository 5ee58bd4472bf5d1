"""Debouncing through a real client: changes that come quicker than the debounce are analysed once, for the last
version (the debounce is set by the client's initialization options)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from argmap.lsp.text import TextIndex

pytestmark = pytest.mark.asyncio(loop_scope="module")
DEBOUNCE = 0.5


class Counting(dict[str, Any]):
    """The client's diagnostics by uri, counting how often each uri's arrive."""

    def __init__(self) -> None:
        super().__init__()
        self.count: dict[str, int] = {}

    def __setitem__(self, key: str, value: Any) -> None:
        self.count[key] = self.count.get(key, 0) + 1
        super().__setitem__(key, value)


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "argmap", "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                               initialization_options={"debounce": DEBOUNCE}))
    yield
    await lsp_client.shutdown_session()


async def test_quick_changes_are_analysed_once(client: LanguageClient, maps: dict[str, Path]) -> None:
    counted = Counting()
    client.diagnostics = counted
    path = maps["mosul"]
    uri, text = path.resolve().as_uri(), path.read_text(encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=text)))
    while counted.count.get(uri, 0) < 1:  # opening publishes at once
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    start = text.index("target: isis-emboldened") + len("target: isis-emboldened")
    for version, letter in enumerate("xyz", start=2):
        where = TextIndex(text).range(start, start)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=letter)]))
        text = text[:start] + letter + text[start:]
        start += 1
        await asyncio.sleep(DEBOUNCE / 5)
    while counted.count[uri] < 2:
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    await asyncio.sleep(DEBOUNCE * 2)
    assert counted.count[uri] == 2  # the open, then one run for the three changes
    assert any("'isis-emboldenedxyz'" in d.message for d in counted[uri])
