"""argmap's findings as protocol diagnostics: each starts where `argmap check` puts it (its line and column) and
runs over the value it is about (to the end of that value's first line), with the rule as its code. A finding
about the project's rule file (`argmap.toml`) is shown on the map's first line and points at that file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsprotocol import types

from argmap.errors import Diagnostic
from argmap.io.positions import node_at
from argmap.lsp.locate import key_span
from argmap.lsp.state import Analysis

SOURCE = "argmap"
SEVERITIES = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
              "info": types.DiagnosticSeverity.Information}


def finding_span(analysis: Analysis, diag: Diagnostic) -> tuple[int, int]:
    """The offsets a finding covers: from its position to the end of its value (or key) on that line, else to
    the end of the word there."""
    index, text = analysis.index, analysis.text
    start = index.offset_of(diag.line, diag.column) if diag.line else 0
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    end = start
    here = node_at(analysis.doc.tree, diag.loc) if diag.loc and analysis.data is not None else None
    if here is not None:
        low, high = key_span(analysis, here) if diag.hint == "key" else (here.start_offset, here.end_offset)
        if low == start or (low <= start < high):
            end = min(high, line_end)
    if end <= start:
        word = start
        while word < line_end and not text[word].isspace() and text[word] not in ",]}":
            word += 1
        end = word if word > start else min(line_end, start + 1)
    while end > start + 1 and text[end - 1] in " \t\r":
        end -= 1
    return start, end


def to_lsp(analysis: Analysis, diag: Diagnostic, uri: str) -> types.Diagnostic:
    """One finding as the protocol's diagnostic; `data` carries what the quick fixes need."""
    subject = f"node '{diag.node}': " if diag.node else ""
    data: dict[str, Any] = {"rule": diag.rule, "loc": list(diag.loc), "node": diag.node}
    own = diag.file == analysis.doc.display_path
    if own:
        start, end = finding_span(analysis, diag)
        where = analysis.index.range(start, end)
        related = None
        message = subject + diag.message
    else:  # the project's rule file: shown on the map, pointing there
        where = analysis.index.line_range(0)
        line = max(diag.line - 1, 0)
        place = types.Location(uri=Path(diag.file).resolve().as_uri(), range=types.Range(
            start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)))
        related = [types.DiagnosticRelatedInformation(location=place, message=diag.message)]
        message = f"{Path(diag.file).name}{f':{diag.line}' if diag.line else ''}: {subject}{diag.message}"
    return types.Diagnostic(range=where, message=message, severity=SEVERITIES[diag.severity], code=diag.rule,
                            source=SOURCE, related_information=related, data=data)


def diagnostics(analysis: Analysis, uri: str) -> list[types.Diagnostic]:
    """Every finding `argmap check` reports for the analysed text, rule settings and silences applied; none for
    a YAML or JSON file that is not a map."""
    if not analysis.looks_like_map:
        return []
    return [to_lsp(analysis, diag, uri) for diag in analysis.findings]
