"""Fixtures for the language server's tests: the Mosul map copied beside its sources, a broken copy of it (a
misspelt relation end, an undeclared tag, an inexact quote), the same in JSON, and a real LSP client (pytest-lsp)
driving `argmap lsp` over standard input and output."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from support import REPO, copy_map

MOSUL = REPO / "maps" / "mosul-2014.yaml"

#: The edits that break the Mosul map, each in one place: (what the text has, what the broken copy has).
BREAKS = (
    ("{source: isis-consolidated-territory, target: isis-emboldened,",
     "{source: isis-consolidated-territory, target: isis-emboldend,"),
    ("    tags: [standfirst]\n    actors: [isis]\n", "    tags: [standfirst, thesis]\n    actors: [isis]\n"),
    ("ISIS’s takeover of Iraq’s third largest city", "ISIS's takeover of Iraq’s third largest city"),
)


def broken_text(text: str) -> str:
    for before, after in BREAKS:
        assert text.count(before) >= 1, before
        text = text.replace(before, after, 1)
    return text


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Mosul map and its broken copy, in YAML and JSON, beside the seeds."""
    folder = tmp_path_factory.mktemp("lsp")
    text = MOSUL.read_text(encoding="utf-8")
    found = {"mosul": copy_map(MOSUL, folder), "broken": folder / "maps" / "broken.yaml"}
    found["broken"].write_text(broken_text(text), encoding="utf-8")
    from argmap.cli import main

    for name in ("mosul", "broken"):
        target = found[name].with_suffix(".json")
        assert main(["export", str(found[name]), "-o", str(target), "--to", "json"]) == 0
        found[name + "-json"] = target
    return found


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "argmap", "lsp", "--debounce", "0"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True)))))
    yield
    await lsp_client.shutdown_session()
