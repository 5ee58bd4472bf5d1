"""The Argdown oracle: argmap's parse of every shared `.argdown` file against the Argdown CLI's own JSON export.

The files and exports live in `../shared/interop/argdown/` (MANIFEST.tsv says which files the CLI 1.7.5 exports
and the error of the others); the tests skip when the folder is absent. Each exported file is one test that names
every difference; each refused file must be refused by argmap too, with a positioned message.

Normalisations, all on both sides:
- whitespace: runs of spaces and line breaks are one space, ends are stripped (Argdown keeps a leading space
  of a description that starts on the next line, and joins lines with a space or nothing after a mark);
- `Untitled N`: Argdown numbers untitled statements and arguments in one sequence; argmap does the same, but a
  title is compared through what it stands for, so an untitled statement is named by its text
  (`Untitled: <text>`) and an untitled argument by the statements of its structure;
- references: members that only refer to a class (`[T]`, `<A>`) have no text and are left out; so are empty
  argument descriptions (`<A>:` with the description elsewhere);
- inference data: compared as parsed YAML; Argdown's inference objects without rules or data are the collapsed
  `----` and compare as no rules and no data;
- relations: compared as a set of (type, from, from kind, to, to kind), ends named as above; Argdown writes each
  relation once in the top-level list.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from argmap.formats._argdown_model import ArgdownDocument, ArgdownError
from argmap.formats._argdown_parse import parse_argdown

REPO = Path(__file__).resolve().parents[1]
ARGDOWN = REPO.parent / "shared" / "interop" / "argdown"
MANIFEST = ARGDOWN / "MANIFEST.tsv"


def _manifest() -> list[tuple[str, bool, str]]:
    if not MANIFEST.is_file():
        return []
    rows = []
    for line in MANIFEST.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        rows.append((cells[0], cells[2] == "ok", cells[5] if len(cells) > 5 else ""))
    return rows


ROWS = _manifest()
EXPORTED = [row[0] for row in ROWS if row[1]]
REFUSED = [(row[0], row[2]) for row in ROWS if not row[1]]
needs_files = pytest.mark.skipif(not ROWS, reason="../shared/interop/argdown is not there")


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


class _Names:
    """Stable names for titles: `Untitled N` replaced by what the item says."""

    def __init__(self, statements: dict[str, list[str]], arguments: dict[str, list[str]]) -> None:
        self.map: dict[str, str] = {}
        for title, texts in statements.items():
            self.map[title] = f"Untitled: {texts[0]}" if _untitled(title) and texts else title
        for title, pcs in arguments.items():
            if _untitled(title):
                self.map[title] = "Untitled argument: " + " | ".join(self(t) for t in pcs)
            else:
                self.map[title] = title

    def __call__(self, title: str) -> str:
        return self.map.get(title, title)


def _untitled(title: str) -> bool:
    return re.fullmatch(r"Untitled \d+", title) is not None


def _canon_oracle(data: dict[str, Any]) -> dict[str, Any]:
    statements = {t: [_norm(m.get("text")) for m in ec["members"] if not m.get("isReference") and "text" in m]
                  for t, ec in data["statements"].items()}
    arguments_pcs = {t: [s["title"] for s in a.get("pcs", [])] for t, a in data["arguments"].items()}
    names = _Names(statements, arguments_pcs)
    args = {}
    for title, arg in data["arguments"].items():
        pcs = []
        for s in arg.get("pcs", []):
            inf = s.get("inference")
            inference = None if inf is None else (tuple(_norm(r) for r in inf.get("inferenceRules") or []),
                                                   json.dumps(inf.get("data"), sort_keys=True, default=str))
            pcs.append((s["role"], names(s["title"]), inference))
        descriptions = [_norm(m.get("text")) for m in arg["members"]
                        if not m.get("isReference") and _norm(m.get("text"))]
        args[names(title)] = {"descriptions": descriptions, "pcs": pcs}
    relations = {(r["relationType"], names(r["from"]), _kind(r["fromType"]), names(r["to"]), _kind(r["toType"]))
                 for r in data["relations"]}
    return {"statements": {names(t): texts for t, texts in statements.items()}, "arguments": args,
            "relations": relations}


def _kind(argdown_type: str) -> str:
    return {"equivalence-class": "statement"}.get(argdown_type, argdown_type)


def _canon_argmap(doc: ArgdownDocument) -> dict[str, Any]:
    statements = {t: [_norm(m.text) for m in ec.members if not m.is_reference] for t, ec in doc.statements.items()}
    names = _Names(statements, {t: [s.title for s in a.pcs] for t, a in doc.arguments.items()})
    args = {}
    for title, arg in doc.arguments.items():
        pcs = []
        for s in arg.pcs:
            inf = s.inference
            inference = None if inf is None else (tuple(_norm(r) for r in inf.rules),
                                                   json.dumps(inf.data, sort_keys=True, default=str))
            pcs.append((s.role, names(s.title), inference))
        args[names(title)] = {"descriptions": [_norm(d) for d in arg.descriptions if _norm(d)], "pcs": pcs}
    relations = {(r.type, names(r.source), r.source_kind, names(r.target), r.target_kind) for r in doc.relations}
    return {"statements": {names(t): texts for t, texts in statements.items()}, "arguments": args,
            "relations": relations}


def _differences(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    diffs = []
    for title in sorted(set(theirs["statements"]) - set(ours["statements"])):
        diffs.append(f"statement missing: [{title}] {theirs['statements'][title]}")
    for title in sorted(set(ours["statements"]) - set(theirs["statements"])):
        diffs.append(f"statement extra: [{title}] {ours['statements'][title]}")
    for title in sorted(set(ours["statements"]) & set(theirs["statements"])):
        if ours["statements"][title] != theirs["statements"][title]:
            diffs.append(f"statement [{title}] members {ours['statements'][title]} != "
                         f"Argdown's {theirs['statements'][title]}")
    for title in sorted(set(theirs["arguments"]) - set(ours["arguments"])):
        diffs.append(f"argument missing: <{title}>")
    for title in sorted(set(ours["arguments"]) - set(theirs["arguments"])):
        diffs.append(f"argument extra: <{title}>")
    for title in sorted(set(ours["arguments"]) & set(theirs["arguments"])):
        a, b = ours["arguments"][title], theirs["arguments"][title]
        if a["descriptions"] != b["descriptions"]:
            diffs.append(f"argument <{title}> descriptions {a['descriptions']} != Argdown's {b['descriptions']}")
        if a["pcs"] != b["pcs"]:
            diffs.append(f"argument <{title}> pcs {a['pcs']} != Argdown's {b['pcs']}")
    for rel in sorted(theirs["relations"] - ours["relations"]):
        diffs.append(f"relation missing: {rel}")
    for rel in sorted(ours["relations"] - theirs["relations"]):
        diffs.append(f"relation extra: {rel}")
    return diffs


@needs_files
@pytest.mark.parametrize("name", EXPORTED)
def test_parse_matches_argdown_export(name: str) -> None:
    path = ARGDOWN / name
    export = ARGDOWN / "json" / Path(name).with_suffix(".json")
    doc = parse_argdown(path.read_text(encoding="utf-8"), name)
    diffs = _differences(_canon_argmap(doc), _canon_oracle(json.loads(export.read_text(encoding="utf-8"))))
    assert not diffs, f"{name}: {len(diffs)} differences from Argdown's export:\n  " + "\n  ".join(diffs)


@needs_files
@pytest.mark.parametrize(("name", "message"), REFUSED)
def test_refused_by_argdown_refused_by_argmap(name: str, message: str) -> None:
    path = ARGDOWN / name
    with pytest.raises(ArgdownError) as caught:
        parse_argdown(path.read_text(encoding="utf-8"), name)
    text = str(caught.value)
    assert re.match(rf"{re.escape(name)}:\d+:\d+: error: ", text), text
    assert "\n" not in text
    where = re.match(r"At (\d+):(\d+)", message)
    if where:  # Argdown's own position: the same line (YAML errors are positioned inside the data by Argdown)
        assert caught.value.diagnostic.line == int(where.group(1)), (text, message)


def test_the_oracle_is_not_empty() -> None:
    if not ROWS:
        pytest.skip("../shared/interop/argdown is not there")
    assert len(EXPORTED) >= 80 and len(REFUSED) >= 5
