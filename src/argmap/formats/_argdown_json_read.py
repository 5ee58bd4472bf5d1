"""Argdown's JSON export (`argdown json`) as an `ArgdownDocument`, so that it imports exactly as Argdown text.

The export is a dump of Argdown's model: `statements` (equivalence classes with their members), `arguments`
(descriptions and premise-conclusion structures), `relations` (titles at both ends) and `sections`. Anything of
another shape is refused with one line naming the file and the first field that is wrong.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats._argdown_model import (
    ArgdownDocument,
    Argument,
    EquivalenceClass,
    Inference,
    PcsStatement,
    Relation,
    Section,
    Statement,
)

_KINDS = {"equivalence-class": "statement", "argument": "argument", "inference": "inference"}
_TYPES = ("support", "attack", "undercut", "entails", "contrary", "contradictory")


def looks_like_argdown_json(head: str) -> bool:
    """Whether the head of a `.json` file is Argdown's export: an object with `arguments` or `statements` whose
    items are typed `argument` or `equivalence-class`, or (a file with none) all three of Argdown's top-level
    `arguments`, `statements` and `relations`."""
    if not head.lstrip().startswith("{"):
        return False
    typed = re.search(r'"(arguments|statements)"\s*:', head) is not None \
        and re.search(r'"type"\s*:\s*"(argument|equivalence-class)"', head) is not None
    return typed or all(re.search(rf'"{key}"\s*:', head) for key in ("arguments", "statements", "relations"))


def parse_argdown_json(text: str, path: str) -> ArgdownDocument:
    """The document an Argdown JSON export describes; `ArgmapError` naming the file for a malformed one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArgmapError(f"{path}:{exc.lineno}:{exc.colno}: error: not JSON: {exc.msg}") from None
    try:
        return _document(data, path)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ArgmapError(f"{path}: error: not an Argdown JSON export ({type(exc).__name__}: {exc})") from None


def _document(data: Any, path: str) -> ArgdownDocument:
    if not isinstance(data, dict) or not isinstance(data.get("statements"), dict):
        raise ValueError("no 'statements' object at the top")
    doc = ArgdownDocument(path=path)
    for title, ec in data["statements"].items():
        item = EquivalenceClass(str(title), section=ec.get("section"), line=int(ec.get("startLine") or 0))
        for m in ec.get("members", []):
            item.members.append(Statement(str(title), str(m.get("text") or ""), str(m.get("role") or ""),
                                          int(m.get("startLine") or 0), int(m.get("startColumn") or 0),
                                          bool(m.get("isReference")) or "text" not in m, list(m.get("tags") or []),
                                          m.get("data")))
        item.tags = [str(t) for t in ec.get("tags") or []]
        item.data = dict(ec.get("data") or {})
        doc.statements[str(title)] = item
    for title, arg in (data.get("arguments") or {}).items():
        item_arg = Argument(str(title), section=arg.get("section"))
        item_arg.descriptions = [str(m.get("text") or "") for m in arg.get("members", [])
                                 if not m.get("isReference") and m.get("text")]
        for s in arg.get("pcs") or []:
            inf = s.get("inference")
            inference = None if inf is None else Inference([str(r) for r in inf.get("inferenceRules") or []],
                                                           inf.get("data"))
            item_arg.pcs.append(PcsStatement(str(s["title"]), str(s.get("role") or "premise"), inference))
        item_arg.tags = [str(t) for t in arg.get("tags") or []]
        item_arg.data = dict(arg.get("data") or {})
        doc.arguments[str(title)] = item_arg
    for rel in data.get("relations") or []:
        rtype = str(rel["relationType"])
        if rtype not in _TYPES:
            raise ValueError(f"unknown relation type {rtype!r}")
        doc.relations.append(Relation(rtype, str(rel["from"]), _KINDS[rel["fromType"]],  # type: ignore[arg-type]
                                      str(rel["to"]), _KINDS[rel["toType"]],  # type: ignore[arg-type]
                                      rel.get("conclusionIndex")))
    _sections(data.get("sections") or [], doc)
    return doc


def _sections(sections: list[Any], doc: ArgdownDocument) -> None:
    for s in sections:
        doc.sections.append(Section(str(s["id"]), int(s.get("level") or 1), str(s.get("title") or s["id"]),
                                    s.get("parent"), int(s.get("startLine") or 0)))
        _sections(s.get("children") or [], doc)
