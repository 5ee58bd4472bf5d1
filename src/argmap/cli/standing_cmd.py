"""`argmap standing MAP`: every node's label, strength and probability."""

from __future__ import annotations

import argparse
import json
import sys

from argmap.analysis.scenarios import find_scenario
from argmap.analysis.semantics import evaluate
from argmap.analysis.standing import standing_dict, standing_lines
from argmap.cli.map_loading import load_for_reasoning
from argmap.cli.reasoning_options import add_reasoning_options, map_of, settings_of


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("--scenario", metavar="NAME", help="under this scenario instead of the baseline")
    add_reasoning_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text table or JSON")


def run(args: argparse.Namespace) -> int:
    doc = load_for_reasoning(args.map, "standing")
    if doc is None or doc.map is None:
        return 1
    amap = map_of(args, doc.map)
    scenario = find_scenario(amap, args.scenario) if args.scenario else None
    result = evaluate(amap, scenario, settings=settings_of(args))
    if args.format == "json":
        json.dump(standing_dict(amap, result, author_only=args.author_only), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join(standing_lines(amap, result)))
    return 0
