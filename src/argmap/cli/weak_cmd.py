"""`argmap weak MAP`: the weak points of a map's reasoning, positioned like `argmap check` findings."""

from __future__ import annotations

import argparse
import json
import sys

from argmap.analysis.weak import WEAK_RULES, weak_diagnostics
from argmap.cli.map_loading import load_for_reasoning
from argmap.errors import plural


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", nargs="?", metavar="MAP", help="map file")
    parser.add_argument("--rule", action="append", choices=tuple(WEAK_RULES), default=[],
                        help="only this rule (repeatable)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text lines or JSON")
    parser.add_argument("--rules", action="store_true", help="list the rules and exit")


def run(args: argparse.Namespace) -> int:
    if args.rules:
        for rule, description in WEAK_RULES.items():
            print(f"{rule:22} {description}")
        return 0
    if not args.map:
        print("argmap weak: error: give a MAP", file=sys.stderr)
        return 2
    doc = load_for_reasoning(args.map, "weak")
    if doc is None:
        return 1
    found = [d for d in weak_diagnostics(doc) if not args.rule or d.rule in args.rule]
    if args.format == "json":
        json.dump([d.to_dict() for d in found], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for diag in found:
        print(diag.format())
    counts = {rule: sum(1 for d in found if d.rule == rule) for rule in WEAK_RULES}
    summary = ", ".join(f"{n} {rule}" for rule, n in counts.items() if n) or "none"
    print(f"{plural(len(found), 'weak point')}: {summary}", file=sys.stderr)
    return 0
