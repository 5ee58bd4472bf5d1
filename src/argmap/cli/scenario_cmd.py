"""`argmap scenario MAP [NAME]`: list the map's scenarios, or what follows from one, next to the baseline."""

from __future__ import annotations

import argparse
import json
import sys

from argmap.analysis.scenarios import THRESHOLD, compare, find_scenario, outcome_lines, scenario_list_lines
from argmap.cli import numbers
from argmap.cli.map_loading import load_for_reasoning
from argmap.cli.reasoning_options import add_reasoning_options, map_of, settings_of


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("name", nargs="?", metavar="NAME", help="scenario id (without it: list the scenarios)")
    parser.add_argument("--all", dest="show_all", action="store_true",
                        help="show every node, not only those that change")
    parser.add_argument("--threshold", type=numbers.threshold, default=THRESHOLD, metavar="X",
                        help=f"smallest strength or probability change counted as a change (default {THRESHOLD})")
    add_reasoning_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text table or JSON")


def run(args: argparse.Namespace) -> int:
    doc = load_for_reasoning(args.map, "scenario")
    if doc is None or doc.map is None:
        return 1
    amap = map_of(args, doc.map)
    if args.name is None:
        if args.format == "json":
            json.dump([s.model_dump(mode="json", exclude_none=True) for s in amap.scenarios], sys.stdout,
                      ensure_ascii=False, indent=2)
            print()
        else:
            print("\n".join(scenario_list_lines(amap, settings_of(args))))
        return 0
    outcome = compare(amap, find_scenario(amap, args.name), threshold=args.threshold, settings=settings_of(args))
    if args.format == "json":
        json.dump(outcome.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join(outcome_lines(outcome, show_all=args.show_all)))
    return 0
