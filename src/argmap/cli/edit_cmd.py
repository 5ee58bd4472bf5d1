"""`argmap edit MAP --set NODE.FIELD=VALUE --link SRC TYPE DST ...`: edit a map from the command line.

Operations apply in the order given, all or nothing; the file is rewritten only where it changes (comments and
layout elsewhere stay), atomically, with the previous version kept as `MAP~`. The result is checked: an edit that
introduces errors is not saved unless `--force`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from argmap.analysis.check import check
from argmap.analysis.quote_repair import move_quote
from argmap.cli import edit_parts
from argmap.cli.edit_parts import describe_removed
from argmap.cli.edit_parts import parse_value as _parse_value
from argmap.cli.save_options import add_save_options, preview_only
from argmap.edit.operations import is_text_field
from argmap.edit.session import Edit, EditSession
from argmap.errors import ArgmapError, ConflictError, Diagnostic, EditError, plural, suggest
from argmap.model import NODE_CLASSES

EXAMPLES = """\
examples:
  argmap edit map.yaml --set fall-of-mosul.probability=0.7
  argmap edit map.yaml --set fall-of-mosul.resolution.outcome=happened --set x.tags=[security,army]
  argmap edit map.yaml --link army-fled supports mosul-fell --unlink a attacks b
  argmap edit map.yaml --retype a supports b attacks      (a supports b becomes a attacks b)
  argmap edit map.yaml --add-node new-claim claim "The city fell within days" --link new-claim supports x
  argmap edit map.yaml --move-quote army-fled reuters      (its quotes found in source 'reuters' instead)
  argmap edit map.yaml --remove old-node --rename army-fled army-abandoned-posts --diff    (a preview)
  argmap edit map.yaml --set-map title="Mosul, June 2014" --source-set chatham.path=../seeds/chatham.txt
  argmap edit map.yaml --scenario-add worst "Worst case" --assume worst army-fled true --override worst x 40%
  argmap edit map.yaml --scenario-rename worst worst-case --scenario-set worst-case.description="..."
  argmap edit map.yaml --relation-set a supports b weight=0.8 --relation-set a supports b by=analyst
  argmap edit map.yaml --vocab-rename actors isis islamic-state --vocab-remove tags old --vocab-prune
VALUE is read as YAML: 0.7, true, [a, b], {outcome: happened}, "text: with colon"; null (or nothing) removes the
field. Free-text fields (text, note, words...) take VALUE as written.
"""


class _Ordered(argparse.Action):
    """Collects every operation, in command-line order, into `args.ops`."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        ops = list(getattr(namespace, "ops", None) or [])
        ops.append((self.dest, [values] if isinstance(values, str) else list(values)))
        namespace.ops = ops


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXAMPLES
    parser.add_argument("map", metavar="MAP", help="map file (YAML or JSON)")
    ops = parser.add_argument_group("operations (applied in the order given, all or nothing)")
    ops.add_argument("--set", dest="set", action=_Ordered, metavar="NODE.FIELD=VALUE",
                     help="set a node's field (nested: resolution.outcome; list item: signposts.0)")
    ops.add_argument("--link", dest="link", action=_Ordered, nargs=3, metavar=("SRC", "TYPE", "DST"),
                     help="add the relation SRC TYPE DST (supports, attacks, undercuts, condition, requires)")
    ops.add_argument("--unlink", dest="unlink", action=_Ordered, nargs=3, metavar=("SRC", "TYPE", "DST"),
                     help="remove the relation SRC TYPE DST")
    ops.add_argument("--retype", dest="retype", action=_Ordered, nargs=4, metavar=("SRC", "TYPE", "DST", "NEW"),
                     help="change the type of the relation SRC TYPE DST to NEW")
    ops.add_argument("--add-node", dest="add_node", action=_Ordered, nargs=3, metavar=("ID", "KIND", "TEXT"),
                     help="add a node (claim, evidence, inference, forecast) at the end of the nodes")
    ops.add_argument("--remove", dest="remove", action=_Ordered, metavar="NODE",
                     help="remove a node and every relation that names it (they are listed)")
    ops.add_argument("--rename", dest="rename", action=_Ordered, nargs=2, metavar=("OLD", "NEW"),
                     help="change a node's id, in its relations and scenarios too")
    ops.add_argument("--move-quote", dest="move_quote", action=_Ordered, nargs=2, metavar=("NODE[.N]", "SOURCE"),
                     help="move a node's quotes (or its quote N, from 0) to another source; each passage must be "
                     "in that source's text")
    ops.add_argument("--declare", dest="declare", action=_Ordered, nargs=3, metavar=("VOCABULARY", "ID", "LABEL"),
                     help="declare a tag, actor or theme: --declare actors isis 'Islamic State'")
    edit_parts.configure(ops, _Ordered)
    parser.add_argument("--force", action="store_true", help="save even if the edit introduces errors")
    add_save_options(parser)


