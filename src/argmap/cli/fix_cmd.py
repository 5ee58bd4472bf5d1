"""`argmap fix MAP`: rewrite quotes that are not their source's exact passage (`argmap.analysis.quote_repair`).

A quote that matches only up to white space or typographic marks, or that differs by case, punctuation or a typo,
is rewritten to the passage as the source has it; a quote not found whose nearest passage differs more (a word
missing, a paraphrase) is listed as a proposal, taken too with `--accept-nearest`. The edit goes through the
editing engine of `argmap edit`: only the quotes' own characters change (offsets too, where the map stores them),
the save is atomic and keeps `MAP~`; `--diff` and `--dry-run` print the change and write nothing. A second run
finds nothing to do.
"""

from __future__ import annotations

import argparse
import sys

from argmap.analysis.check_quotes import clip
from argmap.analysis.quote_repair import Repair, Unfixable, find_repairs
from argmap.cli.save_options import add_save_options, preview_only
from argmap.edit.session import EditSession
from argmap.errors import ConflictError, plural, suggest
from argmap.io.document import MapDocument, default_source


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="map file (YAML or JSON)")
    parser.add_argument("--accept-nearest", dest="accept", action="store_true",
                        help="also replace quotes not found by the nearest passage proposed for them")
    parser.add_argument("--node", dest="nodes", action="append", metavar="ID",
                        help="repair only this node's quotes (repeat for several)")
    add_save_options(parser)


def _where(doc: MapDocument, node: str, index: int) -> str:
    at = doc.node_index.get(node)
    if at is None:
        return doc.display_path
    line, column = doc.position(doc.file_loc(("nodes", at, "quotes", index)))
    return f"{doc.display_path}:{line}:{column}" if line else doc.display_path


def _describe(doc: MapDocument, repair: Repair, taken: bool) -> str:
    head = f"{_where(doc, repair.node, repair.index)}: {'fixed' if taken else 'proposal'}: node '{repair.node}': "
    body = (f"\"{clip(repair.old)}\" -> \"{clip(repair.new)}\" (source '{repair.source}' at {repair.line}; "
            f"{repair.why})")
    return head + body + ("" if taken else "; take it with --accept-nearest")


def _lost(doc: MapDocument, item: Unfixable) -> str:
    return (f"{_where(doc, item.node, item.index)}: not fixed: node '{item.node}': \"{clip(item.old)}\" is not in "
            f"source '{item.source}' and no passage comes close; copy the passage from the source")


def run(args: argparse.Namespace) -> int:
    session = EditSession.open(args.map, journal=False, backup=args.backup)
    doc = session.document()
    if doc.map is None:
        for diag in doc.blocking:
            print(diag.format(), file=sys.stderr)
        print(f"argmap fix: {session.display_path}: fix the errors reported above first", file=sys.stderr)
        return 1
    if args.nodes:
        unknown = [n for n in args.nodes if n not in doc.node_index]
        if unknown:
            print(f"argmap fix: error: {session.display_path} has no node '{unknown[0]}'"
                  f"{suggest(unknown[0], doc.node_index)}", file=sys.stderr)
            return 2
    repairs, lost = find_repairs(doc, args.nodes)
    taken = [r for r in repairs if r.certain or args.accept]
    for repair in repairs:
        print(_describe(doc, repair, repair in taken))
    for item in lost:
        print(_lost(doc, item))
    left = len(repairs) - len(taken) + len(lost)
    if not taken:
        print(f"{session.display_path}: no quote to fix" + (f" ({plural(left, 'quote')} left for you)" if left
                                                            else ""), file=sys.stderr)
        return 1 if left else 0
    default = default_source(doc)
    edit = session.set_quotes([r.change(default) for r in taken])
    if args.diff or args.dry_run:
        sys.stdout.write(session.changes())
    status = 1 if left else 0
    if preview_only(args):
        print(f"preview: {session.display_path} not written (--write to save)", file=sys.stderr)
        return status
    try:
        session.save()
    except ConflictError as exc:
        print(f"argmap fix: error: {exc}", file=sys.stderr)
        return 1
    backup = f"; previous version in {session.display_path}~" if args.backup else ""
    rest = f"; {plural(left, 'quote')} left for you" if left else ""
    print(f"saved {session.display_path} ({edit.summary}{backup}){rest}", file=sys.stderr)
    return status

