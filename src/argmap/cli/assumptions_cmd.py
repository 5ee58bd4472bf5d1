"""`argmap assumptions MAP`: the key assumptions, their status, and what rejecting each does to the conclusions."""

from __future__ import annotations

import argparse
import json
import sys

from argmap.analysis.assumptions import assumption_lines, key_assumptions, ranked
from argmap.analysis.scenarios import find_scenario
from argmap.cli.map_loading import load_for_reasoning
from argmap.cli.reasoning_options import add_reasoning_options, map_of, settings_of


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("--scenario", metavar="NAME", help="reject each assumption on top of this scenario")
    parser.add_argument("--sort", choices=("map", "impact"), default="map",
                        help="map order (default) or the most load-bearing first")
    add_reasoning_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text table or JSON")


def run(args: argparse.Namespace) -> int:
    doc = load_for_reasoning(args.map, "assumptions")
    if doc is None or doc.map is None:
        return 1
    amap = map_of(args, doc.map)
    scenario = find_scenario(amap, args.scenario) if args.scenario else None
    rows = key_assumptions(amap, scenario=scenario, settings=settings_of(args))
    if args.sort == "impact":
        rows = ranked(rows)
    if args.format == "json":
        json.dump([r.to_dict() for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print("Each key assumption held false in turn (scenario reject-ID); impact = Σ|Δprobability| + Σ|Δstrength| over "
          "the other claims and forecasts.")
    print("\n".join(assumption_lines(rows)))
    return 0
