"""`argmap check`: schema errors from loading plus lint rules over the map, each with an id and a position."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from operator import attrgetter
from typing import Protocol

from argmap.analysis import check_quotes, check_techniques
from argmap.analysis.graph import cycles
from argmap.errors import Diagnostic, Loc, Severity, a_or_an, has_errors, plural, suggest
from argmap.io.document import MapDocument
from argmap.memory import collector_paused
from argmap.model import ArgMap, Forecast, NodeBase
from argmap.model.wep import band_for

#: Every rule: its id, its severity and what it finds. Load-time rules come first.
RULES: dict[str, tuple[Severity, str]] = {
    "unreadable": ("error", "a map file cannot be read (missing, a folder, a FIFO or device, too large)"),
    "syntax": ("error", "the file is not valid YAML or JSON"),
    "encoding": ("error", "the file is not UTF-8 text"),
    "schema": ("error", "a value does not fit the map format (unknown field, wrong type, unknown kind...)"),
    "source-missing": ("error", "a source's local text cannot be read"),
    "duplicate-id": ("error", "two nodes, sources, scenarios or ACH groups share an id"),
    "unknown-node": ("error", "a relation or scenario names a node that does not exist"),
    "unknown-source": ("error", "a quote names a source that is not declared"),
    **check_quotes.RULES,
    "relation-target": ("error", "a relation's ends do not fit its type (undercut of a non-inference...)"),
    "self-relation": ("error", "a relation links a node to itself"),
    "duplicate-relation": ("warning", "the same relation is given twice"),
    "inference-premise": ("error", "an inference has no premise (nothing supports it)"),
    "inference-conclusion": ("error", "an inference has no conclusion (it supports or attacks nothing)"),
    "isolated-node": ("warning", "a node has no relation at all"),
    "support-cycle": ("warning", "nodes support each other in a circle"),
    "forecast-probability": ("warning", "a forecast has neither a probability nor words on the scale"),
    "probability-words": ("warning", "a stated probability lies outside the band of the author's words"),
    "resolution-source": ("warning", "a resolved forecast cites no source"),
    "conditional-fields": ("warning", "a forecast gives P(F | not C) or says whether its condition held, but has no "
                           "condition"),
    "forecast-group": ("warning", "a forecast group has a single member (a misspelt group counts apart)"),
    "scenario-probability": ("error", "a scenario gives a probability to an inference (only claims, evidence and "
                             "forecasts carry one)"),
    "scenario-empty": ("warning", "a scenario assumes nothing and sets no probability (it is the baseline)"),
    "undeclared-tag": ("error", "a node uses a tag that the map does not declare"),
    "undeclared-actor": ("error", "a node uses an actor that the map does not declare"),
    "undeclared-theme": ("error", "a node uses a theme that the map does not declare"),
    **check_techniques.RULES,
    "drafted": ("info", "nodes and relations proposed by `argmap draft` that no one has reviewed yet (a warning "
                "under --strict)"),
}

class Emit(Protocol):
    def __call__(self, rule: str, message: str, loc: Loc, node: str | None = None) -> Diagnostic: ...


def check(doc: MapDocument) -> list[Diagnostic]:
    """All findings for a loaded document, positioned and sorted."""
    with collector_paused():
        return _check(doc)


def _check(doc: MapDocument) -> list[Diagnostic]:
    found = list(doc.diagnostics)
    if doc.map is not None:
        name = doc.display_path

        def emit(rule: str, message: str, loc: Loc, node: str | None = None) -> Diagnostic:
            return Diagnostic(name, RULES[rule][0], rule, message, doc.file_loc(loc), node=node)

        for rule_fn in _RULE_FUNCTIONS:
            found.extend(rule_fn(doc, doc.map, emit))
        doc.place(found)
    return sorted(found, key=lambda d: d.sort_key)


def _duplicates(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    for collection in ("nodes", "sources", "scenarios", "hypotheses"):
        items = getattr(amap, collection)
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                yield emit("duplicate-id", f"id '{item.id}' is already used by {collection}[{seen[item.id]}]; "
                           "give each a unique id", (collection, index, "id"), item.id)
            else:
                seen[item.id] = index


def _relations(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    ids = amap.by_id
    invalid = doc.invalid.get("nodes", set())  # in the file, reported already: nothing more to say about them
    seen: set[tuple[str, str, str]] = set()
    for index, rel in enumerate(amap.relations):
        source_id, kind, target_id = key = (rel.source, rel.type, rel.target)
        source, target = ids.get(source_id), ids.get(target_id)
        if source is None or target is None:
            for end, node_id, node in (("source", source_id, source), ("target", target_id, target)):
                if node is None and node_id not in invalid:
                    yield emit("unknown-node", f"relation {end} '{node_id}' is not a node{suggest(node_id, ids)}",
                               ("relations", index, end))
        for rule, message, part in relation_problems(source_id, kind, target_id, source, target):
            yield emit(rule, message, ("relations", index, *part))
        if key in seen:
            yield emit("duplicate-relation", f"'{source_id}' {kind} '{target_id}' is given more than once; "
                       "remove the copy", ("relations", index))
        else:
            seen.add(key)


def relation_problems(source_id: str, kind: str, target_id: str, source: NodeBase | None, target: NodeBase | None
                      ) -> list[tuple[str, str, tuple[str, ...]]]:
    """What is wrong with the relation `source_id kind target_id` whatever the rest of the map holds: (rule,
    message, the relation's field at fault) for a node related to itself and for ends that do not fit the type.
    `argmap check` reports them, so `argmap edit --link` refuses them, and the explorer's link dialog refuses
    them before making the relation."""
    found: list[tuple[str, str, tuple[str, ...]]] = []
    if source_id == target_id:
        found.append(("self-relation", f"'{source_id}' {kind} itself; link two different nodes", ()))
    if kind == "undercuts" and target is not None and target.kind != "inference":
        found.append(("relation-target", f"'{source_id}' undercuts '{target_id}', {a_or_an(target.kind)}: only an "
                      "inference can be undercut (use 'attacks' to rebut a statement)", ("type",)))
    if kind == "condition" and target is not None and target.kind != "forecast":
        found.append(("relation-target", f"'{target_id}' is {a_or_an(target.kind)}: a condition's target must be a "
                      "forecast", ("target",)))
    if source is not None and source.kind == "inference":
        if kind in ("undercuts", "condition", "requires"):
            found.append(("relation-target", f"inference '{source_id}' cannot be the source of '{kind}'; an "
                          "inference supports or attacks its conclusion", ("type",)))
        elif kind == "supports" and target is not None and target.kind == "inference":
            found.append(("relation-target", f"inference '{source_id}' supports inference '{target_id}': "
                          "chain them through their conclusion statement", ("target",)))
    return found


def _structure(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    """Isolated nodes and inferences without premise or conclusion; only relations whose two ends exist count."""
    ids = amap.by_id
    invalid = doc.invalid.get("nodes", set())
    linked: set[str] = check_techniques.ach_referenced(amap)
    premised: set[str] = set()  # targets of a `supports`
    concluding: set[str] = set()  # sources of a `supports` or an `attacks`
    for rel in amap.relations:
        source, target, kind = rel.source, rel.target, rel.type
        if (source in ids or source in invalid) and (target in ids or target in invalid):
            linked.add(source)
            linked.add(target)
            if kind == "supports":
                premised.add(target)
                concluding.add(source)
            elif kind == "attacks":
                concluding.add(source)
    for index, node in enumerate(amap.nodes):
        node_id = node.id
        if node_id not in linked:
            yield emit("isolated-node", "no relation links this node to the argument; link it or remove it",
                       ("nodes", index, "id"), node_id)
        if node.kind == "inference":
            if node_id not in premised:
                yield emit("inference-premise", "inference without premise: add a 'supports' relation from "
                           "a premise to it", ("nodes", index, "id"), node_id)
            if node_id not in concluding:
                yield emit("inference-conclusion", "inference without conclusion: add a 'supports' (or "
                           "'attacks') relation from it to its conclusion", ("nodes", index, "id"), node_id)


def _cycles(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    """Support cycles, found as strongly connected components of the support graph."""
    succ: dict[str, list[str]] = {}
    for rel in amap.relations:
        if rel.type == "supports" and rel.source != rel.target:
            succ.setdefault(rel.source, []).append(rel.target)
    for component in cycles(succ):
        first = min(component, key=lambda m: doc.node_index.get(m, 0))
        names = sorted(component)
        circle = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        yield emit("support-cycle", f"support cycle through {len(component)} nodes ({circle}); "
                   "circular reasoning supports nothing: break one link",
                   ("nodes", doc.node_index.get(first, 0), "id"), first)


def _forecasts(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    conditioned = {r.target for r in amap.relations if r.type == "condition"}
    groups: dict[str, list[int]] = {}
    for index, node in enumerate(amap.nodes):
        if isinstance(node, Forecast) and node.group is not None:
            groups.setdefault(node.group, []).append(index)
    for group, members in groups.items():
        if len(members) == 1:
            index = members[0]
            others = sorted(set(groups) - {group})
            yield emit("forecast-group", f"group '{group}' has no other forecast{suggest(group, others)} A group "
                       "counts its forecasts once: give it to every forecast that tracks the same variable",
                       ("nodes", index, "group"), amap.nodes[index].id)
    for index, node in enumerate(amap.nodes):
        if not isinstance(node, Forecast):
            continue
        loc: Loc = ("nodes", index)
        if node.id not in conditioned:
            held = node.resolution.condition_held if node.resolution is not None else None
            field = "probability_if_not" if node.probability_if_not is not None else (
                "resolution" if held is not None else None)
            if field is not None:
                yield emit("conditional-fields", f"'{field}' is given but no 'condition' relation points at the "
                           "forecast; add the condition, or drop the field", (*loc, field), node.id)
        band = band_for(node.words) if node.words else None
        if node.probability is None:
            detail = f"words '{node.words}' are not on the scale" if node.words else "no words of probability"
            yield emit("forecast-probability", f"forecast without probability ({detail}); give 'probability' "
                       "or the author's 'words' (likely, may, will...)", (*loc, "words" if node.words else "id"),
                       node.id)
        elif band and node.probability_basis == "stated" and not band.low <= node.probability <= band.high:
            yield emit("probability-words", f"probability {node.probability} lies outside '{node.words}' "
                       f"({band.label}, {band.low:.2f}-{band.high:.2f}); explain it in 'note' or adjust it",
                       (*loc, "probability"), node.id)
        res = node.resolution
        if res is not None and res.outcome not in (None, "unclear") and not res.sources:
            yield emit("resolution-source", f"resolved as '{res.outcome}' without a source; cite what "
                       "records the outcome under resolution.sources", (*loc, "resolution"), node.id)


def _vocabulary(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    for field, rule, declared in (("tags", "undeclared-tag", amap.tags), ("actors", "undeclared-actor", amap.actors),
                                  ("themes", "undeclared-theme", amap.themes)):
        if declared.keys() >= set(chain.from_iterable(map(attrgetter(field), amap.nodes))):
            continue  # the usual case, settled without a Python step per node
        for index, node in enumerate(amap.nodes):
            for vi, value in enumerate(getattr(node, field)):
                if value not in declared:
                    yield emit(rule, f"{field[:-1]} '{value}' is not declared under '{field}'"
                               f"{suggest(value, declared) or '; declare it at the top of the map'}",
                               ("nodes", index, field, vi), node.id)


def _scenarios(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    ids = amap.by_id
    invalid = doc.invalid.get("nodes", set())
    for index, scenario in enumerate(amap.scenarios):
        if not scenario.assume and not scenario.probabilities:
            yield emit("scenario-empty", f"scenario '{scenario.id}' assumes nothing and sets no probability, so it "
                       "reads as the baseline; give it 'assume' or 'probabilities', or remove it",
                       ("scenarios", index, "id"))
        for field in ("assume", "probabilities"):
            for node_id in getattr(scenario, field):
                node = ids.get(node_id)
                if node is None and node_id not in invalid:
                    yield emit("unknown-node", f"scenario '{scenario.id}' names unknown node '{node_id}'"
                               f"{suggest(node_id, ids)}", ("scenarios", index, field, node_id))
                elif field == "probabilities" and node is not None and node.kind == "inference":
                    yield emit("scenario-probability", f"scenario '{scenario.id}' gives a probability to inference "
                               f"'{node_id}', which carries none; give it to a claim, evidence or forecast (or "
                               "hold the inference under 'assume')", ("scenarios", index, field, node_id))


def _drafted(doc: MapDocument, amap: ArgMap, emit: Emit) -> Iterator[Diagnostic]:
    """Once per map, at the first drafted item: how many items `argmap draft` proposed that are still unreviewed."""
    nodes = [i for i, node in enumerate(amap.nodes) if node.drafted]
    relations = [i for i, rel in enumerate(amap.relations) if rel.drafted]
    if not nodes and not relations:
        return
    parts = [plural(len(nodes), "node")] if nodes else []
    parts += [plural(len(relations), "relation")] if relations else []
    first: Loc = ("nodes", nodes[0], "drafted") if nodes else ("relations", relations[0], "drafted")
    yield emit("drafted", f"{plural(len(nodes) + len(relations), 'drafted item')} not reviewed yet "
               f"({' and '.join(parts)}): review them in the explorer (`R`), which accepts, retypes, merges, "
               "splits or drops each; accepting removes `drafted: true`", first,
               amap.nodes[nodes[0]].id if nodes else None)


_RULE_FUNCTIONS = (_duplicates, _relations, _structure, _cycles, _forecasts, _vocabulary, check_quotes.quotes,
                   _scenarios, *check_techniques.RULE_FUNCTIONS, _drafted)


def exit_code(diagnostics: list[Diagnostic]) -> int:
    """0 when no error was found, 1 otherwise."""
    return 1 if has_errors(diagnostics) else 0
