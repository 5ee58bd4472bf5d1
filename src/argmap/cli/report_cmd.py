"""`argmap report MAP -o report.html|report.md`: summary, diagram, forecast scores, weak points and scenarios."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.analysis.scoring import PARTLY_RULES, UNCLEAR_RULES
from argmap.cli.map_loading import load_for_reasoning
from argmap.io.atomic import write_output
from argmap.report import REPORT_FORMATS, format_for, write_report


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file")
    parser.add_argument("-o", "--output", metavar="OUT", required=True,
                        help="report file: .html (self-contained page) or .md (Markdown, diagram as a sibling .svg); "
                        "- for standard output")
    parser.add_argument("--format", choices=tuple(REPORT_FORMATS), help="report format (default: from OUT's suffix)")
    parser.add_argument("--partly", choices=tuple(PARTLY_RULES), default="half",
                        help="how a 'partly' outcome is scored (as in `argmap score`)")
    parser.add_argument("--unclear", choices=tuple(UNCLEAR_RULES), default="exclude",
                        help="how an 'unclear' outcome is scored (as in `argmap score`)")
    parser.add_argument("--no-diagram", dest="diagram", action="store_false", default=True,
                        help="leave the diagram out")
    parser.add_argument("--color-by", dest="color_by", default=None, metavar="SCHEME",
                        help="colour the diagram: kind, acceptance, or scenario:NAME")


def run(args: argparse.Namespace) -> int:
    to_stdout = args.output == "-"
    if to_stdout and not args.format:
        print("argmap report: error: writing to standard output needs --format html or markdown", file=sys.stderr)
        return 2
    fmt = format_for(args.output, args.format)
    doc = load_for_reasoning(args.map, "report")
    if doc is None:
        return 1
    diagram_options = {"color_by": args.color_by} if args.color_by else {}
    output = None if to_stdout else Path(args.output)
    data, written = write_report(doc, output, fmt, diagram=args.diagram,
                                 options={"partly": args.partly, "unclear": args.unclear,
                                          "diagram_options": diagram_options})
    if to_stdout:
        write_output("-", data)
    else:
        print("wrote " + ", ".join(str(p) for p in written) + f" ({fmt}, {len(data):,} bytes)", file=sys.stderr)
    return 0
