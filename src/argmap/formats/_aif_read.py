"""The AIF importer: AIFdb JSON nodesets and OVA3's xAIF (AIF, OVA layout, text with span anchors).

I-nodes become claims; RA-nodes inferences (premises support them, they support their conclusions); a CA-node
with one premise becomes `attacks` (on a statement) or `undercuts` (on an RA-node); a CA-node that is itself
attacked or supported, or has several premises, becomes a con-argument inference so that attacks on attacks
survive. The dialogue layer gives each statement its speakers (actors) and, through the L- and YA-nodes or OVA's
span anchors, the speaker's verbatim words as quotes with offsets into the text when the text is at hand. Nodes
written by argmap's own AIF export carry an `argmap` key that restores what AIF cannot hold (docs/formats.md).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Protocol

from argmap.formats._aif_dialogue import Dialogue
from argmap.formats._aif_graph import EXTENSION, Graph, json_of
from argmap.formats._ova_text import looks_like_html, strip_html
from argmap.formats.interop import MAP_EXTRAS, Ids, Imported, Losses, folded, imported_sources, node_text, slugs
from argmap.memory import collector_paused

SOURCE_ID = "text"
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
_ARGUMENT = {"I", "RA", "CA"}  # what an S-node may bear on
_BEARING = {"RA", "CA", "PA"}  # S-nodes that bear on another S-node


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


def read_aif(path: Path, *, text: str | None = None) -> Imported:
    """The map of an AIFdb nodeset or an xAIF file, with its losses (`ArgmapError` for a file that is not one)."""
    with collector_paused():  # thousands of small dicts and lists, no cycles
        return _read(path, text)


def _read(path: Path, text: str | None) -> Imported:
    data, extended = json_of(path, text)
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
    graph = Graph(path, aif, losses, extended=extended)
    built = _Builder(graph, losses).build(Dialogue(graph, source_text, spans, losses))
    ext: dict[str, Any] = aif[EXTENSION] if isinstance(aif.get(EXTENSION), dict) else {}
    result: dict[str, Any] = {"title": ext.get("title") or path.stem}
    for key in MAP_EXTRAS:
        if key not in ("title", "sources", "actors") and ext.get(key):
            result[key] = ext[key]
    sources = imported_sources(list(ext.get("sources") or []), path)
    if source is not None and not ext.get("sources"):
        sources.append(source)
    if sources:
        result["sources"] = sources
    result["actors"] = {**built.actors, **(ext.get("actors") or {})}
    result["nodes"], result["relations"] = built.nodes, built.relations
    return Imported(result, losses.report(), texts)


class Anchors(Protocol):
    """What gives kept nodes their quotes and actors: the dialogue layer, or a format's own passages."""

    def anchor(self, names: dict[str, str], actors: dict[str, str]) -> dict[str, dict[str, Any]]: ...


def argument_layer(path: Path, aif: dict[str, Any], losses: Losses, anchors: Anchors) -> _Built:
    """Nodes, relations and actors of the argument layer of `aif` (`nodes` and `edges` in AIF's shape), for the
    formats read through it (SADFace, a GraphML of AIF nodes)."""
    with collector_paused():
        return _Builder(Graph(path, aif, losses), losses).build(anchors)


class _Built:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.actors: dict[str, str] = {}


