"""Reading map files: fast safe parsing of YAML (libyaml) and JSON, with positioned syntax errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from argmap.io.diagnostics import Diagnostic

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


def detect_format(path: Path, text: str | None = None) -> str:
    """`json` for .json files (or text that starts with `{`), else `yaml`."""
    if path.suffix.lower() == ".json":
        return "json"
    if text is not None and path.suffix.lower() not in (".yaml", ".yml") and text.lstrip().startswith("{"):
        return "json"
    return "yaml"


def parse_text(text: str, fmt: str, file: str) -> tuple[Any, list[Diagnostic]]:
    """Parse a map's text; a syntax error becomes one positioned diagnostic."""
    try:
        if fmt == "json":
            return json.loads(text), []
        return yaml.load(text, Loader=MapLoader), []
    except json.JSONDecodeError as exc:
        return None, [Diagnostic(file, "error", "syntax", f"invalid JSON: {exc.msg}", line=exc.lineno,
                                 column=exc.colno)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        message = f"invalid YAML: {problem}{context}"
        if "found character '\\t'" in message or (mark is not None and text[mark.index: mark.index + 1] == "\t"):
            message += "; indent with spaces, not tabs"
        return None, [Diagnostic(file, "error", "syntax", message, line=mark.line + 1 if mark else 1,
                                 column=mark.column + 1 if mark else 1)]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(file, "error", "syntax", f"invalid YAML: {exc}", line=1, column=1)]
