"""The `argmap` command: a thin shell over the library. Each subcommand lives in its own module here, with
`configure(parser)` and `run(args) -> int`; modules are imported only when their command runs."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from argmap import __version__
from argmap.errors import ArgmapError

#: command name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "open": ("argmap.cli.open_cmd", "explore a map in the terminal (the default command)"),
    "new": ("argmap.cli.new_cmd", "start a map for a text (.txt, .html, .md or -): its source declared, then explore"),
    "draft": ("argmap.cli.draft_cmd", "a first map made from a text (nodes, kinds, relations, actors) to review, "
              "or a map's unquoted sentences drafted into it"),
    "check": ("argmap.cli.check_cmd", "validate maps: schema errors and lint rules"),
    "export": ("argmap.cli.export_cmd", "export a map (json, yaml, and the formats listed by --list)"),
    "import": ("argmap.cli.import_cmd", "import another tool's map (AIF, SADFace, GraphML...) or a folder"),
    "schema": ("argmap.cli.schema_cmd", "print the JSON Schema of the map format"),
    "edit": ("argmap.cli.edit_cmd", "edit a map in place: set fields, link, unlink, remove, rename (keeps comments)"),
    "fix": ("argmap.cli.fix_cmd", "rewrite inexact quotes to their source's exact passage (--dry-run to preview)"),
    "fmt": ("argmap.cli.fmt_cmd", "put maps in the canonical layout (--check for CI, --diff to preview)"),
    "coverage": ("argmap.cli.coverage_cmd", "the source sentences no quote covers, and the share covered"),
    "diff": ("argmap.cli.diff_cmd", "what changed between two versions of a map, and what it does to the reasoning"),
    "merge": ("argmap.cli.merge_cmd", "three-way merge of a map for git (BASE OURS THEIRS), conflicts marked"),
    "score": ("argmap.cli.score_cmd", "score the forecasts against what happened (Brier, calibration)"),
    "scenario": ("argmap.cli.scenario_cmd", "list scenarios, or show what follows from one against the baseline"),
    "sensitivity": ("argmap.cli.sensitivity_cmd", "rank evidence and assumptions by what rejecting each changes"),
    "assumptions": ("argmap.cli.assumptions_cmd", "key assumptions: status, and what rejecting each does to the "
                    "conclusions"),
    "ach": ("argmap.cli.ach_cmd", "ACH matrices: Heuer's weighted inconsistency, diagnosticity, sensitivity"),
    "signposts": ("argmap.cli.signposts_cmd", "signposts of the forecasts with their dated observations"),
    "standing": ("argmap.cli.standing_cmd", "every node's label, strength and probability (for scripts, reviewers)"),
    "weak": ("argmap.cli.weak_cmd", "list the weak points of the reasoning (thin support, missing warrants...)"),
    "report": ("argmap.cli.report_cmd", "write a report: summary, diagram, scores, weak points, scenarios"),
    "lsp": ("argmap.cli.lsp_cmd", "the language server for editors, over standard input and output"),
    "serve": ("argmap.cli.serve_cmd", "serve the explorer to a web browser (127.0.0.1 unless --host says otherwise)"),
}

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The full parser, every subcommand configured."""
    parser = argparse.ArgumentParser(
        prog="argmap", description="Scenario and argument mapping: check, explore, draw and score argument maps.",
        epilog="With no command, `argmap [MAP]` opens MAP (default: the bundled Mosul map) in the terminal.")
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(module).configure(command)
    return parser


class _Parser(argparse.ArgumentParser):
    """A command's parser whose usage errors are one line, naming the option and what to give instead."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser_for(name: str) -> argparse.ArgumentParser:
    module, help_text = COMMANDS[name]
    parser = _Parser(prog=f"argmap {name}", description=help_text)
    importlib.import_module(module).configure(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point. Exit codes: 0 fine, 1 the map has errors, 2 usage errors."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in ("-h", "--help", "--version", "help"):
        try:
            build_parser().parse_args(["--help"] if args_list[0] == "help" else args_list)
        except SystemExit as exc:
            return int(exc.code or 0)
        return 0
    name = args_list[0] if args_list and args_list[0] in COMMANDS else "open"
    rest = args_list[1:] if args_list and args_list[0] in COMMANDS else args_list
    try:
        args = _parser_for(name).parse_args(rest)
    except SystemExit as exc:
        return int(exc.code or 0)
    module = importlib.import_module(COMMANDS[name][0])
    try:
        code: int = module.run(args)
        sys.stdout.flush()
        return code
    except ArgmapError as exc:
        _quiet_stdout()
        print(f"argmap: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `argmap check ... | head`: the reader has all it wanted
        _quiet_stdout()
        return 0


def _quiet_stdout() -> None:
    """After a failed write to standard output, point it at the null device, so that the flush at exit does not
    fail a second time with a traceback."""
    try:
        sys.stdout.flush()
    except OSError:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        except (OSError, ValueError):  # pragma: no cover - no descriptor to redirect (captured output)
            pass
