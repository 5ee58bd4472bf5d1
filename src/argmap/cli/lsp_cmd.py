"""`argmap lsp`: the language server, over standard input and output (see docs/editors.md)."""

from __future__ import annotations

import argparse
import os
import sys

from argmap.lsp.server import DEBOUNCE


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default and "
                        "only transport; accepted because editors pass it)")
    parser.add_argument("--debounce", type=float, default=DEBOUNCE, metavar="SECONDS",
                        help=f"quiet time after a change before its diagnostics are computed (default {DEBOUNCE})")
    parser.add_argument("--strict", action="store_true",
                        help="also report weak points and coverage, as `argmap check --strict`")


def run(args: argparse.Namespace) -> int:
    if args.debounce < 0:
        raise SystemExit("argmap lsp: error: --debounce takes a number of seconds, 0 or more")
    from argmap.lsp.server import serve

    serve(debounce=args.debounce, strict=args.strict)
    if sys.stdout.closed:  # the protocol's writer closes it on exit: nothing is left to flush
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives until the process ends
    return 0
