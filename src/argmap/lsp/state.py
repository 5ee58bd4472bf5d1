"""One analysed version of an open map: its text, the loaded document, what `argmap check` finds in it, and what
the other features need of it (the parsed data, a line index, the standing of each node), built on first use."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.analysis.findings import map_findings
from argmap.analysis.rule_settings import Silenced
from argmap.analysis.semantics import Evaluation, evaluate
from argmap.edit.patch import patch_document
from argmap.errors import ArgmapError, Diagnostic
from argmap.io.document import MapDocument, load
from argmap.lsp.incremental import reparse
from argmap.lsp.text import TextIndex

_UNSET: Any = object()


@dataclass
class Analysis:
    """A text as `argmap check` sees it. `patched` says whether the document was built from the previous
    version's (one item read again) rather than loaded whole; `seconds` how long the analysis took."""

    path: Path
    text: str
    version: int | None
    doc: MapDocument
    findings: list[Diagnostic]
    silenced: list[Silenced]
    patched: bool = False
    seconds: float = 0.0
    _data: Any = field(default=_UNSET, repr=False)
    _index: TextIndex | None = field(default=None, repr=False)
    _standing: Any = field(default=_UNSET, repr=False)

    @property
    def data(self) -> Any:
        """The value the text reads as (None when it does not parse): the editing engine's input."""
        if self._data is _UNSET:
            self._data = self.doc.data
            if self._data is None and self.doc.format == "json" and self.doc.map is not None:
                try:
                    self._data = json.loads(self.text)
                except ValueError:
                    self._data = None
        return self._data

    @property
    def index(self) -> TextIndex:
        """The text's line index, for protocol positions."""
        if self._index is None:
            self._index = TextIndex(self.text)
        return self._index

    @property
    def standing(self) -> Evaluation | None:
        """Every node's label, strength and probability (as `argmap standing`), or None when the map does not
        fully load (reasoning over a part would mislead)."""
        if self._standing is _UNSET:
            self._standing = evaluate(self.doc.map) if self.doc.fully_loaded and self.doc.map is not None else None
        return self._standing

    @property
    def node_ids(self) -> list[str]:
        """The ids of the map's nodes, in file order."""
        return [node.id for node in self.doc.map.nodes] if self.doc.map is not None else []


def analyse(path: Path, text: str, version: int | None = None, *, previous: Analysis | None = None,
            fmt: str | None = None, strict: bool = False) -> Analysis:
    """The analysis of `text`, the content of the map at `path` (its sources and rule settings are found from
    there). With `previous`, an edit inside one list item reuses the rest of the previous document."""
    started = time.perf_counter()
    doc, data, patched = None, _UNSET, False
    if previous is not None and previous.doc.map is not None and isinstance(previous.data, dict):
        new_data = reparse(previous.text, previous.data, text, previous.doc.format)
        if new_data is not None:
            doc = patch_document(previous.doc, previous.data, new_data, text)
            data, patched = new_data, doc is not None
    if doc is None:
        try:
            doc = load(path, text=text, fmt=fmt)
        except ArgmapError as exc:  # only a file that cannot be read at all; a buffer always can
            doc = MapDocument(path, text, fmt or "yaml")
            doc.diagnostics.append(Diagnostic(doc.display_path, "error", "unreadable", str(exc), line=1, column=1))
        data = _UNSET
    outcome = map_findings(doc, strict=strict)
    analysis = Analysis(path, text, version, doc, outcome.kept, outcome.silenced, patched=patched)
    if patched:
        analysis._data = data
    analysis.seconds = time.perf_counter() - started
    return analysis
