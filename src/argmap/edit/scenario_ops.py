"""Edits of a map's scenarios, as the file holds them: add one, rename it, set its title or description, hold a
node true or false in it, override a node's probability in it, remove it.

Like `argmap.edit.operations`, each function takes the data and returns an `Outcome` whose data shares every
unchanged part, or raises `EditError` saying what is wrong (with `loc`, the scenario's place in the data, so that
a message can give its line). A scenario stays valid: an id is a slug, a title is not empty, a probability lies
in [0, 1], every node it names exists.
"""

from __future__ import annotations

from typing import Any

from argmap.edit.operations import Outcome, _check_slug, _first_error, _list, _short, _valid, find_node, with_key
from argmap.errors import EditError, suggest
from argmap.model import TOP_ORDER, Scenario
from argmap.model.adapters import SCENARIO_ADAPTER

SCENARIO_ORDER = tuple(Scenario.model_fields)
#: The fields `set_scenario_field` sets directly (`assume` and `probabilities` have their own operations).
SCENARIO_FIELDS = ("id", "title", "description", "assume", "probabilities")


def scenario_ids(data: dict[str, Any]) -> list[str]:
    """The ids of the scenarios, in file order."""
    return [s["id"] for s in _list(data, "scenarios") if isinstance(s, dict) and isinstance(s.get("id"), str)]


def find_scenario(data: dict[str, Any], scenario_id: str) -> int:
    """The index of a scenario, or EditError naming the closest id (or saying there are none)."""
    for index, item in enumerate(_list(data, "scenarios")):
        if isinstance(item, dict) and item.get("id") == scenario_id:
            return index
    ids = scenario_ids(data)
    if not ids:
        raise EditError(f"no scenario '{scenario_id}': the map has no scenarios yet (add one, with a title)")
    listed = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
    raise EditError(f"no scenario '{scenario_id}'{suggest(scenario_id, ids)} (scenarios: {listed})",
                    loc=("scenarios",))


def _replaced(data: dict[str, Any], index: int, scenario: dict[str, Any], what: str) -> dict[str, Any]:
    error = _valid(scenario, SCENARIO_ADAPTER)
    if error is not None:
        raise EditError(f"scenario '{scenario.get('id')}': {_first_error(error)}", loc=("scenarios", index, what))
    scenarios = list(data["scenarios"])
    scenarios[index] = scenario
    return {**data, "scenarios": scenarios}


def _emptied(scenario: dict[str, Any]) -> str:
    if scenario.get("assume") or scenario.get("probabilities"):
        return ""
    return (f"; scenario '{scenario.get('id')}' now assumes nothing and sets no probability (it reads as the "
            "baseline): give it an assumption or remove it")


def add_scenario(data: dict[str, Any], scenario_id: str, title: str, description: str | None = None) -> Outcome:
    """Add a scenario at the end of `scenarios`, with a title (and a description). It assumes nothing yet."""
    _check_slug(scenario_id, "scenario id")
    if scenario_id in scenario_ids(data):
        raise EditError(f"a scenario '{scenario_id}' already exists; choose another id",
                        loc=("scenarios", find_scenario(data, scenario_id), "id"))
    scenario = {"id": scenario_id, "title": title, **({"description": description} if description else {})}
    error = _valid(scenario, SCENARIO_ADAPTER)
    if error is not None:
        raise EditError(f"new scenario '{scenario_id}': {_first_error(error)}")
    scenarios = [*_list(data, "scenarios"), scenario]
    return Outcome(with_key(data, "scenarios", scenarios, TOP_ORDER),
                   f"added scenario '{scenario_id}' ({title!r}); it assumes nothing yet")


def rename_scenario(data: dict[str, Any], old: str, new: Any) -> Outcome:
    """Change a scenario's id. Nothing else in a map names a scenario (the explorer follows the rename)."""
    index = find_scenario(data, old)
    new_id = _check_slug(new, "scenario id")
    if new_id == old:
        raise EditError(f"scenario '{old}' already has that id", loc=("scenarios", index, "id"))
    if new_id in scenario_ids(data):
        raise EditError(f"a scenario '{new_id}' already exists; choose another id", loc=("scenarios", index, "id"))
    scenario = with_key(data["scenarios"][index], "id", new_id, SCENARIO_ORDER)
    return Outcome(_replaced(data, index, scenario, "id"), f"renamed scenario '{old}' to '{new_id}'")


