"""`argmap schema`"""

from __future__ import annotations

import argparse
import json

from argmap.model.schema import json_schema


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        from argmap.io.atomic import write_output

        write_output(args.output, text.encode())
    else:
        print(text, end="")
    return 0
