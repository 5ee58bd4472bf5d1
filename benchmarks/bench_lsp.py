"""The language server through a real client over standard input and output (pygls's own client driving
`argmap lsp --debounce 0`): the time from sending a change to receiving its diagnostics, and completion.

    .venv/bin/python benchmarks/bench_lsp.py [--sizes 10000] [--repeat 7]

Goals: diagnostics after an edit of the Mosul map within 200 ms, of a 10,000-node map within 1 s; completion
within 50 ms. Each figure is the median of `--repeat` edits (a word of a node's text changed, or a relation's end
misspelt and mended), measured from `didChange` to the `publishDiagnostics` of that version, the transport and
the client's decoding included. The server runs with no debounce; an editor's server waits `DEBOUNCE` (0.3 s)
of quiet after the last keystroke before starting, which the table gives apart. The first row of each map is
opening it (a whole load, no earlier version to patch): the floor the patched edits are compared with.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).parent))
from argmap.lsp.server import DEBOUNCE
from argmap.lsp.text import TextIndex
from synthetic import write_map

REPO = Path(__file__).resolve().parent.parent
GOALS = {"mosul": 0.200, "big": 1.0, "completion": 0.050}


class Client(LanguageClient):
    """A client that remembers when each version's diagnostics arrived."""

    def __init__(self) -> None:
        super().__init__("argmap-bench", "1")
        self.arrived: dict[tuple[str, int | None], tuple[float, int]] = {}
        self.waiting: dict[tuple[str, int | None], asyncio.Event] = {}

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(client: Client, params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            client.arrived[key] = (time.perf_counter(), len(params.diagnostics))
            client.waiting.setdefault(key, asyncio.Event()).set()

    async def diagnostics(self, uri: str, version: int) -> tuple[float, int]:
        key = (uri, version)
        await asyncio.wait_for(self.waiting.setdefault(key, asyncio.Event()).wait(), 120)
        return self.arrived[key]


class Document:
    """An open map: its text kept as the server keeps it, changed by ranges as an editor sends them."""

    def __init__(self, client: Client, path: Path) -> None:
        self.client, self.uri, self.text, self.version = client, path.resolve().as_uri(), path.read_text(), 1
        self.language = "json" if path.suffix == ".json" else "yaml"

    async def open(self) -> tuple[float, int]:
        start = time.perf_counter()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=self.uri, language_id=self.language, version=1, text=self.text)))
        arrived, count = await self.client.diagnostics(self.uri, 1)
        return arrived - start, count

    async def replace(self, old: str, new: str) -> tuple[float, int]:
        """Replace the first `old` by `new`; the seconds until that version's diagnostics, and their count."""
        at = self.text.index(old)
        where = TextIndex(self.text).range(at, at + len(old))
        self.text = self.text[:at] + new + self.text[at + len(old):]
        self.version += 1
        start = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=new)]))
        arrived, count = await self.client.diagnostics(self.uri, self.version)
        return arrived - start, count

    async def complete(self, marker: str) -> tuple[float, int]:
        """Completion just after the first `marker`: seconds and the number of items."""
        position = TextIndex(self.text).position(self.text.index(marker) + len(marker))
        start = time.perf_counter()
        answer = await self.client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri), position=position))
        seconds = time.perf_counter() - start
        items = answer.items if isinstance(answer, types.CompletionList) else answer or []
        return seconds, len(items)


async def bench_map(client: Client, path: Path, word: str, relation: tuple[str, str], complete: str, repeat: int,
                    goal: float) -> list[tuple[str, float, float | None, str]]:
    """Rows (step, seconds, goal, note) for one map."""
    doc = Document(client, path)
    opened, count = await doc.open()
    rows: list[tuple[str, float, float | None, str]] = [("open (whole load)", opened, None, f"{count} findings")]
    texts, errors = [], []
    for i in range(repeat):
        seconds, count = await doc.replace(word, word + f" edited{i}")
        texts.append(seconds)
        await doc.replace(word + f" edited{i}", word)
    rows.append(("edit a node's text -> diagnostics", statistics.median(texts), goal, ""))
    for _ in range(repeat):
        seconds, count = await doc.replace(relation[0], relation[1])
        errors.append(seconds)
        await doc.replace(relation[1], relation[0])
    rows.append(("misspell a relation end -> its error", statistics.median(errors), goal, f"{count} finding(s)"))
    runs = [await doc.complete(complete) for _ in range(repeat)]
    rows.append(("completion at a relation end", statistics.median(s for s, _ in runs), GOALS["completion"],
                 f"{runs[0][1]} items"))
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=doc.uri)))
    return rows


async def run(sizes: list[int], repeat: int) -> list[tuple[str, list[tuple[str, float, float | None, str]]]]:
    client = Client()
    await client.start_io(sys.executable, "-m", "argmap", "lsp", "--debounce", "0")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    tables = []
    mosul = REPO / "maps" / "mosul-2014.yaml"
    tables.append(("Mosul map (yaml)", await bench_map(
        client, mosul, "ISIS's takeover of Mosul", ("target: isis-emboldened,", "target: isis-emboldend,"),
        "{source: isis-consolidated-territory, target: isis-em", repeat, GOALS["mosul"])))
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            for fmt in ("yaml", "json"):
                path = write_map(Path(folder) / f"{n}{fmt}", n, fmt=fmt)
                text = path.read_text()
                target = "target: claim-0" if fmt == "yaml" else '"target": "claim-0"'
                misspelt = target.replace("claim-0", "claim-0x")
                complete = target[:-len("0")] if fmt == "yaml" else target[:-len('0"')]
                tables.append((f"{n:,} nodes ({fmt}, {path.stat().st_size / 1e6:.1f} MB)", await bench_map(
                    client, path, f"Paraphrase {n // 2} of the", (target, misspelt), complete, repeat, GOALS["big"])))
                assert text.count(target) >= 1
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    tables = asyncio.run(run(args.sizes, args.repeat))
    for title, rows in tables:
        print(f"\n{title}")
        print(f"  {'step':40} {'ms':>9} {'goal':>7}")
        for name, seconds, goal, note in rows:
            mark = "" if goal is None else ("  ok" if seconds <= goal else "  SLOW")
            shown_goal = f"{goal * 1000:7.0f}" if goal is not None else " " * 7
            print(f"  {name:40} {seconds * 1000:9.1f} {shown_goal}{mark}  {note}".rstrip())
    print(f"\nAn editor's server waits {DEBOUNCE * 1000:.0f} ms of quiet after the last keystroke before the figures "
          "above start (`argmap lsp --debounce`); they were measured with none.")


if __name__ == "__main__":
    main()
