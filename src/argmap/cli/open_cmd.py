"""`argmap [MAP]`: open a map in the terminal."""

from __future__ import annotations

import argparse
import sys

from argmap.analysis.check import check
from argmap.analysis.summary import summary_lines
from argmap.io import load
from argmap.paths import default_map


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", nargs="?", metavar="MAP", help="map file (default: the bundled Mosul map)")


def run(args: argparse.Namespace) -> int:
    doc = load(args.map or default_map())
    for line in summary_lines(doc):
        print(line)
    findings = check(doc)
    for diag in findings:
        print(diag.format(), file=sys.stderr)
    return 0
