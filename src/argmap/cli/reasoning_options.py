"""Options shared by the reasoning commands: the gradual semantics, the value of a possibility, the author's
argument alone."""

from __future__ import annotations

import argparse

from argmap.analysis.authorship import author_only
from argmap.analysis.framework import SEMANTICS, Settings
from argmap.cli import numbers
from argmap.model import ArgMap


def add_reasoning_options(parser: argparse.ArgumentParser) -> None:
    """--semantics, --possibility and --author-only."""
    parser.add_argument("--semantics", choices=SEMANTICS, default="quadratic-energy",
                        help="gradual semantics for strengths (default quadratic-energy; dfquad for comparison)")
    parser.add_argument("--possibility", type=numbers.probability, default=0.5, metavar="P",
                        help="probability counted for words that only state a possibility (may, could; default 0.5)")
    parser.add_argument("--grades", choices=("use", "ignore"), default="use",
                        help="base scores of graded evidence from its NATO/Admiralty grade (default) or ignore grades")
    parser.add_argument("--author-only", action="store_true",
                        help="the author's argument alone: leave out the analyst's nodes and relations (by: analyst)")


def settings_of(args: argparse.Namespace) -> Settings:
    """The evaluation settings the options ask for."""
    return Settings(semantics=args.semantics, possibility=args.possibility,
                    grades=getattr(args, "grades", "use") == "use")


def map_of(args: argparse.Namespace, amap: ArgMap) -> ArgMap:
    """The map, or the author's argument alone with --author-only."""
    return author_only(amap) if getattr(args, "author_only", False) else amap