def _option(name: str, values: Sequence[str]) -> str:
    return f"--{name.replace('_', '-')} {' '.join(values)}".rstrip()


def _split_target(session: EditSession, spec: str) -> tuple[str, str]:
    """NODE.FIELD, where node ids may themselves hold dots: the longest known id wins."""
    ids = set(session.node_ids())
    positions = [i for i, char in enumerate(spec) if char == "."]
    for i in reversed(positions):
        if spec[:i] in ids and spec[i + 1:]:
            return spec[:i], spec[i + 1:]
    if not positions:
        raise EditError(f"'{spec}' names no field: write NODE.FIELD=VALUE, e.g. fall-of-mosul.probability=0.7")
    node = spec[: positions[0]]
    raise EditError(f"no node '{node}'{suggest(node, ids)}", node=node)


def _set(session: EditSession, spec: str) -> Edit:
    target, sep, raw = spec.partition("=")
    if not sep:
        raise EditError("write NODE.FIELD=VALUE, e.g. --set fall-of-mosul.probability=0.7")
    node_id, field = _split_target(session, target.strip())
    node = session.data["nodes"][session.node_ids().index(node_id)]
    model = NODE_CLASSES.get(str(node.get("kind")))
    if is_text_field(model, field.split(".")):
        value: Any = None if raw.strip() in ("", "null", "~") else raw
        try:
            parsed = _parse_value(raw)
        except EditError:
            parsed = None
        if isinstance(parsed, str):
            value = parsed
    else:
        value = _parse_value(raw)
    return session.set_field(node_id, field, value)


def _apply(session: EditSession, name: str, values: list[str]) -> Edit:
    option = _option(name, values)
    if name == "set":
        return _set(session, values[0])
    if name == "link":
        return session.add_relation(values[0], values[1], values[2])
    if name == "unlink":
        return session.remove_relation(values[0], values[1], values[2])
    if name == "retype":
        return session.retype_relation(values[0], values[1], values[2], values[3])
    if name == "add_node":
        return session.add_node({"id": values[0], "kind": values[1], "text": values[2]})
    if name == "remove":
        return session.remove_node(values[0])
    if name == "rename":
        return session.rename_node(values[0], values[1])
    if name == "declare":
        return session.declare(values[0], values[1], values[2])
    if name == "move_quote":
        return move_quotes(session, values[0], values[1])
    raise EditError(f"unknown operation {option}")


