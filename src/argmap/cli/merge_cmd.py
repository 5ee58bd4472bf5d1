"""`argmap merge BASE OURS THEIRS [-o OUT]`: git's merge driver for maps (`%O %A %B`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.edit.merge import merge_texts
from argmap.errors import ArgmapError
from argmap.io.atomic import write_output
from argmap.io.reading import DecodeError, decode_text, read_regular


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the common ancestor (git's %%O)")
    parser.add_argument("ours", metavar="OURS", help="our version (git's %%A); the result is written here unless -o")
    parser.add_argument("theirs", metavar="THEIRS", help="their version (git's %%B)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write the result here instead of into OURS")
    parser.add_argument("--marker-size", type=int, default=7, metavar="N",
                        help="length of the conflict markers (git's %%L; default 7)")
    parser.add_argument("--ours-label", default="ours", metavar="NAME",
                        help="name on the opening conflict marker (default ours)")
    parser.add_argument("--theirs-label", default="theirs", metavar="NAME",
                        help="name on the closing conflict marker (default theirs)")


def _read(path: str, role: str) -> str:
    raw = read_regular(path, f"{role} map")
    try:
        return decode_text(raw, other_encodings=False, fix=f"save the {role} version as UTF-8")
    except DecodeError as exc:
        raise ArgmapError(f"{path}: {exc}") from None


def run(args: argparse.Namespace) -> int:
    if args.marker_size < 1:
        raise ArgmapError("--marker-size must be at least 1")
    base, ours, theirs = (_read(path, role) for path, role in
                          ((args.base, "base"), (args.ours, "ours"), (args.theirs, "theirs")))
    result = merge_texts(base, ours, theirs, ours_label=args.ours_label, theirs_label=args.theirs_label,
                         marker_size=args.marker_size)
    out = Path(args.output or args.ours)
    write_output(out, result.text.encode("utf-8"))
    if result.clean:
        return 0
    for where in result.conflicts:
        print(f"{out}: conflict: {where}", file=sys.stderr)
    print(f"argmap merge: {len(result.conflicts)} conflict(s) written into {out}; resolve them, then "
          "`argmap check` it", file=sys.stderr)
    return 1
