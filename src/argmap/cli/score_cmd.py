"""`argmap score MAP`: the map's forecasts scored against their resolutions."""

from __future__ import annotations

import argparse
import json
import sys

from argmap.analysis.indicators import map_as_of
from argmap.analysis.scoring import (
    CALIBRATION_MIN,
    CONDITIONAL_RULES,
    PARTLY_RULES,
    UNCLEAR_RULES,
    possibility_rule,
    score_forecasts,
    scorecard_lines,
)
from argmap.cli import numbers
from argmap.cli.map_loading import load_for_reasoning
from argmap.cli.signposts_cmd import iso_date


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("--partly", choices=tuple(PARTLY_RULES), default="half",
                        help="how a 'partly' outcome counts: half (0.5, default), happened (1), did-not-happen (0), "
                        "or exclude")
    parser.add_argument("--unclear", choices=tuple(UNCLEAR_RULES), default="exclude",
                        help="how an 'unclear' outcome counts: exclude (default) or half (0.5)")
    parser.add_argument("--possibility", type=_possibility, default=0.5, metavar="P|exclude",
                        help="what words that only state a possibility (may, could) count as: a probability "
                        "(default 0.5) or exclude")
    parser.add_argument("--conditional", choices=CONDITIONAL_RULES, default="void",
                        help="a conditional forecast: void unless its condition came true (default), or score it")
    parser.add_argument("--calibration-min", type=numbers.count, default=CALIBRATION_MIN, metavar="N",
                        help=f"show the calibration table from N scored forecasts on (default {CALIBRATION_MIN})")
    parser.add_argument("--as-of", type=iso_date, metavar="DATE",
                        help="score what was forecast as of DATE: each forecast's latest update on or before it")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text table or JSON")


def _possibility(text: str) -> float | None:
    try:
        return possibility_rule(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    doc = load_for_reasoning(args.map, "score")
    if doc is None or doc.map is None:
        return 1
    amap = map_as_of(doc.map, args.as_of) if args.as_of else doc.map
    card = score_forecasts(amap, partly=args.partly, unclear=args.unclear, calibration_min=args.calibration_min,
                           possibility=args.possibility, conditional=args.conditional)
    if args.format == "json":
        json.dump(card.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not card.forecasts:
        print(f"{doc.display_path}: the map has no forecasts")
        return 0
    if args.as_of:
        print(f"As of {args.as_of}: each forecast's latest probability update on or before that date, scored "
              "against the final outcomes.")
    print("\n".join(scorecard_lines(card)))
    return 0
