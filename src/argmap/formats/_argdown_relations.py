"""The relations of a parsed Argdown text, as Argdown's model derives them from what the text wrote."""

from __future__ import annotations

from argmap.formats._argdown_lines import Ref, _RawRelation
from argmap.formats._argdown_model import ArgdownDocument, Relation


def resolve_relations(doc: ArgdownDocument, raw_relations: list[_RawRelation]) -> None:
    """Add to `doc` the relations its text wrote (`raw_relations`): each oriented by its symbol, an argument's
    outgoing relation moved to its main conclusion, typed by the mode (loose or strict), duplicates dropped."""
    strict = doc.mode == "strict"
    seen: set[Relation] = set()
    for raw in raw_relations:
        symbol = raw.symbol
        if symbol.endswith(">") or symbol == "><":  # +> -> _> and ><: from the parent to the child
            source, target = raw.parent, raw.child
        else:
            source, target = raw.child, raw.parent
        kind = symbol.strip("<>") or "><"
        source = _conclusion_of(doc, source)
        if source[:2] == target[:2]:
            continue  # an argument supporting its own conclusion: nothing between statements
        both_statements = source[0] == "statement" and target[0] == "statement"
        if kind == "><":
            rtype = "contradictory"
        elif kind == "_":
            rtype = "undercut"
        elif kind == "+":
            rtype = "entails" if strict and both_statements else "support"
        else:
            rtype = "contrary" if strict and both_statements else "attack"
        relation = Relation(rtype, source[1], source[0], target[1], target[0], target[2])
        if relation not in seen:
            seen.add(relation)
            doc.relations.append(relation)


def _conclusion_of(doc: ArgdownDocument, ref: Ref) -> Ref:
    """A reconstructed argument's outgoing relations are its main conclusion's."""
    if ref[0] == "argument":
        arg = doc.arguments.get(ref[1])
        if arg is not None and arg.conclusion is not None:
            return ("statement", arg.conclusion, None)
    return ref

