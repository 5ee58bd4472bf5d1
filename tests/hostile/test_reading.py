"""Hostile and broken input: every case gives one positioned line (or works), never a traceback, never a hang,
and the input file is left as it was. Big files are made here, in a temporary folder."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from big_files import BIG, laughs

from argmap.cli import main
from argmap.io import load
from support import REPO

HOSTILE = REPO / "tests" / "hostile" / "corpus"
needs_root = pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="mknod needs root")


def _run(*args: str, cwd: Path, timeout: float = 30) -> tuple[int, str, str, float, int]:
    """Run argmap in a subprocess: exit code, stdout, stderr, seconds, and the peak memory in kB of that process
    alone (from wait4: the children's peak of the whole test process depends on what else it ran before)."""
    start = time.monotonic()
    with tempfile.TemporaryFile(dir=cwd) as out, tempfile.TemporaryFile(dir=cwd) as err:
        process = subprocess.Popen([sys.executable, "-m", "argmap", *args], cwd=cwd, stdout=out, stderr=err)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                process.kill()
                os.wait4(process.pid, 0)
                raise subprocess.TimeoutExpired(process.args, timeout)
            time.sleep(0.005)
        seconds = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return process.returncode, out.read().decode(), err.read().decode(), seconds, usage.ru_maxrss


def _one_positioned_line(text: str, file: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert lines[0].startswith(f"{file}:") and lines[0].split(":")[1].isdigit(), lines[0]
    assert "Traceback" not in text
    return lines[0]


@pytest.mark.parametrize("case", sorted(BIG))
def test_big_hostile_files_are_refused_in_one_line(case: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    name, make = BIG[case]
    path = tmp_path / name
    path.write_text(make(), encoding="utf-8")
    before = path.read_bytes()
    assert main(["check", str(path)]) == 1  # (how fast: benchmarks/bench_hostile.py)
    line = _one_positioned_line(capsys.readouterr().out, str(path))
    assert ("aliases expand" in line) if "laughs" in case else ("nest deeper" in line or "nesting depth" in line)
    for command in (["export", str(path), "--to", "json", "-o", str(tmp_path / "out.json")], ["fmt", str(path)],
                    ["edit", str(path), "--set", "zz.text=B"]):
        assert main(command) in (1, 2), command
        err = capsys.readouterr().err
        assert "Traceback" not in err and "RecursionError" not in err and err.strip(), command
    assert path.read_bytes() == before
    assert not (tmp_path / "out.json").exists()


def test_the_billion_laughs_is_refused_in_little_memory(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text("title: T\nnodes: []\n", encoding="utf-8")
    (tmp_path / "laughs.yaml").write_text(laughs(9), encoding="utf-8")
    _, _, _, _, base_memory = _run("check", "ok.yaml", cwd=tmp_path)
    code, out, err, _, memory = _run("check", "laughs.yaml", cwd=tmp_path)
    assert code == 1 and "Traceback" not in err
    assert out.startswith("laughs.yaml:4:")  # the first alias
    assert memory < base_memory + 100 * 1024  # the aliases were never expanded (how fast: bench_hostile.py)


def test_the_explorer_loads_a_deep_file_without_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "block.yaml"
    path.write_text(BIG["deep-yaml-block"][1](), encoding="utf-8")
    doc = load(path)
    assert [d.rule for d in doc.diagnostics] == ["syntax"] and doc.map is None


# -- special files as maps and sources ------------------------------------------------------------------------


def _map_with_source(folder: Path, source_path: str, quote: str = "The army left") -> Path:
    path = folder / "map.yaml"
    path.write_text(f"title: T\nsources:\n  - {{id: src, title: S, path: {json.dumps(source_path)}}}\n"
                    f"nodes:\n  - {{id: a, kind: claim, text: A, quotes: [{json.dumps(quote)}]}}\n", encoding="utf-8")
    return path


def _source_finding(path: Path) -> str:
    found = [d for d in load(path).diagnostics if d.rule == "source-missing"]
    assert len(found) == 1, found
    assert found[0].line == 3
    return found[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_never_blocks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "source.fifo")
    os.mkfifo(tmp_path / "map.yaml.fifo")
    assert "is a FIFO (named pipe), not a source text" in _source_finding(_map_with_source(tmp_path, "source.fifo"))
    assert main(["check", str(tmp_path / "map.yaml.fifo")]) == 2
    assert "is a FIFO (named pipe), not a map file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(tmp_path / "source.fifo").st_mode)


@needs_root
def test_a_zero_device_is_refused(tmp_path: Path) -> None:
    os.mknod(tmp_path / "zero", 0o444 | stat.S_IFCHR, os.makedev(1, 5))
    assert "is a device, not a source text" in _source_finding(_map_with_source(tmp_path, "zero"))


def test_a_folder_as_source(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    message = _source_finding(_map_with_source(tmp_path, "texts"))
    assert "is a folder, not a source text" in message and "Errno" not in message


def test_an_absolute_missing_source_is_called_absolute(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "text.txt"
    message = _source_finding(_map_with_source(tmp_path, str(missing)))
    assert f"not found: {missing} (an absolute path)" in message and "relative" not in message


def test_a_latin1_source_names_the_byte(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("The army left the caf\u00e9.\n".encode("latin-1"))
    message = _source_finding(_map_with_source(tmp_path, "latin.txt"))
    assert "byte 0xE9 at offset 21 (line 1, column 22)" in message and "iconv" in message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_a_source_with_a_byte_order_mark_is_read(encoding: str, tmp_path: Path) -> None:
    (tmp_path / "text.txt").write_bytes("The army left the city.\r\nIt fell.\r\n".encode(encoding))
    doc = load(_map_with_source(tmp_path, "text.txt", "It fell"))
    assert not doc.diagnostics
    assert doc.sources["src"].text == "The army left the city.\nIt fell.\n"  # BOM gone, CRLF read as LF
    assert doc.map is not None and doc.map.nodes[0].quotes[0].start == 24


@pytest.mark.parametrize(("content", "expected"), [
    ("caf\u00e9: x\n".encode("latin-1"), ":1:4: error: not UTF-8: byte 0xE9 at offset 3"),
    ("title: T\n".encode("utf-16"), ":1:1: error: UTF-16 text"),
    (b"title: T\nnodes: []\n\xff\n", ":3:1: error: not UTF-8: byte 0xFF"),
    (b"", "a map file must be a mapping"),
    (b"- a\n- b\n", "a map file must be a mapping"),
    (b"just a scalar\n", "a map file must be a mapping"),
    (b"title: T\x00\nnodes: []\n", ":1:9: error: control character U+0000 is not allowed"),
    (b"title: T\x07\nnodes: []\n", ":1:9: error: control character U+0007"),
    (b"argmap: 99\ntitle: T\nnodes: []\n", ":1:9: error: argmap: format version 99 is not one this argmap reads"),
    (b"argmap: 0\ntitle: T\nnodes: []\n", "format version 0"),
    (b"argmap: -1\ntitle: T\nnodes: []\n", "format version -1"),
])
def test_broken_map_files_give_one_positioned_line(content: bytes, expected: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 1 and expected in out and "Traceback" not in out, out
    assert path.read_bytes() == content


def test_a_huge_line_and_right_to_left_text_load(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    text = "x" * 2_000_000 + " \u202eevil\u202c \u05e9\u05dc\u05d5\u05dd"
    path.write_text(f"title: T\nnodes:\n  - {{id: a, kind: claim, text: {json.dumps(text)}}}\n", encoding="utf-8")
    doc = load(path)
    assert doc.fully_loaded and doc.map is not None and doc.map.nodes[0].text == text


def test_the_size_limit_and_its_option(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("title: T\nnodes: []\n" + "# padding\n" * 200, encoding="utf-8")
    assert main(["check", "--max-size", "1k", str(path)]) == 2
    assert "more than the limit of 1,024 bytes; raise it with --max-size" in capsys.readouterr().err
    assert main(["check", "--max-size", "1M", str(path)]) == 0
    monkeypatch.setenv("ARGMAP_MAX_SIZE", "100")
    from argmap.io.reading import set_max_bytes

    set_max_bytes(None)
    with pytest.raises(Exception, match="more than the limit of 100 bytes"):
        load(path)


def test_serve_on_a_port_in_use_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(REPO / "maps" / "example.yaml"), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is already in use" in err and "Traceback" not in err


# -- one mistake, one error ------------------------------------------------------------------------------------

GOOD = """\
title: T
sources:
  - {id: s, title: S, path: s.txt}
actors: {army: Army}
themes: {sec: Security}
tags: {t1: Tag}
nodes:
  - {id: a, kind: evidence, text: A, quotes: [The army left], actors: [army], themes: [sec], tags: [t1]}
  - {id: b, kind: inference, text: B, scheme: abduction, warrant: W}
  - {id: c, kind: claim, text: C, quotes: [Residents were hostile], actors: [army]}
relations:
  - {source: a, target: b, type: supports}
  - {source: b, target: c, type: supports}
scenarios:
  - {id: s1, title: Without a, assume: {a: false, c: true}}
"""


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("", "", None),
    ("title: T", "titel: T", "1:1: error: unknown field 'titel' for the map; did you mean 'title'? [schema]"),
    ("scheme: abduction", "schema: abduction", "9:39: error: node 'b': unknown field 'schema' for an inference; "
     "did you mean 'scheme'?"),
    ("id: c, kind: claim", "id: c, kindd: claim", "10:13: error: node 'c': unknown field 'kindd' for a node; did "
     "you mean 'kind'?"),
    ("text: A,", "text: A, credibility: 7,", "8:51: error: node 'a': credibility must be less than or equal to 1"),
    ("{id: s, title: S,", "{id: s, titl: S,", "3:13: error: unknown field 'titl' for a source; did you mean"),
    ("kind: evidence", "kind: evidense", "did you mean 'evidence'?"),
    ("text: B,", "text: null,", "text: should be a valid string, not an empty value"),
])
def test_one_mistake_gives_one_error(old: str, new: str, expected: str | None, tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("The army left the city. Residents were hostile.\n", encoding="utf-8")
    path = tmp_path / "map.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    from argmap.analysis.check import check

    found = [d.format() for d in check(load(path))]
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0], found


# -- several files ---------------------------------------------------------------------------------------------


def test_check_reports_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text("titel: T\nnodes: []\n", encoding="utf-8")
    Path("ok.yaml").write_text("title: T\nnodes: []\n", encoding="utf-8")
    assert main(["check", "bad.yaml", "missing.yaml", "ok.yaml"]) == 2
    captured = capsys.readouterr()
    assert "bad.yaml:1:1: error: unknown field 'titel'" in captured.out
    assert "missing.yaml: error: no such map file" in captured.err
    assert "in 3 maps" in captured.err
    assert main(["check", "--format", "json", "bad.yaml", "missing.yaml", "ok.yaml"]) == 2
    found = json.loads(capsys.readouterr().out)
    assert [(d["file"], d["rule"]) for d in found] == [("bad.yaml", "schema"), ("missing.yaml", "unreadable")]
    assert main(["check", "--format", "json", "ok.yaml"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_goes_through_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "maps" / "deeper").mkdir(parents=True)
    (tmp_path / "maps" / "deeper" / "bad.yml").write_text("titel: T\nnodes: []\n", encoding="utf-8")
    (tmp_path / "maps" / "ok.json").write_text('{"title": "T", "nodes": []}', encoding="utf-8")
    (tmp_path / "maps" / "package.json").write_text('{"name": "not a map"}', encoding="utf-8")
    (tmp_path / "maps" / ".hidden.yaml").write_text("broken: [", encoding="utf-8")
    assert main(["check", str(tmp_path / "maps")]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("error") == 1 and "deeper/bad.yml:1:1" in captured.out
    assert "in 3 maps" in captured.err


def test_check_rules_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--rules", "--format", "json"]) == 0
    rules = {rule["rule"]: rule for rule in json.loads(capsys.readouterr().out)}
    assert rules["unreadable"]["severity"] == "error" and rules["support-cycle"]["strict"] is False


def test_the_corpus_files_each_give_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for path in sorted(HOSTILE.iterdir()):
        code = main(["check", str(path)])
        captured = capsys.readouterr()
        assert code in (1, 2), path
        text = captured.out + captured.err
        assert "Traceback" not in text and len([line for line in text.splitlines() if "error" in line]) >= 1, path
