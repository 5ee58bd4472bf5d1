"""The options of `argmap edit` for the parts of a map other than nodes: the map's own fields, scenarios,
sources, relations' fields and vocabularies. Each option is one operation of `argmap.edit` (`scenario_ops`,
`source_ops`, `vocab_ops`, `operations`), applied through the edit session like the node operations.

`configure(group, action)` adds the options to the parser's group of operations (`action` collects them in
command-line order); `apply(session, name, values, force=...)` runs one.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

import yaml

from argmap.edit import operations as edit_ops
from argmap.edit import scenario_ops, source_ops, vocab_ops
from argmap.edit.part_values import read_held, read_probability
from argmap.edit.session import Edit, EditSession
from argmap.errors import EditError, suggest
from argmap.layout.yaml_loader import MapLoader
from argmap.model import VOCABULARIES, ArgMap, Relation, Scenario, Source

#: Option name (its `dest`), metavar(s) and help, in the order `--help` lists them.
OPTIONS: tuple[tuple[str, str | tuple[str, ...], str], ...] = (
    ("set_map", "FIELD=VALUE", "set the map's title, description or default_source"),
    ("scenario_add", ("ID", "TITLE"), "add a scenario (it assumes nothing until --assume or --override)"),
    ("scenario_set", "SCENARIO.FIELD=VALUE", "set a scenario's title or description (id: a rename)"),
    ("scenario_rename", ("OLD", "NEW"), "change a scenario's id"),
    ("assume", ("SCENARIO", "NODE", "HELD"), "hold NODE true or false in SCENARIO (none: no assumption)"),
    ("override", ("SCENARIO", "NODE", "P"), "override NODE's probability in SCENARIO: 0.4 or 40%% (none: remove)"),
    ("scenario_remove", "SCENARIO", "remove a scenario"),
    ("source_add", ("ID", "TITLE"), "add a source (then --source-set ID.path=FILE, .author=...)"),
    ("source_set", "SOURCE.FIELD=VALUE",
     "set a source's title, author, publisher, date, url, path (must exist, relative to the map), "
     "coverage.minimum; id renames it in every quote"),
    ("source_remove", "SOURCE", "remove a source no quote cites"),
    ("relation_set", ("SRC", "TYPE", "DST", "FIELD=VALUE"),
     "set a relation's note, weight (0 to 1) or by (author, analyst); VALUE empty removes it"),
    ("vocab_label", ("VOCABULARY", "ID", "LABEL"), "give a tag, actor or theme a new label"),
    ("vocab_rename", ("VOCABULARY", "OLD", "NEW"), "rename a tag, actor or theme, in every node using it"),
    ("vocab_remove", ("VOCABULARY", "ID"),
     "remove a tag, actor or theme; a used one is refused (the nodes are listed) unless --force, which takes it "
     "off them too"),
    ("vocab_prune", "VOCABULARY", "remove every tag, actor and theme no node uses (or only those of VOCABULARY)"),
)
NAMES = frozenset(name for name, _metavar, _help in OPTIONS)


def configure(group: argparse._ArgumentGroup, action: type[argparse.Action]) -> None:
    """Add the options to `group`, collected by `action`."""
    for name, metavar, text in OPTIONS:
        flag = "--" + name.replace("_", "-")
        if name == "vocab_prune":
            group.add_argument(flag, dest=name, action=action, nargs="?", const="", metavar=metavar, help=text)
        elif isinstance(metavar, tuple):
            group.add_argument(flag, dest=name, action=action, nargs=len(metavar), metavar=metavar, help=text)
        else:
            group.add_argument(flag, dest=name, action=action, metavar=metavar, help=text)


def parse_value(raw: str) -> Any:
    """VALUE read as YAML (`0.7`, `true`, `[a, b]`); empty is None (remove)."""
    if raw.strip() == "":
        return None
    try:
        return yaml.load(raw, Loader=MapLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = ""
        if mark is not None:
            where = " at its end" if mark.index >= len(raw.rstrip()) else f" at column {mark.column + 1}"
        problem = getattr(exc, "problem", None) or str(exc)
        raise EditError(f"VALUE '{raw}' is not valid YAML{where}: {problem}; quote text that holds ': ' or ' #', "
                        "e.g. \"'a: b'\"") from None


def _text_or_value(raw: str, free_text: bool) -> Any:
    """Free text as written (`2014` stays words), else YAML; `null`, `~` or nothing removes."""
    if not free_text:
        return parse_value(raw)
    if raw.strip() in ("", "null", "~"):
        return None
    try:
        parsed = parse_value(raw)
    except EditError:
        return raw
    return parsed if isinstance(parsed, str) else raw


def _assignment(spec: str, example: str) -> tuple[str, str]:
    target, sep, raw = spec.partition("=")
    if not sep:
        raise EditError(f"write {example}")
    return target.strip(), raw


def split_target(spec: str, ids: Iterable[str], what: str, example: str) -> tuple[str, str]:
    """ID.FIELD, where ids may hold dots: the longest known id wins; EditError naming the closest id."""
    known = set(ids)
    positions = [i for i, char in enumerate(spec) if char == "."]
    for i in reversed(positions):
        if spec[:i] in known and spec[i + 1:]:
            return spec[:i], spec[i + 1:]
    if not positions:
        raise EditError(f"'{spec}' names no field: write {example}")
    head = spec[: positions[0]]
    raise EditError(f"no {what} '{head}'{suggest(head, known)}")


def _free(model: type[Any], field: str) -> bool:
    return edit_ops.is_text_field(model, field.split("."))


def _set_map(session: EditSession, spec: str) -> Edit:
    field, raw = _assignment(spec, "FIELD=VALUE, e.g. --set-map title='The fall of Mosul'")
    return session.set_map_field(field, _text_or_value(raw, _free(ArgMap, field)))


def _scenario_set(session: EditSession, spec: str) -> Edit:
    target, raw = _assignment(spec, "SCENARIO.FIELD=VALUE, e.g. --scenario-set worst.title='Worst case'")
    scenario, field = split_target(target, scenario_ops.scenario_ids(session.data), "scenario",
                                   "SCENARIO.FIELD=VALUE, e.g. worst.title='Worst case'")
    value = _text_or_value(raw, _free(Scenario, field) or field == "id")
    return session.apply(scenario_ops.set_scenario_field(session.data, scenario, field, value))


def _source_set(session: EditSession, spec: str) -> Edit:
    target, raw = _assignment(spec, "SOURCE.FIELD=VALUE, e.g. --source-set gazette.path=../seeds/gazette.txt")
    source, field = split_target(target, source_ops.source_ids(session.data), "source",
                                 "SOURCE.FIELD=VALUE, e.g. gazette.author='Harbour Gazette'")
    free = _free(Source, field) or field in ("id", "path", "url")
    value = _text_or_value(raw, free)
    return session.apply(source_ops.set_source_field(session.data, source, field, value, base=session.path.parent))


def _relation_set(session: EditSession, values: list[str]) -> Edit:
    source, rel_type, target, spec = values
    field, raw = _assignment(spec, "FIELD=VALUE, e.g. --relation-set a supports b weight=0.8")
    if field not in Relation.model_fields or field in ("source", "target"):
        allowed = [name for name in Relation.model_fields if name not in ("source", "target")]
        raise EditError(f"a relation has no field '{field}' to set here{suggest(field, allowed)} (fields: "
                        f"{', '.join(allowed)}; --retype changes the type)")
    if field == "weight":
        try:
            value: Any = read_probability(raw, what="a weight")
        except ValueError as exc:
            raise EditError(str(exc)) from None
    else:
        value = _text_or_value(raw, field in ("note", "by", "type"))
    return session.set_relation_field(source, rel_type, target, field, value)


def _held(raw: str) -> bool | None:
    try:
        return read_held(raw)
    except ValueError as exc:
        raise EditError(str(exc)) from None


def _probability(raw: str) -> float | None:
    try:
        return read_probability(raw)
    except ValueError as exc:
        raise EditError(str(exc)) from None


def apply(session: EditSession, name: str, values: list[str], *, force: bool = False) -> Edit:
    """Run the operation of option `name` with its `values`."""
    data = session.data
    if name == "set_map":
        return _set_map(session, values[0])
    if name == "scenario_add":
        return session.apply(scenario_ops.add_scenario(data, values[0], values[1]))
    if name == "scenario_set":
        return _scenario_set(session, values[0])
    if name == "scenario_rename":
        return session.apply(scenario_ops.rename_scenario(data, values[0], values[1]))
    if name == "assume":
        return session.apply(scenario_ops.set_assumption(data, values[0], values[1], _held(values[2])))
    if name == "override":
        return session.apply(scenario_ops.set_override(data, values[0], values[1], _probability(values[2])))
    if name == "scenario_remove":
        return session.apply(scenario_ops.remove_scenario(data, values[0]))
    if name == "source_add":
        return session.apply(source_ops.add_source(data, values[0], values[1], base=session.path.parent))
    if name == "source_set":
        return _source_set(session, values[0])
    if name == "source_remove":
        return session.apply(source_ops.remove_source(data, values[0]))
    if name == "relation_set":
        return _relation_set(session, values)
    if name == "vocab_label":
        return session.apply(vocab_ops.relabel(data, values[0], values[1], values[2]))
    if name == "vocab_rename":
        return session.apply(vocab_ops.rename_entry(data, values[0], values[1], values[2]))
    if name == "vocab_remove":
        return session.apply(vocab_ops.remove_entry(data, values[0], values[1], force=force))
    if name == "vocab_prune":
        return session.apply(vocab_ops.prune(data, values[0] or None))
    raise EditError(f"unknown operation --{name.replace('_', '-')}")


def idle(session: EditSession, name: str, values: list[str]) -> str | None:
    """Why the operation has nothing to do (a `--vocab-prune` where every entry is in use), or None."""
    if name != "vocab_prune":
        return None
    vocabulary = values[0] or None
    if vocabulary is not None and vocabulary not in VOCABULARIES:
        return None  # the operation itself says what is wrong, with the closest name
    names = [vocabulary] if vocabulary else list(VOCABULARIES)
    if any(vocab_ops.unused(session.data, each) for each in names):
        return None
    return "nothing to prune: every entry declared is in use"


def describe_removed(item: dict[str, Any]) -> str:
    """One line for something an operation took along."""
    if "scenario" in item:
        return f"removed from scenario '{item['scenario']}' {item['field']}: {item['node']}"
    if "vocabulary" in item and "node" in item:
        return f"taken off node '{item['node']}': {item['vocabulary'][:-1]} {item['value']}"
    if "vocabulary" in item:
        return f"removed {item['vocabulary'][:-1]}: {item['value']}"
    return f"removed relation: {item.get('source')} {item.get('type')} {item.get('target')}"
