"""The language server: pygls over standard input and output, the open documents' text kept by pygls's
workspace, each version analysed in one worker thread (off the event loop), diagnostics published a moment after
the last change (`debounce`, 0.3 s by default) and never for a version older than the document's."""

from __future__ import annotations

import asyncio
import gc
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from argmap import __version__
from argmap.analysis.rule_settings import project_rules
from argmap.errors import EditError
from argmap.lsp import actions, completion, diagnostics, hover, navigation
from argmap.lsp.state import Analysis, analyse
from argmap.lsp.text import IndexedDocument, TextIndex, indexed_documents

DEBOUNCE = 0.3
#: Seconds of quiet after which the garbage collector runs (see `MapServer.collect_when_idle`).
IDLE_COLLECT = 2.0
#: The protocol's error code for a request the server understood but refused (a rename to a taken id).
REQUEST_FAILED = -32803
log = logging.getLogger("argmap.lsp")


class MapServer(LanguageServer):
    """argmap's server. `debounce`: seconds of quiet after a change before its diagnostics are computed;
    `strict`: report the weak points and coverage too, as `argmap check --strict`."""

    def __init__(self, *, debounce: float = DEBOUNCE, strict: bool = False) -> None:
        super().__init__("argmap", __version__)
        self.debounce = debounce
        self.strict = strict
        self.analyses: dict[str, Analysis] = {}
        self._timers: dict[str, asyncio.Task[None]] = {}
        self._running: dict[tuple[str, int | None], asyncio.Future[Analysis]] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-analysis")
        self._collect: asyncio.TimerHandle | None = None

    # -- analyses -----------------------------------------------------------------------------------------------

    def document(self, uri: str) -> TextDocument:
        return self.workspace.get_text_document(uri)

    async def analysis_of(self, uri: str, *, fresh: bool = False) -> Analysis:
        """The analysis of the document's current text, computed in the worker unless it is known already;
        `fresh` loads it whole (after a save: the sources and rule files may have changed on disk)."""
        doc = self.document(uri)
        text, version = doc.source, doc.version
        known = self.analyses.get(uri)
        if known is not None and known.text == text and not fresh:
            return known
        running = self._running.get((uri, version))
        if running is not None and not fresh:
            return await running
        path = Path(doc.path)
        fmt = "json" if doc.language_id == "json" and path.suffix.lower() not in (".yaml", ".yml") else None
        previous = None if fresh else known
        loop = asyncio.get_running_loop()
        codec = self.workspace.position_codec

        def work() -> Analysis:
            done = analyse(path, text, version, previous=previous, fmt=fmt, strict=self.strict, codec=codec)
            _ = done.index  # built here, off the loop; later versions shift it rather than build it again
            return done

        future = loop.run_in_executor(self._worker, work)
        self._running[(uri, version)] = future
        try:
            result = await future
        finally:
            self._running.pop((uri, version), None)
        stored = self.analyses.get(uri)
        if stored is None or (stored.version or 0) <= (version or 0):
            self.analyses[uri] = result
        return result

    def schedule(self, uri: str, delay: float | None = None, *, fresh: bool = False) -> None:
        """Publish the document's diagnostics after `delay` seconds of quiet (a newer change restarts the wait)."""
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        wait = self.debounce if delay is None else delay
        self._timers[uri] = asyncio.get_running_loop().create_task(self._publish_after(uri, wait, fresh))

    async def _publish_after(self, uri: str, delay: float, fresh: bool) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        me = asyncio.current_task()
        if self._timers.get(uri) is me:
            del self._timers[uri]  # from here on, a newer change does not cancel this run: it drops its result
        try:
            analysis = await self.analysis_of(uri, fresh=fresh)
        except KeyError:  # closed meanwhile
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != analysis.version:
            return  # a newer version arrived while this one was analysed: its own run publishes
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=analysis.version, diagnostics=diagnostics.diagnostics(analysis, uri)))
        self.collect_when_idle()

    def collect_when_idle(self) -> None:
        """Run the cyclic garbage collector once the client has been quiet for `IDLE_COLLECT` seconds. The server
        keeps it off otherwise: a full collection walks every object of the open maps (half a second with a
        10,000-node map open) and would land in the middle of a keystroke's work; maps make no cycles, so
        reference counting frees nearly everything meanwhile."""
        if self._collect is not None:
            self._collect.cancel()
        self._collect = asyncio.get_running_loop().call_later(IDLE_COLLECT, gc.collect)

    def completion_index(self, uri: str) -> TextIndex:
        """The line index of the document's current text (kept with the document as it changes)."""
        doc = self.document(uri)
        if isinstance(doc, IndexedDocument):
            return doc.index
        return TextIndex(doc.source, self.workspace.position_codec)


