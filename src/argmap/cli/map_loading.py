"""Loading a map for the reasoning commands (score, scenario, sensitivity, weak, report): they refuse a map whose
file does not fully load, since reasoning over its valid part alone would mislead."""

from __future__ import annotations

import sys

from argmap.io import MapDocument, load


def load_for_reasoning(path: str, command: str) -> MapDocument | None:
    """The loaded document, or None after printing its file errors (the caller exits 1)."""
    doc = load(path)
    if doc.fully_loaded:
        return doc
    broken = doc.blocking
    for diag in broken[:5]:
        print(diag.format(), file=sys.stderr)
    more = f" ({len(broken) - 5} more)" if len(broken) > 5 else ""
    print(f"argmap {command}: {doc.display_path} has errors{more}; fix them first (see `argmap check`)",
          file=sys.stderr)
    return None
