"""What `argmap check` reports for one loaded map: the load's findings and the check rules (with `strict`, the
weak points and coverage too, and unreviewed drafts as warnings), the rule settings and the nodes' silences applied.
Shared by the command, the explorer's Problems pane and the language server, so that each shows exactly what CI
reports, with the same severities."""

from __future__ import annotations

from argmap.analysis.check import RULES, check
from argmap.analysis.coverage import COVERAGE_RULE, coverage_diagnostics
from argmap.analysis.rule_settings import RULES as SETTINGS_RULES
from argmap.analysis.rule_settings import Outcome, apply_settings
from argmap.analysis.weak import WEAK_RULES, weak_diagnostics
from argmap.io.document import MapDocument

#: Every rule a finding of `argmap check` may carry, the weak points of `--strict` included.
ALL_RULES = {**RULES, **SETTINGS_RULES,
             **{rule: ("warning", text) for rule, text in {**WEAK_RULES, **COVERAGE_RULE}.items()}}


def map_findings(doc: MapDocument, *, strict: bool = False) -> Outcome:
    """The findings kept (sorted, severities as the settings set them) and those silenced."""
    found = check(doc)
    if strict:
        found = sorted(found + weak_diagnostics(doc) + coverage_diagnostics(doc), key=lambda d: d.sort_key)
        for diag in found:  # unreviewed drafts are not a finished map
            if diag.rule == "drafted" and diag.severity == "info":
                diag.severity = "warning"
    return apply_settings(doc, found, ALL_RULES)
