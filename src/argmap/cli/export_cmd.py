"""`argmap export MAP -o OUT [--to FORMAT]`"""

from __future__ import annotations

import argparse
import sys

from argmap.formats import FORMATS, export_with_losses, format_for
from argmap.io import load
from argmap.io.atomic import write_output


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", nargs="?", metavar="MAP", help="map file")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file, or - for standard output")
    parser.add_argument("--to", metavar="FORMAT", help="output format (default: from the suffix of OUT)")
    parser.add_argument("--list", action="store_true", help="list the formats and exit")
    parser.add_argument("--option", "-O", action="append", default=[], metavar="KEY=VALUE",
                        help="format option (repeatable)")
    add_view_options(parser)


def add_view_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by the diagram formats; other formats ignore them."""
    view = parser.add_argument_group("diagram options (svg, png, pdf, dot)")
    view.add_argument("--focus", metavar="ID", help="only this node's neighbourhood")
    view.add_argument("--depth", type=int, default=2, help="neighbourhood depth for --focus (default 2)")
    view.add_argument("--kind", action="append", default=[], help="keep only nodes of this kind (repeatable)")
    view.add_argument("--tag", action="append", default=[], help="keep only nodes with this tag (repeatable)")
    view.add_argument("--actor", action="append", default=[], help="keep only nodes with this actor (repeatable)")
    view.add_argument("--theme", action="append", default=[], help="keep only nodes with this theme (repeatable)")
    view.add_argument("--direction", choices=("TB", "BT", "LR", "RL"), default=None, help="layout direction")
    view.add_argument("--cluster", choices=("none", "theme"), default=None, help="group nodes in boxes")
    view.add_argument("--color-by", dest="color_by", default=None, help="kind (default), acceptance, or scenario:NAME")
    view.add_argument("--no-legend", dest="legend", action="store_false", default=True, help="leave out the legend")
    view.add_argument("--engine", default=None, help="Graphviz layout engine (dot, neato, ...)")
    view.add_argument("--system-graphviz", dest="system_graphviz", action="store_true",
                      help="render with the `dot` program on PATH instead of the bundled Graphviz")


def options_from(args: argparse.Namespace) -> dict[str, object]:
    """The exporter options named on the command line."""
    options: dict[str, object] = {}
    for name in ("focus", "depth", "kind", "tag", "actor", "theme", "direction", "cluster", "color_by", "legend",
                 "engine", "system_graphviz"):
        options[name] = getattr(args, name, None)
    for item in args.option:
        key, _, value = item.partition("=")
        options[key.strip()] = value
    return options


def run(args: argparse.Namespace) -> int:
    if args.list:
        for fmt in FORMATS.values():
            if fmt.write is not None or fmt.exporter is not None:
                print(f"{fmt.name:9} {' '.join(fmt.suffixes):18} {fmt.description}")
        return 0
    if not args.map or not args.output:
        print("argmap export: error: give MAP and -o OUT (use -o - for standard output)", file=sys.stderr)
        return 2
    fmt = format_for(args.output, args.to)
    doc = load(args.map)
    options = options_from(args)
    if fmt.exporter is not None:  # other tools' formats write source paths relative to the output
        options["output"] = args.output
    exported = export_with_losses(doc, fmt, options)
    data = exported.data
    for loss in exported.losses:  # what the format cannot carry, one warning per kind
        print(f"{args.map}: warning: {loss.message}", file=sys.stderr)
    write_output(args.output, data)
    if args.output != "-":
        print(f"wrote {args.output} ({fmt.name}, {len(data):,} bytes)", file=sys.stderr)
    return 0
