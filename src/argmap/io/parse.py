"""Reading map files: fast safe parsing of YAML (yaml-rs, with libyaml for anything it refuses) and JSON,
with positioned syntax errors."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from argmap.errors import Diagnostic
from argmap.layout.yaml_loader import MAX_DEPTH, MapLoader, yaml_hazard

_yaml_rs: Any
try:
    _yaml_rs = importlib.import_module("yaml_rs")
except ImportError:  # pragma: no cover - a platform without its wheel: libyaml does the work
    _yaml_rs = None

def detect_format(path: Path, text: str | None = None) -> str:
    """`json` for .json files (or text that starts with `{`), else `yaml`."""
    if path.suffix.lower() == ".json":
        return "json"
    if text is not None and path.suffix.lower() not in (".yaml", ".yml") and text.lstrip().startswith("{"):
        return "json"
    return "yaml"


def _fast_yaml(text: str) -> Any:
    """The map's data through yaml-rs (a compiled parser, some 20x faster than libyaml's Python-built objects),
    or None when it is not available or refuses the text; the caller then takes the libyaml path, which gives
    the positioned error. Dates stay text and duplicate keys are refused, as with `MapLoader`."""
    if _yaml_rs is None:
        return None
    try:
        data = _yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any refusal: the libyaml path explains it with a position
        return None
    return data if isinstance(data, dict) else None


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth_hazard(text: str) -> tuple[int, int] | None:
    """Where a JSON text first nests deeper than `MAX_DEPTH` (1-based line and column), or None.

    >>> json_depth_hazard("[" * 101 + "]" * 101), json_depth_hazard("[[]]")
    ((1, 101), None)
    """
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                offset = token.start()
                return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        elif char in "]}":
            depth -= 1
    return None


def too_deep(file: str, line: int, column: int) -> Diagnostic:
    """The finding for values nested deeper than any map needs."""
    return Diagnostic(file, "error", "syntax", f"values nest deeper than {MAX_DEPTH} levels; a map needs no more "
                      "than six", line=line, column=column)


_CONFLICT_MARKER = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.M)


def parse_text(text: str, fmt: str, file: str) -> tuple[Any, list[Diagnostic]]:
    """Parse a map's text; a syntax error becomes one positioned diagnostic, and so do aliases that expand without
    bound and values nested deeper than `MAX_DEPTH`: no reader is left to exhaust memory or recursion. A file that
    does not read and holds a merge's conflict markers is reported at its first marker."""
    value, found = _parse_text(text, fmt, file)
    marker = _CONFLICT_MARKER.search(text) if found else None
    if marker is not None:
        return None, [Diagnostic(file, "error", "syntax", "unresolved merge conflict: keep what is right between "
                                 "'<<<<<<<' and '>>>>>>>' and remove the marker lines",
                                 line=text.count("\n", 0, marker.start()) + 1, column=1)]
    return value, found


def _parse_text(text: str, fmt: str, file: str) -> tuple[Any, list[Diagnostic]]:
    try:
        if fmt == "json":
            try:
                return json.loads(text), []
            except RecursionError:
                line, column = json_depth_hazard(text) or (1, 1)
                return None, [too_deep(file, line, column)]
        control = _CONTROL.search(text)
        if control is not None:  # yaml-rs would take them; YAML does not
            offset = control.start()
            return None, [Diagnostic(file, "error", "syntax", f"control character U+{ord(control.group()):04X} is "
                                     "not allowed in YAML; remove it (or write it as an escape in double quotes)",
                                     line=text.count("\n", 0, offset) + 1,
                                     column=offset - text.rfind("\n", 0, offset))]
        hazard = yaml_hazard(text)
        if hazard is not None:
            return None, [Diagnostic(file, "error", "syntax", hazard.message, line=hazard.line + 1,
                                     column=hazard.column + 1)]
        fast = _fast_yaml(text)
        if fast is not None:
            return fast, []
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
