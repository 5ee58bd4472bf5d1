"""How argmap reads YAML: libyaml's safe loader with dates left as text (pydantic parses them) and duplicate keys
refused. Loading (`argmap.io.parse`), the layout scanners and the editing engine all read with it."""

from __future__ import annotations

from typing import Any

import yaml

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class MapLoader(_Base):
    """libyaml's safe loader, with dates left as text (pydantic parses them) and duplicate keys refused."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - the base class defines it this way
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key '{key}' (a later value would silently replace the earlier)",
                        key_node.start_mark,
                    )
                seen.add(key)
        return mapping
