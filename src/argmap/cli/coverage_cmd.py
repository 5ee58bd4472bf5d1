"""`argmap coverage MAP`: the source sentences no quote covers, with their lines, and the share covered."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from argmap.analysis.coverage import SourceCoverage, coverage
from argmap.cli.map_loading import load_for_reasoning
from argmap.io.document import MapDocument


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text lines or JSON")
    parser.add_argument("--source", metavar="ID", help="only this source")


def _shown(path: Path | None) -> str:
    if path is None:
        return "?"
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _print(doc: MapDocument, result: SourceCoverage) -> None:
    source = result.source
    if result.problem:
        print(f"{doc.display_path}: source '{source.id}': no coverage: {result.problem}")
        return
    where = _shown(doc.sources[source.id].path)
    for sentence in result.gaps:
        missing = "" if sentence.status == "uncovered" else f" (not quoted: {' '.join(sentence.missing)})"
        print(f"{where}:{sentence.line}: {sentence.status}: \"{_clip(sentence.text)}\"{missing}")
    sentences, gaps = len(result.sentences), len(result.gaps)
    minimum = "" if result.settings.minimum is None else (
        f"; minimum {result.settings.minimum:.0%}" + (" NOT reached" if result.below_minimum else " reached"))
    excluded = f"; {len(result.excluded)} line(s) excluded" if result.excluded else ""
    print(f"source '{source.id}': {result.share:.1%} of words covered ({result.covered_words:,} of "
          f"{result.words:,}), {sentences - gaps} of {sentences} sentences fully{excluded}{minimum}")
    for rule in result.unused_exclusions:
        print(f"{doc.display_path}: warning: coverage exclusion matches no line of '{source.id}': \"{_clip(rule)}\"",
              file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    doc = load_for_reasoning(args.map, "coverage")
    if doc is None or doc.map is None:
        return 1
    results = coverage(doc)
    if args.source:
        known = [r.source.id for r in results]
        if args.source not in known:
            print(f"argmap coverage: error: no source '{args.source}' (the map has: {', '.join(known) or 'none'})",
                  file=sys.stderr)
            return 2
        results = [r for r in results if r.source.id == args.source]
    if args.format == "json":
        json.dump([r.to_dict() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        if not results:
            print(f"{doc.display_path}: the map declares no sources")
        for result in results:
            _print(doc, result)
    return 1 if any(r.below_minimum for r in results) else 0
