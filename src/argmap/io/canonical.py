"""Canonical output: the JSON contract scripts rely on, and the canonical YAML layout of `argmap fmt`.

Canonical JSON has every field, in a fixed order, with quote offsets and effective forecast probabilities.
Canonical YAML is for people: defaults and derived values are left out, quotes of the default source are plain
strings.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from argmap.model import ArgMap

_NODE_ORDER = ("id", "kind", "text", "quotes")


def _order_node(node: dict[str, Any]) -> dict[str, Any]:
    ordered = {key: node[key] for key in _NODE_ORDER if key in node}
    ordered.update((key, value) for key, value in node.items() if key not in ordered)
    return ordered


def to_canonical(amap: ArgMap) -> dict[str, Any]:
    """The canonical JSON form as Python data."""
    data = amap.model_dump(mode="json")
    data["nodes"] = [_order_node(node) for node in data["nodes"]]
    return data


def dump_json(amap: ArgMap) -> str:
    """Canonical JSON text (UTF-8, two-space indent, trailing newline)."""
    return json.dumps(to_canonical(amap), ensure_ascii=False, indent=2) + "\n"


def to_authoring(amap: ArgMap, *, offsets: bool = False) -> dict[str, Any]:
    """The map as a person would write it: no defaults, no derived values. `offsets` keeps the quotes' `start`
    and `end` (an imported map's exact anchors into its source, which choose between repeated passages)."""
    single = amap.default_source_id
    data = amap.model_dump(mode="json", exclude_defaults=True)
    data.setdefault("title", amap.title)
    data.pop("argmap", None)
    data = {"argmap": amap.argmap, **data}
    for node, model in zip(data.get("nodes", []), amap.nodes, strict=True):
        node["kind"] = model.kind
        if node.pop("probability_basis", None) == "scale":
            node.pop("probability", None)
        quotes = []
        for quote in node.get("quotes", []):
            if not offsets:
                quote.pop("start", None)
                quote.pop("end", None)
            if quote.get("source") == single:
                quote.pop("source", None)
            quotes.append(quote["text"] if list(quote) == ["text"] else quote)
        if quotes:
            node["quotes"] = quotes
    data["nodes"] = [_order_node(node) for node in data.get("nodes", [])]
    return data


class _Dumper(yaml.SafeDumper):
    """Block style, long lines kept whole, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # lists indented under their key, as people write them


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(amap: ArgMap, *, offsets: bool = False) -> str:
    """Canonical YAML text (`offsets`: keep the quotes' `start` and `end`)."""
    return yaml.dump(to_authoring(amap, offsets=offsets), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=110, default_flow_style=False)
