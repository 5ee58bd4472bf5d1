"""`argmap diff OLD NEW`: what changed between two versions of a map, in its own terms (nodes added, removed,
renamed and changed field by field; relations and scenarios added and removed) and what the change does to the
reasoning (labels, strengths and probabilities that moved, the Brier score)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from argmap.analysis.scoring import score_forecasts
from argmap.analysis.semantics import Evaluation, evaluate
from argmap.model import ArgMap

#: Strengths and probabilities that move by less than this are not reported.
EPSILON = 0.005
TOP_FIELDS = ("argmap", "title", "description", "sources", "tags", "actors", "themes", "hypotheses")


@dataclass
class FieldChange:
    """One field of a node, scenario or of the map itself: its old and new value (None when absent)."""

    field: str
    old: Any
    new: Any


@dataclass
class Moved:
    """A node whose standing moved: `what` is `label`, `strength` or `probability`."""

    node: str
    what: str
    old: Any
    new: Any


@dataclass
class MapDiff:
    """The differences between two maps, in the map's own terms."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    changed: dict[str, list[FieldChange]] = field(default_factory=dict)
    relations_added: list[str] = field(default_factory=list)
    relations_removed: list[str] = field(default_factory=list)
    scenarios_added: list[str] = field(default_factory=list)
    scenarios_removed: list[str] = field(default_factory=list)
    scenarios_changed: dict[str, list[FieldChange]] = field(default_factory=dict)
    map_changed: list[FieldChange] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    brier: tuple[float | None, float | None] = (None, None)

    @property
    def empty(self) -> bool:
        """Whether the two maps say the same (the reasoning then cannot move either)."""
        return not (self.added or self.removed or self.renamed or self.changed or self.relations_added
                    or self.relations_removed or self.scenarios_added or self.scenarios_removed
                    or self.scenarios_changed or self.map_changed)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of `argmap diff --format json`."""
        data = asdict(self)
        data["renamed"] = [{"old": old, "new": new} for old, new in self.renamed]
        data["brier"] = {"old": self.brier[0], "new": self.brier[1]}
        return data


def _dump(item: Any) -> dict[str, Any]:
    """The fields that are set to something other than their default (a node's id and kind always)."""
    data: dict[str, Any] = item.model_dump(mode="json", exclude_defaults=True)
    if isinstance(getattr(item, "kind", None), str):
        data = {"id": item.id, "kind": item.kind, **data}
    return data


def _top(amap: ArgMap) -> dict[str, Any]:
    """The map's own fields, ACH groups one by one (`hypotheses.why-army-fled`)."""
    data = {key: value for key, value in _dump(amap).items() if key in TOP_FIELDS and key != "hypotheses"}
    data.update({f"hypotheses.{group.id}": _dump(group) for group in amap.hypotheses})
    return data


def _renamed_ids(value: Any, rename: dict[str, str]) -> Any:
    """`value` with every string (and mapping key) that is a renamed node id replaced by its new id."""
    if isinstance(value, str):
        return rename.get(value, value)
    if isinstance(value, list):
        return [_renamed_ids(item, rename) for item in value]
    if isinstance(value, dict):
        return {rename.get(k, k): _renamed_ids(v, rename) for k, v in value.items()}
    return value


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    keys = list(old) + [key for key in new if key not in old]
    return [FieldChange(key, old.get(key), new.get(key)) for key in keys if old.get(key) != new.get(key)]


def relation_text(rel: dict[str, Any]) -> str:
    """`a supports b` (with the relation's other fields after it)."""
    rest = ", ".join(f"{k}: {v}" for k, v in rel.items() if k not in ("source", "type", "target"))
    return f"{rel['source']} {rel['type']} {rel['target']}" + (f" ({rest})" if rest else "")


def diff_maps(old: ArgMap, new: ArgMap, *, reasoning: bool = True) -> MapDiff:
    """Compare two maps; with `reasoning`, evaluate both and score their forecasts too."""
    result = MapDiff()
    old_nodes = {node.id: _dump(node) for node in old.nodes}
    new_nodes = {node.id: _dump(node) for node in new.nodes}
    gone = [i for i in old_nodes if i not in new_nodes]
    came = [i for i in new_nodes if i not in old_nodes]
    rename: dict[str, str] = {}
    for old_id in gone:  # a rename: the same content under a new id
        body = {k: v for k, v in old_nodes[old_id].items() if k != "id"}
        for new_id in came:
            if new_id not in rename.values() and {k: v for k, v in new_nodes[new_id].items() if k != "id"} == body:
                rename[old_id] = new_id
                break
    result.renamed = list(rename.items())
    result.removed = [old_nodes[i] for i in gone if i not in rename]
    result.added = [new_nodes[i] for i in came if i not in rename.values()]
    for node_id, data in old_nodes.items():
        if node_id in new_nodes and (changes := _field_changes(data, new_nodes[node_id])):
            result.changed[node_id] = changes

    def renamed(rel: dict[str, Any]) -> dict[str, Any]:
        return {**rel, "source": rename.get(rel["source"], rel["source"]),
                "target": rename.get(rel["target"], rel["target"])}

    old_rel = [relation_text(renamed(_dump(rel))) for rel in old.relations]
    new_rel = [relation_text(_dump(rel)) for rel in new.relations]
    result.relations_removed = [text for text in old_rel if text not in new_rel]
    result.relations_added = [text for text in new_rel if text not in old_rel]
    old_sc = {s.id: _dump(s) for s in old.scenarios}
    new_sc = {s.id: _dump(s) for s in new.scenarios}
    result.scenarios_removed = [i for i in old_sc if i not in new_sc]
    result.scenarios_added = [i for i in new_sc if i not in old_sc]
    for sc_id, data in old_sc.items():
        for key in ("assume", "probabilities"):
            if isinstance(data.get(key), dict):
                data[key] = {rename.get(k, k): v for k, v in data[key].items()}
        if sc_id in new_sc and (changes := _field_changes(data, new_sc[sc_id])):
            result.scenarios_changed[sc_id] = changes
    old_top, new_top = _renamed_ids(_top(old), rename), _top(new)
    result.map_changed = _field_changes(old_top, new_top)
    if reasoning and not result.empty:
        result.moved = _moved(evaluate(old), evaluate(new), rename)
        result.brier = (score_forecasts(old).brier, score_forecasts(new).brier)
    return result


def _probability(result: Evaluation, node_id: str) -> float | None:
    p = result.probability_of(node_id)
    return None if p is None else (p.value if p.value is not None else p.mid)


def _moved(old: Evaluation, new: Evaluation, rename: dict[str, str]) -> list[Moved]:
    moved = []
    for old_id, label in old.labels.items():
        node_id = rename.get(old_id, old_id)
        if node_id not in new.labels:
            continue
        if new.labels[node_id] != label:
            moved.append(Moved(node_id, "label", label, new.labels[node_id]))
        if abs(new.strength[node_id] - old.strength[old_id]) >= EPSILON:
            moved.append(Moved(node_id, "strength", round(old.strength[old_id], 3), round(new.strength[node_id], 3)))
        before, after = _probability(old, old_id), _probability(new, node_id)
        if (before is None) != (after is None) or (before is not None and after is not None
                                                     and abs(after - before) >= EPSILON):
            moved.append(Moved(node_id, "probability", None if before is None else round(before, 3),
                               None if after is None else round(after, 3)))
    return moved


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 100 else text[:97] + "..."


def diff_lines(diff: MapDiff) -> list[str]:
    """The text form: one section per kind of change, `+` added, `-` removed, `~` changed or renamed."""
    out: list[str] = []
    if diff.empty:
        return ["no change to the map's content"]
    if diff.map_changed:
        out.append("map")
        out += [f"  ~ {c.field}: {_value(c.old)} -> {_value(c.new)}" for c in diff.map_changed]
    if diff.added or diff.removed or diff.renamed or diff.changed:
        out.append("nodes")
        out += [f"  + {n['id']} ({n.get('kind')}): {_value(n.get('text'))}" for n in diff.added]
        out += [f"  - {n['id']} ({n.get('kind')}): {_value(n.get('text'))}" for n in diff.removed]
        out += [f"  ~ {old} renamed to {new}" for old, new in diff.renamed]
        for node_id, changes in diff.changed.items():
            out.append(f"  ~ {node_id}")
            out += [f"      {c.field}: {_value(c.old)} -> {_value(c.new)}" for c in changes]
    if diff.relations_added or diff.relations_removed:
        out.append("relations")
        out += [f"  + {text}" for text in diff.relations_added] + [f"  - {text}" for text in diff.relations_removed]
    if diff.scenarios_added or diff.scenarios_removed or diff.scenarios_changed:
        out.append("scenarios")
        out += [f"  + {i}" for i in diff.scenarios_added] + [f"  - {i}" for i in diff.scenarios_removed]
        for sc_id, changes in diff.scenarios_changed.items():
            out.append(f"  ~ {sc_id}")
            out += [f"      {c.field}: {_value(c.old)} -> {_value(c.new)}" for c in changes]
    out.append("reasoning")
    if not diff.moved:
        out.append("  no label, strength or probability moved")
    out += [f"  {m.what} {m.node}: {_value(m.old)} -> {_value(m.new)}" for m in diff.moved]
    before, after = diff.brier
    if before != after:
        out.append(f"  Brier score: {_score(before)} -> {_score(after)}")
    return out


def _score(value: float | None) -> str:
    return "(none)" if value is None else f"{value:.3f}"


def textconv_lines(amap: ArgMap) -> list[str]:
    """A map flattened to one line per field, relation and standing, for `git diff`'s textconv: a line diff of
    this form reads as a semantic diff."""
    out = [f"map {c.field}: {_value(c.new)}" for c in _field_changes({}, _top(amap))]
    for node in amap.nodes:
        out += [f"node {node.id} {key}: {_value(value)}" for key, value in _dump(node).items() if key != "id"]
    out += [f"relation {relation_text(_dump(rel))}" for rel in amap.relations]
    for scenario in amap.scenarios:
        out += [f"scenario {scenario.id} {k}: {_value(v)}" for k, v in _dump(scenario).items() if k != "id"]
    result = evaluate(amap)
    for node_id, label in result.labels.items():
        p = _probability(result, node_id)
        out.append(f"standing {node_id}: {label}, strength {result.strength[node_id]:.3f}"
                   + ("" if p is None else f", probability {p:.3f}"))
    out.append(f"brier: {_score(score_forecasts(amap).brier)}")
    return out
