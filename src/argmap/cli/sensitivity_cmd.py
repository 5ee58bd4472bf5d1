"""`argmap sensitivity MAP`: which evidence the map leans on most (ACH's sensitivity step)."""

from __future__ import annotations

import argparse
import json
import sys

from argmap.analysis.scenarios import find_scenario, sensitivity, sensitivity_lines
from argmap.cli import numbers
from argmap.cli.map_loading import load_for_reasoning
from argmap.cli.reasoning_options import add_reasoning_options, map_of, settings_of
from argmap.model import NODE_KINDS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("--kind", action="append", choices=NODE_KINDS, default=[],
                        help="reject nodes of this kind in turn (repeatable; default: evidence and the claims "
                        "no reason supports)")
    parser.add_argument("--scenario", metavar="NAME", help="start from this scenario instead of the baseline")
    parser.add_argument("--top", type=numbers.count, default=20, metavar="N",
                        help="show the N most load-bearing (0: all)")
    add_reasoning_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text table or JSON")


def run(args: argparse.Namespace) -> int:
    doc = load_for_reasoning(args.map, "sensitivity")
    if doc is None or doc.map is None:
        return 1
    amap = map_of(args, doc.map)
    scenario = find_scenario(amap, args.scenario) if args.scenario else None
    rows = sensitivity(amap, kinds=tuple(args.kind) or None, scenario=scenario, settings=settings_of(args))
    if args.format == "json":
        json.dump([{"node": r.node, "kind": r.kind, "impact": round(r.impact, 6),
                    "probability_change": round(r.probability_change, 6),
                    "strength_change": round(r.strength_change, 6), "labels_changed": r.labels_changed,
                    "falls": r.fallen, "strength_lost": round(r.strength_lost, 6),
                    "strength_gained": round(r.strength_gained, 6), "rises": r.risen} for r in rows],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if scenario is not None:
        print(f"Starting from scenario '{scenario.id}': {scenario.title}")
    print("Each candidate rejected in turn (held false); impact = Σ|Δprobability| + Σ|Δstrength| over the claims "
          "and forecasts, ranked by impact, then labels changed.")
    print("\n".join(sensitivity_lines(rows, top=args.top or None)))
    return 0
