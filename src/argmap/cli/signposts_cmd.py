"""`argmap signposts MAP`: the forecasts' signposts, what each points to, and their dated observations."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from argmap.analysis.indicators import signpost_lines, signposts
from argmap.cli.map_loading import load_for_reasoning


def iso_date(text: str) -> dt.date:
    """A YYYY-MM-DD option value, or a usage error saying so."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD, e.g. 2014-07-01") from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("--as-of", type=iso_date, metavar="DATE", help="only observations on or before DATE")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text table or JSON")


def run(args: argparse.Namespace) -> int:
    doc = load_for_reasoning(args.map, "signposts")
    if doc is None or doc.map is None:
        return 1
    rows = signposts(doc.map, args.as_of)
    if args.format == "json":
        json.dump([{"forecast": r.forecast, "watch": r.watch, "points_to": r.points_to,
                    "observations": r.observations} for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print("\n".join(signpost_lines(rows)))
    return 0
