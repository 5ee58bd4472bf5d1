"""The AIF importer: AIFdb JSON nodesets and OVA3's xAIF (AIF, OVA layout, text with span anchors).

I-nodes become claims; RA-nodes inferences (premises support them, they support their conclusions); a CA-node
with one premise becomes `attacks` (on a statement) or `undercuts` (on an RA-node); a CA-node that is itself
attacked or supported, or has several premises, becomes a con-argument inference so that attacks on attacks
survive. The dialogue layer gives each statement its speakers (actors) and, through the L- and YA-nodes or OVA's
span anchors, the speaker's verbatim words as quotes with offsets into the text when the text is at hand. Nodes
written by argmap's own AIF export carry an `argmap` key that restores what AIF cannot hold (docs/formats.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.formats._aif_dialogue import Dialogue
from argmap.formats._ova_text import looks_like_html, strip_html
from argmap.formats.interop import MAP_EXTRAS, Ids, Imported, Losses, node_text, slug

SOURCE_ID = "text"
EXTENSION = "argmap"
_SCHEME_WORDS = (
    ("analog", "analogy"), ("expert", "authority"), ("position to know", "authority"), ("authority", "authority"),
    ("witness", "authority"), ("popular", "authority"), ("cause", "causal"), ("causal", "causal"),
    ("correlation", "causal"), ("sign", "sign"), ("example", "example"), ("consequence", "consequences"),
    ("practical", "practical"), ("values", "practical"), ("abduct", "abduction"), ("best explanation", "abduction"),
    ("deduct", "deduction"), ("modus", "deduction"), ("generali", "generalisation"), ("induct", "generalisation"),
    ("established rule", "generalisation"), ("classification", "other"), ("commitment", "other"),
)
_DEFAULTS = {"", "ra", "default inference", "default conflict", "ca", "inference", "conflict"}
_KNOWN = {"I", "RA", "CA", "MA", "PA", "L", "YA", "TA"}


def sniff_aif(head: str) -> bool:
    """AIFdb JSON starts with `nodes` whose entries have `nodeID`; xAIF wraps it in `AIF`."""
    return '"nodeID"' in head or '"AIF"' in head or ('"nodes"' in head and '"edges"' in head
                                                     and '"locutions"' in head)


def scheme_of(node: dict[str, Any]) -> tuple[str | None, str | None]:
    """argmap's scheme for an RA-node (from `scheme`, else its text) and the AIF name when it is no default."""
    name = str(node.get("scheme") or node.get("text") or "").strip()
    lowered = name.lower()
    if lowered in _DEFAULTS:
        return None, None
    for word, scheme in _SCHEME_WORDS:
        if word in lowered:
            return scheme, name
    return "other", name


def _load(path: Path, text: str | None) -> Any:
    if text is None:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArgmapError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
        except OSError as exc:
            raise ArgmapError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArgmapError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise ArgmapError(f"{path}: JSON nested too deeply to be an AIF nodeset") from None


def _checked(path: Path, aif: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    if not isinstance(aif, dict) or "nodes" not in aif or not isinstance(aif.get("nodes"), list) \
            or not isinstance(aif.get("edges", []), list):
        raise ArgmapError(f"{path}: not an AIF nodeset: expected an object with lists 'nodes' and 'edges'")
    nodes = aif.get("nodes") or []
    for index, node in enumerate(nodes):
        if not isinstance(node, dict) or "nodeID" not in node or "type" not in node:
            raise ArgmapError(f"{path}: nodes[{index}] is not an AIF node: each needs 'nodeID' and 'type'")
    edges = aif.get("edges") or []
    for index, edge in enumerate(edges):
        if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
            raise ArgmapError(f"{path}: edges[{index}] is not an AIF edge: each needs 'fromID' and 'toID'")
    locutions = aif.get("locutions") or []
    return nodes, edges, [item for item in locutions if isinstance(item, dict)] if isinstance(locutions, list) else []


def read_aif(path: Path, *, text: str | None = None) -> Imported:
    """The map of an AIFdb nodeset or an xAIF file, with its losses (`ArgmapError` for a file that is not one)."""
    data = _load(path, text)
    losses = Losses()
    source_text: str | None = None
    spans: dict[str, tuple[int, int]] = {}
    texts: dict[str, str] = {}
    source: dict[str, Any] | None = None
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):  # OVA3's xAIF
        aif = data["AIF"]
        ova: dict[str, Any] = data["OVA"] if isinstance(data.get("OVA"), dict) else {}
        losses.add("OVA layout position", "dropped", "argmap lays maps out itself", n=len(ova.get("nodes") or []))
        raw = data.get("text")
        if isinstance(raw, str) and raw.strip():
            plain = strip_html(raw)
            source_text, spans = plain.text, plain.spans
            texts[SOURCE_ID] = source_text
            source = {"id": SOURCE_ID, "title": f"Text of {path.name}"}
    else:
        aif = data
        beside = path.with_suffix(".txt")
        if text is None and beside.is_file():
            try:
                raw = beside.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                raw = None
            if raw is not None and looks_like_html(raw):
                plain = strip_html(raw)
                source_text, spans = plain.text, plain.spans
                texts[SOURCE_ID] = source_text
                source = {"id": SOURCE_ID, "title": f"Text of {path.name}"}
            elif raw is not None:
                source_text = raw
                source = {"id": SOURCE_ID, "title": beside.name, "path": str(beside.resolve())}
    nodes, edges, locutions = _checked(path, aif)
    built = _Builder(nodes, edges, losses).build(Dialogue(nodes, edges, source_text, spans, locutions, losses))
    ext: dict[str, Any] = aif[EXTENSION] if isinstance(aif.get(EXTENSION), dict) else {}
    result: dict[str, Any] = {"title": ext.get("title") or path.stem}
    for key in MAP_EXTRAS:
        if key not in ("title", "sources", "actors") and ext.get(key):
            result[key] = ext[key]
    sources = list(ext.get("sources") or [])
    if source is not None and not ext.get("sources"):
        sources.append(source)
    if sources:
        result["sources"] = sources
    result["actors"] = {**built.actors, **(ext.get("actors") or {})}
    result["nodes"], result["relations"] = built.nodes, built.relations
    return Imported(result, losses.report(), texts)


