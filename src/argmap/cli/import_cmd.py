"""`argmap import FILE -o MAP.yaml [--from FORMAT]` and `argmap import DIR -o OUTDIR`"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from argmap.cli import numbers
from argmap.cli.import_corpus import convert_folder, convert_one, print_summary
from argmap.errors import plural
from argmap.formats import importer_for, importers


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", nargs="?", metavar="FILE|DIR", help="a file of another tool, or a folder of them")
    parser.add_argument("-o", "--output", metavar="OUT", help="the map to write (a folder when importing a folder)")
    parser.add_argument("--from", dest="source_format", metavar="FORMAT",
                        help="the input's format (default: from its suffix and content)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: warnings on standard error; json: what was kept and lost, for tools")
    parser.add_argument("--jobs", "-j", type=numbers.count, default=0, metavar="N",
                        help="processes for a folder (default: every core)")
    parser.add_argument("--list", action="store_true", help="list the formats argmap imports and exit")


def run(args: argparse.Namespace) -> int:
    if args.list:
        for fmt in importers():
            print(f"{fmt.name:12} {' '.join(fmt.suffixes):18} {fmt.description}")
        return 0
    if not args.input or not args.output:
        print("argmap import: error: give FILE (or DIR) and -o OUT", file=sys.stderr)
        return 2
    source = Path(args.input)
    if source.is_dir():
        results = convert_folder(source, Path(args.output), args.source_format, jobs=args.jobs)
        if args.format == "json":
            json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            print_summary(results, Path(args.output))
        return 1 if any(result.get("error") for result in results) else 0
    if not source.exists():
        print(f"argmap import: error: {source}: no such file", file=sys.stderr)
        return 2
    fmt = importer_for(source, args.source_format)
    result = convert_one(str(source), args.output, fmt.name, raise_errors=True, durable=True,
                         make_folders=False)
    if args.format == "json":
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for loss in result["losses"]:
            print(f"{source}: warning: {loss['message']}", file=sys.stderr)
        print(f"wrote {args.output} ({fmt.name}: {plural(result['nodes'], 'node')}, "
              f"{plural(result['relations'], 'relation')}, "
              f"{plural(result['quotes'], 'quote')}; check: {plural(result['errors'], 'error')}, "
              f"{plural(result['warnings'], 'warning')})",
              file=sys.stderr)
    return 1 if result["errors"] else 0
