"""The arg-microtexts importer: an `arggraph` XML file and the `.txt` beside it.

Each ADU becomes a claim quoting its segments (EDUs) with exact offsets into the text, its role (proponent or
opponent) an actor. Every support (`sup`, `exa`) and rebuttal (`reb`) becomes an inference node of its own, since
undercuts (`und`) and linked premises (`add`) aim at relations: an `add` is one more premise of the relation's
inference, an `und` undercuts it. An undercut that is itself undercut or given a premise becomes a con-argument
inference (its premise supports it, it attacks the relation it undercuts), so undercuts of undercuts survive too.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats.interop import Imported, Losses, slug

ROLES = {"pro": "proponent", "opp": "opponent"}
_LABELS = {"sup": "Support", "exa": "Support by example", "reb": "Rebuttal", "und": "Undercut"}


def sniff_microtext(head: str) -> bool:
    """An arg-microtexts file has an `arggraph` root."""
    return "<arggraph" in head


def _parse(path: Path, text: str | None) -> ET.Element:
    try:
        if text is not None:
            return ET.fromstring(text)
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        line, column = exc.position
        raise ArgmapError(f"{path}:{line}:{column + 1}: not well-formed XML: {str(exc).split(':')[0]}") from None
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot read: {exc.strerror}") from None


def read_microtext(path: Path, *, text: str | None = None) -> Imported:
    """The map of one microtext (`ArgmapError` for a file that is not an `arggraph` or whose edges do not fit)."""
    root = _parse(path, text)
    if root.tag != "arggraph":
        raise ArgmapError(f"{path}: not an arg-microtexts file: the root element is <{root.tag}>, not <arggraph>")
    name = root.get("id") or path.stem
    source_id = slug(name, "text")
    beside = path.with_suffix(".txt")
    try:
        source_text = beside.read_text(encoding="utf-8-sig") if text is None and beside.is_file() else None
    except (OSError, UnicodeDecodeError):
        source_text = None
    losses = Losses()
    edus = {item.get("id", ""): "".join(item.itertext()).strip() for item in root.iter("edu")}
    adus = {item.get("id", ""): item.get("type", "") for item in root.iter("adu")}
    edges = [dict(item.attrib) for item in root.iter("edge")]
    for edge in edges:
        for key in ("id", "src", "trg", "type"):
            if not edge.get(key):
                raise ArgmapError(f"{path}: an <edge> has no '{key}'; each edge needs id, src, trg and type")
    segments: dict[str, list[str]] = {adu: [] for adu in adus}
    relations = [edge for edge in edges if edge["type"] != "seg"]
    by_id = {edge["id"]: edge for edge in relations}
    for edge in edges:
        if edge["type"] == "seg":
            if edge["trg"] not in segments or edge["src"] not in edus:
                raise ArgmapError(f"{path}: segment edge '{edge['id']}' joins '{edge['src']}' to "
                                  f"'{edge['trg']}', which is not an EDU and an ADU")
            segments[edge["trg"]].append(edge["src"])
    cursor = 0
    offsets: dict[str, tuple[int, int]] = {}
    for edu_id, words in edus.items():  # EDUs are in text order: each is looked for after the previous one
        if source_text is None:
            break
        at = source_text.find(words, cursor)
        if at < 0:
            at = source_text.find(words)
        if at >= 0:
            offsets[edu_id] = (at, at + len(words))
            cursor = at + len(words)
        else:
            losses.add("segment", "not found in the text", "quoted without an offset")
    nodes: list[dict[str, Any]] = []
    used_roles: dict[str, str] = {}
    for adu, role in adus.items():
        parts = [edus[edu] for edu in segments[adu]]
        node: dict[str, Any] = {"id": slug(adu, "adu"), "kind": "claim", "text": " ".join(parts) or adu}
        if source_text is not None and parts:
            node["quotes"] = [{"text": edus[edu], "source": source_id,
                               **({"start": offsets[edu][0], "end": offsets[edu][1]} if edu in offsets else {})}
                              for edu in segments[adu]]
        if role in ROLES:
            node["actors"] = [ROLES[role]]
            used_roles[ROLES[role]] = ROLES[role].capitalize()
        nodes.append(node)
    targeted = {edge["trg"] for edge in relations}
    out: list[dict[str, Any]] = []
    ids = {adu: slug(adu, "adu") for adu in adus}
    for edge in relations:  # every relation that is an inference node gets its id before any edge aims at it
        if edge["type"] in ("sup", "exa", "reb") or (edge["type"] == "und" and edge["id"] in targeted):
            ids[edge["id"]] = slug(edge["id"], "c")
    for edge in relations:
        kind, source, target = edge["type"], ids.get(edge["src"]), ids.get(edge["trg"])
        if source is None or target is None or edge["src"] not in adus:
            raise ArgmapError(f"{path}: edge '{edge['id']}' ({kind}) joins '{edge['src']}' to '{edge['trg']}': "
                              "its source must be an ADU and its target an ADU or a relation")
        if kind == "add":
            if edge["trg"] not in by_id:
                raise ArgmapError(f"{path}: 'add' edge '{edge['id']}' must aim at a relation, not '{edge['trg']}'")
            out.append({"source": source, "target": target, "type": "supports"})
        elif kind in ("sup", "exa", "reb") or edge["id"] in ids:
            inference = ids[edge["id"]]
            label = _LABELS.get(kind, kind)
            node = {"id": inference, "kind": "inference", "text": f"{label} {edge['id']}: {edge['src']} on "
                    f"{edge['trg']}"}
            if kind == "exa":
                node["scheme"] = "example"
            nodes.append(node)
            out.append({"source": source, "target": inference, "type": "supports"})
            bears = "supports" if kind in ("sup", "exa") else "attacks"
            if kind == "und" or (kind != "reb" and edge["trg"] in by_id):
                bears = "attacks" if kind == "und" else "supports"
            out.append({"source": inference, "target": target, "type": bears})
        elif kind == "und":
            out.append({"source": source, "target": target, "type": "undercuts"})
        else:
            losses.add(f"'{kind}' edge", "dropped", "not an arg-microtexts relation type (seg, sup, exa, reb, "
                       "und, add)")
    data: dict[str, Any] = {"title": name, "description": _description(root), "actors": used_roles,
                            "nodes": nodes, "relations": out}
    if source_text is not None:
        data["sources"] = [{"id": source_id, "title": f"arg-microtexts {name}", "path": str(beside.resolve())}]
    else:
        losses.add("segment", "not quoted", f"no text beside the file ({beside.name})", n=len(edus))
    return Imported({key: value for key, value in data.items() if value is not None}, losses.report())


def _description(root: ET.Element) -> str | None:
    parts = [f"{key}: {root.get(key)}" for key in ("topic_id", "stance") if root.get(key)]
    return "; ".join(parts) or None
