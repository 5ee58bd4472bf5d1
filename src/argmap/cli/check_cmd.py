"""`argmap check MAP...`"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from argmap.analysis.check import RULES, exit_code
from argmap.analysis.coverage import COVERAGE_RULE
from argmap.analysis.findings import ALL_RULES, map_findings
from argmap.analysis.rule_settings import RULES as SETTINGS_RULES
from argmap.analysis.rule_settings import Silenced
from argmap.analysis.weak import WEAK_RULES
from argmap.errors import ArgmapError, Diagnostic, count_severity, plural
from argmap.io import load
from argmap.io.document import MapDocument
from argmap.io.reading import ReadError, parse_size, set_max_bytes
from argmap.report.annotations import github_line, sarif_log

#: The exit status of a file that could not be read at all: a usage error, worse than a map with errors.
EXIT_UNREADABLE = 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("maps", nargs="*", metavar="MAP",
                        help="map files (YAML or JSON), or folders: every *.yaml, *.yml and *.json map in them")
    parser.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text",
                        help="text: one line per finding (editors); json: for tools; sarif: SARIF 2.1.0 for GitHub "
                        "code scanning; github: GitHub Actions workflow annotations")
    parser.add_argument("--rules", action="store_true", help="list the rules and exit")
    parser.add_argument("--max-size", dest="max_size", metavar="SIZE",
                        help="read maps and source texts up to SIZE (500M, 2G; default 256M, or ARGMAP_MAX_SIZE)")
    parser.add_argument("--strict", action="store_true",
                        help="also report the weak points of the reasoning (see `argmap weak`) and coverage below the "
                        "map's minimum (see `argmap coverage`) as warnings")
    parser.add_argument("--show-silenced", action="store_true",
                        help="also list the findings that rule settings turned off or nodes silenced, with why")


MAP_SUFFIXES = (".yaml", ".yml", ".json")


def map_files(folder: Path) -> list[Path]:
    """The map files under a folder, recursively, in order: `*.yaml`, `*.yml`, `*.json`, leaving out hidden
    folders and files and backups (`MAP~`)."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or path.suffix.lower() not in MAP_SUFFIXES:
            continue
        if path.is_file():
            found.append(path)
    return found


def _looks_like_map(doc: MapDocument) -> bool:
    """Whether a file found in a folder is meant as a map: a mapping with a map's keys, or one that does not
    read at all (a broken map is reported, a `package.json` is not)."""
    return not isinstance(doc.data, dict) or bool({"argmap", "title", "nodes"} & doc.data.keys())


def _check_one(path: Path, args: argparse.Namespace, *, found_in_folder: bool,
               silenced: list[Silenced]) -> tuple[list[Diagnostic], int]:
    """The findings for one file and its exit status (2: it could not be read); what the rule settings leave
    out is added to `silenced`."""
    try:
        doc = load(path)
    except ArgmapError as exc:
        reason = exc.reason if isinstance(exc, ReadError) else str(exc)
        return [Diagnostic(str(path), "error", "unreadable", reason)], EXIT_UNREADABLE
    if found_in_folder and not _looks_like_map(doc):
        return [], 0
    outcome = map_findings(doc, strict=args.strict)
    silenced.extend(outcome.silenced)
    return outcome.kept, exit_code(outcome.kept)


def _print_rules(fmt: str) -> None:
    rows = [(rule, severity, description, False) for rule, (severity, description) in {**RULES,
                                                                                      **SETTINGS_RULES}.items()]
    rows += [(rule, "warning", description, True) for rule, description in {**WEAK_RULES, **COVERAGE_RULE}.items()]
    if fmt == "json":
        json.dump([{"rule": rule, "severity": severity, "description": description, "strict": strict}
                   for rule, severity, description, strict in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    for rule, severity, description, strict in rows:
        print(f"{rule:22} {severity:8} {description}{' (--strict)' if strict else ''}")


def run(args: argparse.Namespace) -> int:
    if args.rules:
        _print_rules(args.format)
        return 0
    if not args.maps:
        print("argmap check: error: give at least one MAP", file=sys.stderr)
        return 2
    if args.max_size:
        set_max_bytes(parse_size(args.max_size))
    findings: list[Diagnostic] = []
    silenced: list[Silenced] = []
    status, files = 0, 0
    for name in args.maps:
        given = Path(name)
        paths = map_files(given) if given.is_dir() else [given]
        if given.is_dir() and not paths:
            findings.append(Diagnostic(name, "warning", "unreadable", "a folder with no map files (*.yaml, *.yml, "
                                       "*.json) in it"))
        for path in paths:
            found, code = _check_one(path, args, found_in_folder=path is not given, silenced=silenced)
            findings.extend(diag for diag in found if diag.rule != "rule-settings" or diag not in findings)
            status = max(status, code)
            files += 1
    shown = silenced if args.show_silenced else []
    if args.format == "json":
        json.dump([d.to_dict() for d in findings] + [{**s.diagnostic.to_dict(), "silenced": s.reason} for s in shown],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "sarif":
        json.dump(sarif_log(findings, ALL_RULES, [(s.diagnostic, s.reason) for s in shown]), sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
    elif args.format == "github":
        for diag in findings:
            print(github_line(diag))
        _print_summary(findings, files, silenced)
    else:
        for diag in findings:  # a file that cannot be read is a usage error: said on standard error
            print(diag.format(), file=sys.stderr if diag.rule == "unreadable" else sys.stdout)
        for item in shown:
            print(item.format())
        _print_summary(findings, files, silenced)
    return status


def _print_summary(findings: list[Diagnostic], files: int, silenced: list[Silenced]) -> None:
    if findings or silenced:
        errors = count_severity(findings, "error")
        warnings = count_severity(findings, "warning")
        quiet = f", {len(silenced)} silenced" if silenced else ""
        print(f"{plural(errors, 'error')}, {plural(warnings, 'warning')}{quiet} in {plural(files, 'map')}",
              file=sys.stderr)
