"""One analysed version of an open map: its text, the loaded document, what `argmap check` finds in it, and what
the other features need of it (the parsed data, a line index, the standing of each node), built on first use."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pygls.workspace.position_codec import PositionCodec

from argmap.analysis.findings import map_findings
from argmap.analysis.rule_settings import Silenced
from argmap.analysis.semantics import Evaluation, evaluate
from argmap.edit.patch import patch_document
from argmap.errors import ArgmapError, Diagnostic
from argmap.io.document import MapDocument, load
from argmap.lsp.incremental import reparse
from argmap.lsp.text import TextIndex
from argmap.memory import collector_paused

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
    strict: bool = False
    seconds: float = 0.0
    _data: Any = field(default=_UNSET, repr=False)
    _index: TextIndex | None = field(default=None, repr=False)
    _standing: Any = field(default=_UNSET, repr=False)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # what a feature builds once per version
    codec: PositionCodec | None = field(default=None, repr=False)  # the client's position units (UTF-16)

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
            self._index = TextIndex(self.text, self.codec)
        return self._index

    @property
    def standing(self) -> Evaluation | None:
        """Every node's label, strength and probability (as `argmap standing`), or None when the map does not
        fully load (reasoning over a part would mislead)."""
        if self._standing is _UNSET:
            self._standing = evaluate(self.doc.map) if self.doc.fully_loaded and self.doc.map is not None else None
        return self._standing

    @property
    def looks_like_map(self) -> bool:
        """Whether the text is meant as a map, as `argmap check` tells it for a file found in a folder: a mapping
        with a map's keys, or a text that does not read at all (a CI workflow or a `package.json` is left alone)."""
        data = self.doc.data
        if data is None and self.doc.map is not None:
            return True  # a JSON map read by the fast path
        return not isinstance(data, dict) or bool({"argmap", "title", "nodes"} & data.keys())

    @property
    def node_ids(self) -> list[str]:
        """The ids of the map's nodes, in file order."""
        return [node.id for node in self.doc.map.nodes] if self.doc.map is not None else []


def analyse(path: Path, text: str, version: int | None = None, *, previous: Analysis | None = None,
            fmt: str | None = None, strict: bool = False, codec: PositionCodec | None = None) -> Analysis:
    """The analysis of `text`, the content of the map at `path` (its sources and rule settings are found from
    there). With `previous`, an edit inside one list item reuses the rest of the previous document."""
    with collector_paused():  # as loading does: a full collection would walk every object of a big map
        analysis = _analyse(path, text, version, previous, fmt, strict)
    analysis.codec = codec
    if previous is not None and previous._index is not None and previous.codec is codec:
        analysis._index = previous._index.after(text)
    return analysis


def _analyse(path: Path, text: str, version: int | None, previous: Analysis | None, fmt: str | None,
             strict: bool) -> Analysis:
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
    reused = _findings_kept(previous, doc, data) if patched and not strict and previous is not None else None
    if reused is not None:
        kept, silenced = reused
    else:
        outcome = map_findings(doc, strict=strict)
        kept, silenced = outcome.kept, outcome.silenced
    analysis = Analysis(path, text, version, doc, kept, silenced, patched=patched, strict=strict)
    if patched:
        analysis._data = data
    analysis.seconds = time.perf_counter() - started
    return analysis


#: Node fields that no check rule reads: an edit of them alone changes no finding (only, perhaps, where one stands).
UNCHECKED_FIELDS = frozenset({"text", "note"})


def _findings_kept(previous: Analysis, doc: MapDocument, data: Any) -> tuple[list[Diagnostic], list[Silenced]] | None:
    """The previous version's findings, placed anew in `doc`, when the only change is to the prose of one node
    (`UNCHECKED_FIELDS`): typing a paraphrase or a note re-runs no rule. None when anything else changed."""
    old = previous.data
    if previous.strict or not isinstance(old, dict) or not isinstance(data, dict) or old.keys() != data.keys():
        return None
    if any(old[key] is not data[key] for key in old if key != "nodes") or doc.rows or previous.doc.rows:
        return None
    old_nodes, new_nodes = old.get("nodes"), data.get("nodes")
    if not isinstance(old_nodes, list) or not isinstance(new_nodes, list) or len(old_nodes) != len(new_nodes):
        return None
    changed = [i for i, (a, b) in enumerate(zip(old_nodes, new_nodes, strict=True)) if a is not b]
    for i in changed:
        a, b = old_nodes[i], new_nodes[i]
        if not isinstance(a, dict) or not isinstance(b, dict) or \
                {k: v for k, v in a.items() if k not in UNCHECKED_FIELDS} != \
                {k: v for k, v in b.items() if k not in UNCHECKED_FIELDS}:
            return None
    own = previous.doc.display_path

    def moved(diag: Diagnostic) -> Diagnostic:
        if diag.file != own or not diag.loc:
            return replace(diag)
        return replace(diag, line=0, column=0)

    kept = doc.place([moved(diag) for diag in previous.findings])
    silenced = [Silenced(doc.place([moved(item.diagnostic)])[0], item.reason) for item in previous.silenced]
    return kept, silenced
