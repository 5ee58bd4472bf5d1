"""An Argdown document as an argmap map: equivalence classes become statements, arguments inference nodes.

- A statement (an equivalence class) is a claim, or the kind its YAML data (`{kind: forecast, probability: 0.7}`)
  or a tag (`#evidence`) names; the data's argmap fields (probability, words, resolution, quotes, ...) are kept,
  its other keys counted as lost. Further member texts of a class are kept in the node's note.
- An argument is an inference node. With a premise-conclusion structure, each inferential step is one: its
  premises support it and it supports its conclusion (the argument's own node is the last step); the rules of an
  expanded inference become the warrant.
- Relations: support and entailment are `supports`, attack and contrariness `attacks`, contradiction two
  attacks, undercut `undercuts`; what argmap cannot tell apart is counted as a loss.
- Headings are themes; the front matter's `argmap` key carries a map written by argmap (its title, sources,
  vocabularies, scenarios) back in.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from argmap.formats._argdown_model import ArgdownDocument, Argument
from argmap.formats.interop import Ids, Losses, node_text, slug
from argmap.model import Claim, Evidence, Forecast, Inference
from argmap.model.adapters import NODE_ADAPTER

_CLASSES: dict[str, Any] = {"claim": Claim, "evidence": Evidence, "forecast": Forecast, "inference": Inference}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RELATION_TYPES = {"support": "supports", "entails": "supports", "attack": "attacks", "contrary": "attacks",
                   "contradictory": "attacks", "undercut": "undercuts"}
_SCHEMES = ("abduction", "causal", "analogy", "authority", "sign", "example", "consequences", "generalisation",
            "practical", "deduction")
#: Data keys argmap writes for itself (see `_argdown_write`), not node fields.
RELATIONS_KEY = "argmap_relations"


def argdown_to_map(doc: ArgdownDocument, losses: Losses) -> dict[str, Any]:
    """The map data (argmap's authoring form) of a parsed Argdown document; what does not fit goes to `losses`."""
    return _Converter(doc, losses).run()


class _Converter:
    def __init__(self, doc: ArgdownDocument, losses: Losses) -> None:
        self.doc = doc
        self.losses = losses
        self.ids = Ids()
        self.nodes: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.keys: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.statement_ids: dict[str, str] = {}
        self.argument_ids: dict[str, str] = {}
        self.step_ids: dict[tuple[str, int], str] = {}
        self.tags: dict[str, str] = {}
        self.themes: dict[str, str] = {}
        self.extra_relations: list[tuple[str, dict[str, Any]]] = []

    def run(self) -> dict[str, Any]:
        header = self._header()
        section_theme = self._sections()
        for ec in self.doc.statements.values():
            self._statement(ec.title, ec, section_theme)
        for arg in self.doc.arguments.values():
            self._argument(arg, section_theme)
        for rel in self.doc.relations:
            self._relation(rel.type, rel.source, rel.source_kind, rel.target, rel.target_kind, rel.conclusion_index)
        for source, entry in self.extra_relations:
            self._extra_relation(source, entry)
        data: dict[str, Any] = {"argmap": 1, "title": header.pop("title", None) or "Imported from Argdown"}
        data.update(header)
        data.setdefault("tags", {}).update({k: v for k, v in self.tags.items() if k not in data["tags"]})
        data.setdefault("themes", {}).update({k: v for k, v in self.themes.items() if k not in data["themes"]})
        data["nodes"] = self.nodes
        data["relations"] = self.relations
        return {key: value for key, value in data.items() if value not in ({}, [])}

    # -- header and sections -------------------------------------------------------------------------------------

    def _header(self) -> dict[str, Any]:
        front = self.doc.front_matter if isinstance(self.doc.front_matter, dict) else {}
        header: dict[str, Any] = {}
        own = front.get("argmap")
        if isinstance(own, dict):
            header.update({k: v for k, v in own.items() if k in ("title", "description", "sources", "tags",
                                                                  "actors", "themes", "scenarios")})
        if "title" not in header and isinstance(front.get("title"), str) and front["title"].strip():
            header["title"] = front["title"].strip()
        return header

    def _sections(self) -> dict[str, str]:
        theme_of: dict[str, str] = {}
        taken: dict[str, str] = {}
        for section in self.doc.sections:
            theme = slug(section.title, "section")
            while theme in taken and taken[theme] != section.title:
                theme += "-x"
            taken[theme] = section.title
            theme_of[section.id] = theme
        self._section_titles = taken
        return theme_of

    def _theme(self, section: str | None, theme_of: dict[str, str]) -> list[str]:
        if section is None or section not in theme_of:
            return []
        theme = theme_of[section]
        self.themes[theme] = self._section_titles[theme]
        return [theme]

    # -- nodes ---------------------------------------------------------------------------------------------------

    def _new_id(self, wish: str | None, title: str, text: str, untitled: bool) -> str:
        if isinstance(wish, str) and _SLUG.match(wish):
            return self.ids.new(wish)
        if not untitled and _SLUG.match(title):
            return self.ids.new(title)
        return self.ids.new(slug(text if untitled else title, "statement"))

    def _fields(self, kind: str, data: dict[str, Any], tags: list[str]) -> tuple[dict[str, Any], list[str]]:
        """The argmap fields in Argdown data, and the tags that remain once a kind tag is taken."""
        known = set(_CLASSES[kind].model_fields) - {"id", "kind", "text"}
        fields: dict[str, Any] = {}
        dropped = 0
        for key, value in data.items():
            if key in known:
                fields[key] = value
            elif key not in ("kind", "id", RELATIONS_KEY):
                dropped += 1
        self.losses.add("YAML data field", "dropped", "argmap has no field for it", n=dropped)
        rest = [tag for tag in tags if tag not in _CLASSES]
        return fields, rest

    def _kind(self, data: dict[str, Any], tags: list[str], default: str, allowed: tuple[str, ...]) -> str:
        kind = data.get("kind")
        if isinstance(kind, str) and kind in allowed:
            return kind
        for tag in tags:
            if tag in allowed:
                return tag
        return default

    def _add_node(self, node: dict[str, Any], tags: list[str]) -> None:
        slugs = []
        for tag in tags:
            tag_id = slug(tag, "tag")
            self.tags.setdefault(tag_id, tag)
            if tag_id not in slugs:
                slugs.append(tag_id)
        if slugs:
            node["tags"] = sorted(set(node.get("tags") or []) | set(slugs), key=(list(node.get("tags") or [])
                                                                              + slugs).index)
        for _ in range(8):  # drop the values argmap refuses, one error at a time
            try:
                NODE_ADAPTER.validate_python(node)
                break
            except ValidationError as exc:
                field = exc.errors()[0]["loc"]
                key = next((part for part in field if isinstance(part, str) and part in node
                            and part not in ("id", "kind", "text")), None)
                if key is None:
                    break
                node.pop(key)
                self.losses.add("YAML data value", "dropped", "not a valid value for argmap")
        self.nodes.append(node)

    def _statement(self, title: str, ec: Any, theme_of: dict[str, str]) -> None:
        data = dict(ec.data)
        kind = self._kind(data, ec.tags, "claim", ("claim", "evidence", "forecast"))
        untitled = re.fullmatch(r"Untitled \d+", title) is not None
        texts = [t for t in ec.texts if t]
        text = node_text(texts[0] if texts else "", title)
        node: dict[str, Any] = {"id": self._new_id(data.get("id"), title, text, untitled), "kind": kind,
                                "text": text}
        fields, tags = self._fields(kind, data, ec.tags)
        node.update(fields)
        if len(texts) > 1:
            others = "; ".join(dict.fromkeys(t for t in texts[1:] if t != texts[0]))
            if others:
                node["note"] = (str(node["note"]) + "\n" if node.get("note") else "") + "Also stated as: " + others
                self.losses.add("further member text", "kept in a note", "argmap keeps one text per statement",
                                n=len(texts) - 1)
        themes = self._theme(ec.section, theme_of)
        if themes and "themes" not in fields:
            node["themes"] = themes
        self.statement_ids[title] = node["id"]
        self._queue_relations(node["id"], data)
        self._add_node(node, tags)

    def _argument(self, arg: Argument, theme_of: dict[str, str]) -> None:
        data = dict(arg.data)
        description = next((d for d in arg.descriptions if d.strip()), "")
        text = node_text(description, arg.title)
        untitled = re.fullmatch(r"Untitled \d+", arg.title) is not None
        if len(arg.descriptions) > 1:
            self.losses.add("further argument description", "dropped", "argmap keeps one text per inference",
                            n=len([d for d in arg.descriptions if d.strip()]) - 1)
        main_id = self._new_id(data.get("id"), arg.title, text, untitled)
        self.argument_ids[arg.title] = main_id
        themes = self._theme(arg.section, theme_of)
        steps: list[tuple[list[str], str, Any]] = []
        premises: list[str] = []
        for item in arg.pcs:
            if item.role == "premise":
                premises.append(item.title)
            else:
                steps.append((premises, item.title, item.inference))
                premises = [item.title]
        for number, (step_premises, conclusion, inference) in enumerate(steps):
            last = number == len(steps) - 1
            node_id = main_id if last else self.ids.new(f"{main_id}-step-{number + 1}")
            self.step_ids[(arg.title, number)] = node_id
            node: dict[str, Any] = {"id": node_id, "kind": "inference",
                                    "text": text if last else f"{text} (step {number + 1})"}
            if last:
                fields, tags = self._fields("inference", data, arg.tags)
                node.update(fields)
            else:
                tags = []
            self._inference_fields(node, inference)
            if themes:
                node.setdefault("themes", themes)
            self._add_node(node, tags)
            for premise in step_premises:
                self._link(self.statement_ids[premise], node_id, "supports")
            self._link(node_id, self.statement_ids[conclusion], "supports")
        if not steps:
            node = {"id": main_id, "kind": "inference", "text": text}
            fields, tags = self._fields("inference", data, arg.tags)
            node.update(fields)
            if themes:
                node.setdefault("themes", themes)
            self._add_node(node, tags)
        self._queue_relations(main_id, data)

    def _inference_fields(self, node: dict[str, Any], inference: Any) -> None:
        if inference is None:
            return
        data = inference.data if isinstance(inference.data, dict) else {}
        for key in ("scheme", "warrant", "strength"):
            if key in data and key not in node:
                node[key] = data[key]
        extra = [k for k in data if k not in ("scheme", "warrant", "strength")]
        self.losses.add("inference data field", "dropped", "argmap keeps only scheme, warrant and strength",
                        n=len(extra))
        rules = list(inference.rules)
        for rule in rules:
            if rule.lower() in _SCHEMES and "scheme" not in node:
                node["scheme"] = rule.lower()
        if rules and "warrant" not in node:
            node["warrant"] = ", ".join(rules)

    # -- relations -----------------------------------------------------------------------------------------------

    def _queue_relations(self, node_id: str, data: dict[str, Any]) -> None:
        entries = data.get(RELATIONS_KEY)
        if isinstance(entries, list):
            self.extra_relations.extend((node_id, e) for e in entries if isinstance(e, dict))

    def _end(self, title: str, kind: str, index: int | None) -> str | None:
        if kind == "statement":
            return self.statement_ids.get(title)
        if kind == "inference":
            arg = self.doc.arguments.get(title)
            steps = [n for n, s in enumerate(arg.pcs) if s.role != "premise"] if arg else []
            if index is not None and index in steps:
                return self.step_ids.get((title, steps.index(index)))
        return self.argument_ids.get(title)

    def _relation(self, rtype: str, source: str, source_kind: str, target: str, target_kind: str,
                  index: int | None) -> None:
        src, tgt = self._end(source, source_kind, index), self._end(target, target_kind, index)
        if src is None or tgt is None or src == tgt:
            return
        kind = _RELATION_TYPES[rtype]
        if rtype == "entails":
            self.losses.add("entailment", "kept as supports", "argmap does not tell entailment from support")
        elif rtype == "contrary":
            self.losses.add("contrary relation", "kept as attacks", "argmap has no symmetric relation")
        elif rtype == "contradictory":
            self.losses.add("contradictory relation", "kept as two attacks", "argmap has no symmetric relation")
            self._link(tgt, src, "attacks")
        if kind == "undercuts" and target_kind == "statement":
            kind = "attacks"
            self.losses.add("undercut of a statement", "kept as attacks",
                            "argmap undercuts only inferences", plural="undercuts of statements")
        self._link(src, tgt, kind)

    def _link(self, source: str, target: str, rtype: str, **extra: Any) -> None:
        key = (source, rtype, target)
        if key in self.keys:
            self.keys[key].update(extra)
            return
        relation = {"source": source, "target": target, "type": rtype, **extra}
        self.keys[key] = relation
        self.relations.append(relation)

    def _extra_relation(self, source: str, entry: dict[str, Any]) -> None:
        target = entry.get("target")
        rtype = entry.get("type")
        if not isinstance(target, str) or rtype not in ("supports", "attacks", "undercuts", "condition", "requires"):
            self.losses.add("argmap relation in YAML data", "dropped", "it names no target or type")
            return
        extra = {k: v for k, v in entry.items() if k in ("note", "weight", "by", "drafted")}
        self._link(source, target, str(rtype), **extra)
