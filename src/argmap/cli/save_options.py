"""The options every command that rewrites a map in place shares (`edit`, `fix`, `fmt`), so that `--diff`,
`--write`, `--dry-run` and `--no-backup` mean the same thing everywhere."""

from __future__ import annotations

import argparse


def add_save_options(parser: argparse.ArgumentParser, *, dry_run: bool = True) -> None:
    """`--diff` (a preview, with `--write` a save as well), `--write`, `--dry-run` (unless told not to) and
    `--no-backup`."""
    parser.add_argument("--diff", action="store_true",
                        help="preview: print the change as a diff, write nothing (with --write, save as well)")
    parser.add_argument("--write", action="store_true", help="save even with --diff")
    if dry_run:
        parser.add_argument("--dry-run", dest="dry_run", action="store_true",
                            help="write nothing (the diff is printed)")
    parser.add_argument("--no-backup", dest="backup", action="store_false", default=True,
                        help="do not keep the previous version as MAP~")


def preview_only(args: argparse.Namespace) -> bool:
    """Whether the command is to write nothing: `--dry-run`, or `--diff` without `--write`."""
    return bool(getattr(args, "dry_run", False) or (args.diff and not args.write))
