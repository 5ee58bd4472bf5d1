"""`argmap fmt MAP...`: put maps in the canonical layout (`--check` for CI, `--diff` to preview).

The canonical layout moves the file's own lines (`argmap.edit.canonical`), so comments, blank lines, block scalars
and dates stay as written; `--restyle` instead re-emits the map in argmap's own style (comments inside the map are
not kept), for a layout the editing engine cannot work on. The previous version is kept as `MAP~`. A map that
does not load cleanly is refused, and the new text must read back as the same map, so nothing it holds is lost.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from argmap.cli.save_options import add_save_options, preview_only
from argmap.edit.canonical import canonical_json, canonical_yaml
from argmap.errors import ArgmapError, LayoutError, plural
from argmap.io import load
from argmap.io.atomic import write_output
from argmap.io.canonical import dump_yaml
from argmap.io.document import MapDocument, read_map_bytes


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("maps", nargs="+", metavar="MAP", help="map files (YAML or JSON)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a map is not in the canonical layout (for CI)")
    parser.add_argument("--restyle", action="store_true",
                        help="re-emit the whole map in argmap's style (comments inside the map are not kept)")
    add_save_options(parser, dry_run=False)


def header_of(text: str) -> str:
    """The comment (and blank) lines at the top of a YAML file, kept by `fmt`."""
    end = 0
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        end += len(line)
    return text[:end]


def canonical_text(doc: MapDocument, *, restyle: bool = False) -> str:
    """The canonical text of a loaded map (LF line ends); `restyle`: re-emitted from its data, header comments
    kept. LayoutError when the file's own layout cannot be kept."""
    assert doc.map is not None
    if doc.format == "json":
        return canonical_json(doc.map, doc.text)
    if not restyle:
        return canonical_yaml(doc.text.replace("\r\n", "\n"))
    header = header_of(doc.text.replace("\r\n", "\n"))
    if header and not header.endswith("\n"):
        header += "\n"
    return header + dump_yaml(doc.map)


def _comment_lines(text: str, header: str) -> int:
    return sum(1 for line in text[len(header):].splitlines() if line.lstrip().startswith("#"))


def _format_one(path: str, args: argparse.Namespace) -> int:
    doc = load(path)
    raw = read_map_bytes(Path(path))
    if not doc.fully_loaded:
        for diag in doc.blocking:
            print(diag.format(), file=sys.stderr)
        print(f"argmap fmt: {doc.display_path}: not formatted: fix the errors reported above first", file=sys.stderr)
        return 1
    text = doc.text
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    try:
        new = canonical_text(doc, restyle=args.restyle)
    except LayoutError as exc:
        print(f"argmap fmt: {doc.display_path}: its layout cannot be kept ({exc}); `argmap fmt --restyle` rewrites "
              "it in argmap's style (comments inside the map are not kept)", file=sys.stderr)
        return 1
    if crlf:
        new = new.replace("\n", "\r\n")
    again = load(doc.path, text=new)
    if again.map != doc.map:
        print(f"argmap fmt: {doc.display_path}: not formatted: the canonical layout would not read back as the "
              "same map (please report this)", file=sys.stderr)
        return 1
    if new == text:
        return 0
    if args.diff:
        sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True),
                                                   f"{doc.display_path}", f"{doc.display_path} (formatted)"))
    if args.check:
        print(f"{doc.display_path}: not in the canonical layout (run `argmap fmt {doc.display_path}`)")
        return 1
    if preview_only(args):
        return 0
    if raw.decode("utf-8-sig") != text or read_map_bytes(Path(path)) != raw:
        print(f"argmap fmt: {doc.display_path}: changed while being formatted; not written", file=sys.stderr)
        return 1
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    write_output(Path(path), bom + new.encode("utf-8"), backup=args.backup)
    dropped = _comment_lines(text, header_of(text)) if doc.format == "yaml" and args.restyle else 0
    were = "was" if dropped == 1 else "were"
    note = f"; {plural(dropped, 'comment line')} inside the map {were} not kept" if dropped else ""
    kept = f" (previous version: {doc.display_path}~)" if args.backup else ""
    print(f"formatted {doc.display_path}{note}{kept}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    status = 0
    for path in args.maps:
        try:
            status = max(status, _format_one(path, args))
        except ArgmapError as exc:
            print(f"argmap fmt: error: {exc}", file=sys.stderr)
            status = max(status, 2)
    return status