class _Builder:
    """Turns the argument layer of a nodeset into argmap nodes and relations."""

    def __init__(self, graph: Graph, losses: Losses) -> None:
        self.graph = graph
        self.by_id, self.types = graph.by_id, graph.types
        self.ins, self.outs = graph.ins, graph.outs
        self.edge_ext = graph.edge_ext
        self.losses = losses

    def build(self, dialogue: Anchors) -> _Built:
        built = _Built()
        ids = Ids()
        names: dict[str, str] = {}
        by_id, types, extended = self.by_id, self.types, self.graph.extended
        if extended:
            for key, node in by_id.items():  # argmap's own ids first, so they stay as they were
                ext = node.get(EXTENSION)
                if ext is not None and isinstance(ext, dict) and isinstance(ext.get("id"), str):
                    names[key] = ids.new(ext["id"])
        kinds: dict[str, str] = {}
        new = ids.new
        texts = folded([by_id[key].get("text") for key, kind in types.items() if kind == "I"])
        wishes = iter(slugs(texts, "statement"))
        for key, kind in types.items():
            if kind == "I":
                kinds[key] = kind
                wish = next(wishes)
                if key not in names:
                    names[key] = new(wish)
            elif (kind == "RA" and not extended) or (kind in ("RA", "CA") and self._as_node(key)):
                kinds[key] = kind
                if key not in names:
                    names[key] = new("inference" if kind == "RA" else "conflict")
        every = Counter(types.values())
        counted = {known: every[known] for known in _KNOWN}
        anchored = dialogue.anchor(names, built.actors)
        nodes, make_node, get_quotes = built.nodes, self._node, anchored.get
        if extended:
            for key, kind in kinds.items():
                nodes.append(make_node(key, kind, names[key], get_quotes(key)))
        else:  # the common claims made here, the rest by `_node`
            said = iter(texts)
            for key, kind in kinds.items():
                if kind == "I":
                    name = names[key]
                    item = {"id": name, "kind": "claim", "text": next(said) or name}
                    quotes = get_quotes(key)
                    if quotes:
                        item.update(quotes)
                    nodes.append(item)
                elif kind == "RA" and by_id[key].get("text") == "Default Inference" and "scheme" not in by_id[key]:
                    nodes.append({"id": names[key], "kind": "inference", "text": "Default Inference"})
                else:
                    nodes.append(make_node(key, kind, names[key], get_quotes(key)))
        notes = self._relations(kinds, names, built, rephrases=every["MA"] > 0)
        if notes:
            by_name: dict[str, dict[str, Any]] = {}
            for item in built.nodes:
                by_name.setdefault(item["id"], item)
            for key, note in notes.items():
                found = by_name.get(names[key])
                if found is not None:
                    found["note"] = f"{found['note']} {note}" if found.get("note") else note
        self.losses.add("locution (L-node)", "dropped", "argmap keeps no dialogue layer (their speakers are actors, "
                        "their words quotes)", n=counted["L"], plural="locutions (L-nodes)")
        self.losses.add("illocution (YA-node)", "dropped", "argmap keeps no illocutionary force", n=counted["YA"],
                        plural="illocutions (YA-nodes)")
        self.losses.add("transition (TA-node)", "dropped", "argmap keeps no dialogue transitions", n=counted["TA"],
                        plural="transitions (TA-nodes)")
        self.losses.add("preference (PA-node)", "dropped", "argmap has no preference relation", n=counted["PA"],
                        plural="preferences (PA-nodes)")
        self.losses.add("rephrase (MA-node)", "kept as a note", "argmap has no rephrase relation",
                        n=counted["MA"], plural="rephrases (MA-nodes)")
        self.losses.add("node of an unknown type", "dropped", "AIF knows I, L, RA, CA, MA, YA, TA, PA",
                        n=len(types) - sum(counted.values()), plural="nodes of unknown types")
        return built

    def _as_node(self, key: str) -> bool:
        """Whether an S-node becomes an inference node: every RA-node, and a CA-node that is not one plain attack
        (argmap's own export says so; else several premises or conclusions, or something bears on it)."""
        ext = self.by_id[key].get(EXTENSION) if self.graph.extended else None
        if ext is not None and isinstance(ext, dict):
            return "relation" not in ext
        types = self.types
        if types[key] == "RA":
            return True
        premises = 0
        for other in self.ins.get(key, ()):
            kind = types[other]
            if kind == "I":
                premises += 1
            elif kind in _BEARING:  # something bears on it
                return True
        if premises != 1:
            return True
        targets = 0
        for other in self.outs.get(key, ()):
            if types[other] in _ARGUMENT:
                targets += 1
        return targets != 1

    def _node(self, key: str, kind: str, name: str, quotes: dict[str, Any] | None) -> dict[str, Any]:
        node = self.by_id[key]
        if kind == "I":
            result: dict[str, Any] = {"id": name, "kind": "claim", "text": node_text(node.get("text"), name)}
            if quotes:
                result.update(quotes)
        elif kind == "RA" and "scheme" not in node and node.get("text") == "Default Inference":  # the common case
            result = {"id": name, "kind": "inference", "text": "Default Inference"}
        else:
            scheme, aif_name = scheme_of(node) if kind == "RA" else (None, None)
            label = "Conflict" if kind == "CA" else "Inference"
            result = {"id": name, "kind": "inference", "text": node_text(node.get("text"), label)}
            if scheme:
                result["scheme"] = scheme
            if aif_name and scheme == "other":
                result["note"] = f"AIF scheme: {aif_name}."
        ext = node.get(EXTENSION) if self.graph.extended else None
        if ext is not None and isinstance(ext, dict):
            result.update({k: v for k, v in ext.items() if k not in ("id", "relation")})
            result["id"] = name
        return result

    def _relations(self, kinds: dict[str, str], names: dict[str, str], built: _Built, *,
                   rephrases: bool = True) -> dict[str, str]:
        """Make the relations into `built` in one pass over the edges, so that they come in the file's order: an
        I-node's edge into a kept inference makes a premise, a kept inference's edge out of it a conclusion (or an
        attack), and an I-node's edge into a plain RA- or CA-node a relation to each of that node's targets. An
        MA-node's rephrases come back as notes by AIF id (when `rephrases`: the nodeset has MA-nodes)."""
        direct = itself = 0
        types, outs, by_id = self.types, self.outs, self.by_id
        edge_ext, extended = self.edge_ext, self.graph.extended
        relation, get_name, get_ext = built.relations.append, names.get, edge_ext.get
        plain_targets: dict[str, list[str]] = {}  # a plain RA- or CA-node's targets, made when first needed
        for start, end in self.graph.kept:
            if start not in kinds:  # the dialogue layer's edges, and those out of a plain RA- or CA-node
                continue
            kind, aimed = kinds[start], types[end]
            if kind == "I":
                if aimed == "I":
                    direct += 1
                elif end in kinds:  # a premise of a kept inference
                    item = {"source": names[start], "target": names[end], "type": "supports"}
                    if edge_ext and (start, end) in edge_ext:
                        item.update(edge_ext[(start, end)])
                    relation(item)
                elif aimed == "RA" or aimed == "CA":  # a plain relation: this premise to each target
                    targets = plain_targets.get(end)
                    if targets is None:
                        targets = plain_targets[end] = [t for t in outs.get(end, ()) if t in kinds or
                                                        types[t] in ("RA", "CA")]
                    if not targets:
                        continue
                    ext = by_id[end].get(EXTENSION) if extended else None
                    own = ext.get("relation") if isinstance(ext, dict) else None
                    own = own if isinstance(own, dict) else None
                    source = names[start]
                    for target in targets:
                        end_name = get_name(target)
                        if end_name is None:
                            continue
                        if start == target:
                            itself += 1
                            continue
                        item = {"source": source, "target": end_name, "type": "supports" if aimed == "RA" else
                                ("attacks" if types[target] == "I" else "undercuts")}
                        extra = own or (get_ext((start, target)) if edge_ext else None)
                        if extra:
                            item.update(extra)
                        relation(item)
            else:  # a kept inference bears on its target
                if end not in kinds and aimed != "RA" and aimed != "CA":
                    continue
                if aimed == "I" or kind == "CA" or (start, end) in edge_ext:
                    end_name = get_name(end)
                    if end_name is None:
                        continue
                    if end == start:
                        itself += 1
                        continue
                    item = {"source": names[start], "target": end_name,
                            "type": "supports" if kind == "RA" else "attacks"}
                    if edge_ext and (start, end) in edge_ext:
                        item.update(edge_ext[(start, end)])
                    relation(item)
                elif end in names:  # an inference for an inference: through a conclusion of its own
                    self._through_statement(built, names, start, end)
        self.losses.add("relation of a node to itself", "dropped", "a node cannot bear on itself", n=itself,
                        plural="relations of nodes to themselves")
        self.losses.add("edge between two I-nodes", "dropped", "AIF relates statements only through S-nodes",
                        n=direct, plural="edges between two I-nodes")
        return self._rephrases(kinds, names) if rephrases else {}

    def _rephrases(self, kinds: dict[str, str], names: dict[str, str]) -> dict[str, str]:
        """Per AIF id of a kept node (or an RA- or CA-node) an MA-node rephrases, the note that says so (the last
        MA-node's, in the file's order)."""
        notes: dict[str, str] = {}
        types, ins, outs = self.types, self.ins, self.outs
        for key, kind in types.items():
            if kind != "MA":
                continue
            said = [f"'{names[p]}'" for p in ins.get(key, ()) if types[p] == "I" and p in names]
            for target in outs.get(key, ()):
                if said and target in names and (target in kinds or types[target] in ("RA", "CA")):
                    notes[target] = f"Rephrases {', '.join(said)} (AIF MA)."
        return notes

    def _through_statement(self, built: _Built, names: dict[str, str], start: str, end: str) -> None:
        """An inference `start` bearing on the inference `end`: a statement that `end` holds, which `start`
        supports and which supports `end`, both placed where the edge between them stands."""
        claim = f"{names[start]}-for-{names[end]}"
        built.nodes.append({"id": claim, "kind": "claim", "by": "analyst",
                            "text": f"The step '{names[end]}' holds (what '{names[start]}' concludes, in AIF)."})
        built.relations.append({"source": names[start], "target": claim, "type": "supports", "by": "analyst"})
        built.relations.append({"source": claim, "target": names[end], "type": "supports", "by": "analyst"})
        self.losses.add("inference for an inference", "given a conclusion statement",
                        "argmap chains inferences through statements", plural="inferences for inferences")
