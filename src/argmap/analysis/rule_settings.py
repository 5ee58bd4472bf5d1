"""Rule settings: a map's `rules:` or a project file beside the maps (`argmap.toml` or `.argmap.yaml`, found in
the map's folder or a folder above it, up to the repository's root) turns check rules off or changes their
severity; a node's `silence: {rule: reason}` silences a rule for that node alone."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from argmap.errors import Diagnostic, Severity, suggest
from argmap.io.document import MapDocument
from argmap.io.reading import ReadError, decode_text, read_regular

PROJECT_FILES = ("argmap.toml", ".argmap.yaml")
LEVELS = ("off", "error", "warning", "info")
#: Findings about reading the file itself: a map that does not read cannot be checked, whatever the settings say.
FIXED_RULES = frozenset({"unreadable", "syntax", "encoding", "schema", "rule-settings"})
RULES: dict[str, tuple[Severity, str]] = {
    "rule-settings": ("warning", "a rule setting or a node's silence names an unknown rule or level, or a rule "
                      "that cannot be changed"),
}


@dataclass
class Silenced:
    """A finding left out: by the settings (`off`, `reason` says where) or by its node (`reason` is the node's)."""

    diagnostic: Diagnostic
    reason: str

    def format(self) -> str:
        return self.diagnostic.format().replace(f": {self.diagnostic.severity}: ", ": silenced: ", 1) + \
            f" ({self.reason})"


@dataclass
class Outcome:
    """The findings kept (severities as set) and those silenced."""

    kept: list[Diagnostic] = field(default_factory=list)
    silenced: list[Silenced] = field(default_factory=list)


@dataclass(frozen=True)
class ProjectRules:
    """A project file's `rules` table, or why it cannot be used, with the line of each rule in the file."""

    path: str
    rules: tuple[tuple[str, Any, int], ...] = ()
    error: str | None = None


@functools.cache
def project_rules(folder: Path) -> ProjectRules | None:
    """The nearest project file at or above `folder` (stopping at a repository's root)."""
    for place in (folder, *folder.parents):
        for name in PROJECT_FILES:
            path = place / name
            if path.is_file():
                return _read_project(path)
        if (place / ".git").exists():
            return None
    return None


def _read_project(path: Path) -> ProjectRules:
    try:
        text = decode_text(read_regular(path, "project file"), other_encodings=False)
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (ReadError, ValueError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return ProjectRules(str(path), error=f"cannot read the project file: {first}")
    rules = data.get("rules", {}) if isinstance(data, dict) else None
    if not isinstance(rules, dict):
        return ProjectRules(str(path), error="'rules' must be a table: rule id = level")
    lines = text.splitlines()

    def line_of(rule: str) -> int:
        return next((i + 1 for i, line in enumerate(lines) if line.lstrip().startswith((rule, f'"{rule}"'))), 0)

    return ProjectRules(str(path), tuple((str(k), "off" if v is False else v, line_of(str(k)))
                                         for k, v in rules.items()))


Make = Callable[[str, str], Diagnostic]


def settings_for(doc: MapDocument, known: dict[str, tuple[Severity, str]]
                 ) -> tuple[dict[str, tuple[str, str]], list[Diagnostic]]:
    """The rule levels in force for a map, each with where it is set (the project file's, then the map's own
    `rules:`), and findings about them."""
    levels: dict[str, tuple[str, str]] = {}
    problems: list[Diagnostic] = []
    project = project_rules(doc.path.resolve().parent)
    if project is not None:
        if project.error:
            problems.append(Diagnostic(project.path, "warning", "rule-settings", project.error, line=1, column=1))
        line = {rule: at for rule, _, at in project.rules}

        def in_project(message: str, rule: str) -> Diagnostic:
            at = line.get(rule, 0)
            return Diagnostic(project.path, "warning", "rule-settings", message, line=at, column=1 if at else 0)

        chosen = _valid({rule: level for rule, level, _ in project.rules}, known, problems, in_project)
        levels.update({rule: (level, Path(project.path).name) for rule, level in chosen.items()})
    own: dict[str, Any] = dict(doc.map.rules) if doc.map is not None else {}
    mine: list[Diagnostic] = []
    chosen = _valid(own, known, mine, lambda message, rule: Diagnostic(
        doc.display_path, "warning", "rule-settings", message, ("rules", rule), hint="key"))
    levels.update({rule: (level, "the map's rules") for rule, level in chosen.items()})
    return levels, problems + doc.place(mine)


def _valid(rules: dict[str, Any], known: dict[str, tuple[Severity, str]], problems: list[Diagnostic],
           make: Make) -> dict[str, str]:
    kept = {}
    for rule, level in rules.items():
        if rule not in known:
            problems.append(make(f"'{rule}' is not a rule{suggest(rule, known)} (see `argmap check --rules`)", rule))
        elif rule in FIXED_RULES:
            problems.append(make(f"'{rule}' cannot be changed: a file that does not read cannot be checked", rule))
        elif level not in LEVELS:
            problems.append(make(f"'{level}' is not a level for '{rule}'; use one of {', '.join(LEVELS)}", rule))
        else:
            kept[rule] = level
    return kept


def apply_settings(doc: MapDocument, findings: list[Diagnostic], known: dict[str, tuple[Severity, str]]) -> Outcome:
    """The findings with the map's rule settings and its nodes' silences applied."""
    levels, problems = settings_for(doc, known)
    nodes = doc.map.nodes if doc.map is not None else []
    silences = {node.id: node.silence for node in nodes}
    out = Outcome()
    bad: list[Diagnostic] = []
    for index, node in enumerate(nodes):
        for rule in node.silence:
            if rule not in known or rule in FIXED_RULES:
                bad.append(Diagnostic(doc.display_path, "warning", "rule-settings",
                                           f"'{rule}' is not a rule that can be silenced{suggest(rule, known)}",
                                           doc.file_loc(("nodes", index, "silence", rule)), node=node.id, hint="key"))
    problems += doc.place(bad)
    for diag in findings:
        level, where = levels.get(diag.rule, (None, ""))
        reason = silences.get(diag.node or "", {}).get(diag.rule) if diag.rule not in FIXED_RULES else None
        if reason is not None:
            out.silenced.append(Silenced(diag, f"silenced by node '{diag.node}': {reason}"))
        elif level == "off":
            out.silenced.append(Silenced(diag, f"turned off by {where}"))
        else:
            if level is not None:
                diag.severity = cast(Severity, level)
            out.kept.append(diag)
    out.kept = sorted(out.kept + problems, key=lambda d: d.sort_key)
    return out