class _Built:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.actors: dict[str, str] = {}
        self.order: list[int] = []  # per relation, where its first edge stands: the file's order of relations


class _Builder:
    """Turns the argument layer of a nodeset into argmap nodes and relations."""

    def __init__(self, nodes: list[dict[str, Any]], edges: list[dict[str, Any]], losses: Losses) -> None:
        self.by_id = {str(node["nodeID"]): node for node in nodes}
        self.types = {key: str(node["type"]) for key, node in self.by_id.items()}
        self.losses = losses
        self.ins: dict[str, list[str]] = {key: [] for key in self.by_id}
        self.outs: dict[str, list[str]] = {key: [] for key in self.by_id}
        self.edge_ext: dict[tuple[str, str], dict[str, Any]] = {}
        self.edge_order: dict[tuple[str, str], int] = {}
        missing = 0
        for edge in edges:
            start, end = str(edge["fromID"]), str(edge["toID"])
            if start not in self.by_id or end not in self.by_id:
                missing += 1
                continue
            self.edge_order.setdefault((start, end), len(self.edge_order))
            self.outs[start].append(end)
            self.ins[end].append(start)
            if isinstance(edge.get(EXTENSION), dict):
                self.edge_ext[(start, end)] = edge[EXTENSION]
        losses.add("edge", "dropped", "it names a node the nodeset does not have", n=missing)


    def build(self, dialogue: Dialogue) -> _Built:
        built = _Built()
        ids = Ids()
        names: dict[str, str] = {}
        for key, node in self.by_id.items():  # argmap's own ids first, so they stay as they were
            ext = node.get(EXTENSION)
            if isinstance(ext, dict) and isinstance(ext.get("id"), str):
                names[key] = ids.new(ext["id"])
        kinds = {}
        for key, node in self.by_id.items():
            kind = self.types[key]
            if kind == "I" or (kind in ("RA", "CA") and self._as_node(key)):
                kinds[key] = kind
                if key not in names:
                    wish = slug(str(node.get("text") or ""), "statement") if kind == "I" else \
                        ("inference" if kind == "RA" else "conflict")
                    names[key] = ids.new(wish)
        dropped = {"L": 0, "YA": 0, "TA": 0, "PA": 0, "MA": 0, "other": 0}
        for key in self.by_id:
            kind = self.types[key]
            if kind in ("L", "YA", "TA", "PA", "MA"):
                dropped[kind] += 1
            elif kind not in _KNOWN:
                dropped["other"] += 1
        anchored = dialogue.anchor(names, built.actors)
        for key, kind in kinds.items():
            built.nodes.append(self._node(key, kind, names[key], anchored.get(key)))
        notes = self._relations(kinds, names, built)
        ranked = sorted(range(len(built.relations)), key=lambda i: built.order[i])
        built.relations = [built.relations[i] for i in ranked]
        for key, note in notes.items():
            node = next(item for item in built.nodes if item["id"] == names[key])
            node["note"] = f"{node['note']} {note}" if node.get("note") else note
        self.losses.add("locution (L-node)", "dropped", "argmap keeps no dialogue layer (their speakers are actors, "
                        "their words quotes)", n=dropped["L"], plural="locutions (L-nodes)")
        self.losses.add("illocution (YA-node)", "dropped", "argmap keeps no illocutionary force", n=dropped["YA"],
                        plural="illocutions (YA-nodes)")
        self.losses.add("transition (TA-node)", "dropped", "argmap keeps no dialogue transitions", n=dropped["TA"],
                        plural="transitions (TA-nodes)")
        self.losses.add("preference (PA-node)", "dropped", "argmap has no preference relation", n=dropped["PA"],
                        plural="preferences (PA-nodes)")
        self.losses.add("rephrase (MA-node)", "kept as a note", "argmap has no rephrase relation",
                        n=dropped["MA"], plural="rephrases (MA-nodes)")
        self.losses.add("node of an unknown type", "dropped", "AIF knows I, L, RA, CA, MA, YA, TA, PA",
                        n=dropped["other"], plural="nodes of unknown types")
        return built

    def _as_node(self, key: str) -> bool:
        """Whether an S-node becomes an inference node: every RA-node, and a CA-node that is not one plain attack
        (argmap's own export says so; else several premises or conclusions, or something bears on it)."""
        node = self.by_id[key]
        ext = node.get(EXTENSION)
        if isinstance(ext, dict):
            return "relation" not in ext
        if self.types[key] == "RA":
            return True
        premises = [p for p in self.ins[key] if self.types[p] == "I"]
        targets = [t for t in self.outs[key] if self.types[t] in ("I", "RA", "CA")]
        borne = any(self.types[other] in ("RA", "CA", "PA") for other in self.ins[key])
        return len(premises) != 1 or len(targets) != 1 or borne

    def _node(self, key: str, kind: str, name: str, quotes: dict[str, Any] | None) -> dict[str, Any]:
        node = self.by_id[key]
        ext: dict[str, Any] = node[EXTENSION] if isinstance(node.get(EXTENSION), dict) else {}
        if kind == "I":
            result: dict[str, Any] = {"id": name, "kind": "claim", "text": node_text(node.get("text"), name)}
            if quotes:
                result.update(quotes)
        else:
            scheme, aif_name = scheme_of(node) if kind == "RA" else (None, None)
            label = "Conflict" if kind == "CA" else "Inference"
            result = {"id": name, "kind": "inference", "text": node_text(node.get("text"), label)}
            if scheme:
                result["scheme"] = scheme
            if aif_name and scheme == "other":
                result["note"] = f"AIF scheme: {aif_name}."
        result.update({k: v for k, v in ext.items() if k not in ("id", "relation")})
        result["id"] = name
        return result

    def _relations(self, kinds: dict[str, str], names: dict[str, str], built: _Built) -> dict[str, str]:
        notes: dict[str, str] = {}
        direct = 0
        for key in self.by_id:
            kind = self.types[key]
            premises = [p for p in self.ins[key] if self.types[p] == "I"]  # an S-node bears on it from its side
            targets = [t for t in self.outs[key] if t in kinds or self.types[t] in ("RA", "CA")]
            if kind == "I":
                direct += sum(1 for t in self.outs[key] if self.types[t] == "I")
            elif kind == "MA":
                for target in targets:
                    said = [f"'{names[p]}'" for p in premises if p in names]
                    if target in names and said:
                        notes[target] = f"Rephrases {', '.join(said)} (AIF MA)."
            elif key in kinds:  # an S-node kept as an inference: premises support it, it bears on its targets
                for premise in premises:
                    self._relate(built, names, premise, key, "supports")
                for target in targets:
                    if self.types[target] == "I" or kind == "CA" or (key, target) in self.edge_ext:
                        self._relate(built, names, key, target, "supports" if kind == "RA" else "attacks")
                    elif target in names:  # an inference for an inference: through a conclusion of its own
                        self._through_statement(built, names, key, target)
            elif kind in ("RA", "CA"):  # a plain relation: one premise, one target
                ext = self.by_id[key].get(EXTENSION)
                relation = ext.get("relation") if isinstance(ext, dict) else None
                for premise in premises:
                    for target in targets:
                        default = "supports" if kind == "RA" else \
                            ("attacks" if self.types[target] == "I" else "undercuts")
                        self._relate(built, names, premise, target, default,
                                     relation if isinstance(relation, dict) else None, via=key)
        self.losses.add("edge between two I-nodes", "dropped", "AIF relates statements only through S-nodes",
                        n=direct, plural="edges between two I-nodes")
        return notes

    def _through_statement(self, built: _Built, names: dict[str, str], start: str, end: str) -> None:
        claim = f"{names[start]}-for-{names[end]}"
        built.nodes.append({"id": claim, "kind": "claim", "by": "analyst",
                            "text": f"The step '{names[end]}' holds (what '{names[start]}' concludes, in AIF)."})
        at = self.edge_order.get((start, end), len(self.edge_order))
        built.relations.append({"source": names[start], "target": claim, "type": "supports", "by": "analyst"})
        built.relations.append({"source": claim, "target": names[end], "type": "supports", "by": "analyst"})
        built.order.extend((at, at))
        self.losses.add("inference for an inference", "given a conclusion statement",
                        "argmap chains inferences through statements", plural="inferences for inferences")

    def _relate(self, built: _Built, names: dict[str, str], start: str, end: str, default: str,
                relation: dict[str, Any] | None = None, via: str | None = None) -> None:
        if start not in names or end not in names:
            return
        if start == end:
            self.losses.add("relation of a node to itself", "dropped", "a node cannot bear on itself",
                            plural="relations of nodes to themselves")
            return
        extra = relation or self.edge_ext.get((start, end)) or {}
        built.relations.append({"source": names[start], "target": names[end], "type": default, **extra})
        built.order.append(self.edge_order.get((start, via or end), len(self.edge_order)))
