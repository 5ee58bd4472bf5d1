"""`argmap ach MAP [GROUP]`: the ACH matrices, with Heuer's weighted inconsistency scores, the diagnosticity of each
item and the items the ranking is sensitive to."""

from __future__ import annotations

import argparse
import json
import sys

from argmap.analysis.ach import ach_lines, analyse, find_group
from argmap.cli.map_loading import load_for_reasoning


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("group", nargs="?", metavar="GROUP", help="one ACH group (id or title); default: all")
    parser.add_argument("--sort", choices=("map", "diagnosticity"), default="map",
                        help="rows in the map's order (default) or the most diagnostic first")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text table or JSON")


def run(args: argparse.Namespace) -> int:
    doc = load_for_reasoning(args.map, "ach")
    if doc is None or doc.map is None:
        return 1
    amap = doc.map
    groups = [find_group(amap, args.group)] if args.group else amap.hypotheses
    results = [analyse(amap, group) for group in groups]
    if args.format == "json":
        json.dump([r.to_dict() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not results:
        print("The map has no ACH groups; add them under 'hypotheses:' (id, title, hypotheses, evidence).")
        return 0
    print("\n\n".join("\n".join(ach_lines(r, sort=args.sort)) for r in results))
    return 0
