"""`argmap diff OLD NEW`, `argmap diff REV MAP` and `argmap diff --textconv MAP`."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

from argmap.analysis.diff import diff_lines, diff_maps, textconv_lines
from argmap.errors import ArgmapError
from argmap.io import load
from argmap.model import ArgMap

#: The number of arguments git passes to an external diff command: path old-file old-hex old-mode new-file ...
GIT_EXTERNAL_ARGS = 7


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="OLD NEW",
                        help="two map files, or a git revision and a map file (HEAD~1 maps/x.yaml); with "
                        "--textconv, one map file; git's seven external-diff arguments are understood too")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text or JSON")
    parser.add_argument("--textconv", action="store_true",
                        help="print one map flattened to a line per field, relation and standing (for git's "
                        "diff.argmap.textconv)")
    parser.add_argument("--no-reasoning", dest="reasoning", action="store_false",
                        help="leave out what the change does to labels, strengths, probabilities and the Brier score")
    parser.add_argument("--exit-code", action="store_true", help="exit 1 when the maps differ")


def git_show(revision: str, path: Path) -> str:
    """The text of `path` at a git revision, read with `git show` from the file's folder."""
    if shutil.which("git") is None:
        raise ArgmapError(f"'{revision}' is not a file, and git is not installed to read it as a revision")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ArgmapError(f"{path}: no such folder: {folder}")
    try:
        done = subprocess.run(["git", "-C", str(folder), "show", f"{revision}:./{path.name}"],
                              capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ArgmapError(f"cannot run git to read '{revision}': {exc}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = reason[0].removeprefix("fatal: ") if reason else f"git exited with status {done.returncode}"
        if "not a git repository" in first:
            raise ArgmapError(f"'{revision}' is not a file, and {folder} is not in a git repository")
        raise ArgmapError(f"cannot read {path} at revision '{revision}': {first}")
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise ArgmapError(f"{path} at revision '{revision}' is not UTF-8 text") from None


def _map_at(path: str, text: str | None = None, action: str = "compare it") -> ArgMap:
    if path == "/dev/null" and text is None:  # git: the file is new, or deleted
        return ArgMap(title="(no map)")
    return load(path, text=text).require_full_map(action)


def _pair(paths: list[str]) -> tuple[ArgMap, ArgMap, str]:
    if len(paths) == GIT_EXTERNAL_ARGS:
        return _map_at(paths[1]), _map_at(paths[4]), paths[0]
    if len(paths) != 2:
        raise ArgmapError(f"diff takes OLD NEW (two maps, or a revision and a map), not {len(paths)} argument(s)")
    old, new = paths
    if Path(old).exists() or not Path(new).is_file():
        return _map_at(old), _map_at(new), f"{old} -> {new}"
    text = git_show(old, Path(new))
    return _map_at(new, text), _map_at(new), f"{new}: {old} -> working tree"


def run(args: argparse.Namespace) -> int:
    if args.textconv:
        if len(args.paths) != 1:
            raise ArgmapError("--textconv takes one map file")
        print("\n".join(textconv_lines(_map_at(args.paths[0], action="flatten it"))))
        return 0
    old, new, title = _pair(args.paths)
    diff = diff_maps(old, new, reasoning=args.reasoning)
    if args.format == "json":
        json.dump({"compared": title, **diff.to_dict()}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print("\n".join([title, *diff_lines(diff)]))
    return 1 if args.exit_code and not diff.empty else 0
