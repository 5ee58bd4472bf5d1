"""A part of a map replaced by a new version in one edit (what the explorer's forms save): the map's own fields,
a source, a relation's fields, a scenario. Only the fields that changed are set, each by its operation
(`operations`, `source_ops`, `scenario_ops`), so one undo takes the whole form back and the file changes only
there. Also the reading of a scenario form's assumptions and overrides, one `node: value` per line."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from argmap.edit import operations as edit_ops
from argmap.edit import scenario_ops, source_ops
from argmap.edit.operations import Outcome, _get_path
from argmap.edit.part_values import read_held, read_probability
from argmap.errors import EditError, suggest

Step = Callable[[dict[str, Any]], Outcome]


def step(operation: Callable[..., Outcome], *args: Any, **kwargs: Any) -> Step:
    """The operation on the data, with its other arguments given now."""
    return lambda data: operation(data, *args, **kwargs)


def chain(data: dict[str, Any], steps: list[Step], nothing: str) -> Outcome:
    """The outcome of `steps` made one after the other, as one edit (`EditError` with `nothing` when empty)."""
    if not steps:
        raise EditError(nothing)
    summaries: list[str] = []
    removed: list[dict[str, Any]] = []
    focus = subject = None
    for made in steps:
        outcome = made(data)
        data = outcome.data
        summaries.append(outcome.summary)
        removed += outcome.removed
        focus, subject = focus or outcome.focus, subject or outcome.subject
    return Outcome(data, "; ".join(summaries), focus, removed, subject)


def _changed(old: Any, new: Any) -> bool:
    return (old if old not in ("", None) else None) != (new if new not in ("", None) else None)


def update_map(data: dict[str, Any], values: Mapping[str, Any]) -> Outcome:
    """Set the map's own fields (`title`, `description`...) that differ from `values` (None or "" removes)."""
    steps: list[Step] = [
        step(edit_ops.set_map_field, name, value if value != "" else None)
        for name, value in values.items() if _changed(data.get(name), value)]
    return chain(data, steps, "the map's title and description are unchanged")


def update_source(data: dict[str, Any], source_id: str, values: Mapping[str, Any], *,
                  base: Path | None = None) -> Outcome:
    """Set a source's fields that differ from `values` (a dotted name such as `coverage.minimum` sets a field
    inside one; an `id` renames it everywhere, last)."""
    old = data["sources"][source_ops.find_source(data, source_id)]
    steps: list[Step] = [
        step(source_ops.set_source_field, source_id, name, value if value != "" else None, base=base)
        for name, value in values.items()
        if name != "id" and _changed(_text(_get_path(old, name.split("."))), value)]
    new_id = values.get("id", source_id)
    if new_id != source_id:
        steps.append(step(source_ops.rename_source, source_id, new_id))
    return chain(data, steps, f"source '{source_id}' is unchanged")


def new_source(data: dict[str, Any], values: Mapping[str, Any], *, base: Path | None = None) -> Outcome:
    """Add a source with the `id`, `title` and other fields of `values` in one edit: `add_source`, then
    `set_source_field` for the fields inside one (`coverage.minimum`), as `--source-add` and `--source-set` do."""
    source_id, title = str(values.get("id") or ""), str(values.get("title") or "")
    flat = {k: v for k, v in values.items() if k not in ("id", "title") and "." not in k and v not in ("", None)}
    steps: list[Step] = [step(source_ops.add_source, source_id, title, base=base, **flat)]
    steps += [step(source_ops.set_source_field, source_id, name, value, base=base)
              for name, value in values.items() if "." in name and value not in ("", None)]
    return chain(data, steps, "nothing to add")


def _text(value: Any) -> Any:
    return str(value) if value is not None and not isinstance(value, str | int | float | dict | list) else value


def update_relation(data: dict[str, Any], source: str, rel_type: str, target: str, values: Mapping[str, Any]
                    ) -> Outcome:
    """Set a relation's `note`, `weight` and `by` where they differ from `values` (None or "" removes)."""
    index = edit_ops.find_relation(data, source, rel_type, target)
    old = data["relations"][index]
    steps: list[Step] = []
    for name, value in values.items():
        current = old.get(name, "author" if name == "by" else None)
        if _changed(current, value):
            steps.append(step(edit_ops.set_relation_field, source, rel_type, target, name,
                              None if value in ("", None) else value))
    return chain(data, steps, f"{source} {rel_type} {target} is unchanged")


def update_scenario(data: dict[str, Any], scenario_id: str | None, new: Mapping[str, Any]) -> Outcome:
    """Replace a scenario's id, title, description, assumptions and overrides by those of `new`, in one edit;
    `scenario_id` None adds it."""
    new_id = str(new.get("id") or "")
    steps: list[Step] = []
    if scenario_id is None:
        steps.append(step(scenario_ops.add_scenario, new_id, str(new.get("title") or ""),
                          new.get("description") or None))
        old: Mapping[str, Any] = {"id": new_id, "title": new.get("title"), "description": new.get("description")}
        current = new_id
    else:
        old = data["scenarios"][scenario_ops.find_scenario(data, scenario_id)]
        current = scenario_id
        for name in ("title", "description"):
            if _changed(old.get(name), new.get(name)):
                steps.append(step(scenario_ops.set_scenario_field, scenario_id, name, new.get(name) or None))
    for name, setter in (("assume", scenario_ops.set_assumption), ("probabilities", scenario_ops.set_override)):
        before: Mapping[str, Any] = old.get(name) or {}
        after: Mapping[str, Any] = new.get(name) or {}
        for node_id in before:
            if node_id not in after:
                steps.append(step(setter, current, node_id, None))
        for node_id, value in after.items():
            if before.get(node_id, None) != value or type(before.get(node_id)) is not type(value):
                steps.append(step(setter, current, node_id, value))
    if scenario_id is not None and new_id and new_id != scenario_id:
        steps.append(step(scenario_ops.rename_scenario, scenario_id, new_id))
    return chain(data, steps, f"scenario '{scenario_id}' is unchanged")


def read_entries(text: str, nodes: list[str], read: Callable[[str], Any], what: str) -> dict[str, Any]:
    """`node: value` lines (or `node value`) as a mapping; ValueError naming the first bad line."""
    found: dict[str, Any] = {}
    known = set(nodes)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        head, sep, tail = line.partition(":")
        if not sep:
            head, _, tail = line.strip().partition(" ")
        node_id, raw = head.strip(), tail.strip()
        if node_id not in known:
            raise ValueError(f"line {number}: no node '{node_id}'{suggest(node_id, nodes)}")
        try:
            value = read(raw)
        except ValueError as exc:
            raise ValueError(f"line {number}: {exc}") from None
        if value is None:
            raise ValueError(f"line {number}: give {what} for {node_id} (or delete the line)")
        found[node_id] = value
    return found


def read_assumptions(text: str, nodes: list[str]) -> dict[str, bool]:
    """`node: true` / `node: false` lines."""
    return read_entries(text, nodes, read_held, "true or false")


def read_overrides(text: str, nodes: list[str]) -> dict[str, float]:
    """`node: 0.4` / `node: 40%` lines."""
    return read_entries(text, nodes, read_probability, "a probability")


def entry_lines(entries: Mapping[str, Any] | None) -> str:
    """The lines of a scenario's `assume` or `probabilities`, as the form shows them."""
    def shown(value: Any) -> str:
        return ("true" if value else "false") if isinstance(value, bool) else f"{value:g}"
    return "\n".join(f"{node}: {shown(value)}" for node, value in (entries or {}).items())