def move_quotes(session: EditSession, spec: str, source: str) -> Edit:
    """`--move-quote NODE[.N] SOURCE`: every quote of NODE not already from SOURCE, or its quote N."""
    doc = session.document()
    ids = set(session.node_ids())
    node_id, _, number = spec.rpartition(".")
    if spec in ids or not number.isdigit() or node_id not in ids:
        node_id, number = spec, ""
    node = doc.map.node(node_id) if doc.map is not None else None
    if node is None:
        raise EditError(f"no node '{node_id}'{suggest(node_id, ids)}", node=node_id)
    indexes = [int(number)] if number else [i for i, q in enumerate(node.quotes) if q.source != source]
    if not indexes:
        raise EditError(f"node '{node_id}' has no quote to move to '{source}'" if not node.quotes else
                        f"every quote of '{node_id}' is already from source '{source}'", node=node_id)
    return session.set_quotes([move_quote(doc, node_id, index, source) for index in indexes])


def _where(session: EditSession, error: EditError) -> str:
    """`file:line:column` of what a refused edit was about, as far as it exists in the file."""
    name = session.display_path
    if error.loc is not None and error.node is None:
        try:
            line, column = session.document().position(error.loc)
        except (ArgmapError, LookupError, TypeError, ValueError):
            return name
        return f"{name}:{line}:{column}"
    if error.node is None or error.node not in session.node_ids():
        return name
    doc = session.document()
    index = doc.node_index.get(error.node)
    if index is None:
        return name
    loc: tuple[str | int, ...] = ("nodes", index, *(error.field.split(".") if error.field else ()))
    line, column = doc.position(doc.file_loc(tuple(int(s) if isinstance(s, str) and s.isdigit() else s
                                                    for s in loc)))
    return f"{name}:{line}:{column}"


def _key(diag: Diagnostic) -> tuple[str, str | None, str]:
    return (diag.rule, diag.node, diag.message)


def run(args: argparse.Namespace) -> int:
    ops: list[tuple[str, list[str]]] = getattr(args, "ops", None) or []
    if not ops:
        print("argmap edit: error: give at least one operation (--set, --link, --unlink, --retype, --add-node, "
              "--remove, --rename, --declare, --move-quote, --set-map, --scenario-..., --assume, --override, "
              "--source-..., --relation-set, --vocab-...); see argmap edit --help", file=sys.stderr)
        return 2
    session = EditSession.open(args.map, journal=False, backup=args.backup)
    before = {_key(d) for d in check(session.document()) if d.is_error}
    changed = 0
    for name, values in ops:
        idle = edit_parts.idle(session, name, values)
        if idle:  # a clean-up with nothing to clean is not a failure (scripts run it routinely)
            print(f"{_option(name, values)}: {idle}")
            continue
        try:
            edit = edit_parts.apply(session, name, values, force=args.force) if name in edit_parts.NAMES \
                else _apply(session, name, values)
        except EditError as exc:
            print(f"{_where(session, exc)}: error: {_option(name, values)}: {exc}", file=sys.stderr)
            print(f"argmap edit: nothing was changed in {session.display_path}", file=sys.stderr)
            return 1
        changed += 1
        print(edit.summary)
        for removed in edit.removed if name in ("remove", "vocab_remove") else []:
            print(f"  {describe_removed(removed)}")
    if not changed:
        print(f"argmap edit: nothing to change in {session.display_path}", file=sys.stderr)
        return 0
    introduced = [d for d in check(session.document()) if d.is_error and _key(d) not in before]
    if args.diff or args.dry_run:
        sys.stdout.write(session.changes())
    if introduced and not args.force:
        for diag in introduced:
            print(diag.format(), file=sys.stderr)
        print(f"argmap edit: not saved: the edit introduces {plural(len(introduced), 'error')}; fix them in the "
              "same call, or save anyway with --force", file=sys.stderr)
        return 1
    if preview_only(args):
        print(f"preview: {session.display_path} not written (--write to save)", file=sys.stderr)
        return 0
    try:
        session.save()
    except ConflictError as exc:
        print(f"argmap edit: error: {exc}", file=sys.stderr)
        return 1
    backup = f"; previous version in {session.display_path}~" if args.backup else ""
    print(f"saved {session.display_path} ({plural(len(ops), 'operation')}{backup})", file=sys.stderr)
    return 0
