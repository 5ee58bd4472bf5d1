"""Several sources: plain-text quotes belong to the map's default source (`default_source`, else the first), so
adding a source never breaks the quotes already written."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.check import check
from argmap.cli import main
from argmap.io import load
from argmap.io.canonical import to_authoring
from support import MAPS, copy_map

SECOND = """\
  - id: later-report
    title: A later report
    path: ../seeds/later.txt
"""


def _with_second_source(tmp_path: Path, extra: str = "") -> Path:
    path = copy_map(MAPS[1], tmp_path)
    (tmp_path / "seeds" / "later.txt").write_text("Mosul fell within days.\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    anchor = "    path: ../seeds/chatham-house-2014-06-11-mosul.txt\n"
    path.write_text(text.replace(anchor, anchor + SECOND, 1).replace("argmap: 1\n", "argmap: 1\n" + extra, 1),
                    encoding="utf-8")
    return path


def test_adding_a_second_source_keeps_every_plain_quote(tmp_path: Path) -> None:
    doc = load(_with_second_source(tmp_path))
    assert doc.map is not None and len(doc.map.sources) == 2
    assert [d.format() for d in check(doc) if d.is_error] == []
    quotes = [q for n in doc.map.nodes for q in n.quotes]
    assert quotes and all(q.source == "chatham-2014-06-11" and q.start is not None for q in quotes)


def test_default_source_chooses_where_plain_quotes_belong(tmp_path: Path) -> None:
    path = _with_second_source(tmp_path, "default_source: later-report\n")
    doc = load(path)
    assert doc.map is not None and doc.map.default_source_id == "later-report"
    errors = [d for d in check(doc) if d.rule == "quote-not-found"]
    assert errors and all("source 'later-report'" in d.message for d in errors)


def test_an_undeclared_default_source_is_one_error(tmp_path: Path) -> None:
    path = _with_second_source(tmp_path, "default_source: chatham-2014-06-12\n")
    line = path.read_text(encoding="utf-8").split("\n").index("default_source: chatham-2014-06-12") + 1
    doc = load(path)
    found = [d for d in check(doc) if d.rule == "unknown-source"]
    assert len(found) == 1 and "default source 'chatham-2014-06-12' is not declared" in found[0].message
    assert "did you mean 'chatham-2014-06-11'" in found[0].message and (found[0].line, found[0].column) == (line, 17)


def test_authoring_form_keeps_default_source_quotes_plain(tmp_path: Path) -> None:
    doc = load(_with_second_source(tmp_path))
    assert doc.map is not None
    nodes = to_authoring(doc.map)["nodes"]
    assert all(isinstance(q, str) for n in nodes for q in n.get("quotes", []))
    assert main(["fmt", "--check", str(tmp_path / "maps" / "mosul-2014.yaml")]) == 0
