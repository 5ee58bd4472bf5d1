"""The two lines of the explorer's top bar, as plain text (no Textual): the file and title, the view and counts."""

from __future__ import annotations

from argmap.errors import Diagnostic, count_severity, plural
from argmap.io import MapDocument
from argmap.model import ArgMap


def title_line(doc: MapDocument, mark: str) -> str:
    """` harbour.yaml ● · Title`: the file's name, its unsaved `mark`, the map's title."""
    title = doc.map.title if doc.map is not None else "(not a map)"
    return f" {doc.path.name}{mark} · {title}"


def status_line(amap: ArgMap | None, findings: list[Diagnostic], caption: str | None, described: str,
                covered: float | None = None) -> str:
    """`scenario: … · filter: … · 12 nodes · 62% covered · 1 error, 2 warnings`: the scenario `caption`, the
    `described` filter, the node count, the share of the source words the quotes cover (`argmap coverage`) and the
    findings' counts, as far as there are any."""
    errors = count_severity(findings, "error")
    warnings = count_severity(findings, "warning")
    parts = []
    if caption:
        parts.append(caption)
    if described:
        parts.append(f"filter: {described}")
    if amap is not None:
        parts.append(plural(len(amap.by_id), "node"))
    if covered is not None:
        parts.append(f"{covered:.0%} covered")
    parts.append(f"{plural(errors, 'error')}, {plural(warnings, 'warning')}")
    return " · ".join(parts) + " "