def offset_of(analysis: Analysis, position: types.Position) -> int:
    return analysis.index.offset(position)


def build(*, debounce: float = DEBOUNCE, strict: bool = False) -> MapServer:
    """A server with every feature registered."""
    server = MapServer(debounce=debounce, strict=strict)

    @server.feature(types.INITIALIZE)
    def initialize(ls: MapServer, params: types.InitializeParams) -> None:
        indexed_documents(ls.workspace)
        options = params.initialization_options
        if isinstance(options, dict):
            if isinstance(options.get("debounce"), (int, float)):
                ls.debounce = float(options["debounce"])
            if isinstance(options.get("strict"), bool):
                ls.strict = options["strict"]

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MapServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MapServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MapServer, params: types.DidSaveTextDocumentParams) -> None:
        project_rules.cache_clear()  # an edited argmap.toml counts from the next save of a map
        ls.schedule(params.text_document.uri, 0, fresh=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MapServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.analyses.pop(uri, None)
        timer = ls._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[":", " ", "[", ",", "{", '"', "-"]))
    async def complete(ls: MapServer, params: types.CompletionParams) -> types.CompletionList:
        uri = params.text_document.uri
        analysis = ls.analyses.get(uri) or await ls.analysis_of(uri)
        index = ls.completion_index(uri)
        return completion.completions(analysis, index.text, index.offset(params.position), index)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: MapServer, params: types.HoverParams) -> types.Hover | None:
        analysis = await ls.analysis_of(params.text_document.uri)
        return hover.hover(analysis, offset_of(analysis, params.position))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def on_definition(ls: MapServer, params: types.DefinitionParams) -> types.Location | None:
        analysis = await ls.analysis_of(params.text_document.uri)
        return navigation.definition(analysis, offset_of(analysis, params.position), params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    async def on_references(ls: MapServer, params: types.ReferenceParams) -> list[types.Location]:
        analysis = await ls.analysis_of(params.text_document.uri)
        return navigation.references(analysis, offset_of(analysis, params.position), params.text_document.uri,
                                     include_definition=params.context.include_declaration)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    async def on_prepare_rename(ls: MapServer, params: types.PrepareRenameParams
                                ) -> types.PrepareRenamePlaceholder | None:
        analysis = await ls.analysis_of(params.text_document.uri)
        return navigation.prepare_rename(analysis, offset_of(analysis, params.position))

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    async def on_rename(ls: MapServer, params: types.RenameParams) -> types.WorkspaceEdit:
        analysis = await ls.analysis_of(params.text_document.uri)
        try:
            return navigation.rename(analysis, offset_of(analysis, params.position), params.new_name,
                                     params.text_document.uri)
        except EditError as exc:
            raise JsonRpcException(str(exc), code=REQUEST_FAILED) from None

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def on_symbols(ls: MapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        return navigation.document_symbols(await ls.analysis_of(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
    async def on_folding(ls: MapServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
        return navigation.folding_ranges(await ls.analysis_of(params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def on_code_action(ls: MapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        analysis = await ls.analysis_of(params.text_document.uri)
        where = params.range
        return actions.code_actions(analysis, offset_of(analysis, where.start), offset_of(analysis, where.end),
                                    params.text_document.uri)

    return server


def serve(*, debounce: float = DEBOUNCE, strict: bool = False, **_: Any) -> None:
    """Run the server over standard input and output until the client exits (the garbage collector runs only
    when the client is quiet: `MapServer.collect_when_idle`)."""
    gc.disable()
    try:
        build(debounce=debounce, strict=strict).start_io()
    finally:
        gc.enable()
