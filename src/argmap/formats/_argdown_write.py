"""An argmap map as Argdown text that argmap's parser reads back to the same map and the Argdown CLI accepts.

Claims, evidence and forecasts are statements titled by their id (`[id]: text {"kind": ...}`), inferences
arguments (`<id>: text`). An inference with statement premises and one conclusion it supports is written with
its premise-conclusion structure; every other relation is written below its source (`+>`, `->`, `_>`).
Everything Argdown has no syntax for travels in YAML data, which Argdown keeps: a node's kind and fields
(probability, resolution, quotes...), `condition` and `requires` relations and relation notes, weights and
authors (`argmap_relations`); the map's title, sources, vocabularies and scenarios go in the front matter's
`argmap` key. Argdown's own tools therefore see fewer relations than argmap does: the conditions and
requirements, which the exporter counts as losses.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from argmap.formats._argdown_inline import SHORTCODE_TOKEN, SHORTCODES
from argmap.formats._argdown_read import RELATIONS_KEY
from argmap.formats.interop import Losses, exported_sources
from argmap.io.document import MapDocument

_ESCAPE = re.compile(r"([\\\[\]<>#{}*_@])")
_SYMBOLS = {"supports": "+>", "attacks": "->", "undercuts": "_>"}


def map_to_argdown(doc: MapDocument, losses: Losses, options: dict[str, Any] | None = None) -> str:
    """The Argdown text of a fully loaded map (source paths relative to `options["output"]`, else absolute)."""
    raw = doc.data if isinstance(doc.data, dict) else {}
    amap = doc.map
    assert amap is not None
    nodes = [n for n in raw.get("nodes", []) if isinstance(n, dict)] or \
        [n.model_dump(mode="json", exclude_unset=True) for n in amap.nodes]
    relations = [r for r in raw.get("relations", []) if isinstance(r, dict)] or \
        [r.model_dump(mode="json", exclude_unset=True) for r in amap.relations]
    kinds = {str(n["id"]): str(n.get("kind", "claim")) for n in nodes}
    header = {k: v for k, v in raw.items() if k not in ("nodes", "relations", "argmap")}
    if isinstance(header.get("sources"), list):
        header["sources"] = exported_sources(doc, header["sources"], options or {})
    out = ["===", _yaml({"title": amap.title, "argmap": header or {"title": amap.title}}).rstrip(), "===", ""]

    structured = _structured(relations, kinds)
    extras: dict[str, list[dict[str, Any]]] = {}
    written: list[dict[str, Any]] = []
    for rel in relations:
        rtype = str(rel.get("type"))
        extra = {k: v for k, v in rel.items() if k in ("note", "weight", "by", "drafted")}
        if rtype not in _SYMBOLS or extra:
            extras.setdefault(str(rel["source"]), []).append({"target": rel["target"], "type": rtype, **extra})
        if rtype in _SYMBOLS:
            written.append(rel)
        else:
            losses.add(f"{rtype} relation", "kept in YAML data only", "Argdown has no such relation")
    for node in nodes:
        out.append(_element(node, extras.get(str(node["id"]), [])))
        out.append("")
    implied: set[tuple[str, str, str]] = set()
    for inference, (premises, conclusion) in structured.items():
        out.append(f"<{inference}>")
        out.append("")
        for number, premise in enumerate(premises, 1):
            out.append(f"({number}) [{premise}]")
            implied.add((premise, "supports", inference))
        out.append("----")
        out.append(f"({len(premises) + 1}) [{conclusion}]")
        implied.add((inference, "supports", conclusion))
        out.append("")
    by_source: dict[str, list[str]] = {}
    for rel in written:
        source, target, rtype = str(rel["source"]), str(rel["target"]), str(rel["type"])
        if (source, rtype, target) in implied:
            continue
        by_source.setdefault(source, []).append(f"    {_SYMBOLS[rtype]} {_ref(target, kinds)}")
    for source, lines in by_source.items():
        out.append(_ref(source, kinds))
        out.extend(lines)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _structured(relations: list[dict[str, Any]], kinds: dict[str, str]) -> dict[str, tuple[list[str], str]]:
    """The inferences written as premise-conclusion structures: statement premises and exactly one outgoing
    relation, a support of a statement."""
    incoming: dict[str, list[dict[str, Any]]] = {}
    outgoing: dict[str, list[dict[str, Any]]] = {}
    for rel in relations:
        outgoing.setdefault(str(rel["source"]), []).append(rel)
        incoming.setdefault(str(rel["target"]), []).append(rel)
    result = {}
    for node_id, kind in kinds.items():
        if kind != "inference":
            continue
        outs = outgoing.get(node_id, [])
        premises = [str(r["source"]) for r in incoming.get(node_id, [])
                    if r.get("type") == "supports" and kinds.get(str(r["source"])) != "inference"]
        if len(outs) == 1 and outs[0].get("type") == "supports" and kinds.get(str(outs[0]["target"])) not in (
                None, "inference") and premises and len(set(premises)) == len(premises):
            result[node_id] = (premises, str(outs[0]["target"]))
    return result


def _ref(node_id: str, kinds: dict[str, str]) -> str:
    return f"<{node_id}>" if kinds.get(node_id) == "inference" else f"[{node_id}]"


def _element(node: dict[str, Any], extras: list[dict[str, Any]]) -> str:
    node_id = str(node["id"])
    kind = str(node.get("kind", "claim"))
    data = {"kind": kind, **{k: v for k, v in node.items() if k not in ("id", "kind", "text")}}
    if extras:
        data[RELATIONS_KEY] = extras
    text = escape(" ".join(str(node.get("text", "")).split()))
    head = f"<{node_id}>" if kind == "inference" else f"[{node_id}]"
    return f"{head}: {text} {json.dumps(data, ensure_ascii=False, default=str)}"


def escape(text: str) -> str:
    """Text that Argdown reads as plain text: its special characters escaped, and the opening mark of what would
    read as a shortcode (`.v.`, `:up:`) or swallow an escape (`.\\[x\\].`) too, scanning as the parser does.

    >>> escape("p .v. q, e.g. [x]."), escape(".v.v.")
    ('p \\\\.v. q, e.g. \\\\[x\\\\].', '\\\\.v\\\\.v.')
    """
    escaped = _ESCAPE.sub(r"\\\1", text)
    out: list[str] = []
    pos = at = 0
    while (found := SHORTCODE_TOKEN.search(escaped, at)) is not None:
        if found.group(0) in SHORTCODES or "\\" in found.group(0):
            out.append(escaped[pos:found.start()])
            out.append("\\")
            pos, at = found.start(), found.start() + 1
        else:
            at = found.end()
    out.append(escaped[pos:])
    return "".join(out)


def _yaml(value: Any) -> str:
    return yaml.safe_dump(json.loads(json.dumps(value, default=str)), sort_keys=False, allow_unicode=True,
                          width=100)
