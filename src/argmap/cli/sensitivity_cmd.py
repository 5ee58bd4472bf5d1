"""`argmap sensitivity MAP`: which evidence the map leans on most (ACH's sensitivity step)."""

from __future__ import annotations

import argparse
import json
import sys

from argmap.analysis.scenarios import find_scenario, sensitivity, sensitivity_lines
from argmap.cli.map_loading import load_for_reasoning
from argmap.model import NODE_KINDS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("--kind", action="append", choices=NODE_KINDS, default=[],
                        help="reject nodes of this kind in turn (repeatable; default: evidence)")
    parser.add_argument("--scenario", metavar="NAME", help="start from this scenario instead of the baseline")
    parser.add_argument("--top", type=int, default=20, metavar="N", help="show the N most load-bearing (0: all)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text table or JSON")


def run(args: argparse.Namespace) -> int:
    doc = load_for_reasoning(args.map, "sensitivity")
    if doc is None or doc.map is None:
        return 1
    scenario = find_scenario(doc.map, args.scenario) if args.scenario else None
    rows = sensitivity(doc.map, kinds=tuple(args.kind) or ("evidence",), scenario=scenario)
    if args.format == "json":
        json.dump([{"node": r.node, "kind": r.kind, "falls": r.fallen, "strength_lost": round(r.strength_lost, 6),
                    "strength_gained": round(r.strength_gained, 6), "rises": r.risen} for r in rows],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if scenario is not None:
        print(f"Starting from scenario '{scenario.id}': {scenario.title}")
    print("Each node rejected in turn (held false); 'falls' counts the other nodes that leave 'in'.")
    print("\n".join(sensitivity_lines(rows, top=args.top or None)))
    return 0