def set_scenario_field(data: dict[str, Any], scenario_id: str, name: str, value: Any) -> Outcome:
    """Set a scenario's `title` or `description` (None removes the description), `id` (a rename), or its whole
    `assume` or `probabilities` mapping."""
    if name == "id":
        return rename_scenario(data, scenario_id, value)
    index = find_scenario(data, scenario_id)
    if name not in SCENARIO_FIELDS:
        raise EditError(f"a scenario has no field '{name}'{suggest(name, SCENARIO_FIELDS)} (fields: "
                        f"{', '.join(SCENARIO_FIELDS)})", loc=("scenarios", index))
    if name == "title" and value is None:
        raise EditError(f"scenario '{scenario_id}': a scenario needs a title", loc=("scenarios", index, name))
    if name in ("assume", "probabilities") and isinstance(value, dict):
        for node_id in value:
            find_node(data, str(node_id))
    old = data["scenarios"][index]
    scenario = with_key(old, name, value if value != {} else None, SCENARIO_ORDER)
    summary = (f"removed {name} of scenario '{scenario_id}'" if value is None
               else f"set {name} of scenario '{scenario_id}': {_short(old.get(name))} -> {_short(value)}")
    return Outcome(_replaced(data, index, scenario, name), summary + _emptied(scenario))


def set_assumption(data: dict[str, Any], scenario_id: str, node_id: str, held: bool | None) -> Outcome:
    """Hold a node true or false in a scenario (None: assume nothing about it any more)."""
    index = find_scenario(data, scenario_id)
    old = data["scenarios"][index]
    entries = old.get("assume") if isinstance(old.get("assume"), dict) else {}
    if held is None:
        if node_id not in entries:
            listed = ", ".join(entries) or "nothing"
            raise EditError(f"scenario '{scenario_id}' assumes nothing about '{node_id}' (it assumes: {listed})"
                            f"{suggest(node_id, entries)}", loc=("scenarios", index))
        scenario = with_key(old, "assume", {k: v for k, v in entries.items() if k != node_id} or None,
                            SCENARIO_ORDER)
        summary = f"scenario '{scenario_id}' no longer assumes {node_id}" + _emptied(scenario)
    else:
        if not isinstance(held, bool):
            raise EditError(f"'{held}' is not true or false: a scenario holds a node true or false")
        find_node(data, node_id)
        scenario = with_key(old, "assume", {**entries, node_id: held}, SCENARIO_ORDER)
        summary = f"scenario '{scenario_id}' holds {node_id} {'true' if held else 'false'}"
    return Outcome(_replaced(data, index, scenario, "assume"), summary, subject=node_id)


def set_override(data: dict[str, Any], scenario_id: str, node_id: str, probability: float | None) -> Outcome:
    """Override a node's probability in a scenario (None: remove the override)."""
    index = find_scenario(data, scenario_id)
    old = data["scenarios"][index]
    entries = old.get("probabilities") if isinstance(old.get("probabilities"), dict) else {}
    if probability is None:
        if node_id not in entries:
            listed = ", ".join(entries) or "none"
            raise EditError(f"scenario '{scenario_id}' overrides no probability of '{node_id}' (it overrides: "
                            f"{listed}){suggest(node_id, entries)}", loc=("scenarios", index))
        scenario = with_key(old, "probabilities", {k: v for k, v in entries.items() if k != node_id} or None,
                            SCENARIO_ORDER)
        summary = f"scenario '{scenario_id}' no longer overrides the probability of {node_id}" + _emptied(scenario)
    else:
        if isinstance(probability, bool) or not isinstance(probability, int | float) or not 0 <= probability <= 1:
            raise EditError(f"'{probability}' is not a probability: give a number between 0 and 1 (0.4 or 40%)",
                            loc=("scenarios", index))
        find_node(data, node_id)
        scenario = with_key(old, "probabilities", {**entries, node_id: probability}, SCENARIO_ORDER)
        summary = f"scenario '{scenario_id}' sets the probability of {node_id} to {probability:g}"
    return Outcome(_replaced(data, index, scenario, "probabilities"), summary, subject=node_id)


def remove_scenario(data: dict[str, Any], scenario_id: str) -> Outcome:
    """Remove a scenario; `removed` holds it."""
    index = find_scenario(data, scenario_id)
    scenarios = list(data["scenarios"])
    removed = scenarios.pop(index)
    new = with_key(data, "scenarios", scenarios or None, TOP_ORDER)
    return Outcome(new, f"removed scenario '{scenario_id}'", removed=[removed])
