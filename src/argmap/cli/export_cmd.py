"""`argmap export MAP -o OUT [--to FORMAT]`"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from argmap.cli import numbers
from argmap.errors import ArgmapError
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
    view.add_argument("--depth", type=numbers.count, default=2, help="neighbourhood depth for --focus (default 2)")
    view.add_argument("--kind", action="append", default=[], help="keep only nodes of this kind (repeatable)")
    view.add_argument("--tag", action="append", default=[], help="keep only nodes with this tag (repeatable)")
    view.add_argument("--actor", action="append", default=[], help="keep only nodes with this actor (repeatable)")
    view.add_argument("--theme", action="append", default=[], help="keep only nodes with this theme (repeatable)")
    view.add_argument("--direction", choices=("TB", "BT", "LR", "RL"), default=None, help="layout direction")
    view.add_argument("--cluster", choices=("none", "theme", "actor", "tag"), default=None,
                      help="group nodes in boxes (and the overview's parts) by their first theme, actor or tag")
    view.add_argument("--color-by", dest="color_by", default=None, help="kind (default), acceptance, or scenario:NAME")
    view.add_argument("--no-legend", dest="legend", action="store_false", default=True, help="leave out the legend")
    view.add_argument("--engine", default=None,
                      help="Graphviz layout engine (default: dot, sfdp for the very large; neato, ...)")
    view.add_argument("--overview-above", dest="overview_above", type=numbers.count, default=None, metavar="N",
                      help="draw an overview, one node per part, for a view of more than N nodes (default 500)")
    view.add_argument("--overview-links", dest="overview_links", default=None, metavar="K",
                      help="the overview draws each part's K strongest links to other parts (default 1), its "
                           "conclusion's and any of 5%% of all their relations; 'all' draws every link")
    view.add_argument("--full", action="store_true", default=None, help="draw every node, however many")
    view.add_argument("--system-graphviz", dest="system_graphviz", action="store_true",
                      help="render with the `dot` program on PATH instead of the bundled Graphviz")


def options_from(args: argparse.Namespace) -> dict[str, object]:
    """The exporter options named on the command line."""
    options: dict[str, object] = {}
    for name in ("focus", "depth", "kind", "tag", "actor", "theme", "direction", "cluster", "color_by", "legend",
                 "engine", "system_graphviz", "overview_above", "overview_links", "full"):
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
    if _is_folder(args.output):
        return _export_folder(args)
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


def _is_folder(output: str) -> bool:
    """`-o DIR/` (with the slash) asks for a folder of diagrams; `-o DIR` without it stays an error."""
    return output != "-" and output.endswith(("/", os.sep))


def _export_folder(args: argparse.Namespace) -> int:
    """`-o DIR/`: the overview and one diagram per part (or the whole diagram of a small view) in DIR."""
    from argmap.render.diagram import prepare
    from argmap.render.overview import diagram_files

    fmt = (args.to or "svg").lower()
    if fmt not in ("svg", "png", "pdf"):
        raise ArgmapError(f"-o DIR/ writes diagrams (svg, png or pdf), not '{fmt}'")
    folder = Path(args.output)
    if not folder.is_dir():
        raise ArgmapError(f"{folder}: no such folder (create it first)")
    files = diagram_files(prepare(load(args.map), options_from(args)), fmt)
    for name, data in files.items():
        write_output(str(folder / name), data)
    print(f"wrote {len(files)} {fmt} file{'s' if len(files) != 1 else ''} to {folder}", file=sys.stderr)
    return 0
