"""`argmap draft SOURCE -o MAP.yaml`, `argmap draft MAP.yaml`: a first map made from a text, for the analyst to
review in the explorer (`argmap.analysis.draft` says how it is made).

SOURCE is taken as `argmap new` takes it (a text file used where it is; HTML, Markdown or `-` reduced to plain
text stored beside the map), with the same metadata options; an existing MAP is refused unless `--force`. Given a
map instead (one made by `argmap new`, or one mapped in part), the sentences of its default source that no quote
covers yet and no coverage exclusion leaves out are drafted into it, as one edit that keeps the file's bytes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from argmap.analysis.coverage import excluded_lines
from argmap.analysis.draft import Draft, draft_nodes, draft_text, heading_lines
from argmap.cli import new_cmd
from argmap.edit.review_ops import add_draft
from argmap.edit.session import EditSession
from argmap.errors import ArgmapError, plural
from argmap.formats.plain_text import reduce
from argmap.formats.scaffold import FIELDS, map_data, schema_reference, source_id_for
from argmap.io import MapDocument, load
from argmap.io.atomic import write_bytes
from argmap.layout.yaml_emit import YamlStyle, emit_field

MAP_SUFFIXES = (".yaml", ".yml", ".json")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="the text to draft (.txt, .html, .md, or -), or a map "
                        "(.yaml, .json) whose default source's unquoted sentences are drafted into it")
    parser.add_argument("-o", "--output", metavar="MAP", help="the new map (default: SOURCE's name with .yaml)")
    for key in FIELDS:
        parser.add_argument(f"--{key}", help=f"the source's {key}" + (" (YYYY-MM-DD)" if key == "date" else ""))
    parser.add_argument("--force", action="store_true", help="replace an existing MAP (and its stored text; the "
                        "previous versions are kept as MAP~)")
    parser.add_argument("--sentences", action="store_true", help="one node per sentence: no clause splitting")


def _summary(draft: Draft, nodes: list[dict[str, Any]], relations: list[dict[str, Any]]) -> str:
    kinds = Counter(node["kind"] for node in nodes)
    by_kind = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    types = Counter(rel["type"] for rel in relations)
    by_type = ", ".join(f"{count} {kind}" for kind, count in types.most_common())
    actors = ", ".join(draft.actors.values()) or "none"
    return (f"drafted {plural(len(nodes), 'node')} ({by_kind or 'none'}), {plural(len(relations), 'relation')}"
            f"{f' ({by_type})' if by_type else ''}; actors: {actors}")


def _next_steps(out: Path | str) -> str:
    return (f"next: `argmap {out}` and `R` to review each drafted item (accept, retype, merge, split, drop); "
            f"`argmap check {out}` counts those left; `argmap coverage {out}` lists the sentences no node quotes")


def _into_map(args: argparse.Namespace) -> int:
    doc = load(args.source)
    amap = doc.map
    if amap is None:
        for diag in doc.diagnostics:
            print(diag.format(), file=sys.stderr)
        raise ArgmapError(f"{args.source}: the map does not load: fix it before drafting into it")
    source = amap.source(None)
    loaded = doc.sources.get(source.id) if source is not None else None
    if source is None or loaded is None or loaded.text is None:
        raise ArgmapError(f"{args.source}: the map's default source has no local text to draft from (`path`)")
    text = loaded.text
    covered = bytearray(len(text))
    for node in amap.nodes:
        for quote in node.quotes:
            if quote.source == source.id and quote.start is not None and quote.end is not None:
                covered[quote.start:quote.end] = b"\x01" * (quote.end - quote.start)
    rules = amap.coverage_of(source).exclude
    headings = [line for line in heading_lines(text) if not excluded_lines(line, rules)
                and not _quoted(text, line, covered)]
    skipped = excluded_lines(text, [*rules, *headings])
    draft = draft_text(text, clauses=not args.sentences, exclude=frozenset(skipped))
    keep = [i for i, unit in enumerate(draft.units) if not any(covered[unit.start:unit.end])]
    _restrict(draft, keep)
    several = len(amap.sources) > 1 and source.id != amap.default_source_id
    nodes, relations = draft_nodes(draft, source=source.id if several else None, taken=set(amap.by_id))
    if not nodes:
        print(f"{args.source}: every sentence of '{source.id}' is quoted already: nothing to draft", file=sys.stderr)
        return 0
    session = EditSession.open(args.source, doc=doc, journal=False)
    session.apply(add_draft(session.data, nodes, relations, draft.actors, headings))
    session.save()
    if headings:
        print(f"{args.source}: {plural(len(headings), 'line')} read as headings, bylines or dates, left out under "
              "`coverage: exclude`", file=sys.stderr)
    print(f"{args.source}: {_summary(draft, nodes, relations)}", file=sys.stderr)
    print(_next_steps(args.source), file=sys.stderr)
    return _report_errors(load(args.source))


def _quoted(text: str, line: str, covered: bytearray) -> bool:
    """Whether some quote covers part of the (first) line that reads `line`."""
    for number, whole in enumerate(text.split("\n")):
        if whole.strip() == line:
            start = sum(len(before) + 1 for before in text.split("\n")[:number])
            return any(covered[start:start + len(whole)])
    return False


def _restrict(draft: Draft, keep: list[int]) -> None:
    """Keep only the units `keep` (indexes), their links and actors renumbered."""
    number = {old: new for new, old in enumerate(keep)}
    draft.units = [draft.units[i] for i in keep]
    draft.links = [type(link)(number[link.source], number[link.target], link.type, link.marker)
                   for link in draft.links if link.source in number and link.target in number]
    draft.unit_actors = {number[i]: actors for i, actors in draft.unit_actors.items() if i in number}
    used = {actor for actors in draft.unit_actors.values() for actor in actors}
    draft.actors = {k: v for k, v in draft.actors.items() if k in used}


def _report_errors(doc: MapDocument) -> int:
    from argmap.analysis.check import check

    errors = [d for d in check(doc) if d.is_error]
    for diag in errors:
        print(diag.format(), file=sys.stderr)
    return 1 if errors else 0


def _new_map(args: argparse.Namespace) -> int:
    if args.source == "-" and not args.output:
        raise ArgmapError("give the map's name with -o when the text comes from standard input")
    name, raw_text = new_cmd._read(args.source)
    text, found_title, kind = reduce(name, raw_text)
    if not text.strip():
        raise ArgmapError(f"{'standard input' if name == '-' else name}: the text is empty")
    out, stored = new_cmd.output_paths(args, kind, command="draft", force=args.force)
    meta = new_cmd._metadata(args, found_title, text)
    folder = out.parent.resolve()
    text_path = stored.resolve() if stored else Path(args.source).resolve()
    relative = Path(os.path.relpath(text_path, folder)).as_posix()
    source_id = source_id_for(out.name if stored and name == "-" else name)
    data = map_data(meta, relative, source_id)
    schema, _found = schema_reference(folder)
    headings = heading_lines(text)
    draft = draft_text(text, clauses=not args.sentences, exclude=frozenset(excluded_lines(text, headings)))
    nodes, relations = draft_nodes(draft)
    if headings:
        data["coverage"] = {"exclude": headings}
    if draft.actors:
        data["actors"] = draft.actors
    data["nodes"] = nodes
    if relations:
        data["relations"] = relations
    style = YamlStyle()
    body = [f"# yaml-language-server: $schema={schema}\n",
            "# Drafted by `argmap draft`: every item marked `drafted: true` waits for review (`R` in the explorer).\n"]
    body += [emit_field(key, value, style, 0) for key, value in data.items()]
    try:
        if stored is not None:
            write_bytes(stored, text.encode("utf-8"), backup=stored.exists())
        write_bytes(out, "".join(body).encode("utf-8"), backup=out.exists())  # a replaced map is kept as MAP~
    except OSError as exc:
        raise ArgmapError(f"cannot write: {exc}") from None
    kept = f"its text stored in {stored}" if stored else relative
    print(f"created {out}: source '{source_id}' ({kept})", file=sys.stderr)
    if headings:
        print(f"{plural(len(headings), 'line')} read as headings, bylines or dates, left out under "
              "`coverage: exclude`", file=sys.stderr)
    print(_summary(draft, nodes, relations), file=sys.stderr)
    print(_next_steps(out), file=sys.stderr)
    return _report_errors(load(out))


def run(args: argparse.Namespace) -> int:
    try:
        if args.source != "-" and Path(args.source).suffix.lower() in MAP_SUFFIXES:
            if args.output:
                raise ArgmapError("a map is drafted into in place: leave out -o (or give a text as SOURCE)")
            return _into_map(args)
        return _new_map(args)
    except (ArgmapError, OSError, EOFError, KeyboardInterrupt) as exc:
        print(f"argmap draft: error: {exc}" if str(exc) else "argmap draft: stopped", file=sys.stderr)
        return 2
