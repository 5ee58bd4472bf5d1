"""`argmap check`'s findings as the user configured them: every rule a finding may carry (`ALL_RULES`), and the
check of a map with its rule settings and its nodes' silences applied (`checked`), so that the explorer's
Problems pane shows what `argmap check` prints, with the same severities."""

from __future__ import annotations

from argmap.analysis.check import RULES, check
from argmap.analysis.coverage import COVERAGE_RULE
from argmap.analysis.rule_settings import RULES as SETTINGS_RULES
from argmap.analysis.rule_settings import Outcome, apply_settings
from argmap.analysis.weak import WEAK_RULES
from argmap.io.document import MapDocument

#: Every rule a finding of `argmap check` may carry, the weak points of `--strict` included.
ALL_RULES = {**RULES, **SETTINGS_RULES,
             **{rule: ("warning", text) for rule, text in {**WEAK_RULES, **COVERAGE_RULE}.items()}}


def checked(doc: MapDocument) -> Outcome:
    """`argmap check`'s findings for `doc` (kept, with the severities the settings give them) and the ones the
    settings turned off or the nodes silenced."""
    return apply_settings(doc, check(doc), ALL_RULES)
