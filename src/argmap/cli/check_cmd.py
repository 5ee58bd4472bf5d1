"""`argmap check MAP...`"""

from __future__ import annotations

import argparse
import json
import sys

from argmap.analysis.check import RULES, check, exit_code
from argmap.analysis.weak import WEAK_RULES, weak_diagnostics
from argmap.errors import count_severity
from argmap.io import load


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("maps", nargs="*", metavar="MAP", help="map files (YAML or JSON)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: one line per finding (editor and CI annotations); json: for tools")
    parser.add_argument("--rules", action="store_true", help="list the rules and exit")
    parser.add_argument("--strict", action="store_true",
                        help="also report the weak points of the reasoning as warnings (see `argmap weak`)")


def run(args: argparse.Namespace) -> int:
    if args.rules:
        for rule, (severity, description) in RULES.items():
            print(f"{rule:22} {severity:8} {description}")
        for rule, description in WEAK_RULES.items():
            print(f"{rule:22} {'warning':8} {description} (--strict)")
        return 0
    if not args.maps:
        print("argmap check: error: give at least one MAP", file=sys.stderr)
        return 2
    findings = []
    for path in args.maps:
        doc = load(path)
        found = check(doc)
        if args.strict:
            found = sorted(found + weak_diagnostics(doc), key=lambda d: d.sort_key)
        findings.extend(found)
    if args.format == "json":
        json.dump([d.to_dict() for d in findings], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for diag in findings:
            print(diag.format())
        errors = count_severity(findings, "error")
        warnings = count_severity(findings, "warning")
        if findings:
            print(f"{errors} error(s), {warnings} warning(s) in {len(args.maps)} map(s)", file=sys.stderr)
    return exit_code(findings)
