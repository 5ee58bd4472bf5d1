"""`argmap new SOURCE [-o MAP.yaml]`: start a map for a text, its source declared, then open it in the explorer.

SOURCE is a text file (used where it is, by a path relative to the map), an HTML or Markdown file (reduced to
plain text, stored beside the map as `MAP.txt`), or `-` for standard input (stored the same way). Missing
metadata is asked for on a terminal; without one nothing is asked. Nothing existing is ever overwritten.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from argmap.errors import ArgmapError
from argmap.formats.plain_text import reduce
from argmap.formats.scaffold import (
    FIELDS,
    Metadata,
    first_line_title,
    map_data,
    map_text,
    parse_date,
    parse_url,
    schema_reference,
    source_id_for,
)
from argmap.io import load
from argmap.io.reading import decode_text, max_bytes, read_regular


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="the text to map: .txt, .html, .md, or - (standard input)")
    parser.add_argument("-o", "--output", metavar="MAP", help="the new map (default: SOURCE's name with .yaml, "
                        "in the current folder)")
    for key in FIELDS:
        parser.add_argument(f"--{key}", help=f"the source's {key}" + (" (YYYY-MM-DD)" if key == "date" else ""))
    parser.add_argument("--no-open", dest="open", action="store_false", default=True,
                        help="do not open the explorer on the new map")


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _read(source: str) -> tuple[str, str]:
    """The source's name (for its kind) and decoded text."""
    if source == "-":
        raw = sys.stdin.buffer.read(max_bytes() + 1)
        if len(raw) > max_bytes():
            raise ArgmapError("standard input is larger than the size limit (ARGMAP_MAX_SIZE)")
        name = "-"
    else:
        raw = read_regular(source, "source text")
        name = source
    try:
        text = decode_text(raw)
    except ValueError as exc:
        raise ArgmapError(f"{name}: {exc}") from None
    return name, text.replace("\r\n", "\n")


def _ask(label: str, default: str | None) -> str | None:
    shown = f" [{default}]" if default else ""
    answer = input(f"{label}{shown}: ").strip()
    return answer or default


def _metadata(args: argparse.Namespace, found_title: str | None, text: str) -> Metadata:
    values = {key: getattr(args, key) for key in FIELDS}
    if values["date"]:
        values["date"] = parse_date(values["date"])
    if values["url"]:
        values["url"] = parse_url(values["url"])
    if _interactive():
        for key, label in FIELDS.items():
            if values[key]:
                continue
            default = (found_title or first_line_title(text)) if key == "title" else None
            while True:
                answer = _ask(label, default)
                try:
                    check = {"date": parse_date, "url": parse_url}.get(key)
                    values[key] = check(answer) if check and answer else answer
                    break
                except ArgmapError as exc:
                    print(exc, file=sys.stderr)
    title = values.pop("title") or found_title or first_line_title(text)
    return Metadata(title=title, **values)


def output_paths(args: argparse.Namespace, kind: str, *, command: str = "new",
                 force: bool | None = None) -> tuple[Path, Path | None]:
    """The map's path (`-o`, or the source's name as .yaml), and where the text is stored (None when the source
    file is used where it is). An existing file is refused: always when `force` is None (`argmap new` never
    overwrites), unless `force` is True otherwise (then a regular file only)."""
    out = Path(args.output) if args.output else Path(Path(args.source).stem + ".yaml")
    what = "a new map" if command == "new" else "a drafted map"
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise ArgmapError(f"{out}: {what} is a YAML file: name it NAME.yaml")
    if not out.parent.resolve().is_dir():
        raise ArgmapError(f"{out}: the folder {out.parent} does not exist")
    stored = None if args.source != "-" and kind == "text" else out.with_suffix(".txt")
    for path in (out, stored):
        if path is None or not (path.exists() or path.is_symlink()):
            continue
        if force is None:
            raise ArgmapError(f"{path} exists already; argmap {command} never overwrites a file (choose another -o)"
                              if path == out else f"{path} exists already; argmap {command} stores the text there "
                              "and never overwrites a file")
        if not force:
            raise ArgmapError(f"{path} exists already; give --force to replace it")
        if not path.is_file():
            raise ArgmapError(f"{path} is not a regular file: argmap {command} replaces only files")
    return out, stored


def _create(path: Path, text: str) -> None:
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def run(args: argparse.Namespace) -> int:
    try:
        if args.source == "-" and not args.output:
            raise ArgmapError("give the map's name with -o when the text comes from standard input")
        name, raw_text = _read(args.source)
        text, found_title, kind = reduce(name, raw_text)
        if not text.strip():
            raise ArgmapError(f"{'standard input' if name == '-' else name}: the text is empty")
        out, stored = output_paths(args, kind)
        meta = _metadata(args, found_title, text)
        folder = out.parent.resolve()
        text_path = stored.resolve() if stored else Path(args.source).resolve()
        relative = Path(os.path.relpath(text_path, folder)).as_posix()
        source_id = source_id_for(out.name if stored and name == "-" else name)
        data = map_data(meta, relative, source_id)
        schema, schema_found = schema_reference(folder)
    except (ArgmapError, OSError, EOFError, KeyboardInterrupt) as exc:
        print(f"argmap new: error: {exc}" if str(exc) else "argmap new: stopped", file=sys.stderr)
        return 2
    try:
        if stored is not None:
            _create(stored, text)
        _create(out, map_text(data, schema))
    except OSError as exc:
        print(f"argmap new: error: cannot write: {exc}", file=sys.stderr)
        return 2
    doc = load(out)
    problems = [d for d in doc.diagnostics if d.is_error]
    for diag in problems:
        print(diag.format(), file=sys.stderr)
    kept = f"its text stored in {stored}" if stored else relative
    print(f"created {out}: source '{source_id}' ({kept})", file=sys.stderr)
    if not schema_found:
        print(f"editor support: `argmap schema > {out.parent / 'argmap.schema.json'}`", file=sys.stderr)
    print(f"next: `argmap {out}` to add nodes, `argmap coverage {out}` for the sentences left", file=sys.stderr)
    if problems:
        return 1
    if args.open and _interactive():
        from argmap.tui.app import create_app  # Textual loads only when the explorer runs

        app = create_app(str(out))
        app.run()
        return app.return_code or 0
    return 0
