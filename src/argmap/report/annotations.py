"""Findings for CI systems: SARIF 2.1.0 (GitHub code scanning and other viewers) and GitHub Actions workflow
commands (`::error file=...,line=...,col=...::message`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from argmap import __version__
from argmap.errors import Diagnostic

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: argmap's severities as SARIF levels and as GitHub workflow commands.
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def artifact_uri(file: str) -> str:
    """A file as SARIF names it: a relative URI with forward slashes (resolved against the checkout by GitHub),
    or a `file:` URI for an absolute path."""
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(file.replace(os.sep, "/"))


def sarif_log(findings: Iterable[Diagnostic], rules: Mapping[str, tuple[str, str]],
              silenced: Iterable[tuple[Diagnostic, str]] = ()) -> dict[str, Any]:
    """One SARIF run of argmap: every rule of `rules` (id -> (severity, description)) in `tool.driver.rules`, each
    finding a result with its rule, level, message and position (line 1 when the finding has none); silenced
    findings are results with an in-source suppression and its justification."""
    ids = list(rules)
    index = {rule: i for i, rule in enumerate(ids)}
    descriptors = [{"id": rule, "name": _camel(rule), "shortDescription": {"text": description},
                    "defaultConfiguration": {"level": SARIF_LEVEL.get(severity, "warning")}}
                   for rule, (severity, description) in rules.items()]
    results = []
    marked = [(diag, None) for diag in findings] + [(diag, reason) for diag, reason in silenced]
    for diag, reason in marked:
        region: dict[str, int] = {"startLine": diag.line or 1}
        if diag.column:
            region["startColumn"] = diag.column
        text = f"node '{diag.node}': {diag.message}" if diag.node else diag.message
        result: dict[str, Any] = {
            "ruleId": diag.rule, "level": SARIF_LEVEL.get(diag.severity, "warning"), "message": {"text": text},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(diag.file)},
                                                "region": region}}]}
        if diag.rule in index:
            result["ruleIndex"] = index[diag.rule]
        if reason is not None:
            result["suppressions"] = [{"kind": "inSource", "justification": reason}]
        results.append(result)
    driver = {"name": "argmap", "version": __version__, "rules": descriptors}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}]}


def _camel(rule: str) -> str:
    """`quote-not-found` -> `QuoteNotFound`: SARIF's readable rule name."""
    return "".join(part.capitalize() for part in rule.split("-"))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(diag: Diagnostic) -> str:
    """One workflow command: `::error file=F,line=L,col=C,title=argmap RULE::message` (GitHub shows it as an
    annotation on the file's line in the pull request)."""
    props = [f"file={_escape_property(diag.file)}"]
    if diag.line:
        props.append(f"line={diag.line}")
        if diag.column:
            props.append(f"col={diag.column}")
    props.append(f"title={_escape_property('argmap ' + diag.rule)}")
    text = f"node '{diag.node}': {diag.message}" if diag.node else diag.message
    return f"::{GITHUB_COMMAND.get(diag.severity, 'warning')} {','.join(props)}::{_escape_data(text)}"
