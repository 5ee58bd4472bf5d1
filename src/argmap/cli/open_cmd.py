"""`argmap [MAP]`: explore a map in the terminal."""

from __future__ import annotations

import argparse
from pathlib import Path

from argmap.analysis.outline import GROUPINGS
from argmap.errors import ArgmapError, suggest
from argmap.io import load
from argmap.io.document import MapDocument
from argmap.paths import default_map
from argmap.render.view import check_focus


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", nargs="?", metavar="MAP", help="map file (default: the bundled Mosul map)")
    add_view_arguments(parser)
    parser.add_argument("--images", action="store_true",
                        help="let the Diagram pane show the Graphviz picture (p) in terminals with Kitty graphics "
                             "or Sixel; needs pip install 'argmap[images]'")


def add_view_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the explorer, shared with `argmap serve`."""
    parser.add_argument("--group", choices=GROUPINGS, default="argument",
                        help="outline grouping to start with (default: argument)")
    parser.add_argument("--focus", metavar="ID", help="node to focus at start")
    parser.add_argument("--scenario", metavar="NAME", help="show the map under one of its scenarios (id or title)")
    parser.add_argument("--export-dir", metavar="FOLDER", help="folder for SVG exports (default: the map's folder)")


def app_options(args: argparse.Namespace) -> dict[str, object]:
    """The `create_app` options named on the command line."""
    return {"grouping": args.group, "focus": args.focus, "scenario": args.scenario,
            "export_dir": Path(args.export_dir).expanduser() if args.export_dir else None}


def check_view_arguments(doc: MapDocument, args: argparse.Namespace) -> None:
    """An unknown `--focus` and a missing `--export-dir` are errors in one line with the closest name, as in
    `argmap export`, before the explorer opens."""
    if args.focus and doc.map is not None:
        check_focus(doc.map, args.focus)
    if args.export_dir:
        folder = Path(args.export_dir).expanduser()
        if not folder.is_dir():
            parent = folder.parent
            near = [p.name for p in parent.iterdir() if p.is_dir()] if parent.is_dir() else []
            what = "not a folder" if folder.exists() else "no such folder (create it first)"
            raise ArgmapError(f"--export-dir {args.export_dir}: {what}{suggest(folder.name, near)}")


def run(args: argparse.Namespace) -> int:
    import sys

    from argmap.tui.app import create_app  # Textual loads only when the explorer runs

    if getattr(args, "images", False):
        from argmap.tui.diagram_picture import prepare_images

        reason = prepare_images()
        if reason:
            print(f"argmap: note: {reason}", file=sys.stderr)
    doc = load(args.map or default_map())
    check_view_arguments(doc, args)
    app = create_app(doc, **app_options(args))
    app.run()
    return app.return_code or 0
