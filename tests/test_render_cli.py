"""`argmap export MAP -o map.svg|png|pdf|dot`: format from the suffix or --to, the diagram options, clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.formats import FORMATS, format_for
from support import write_rich_map

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "maps" / "example.yaml"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def fort(tmp_path: Path) -> Path:
    return write_rich_map(tmp_path / "map")


def node_titles(svg: bytes) -> set[str]:
    root = ET.fromstring(svg)
    return {t.text or "" for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()
            for t in g.findall(f"{SVG}title") if not (t.text or "").startswith("_legend_")}


def test_the_diagram_formats_are_registered() -> None:
    for name, suffix in (("svg", ".svg"), ("png", ".png"), ("pdf", ".pdf"), ("dot", ".dot"), ("dot", ".gv")):
        assert format_for(f"out{suffix}", None).name == name
    assert FORMATS["png"].binary and FORMATS["pdf"].binary and not FORMATS["svg"].binary


@pytest.mark.parametrize(("suffix", "signature"), [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF"),
                                                   (".dot", b"digraph argmap {")])
def test_export_by_suffix(fort: Path, tmp_path: Path, suffix: str, signature: bytes,
                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"fort{suffix}"
    assert main(["export", str(fort), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(signature)
    assert f"wrote {out}" in capsys.readouterr().err


def test_export_example_svg(tmp_path: Path) -> None:
    out = tmp_path / "example.svg"
    assert main(["export", str(EXAMPLE), "-o", str(out)]) == 0
    assert node_titles(out.read_bytes()) == {"army-abandoned-posts", "residents-hostile", "flight-reveals-motive",
                                             "mosul-not-worth-dying-for"}


def test_to_overrides_the_suffix_and_writes_to_stdout(fort: Path,
                                                      capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", str(fort), "-o", "-", "--to", "dot"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"digraph argmap {")


def test_view_options_on_the_command_line(fort: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.svg"
    assert main(["export", str(fort), "-o", str(out), "--focus", "rebels-march", "--depth", "1"]) == 0
    assert node_titles(out.read_bytes()) == {"rebels-march", "nothing-to-defend", "reinforcements"}
    assert main(["export", str(fort), "-o", str(out), "--kind", "forecast", "--actor", "rebels",
                 "--actor", "militias"]) == 0
    assert node_titles(out.read_bytes()) == {"rebels-march", "militias-mobilise"}
    dot = tmp_path / "view.dot"
    assert main(["export", str(fort), "-o", str(dot), "--direction", "LR", "--cluster", "theme", "--no-legend",
                 "--color-by", "acceptance", "-O", "wrap=20", "-O", "ids=yes"]) == 0
    text = dot.read_text(encoding="utf-8")
    assert "rankdir=LR" in text and 'subgraph "cluster_0"' in text and "_legend_" not in text
    assert "in · strength" in text and '<FONT POINT-SIZE="8" COLOR="#57606a">rebels-march</FONT>' in text


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "{out}/x.xyz"], "cannot tell the format of"),
    (["-o", "{out}/x.svg", "--engine", "dotty"], "Graphviz has no layout engine 'dotty'"),
    (["-o", "{out}/x.svg", "--focus", "rebels-marsh"], "did you mean 'rebels-march'"),
    (["-o", "{out}/x.svg", "--theme", "economy"], "unknown theme 'economy'"),
    (["-o", "{out}/x.png", "-O", "legnd=no"], "unknown diagram option 'legnd'; did you mean 'legend'"),
    (["-o", "{out}/x.pdf", "--color-by", "scenario:nope"], "no scenario 'nope'"),
])
def test_errors_are_one_line_and_write_nothing(fort: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               args: list[str], message: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(fort), *[a.format(out=out) for a in args]]) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("argmap: error: ") and err.count("\n") == 1
    assert "Traceback" not in err and list(out.iterdir()) == []


def test_export_list_names_the_diagram_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--list"]) == 0
    listing = capsys.readouterr().out
    for name in ("svg", "png", "pdf", "dot"):
        assert f"\n{name} " in "\n" + listing


def test_export_runs_without_the_terminal_interface(tmp_path: Path) -> None:
    """`argmap export` stays quick to start: it imports neither Textual nor the explorer."""
    out = tmp_path / "x.svg"
    script = ("import sys; from argmap.cli import main; code = main(['export', sys.argv[1], '-o', sys.argv[2]]); "
              "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') "
              "or m.startswith('argmap.tui')))")
    done = subprocess.run([sys.executable, "-c", script, str(EXAMPLE), str(out)], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "0 []"
    assert done.stderr.strip() == f"wrote {out} (svg, {out.stat().st_size:,} bytes)"  # and no Graphviz noise


def test_same_bytes_from_separate_processes(tmp_path: Path) -> None:
    """No output depends on hash order: two processes with different hash seeds write the same SVG and DOT."""
    outputs = []
    for seed in ("1", "2"):
        for suffix in (".svg", ".dot"):
            out = tmp_path / f"{seed}{suffix}"
            subprocess.run([sys.executable, "-m", "argmap", "export", str(EXAMPLE), "-o", str(out), "--cluster",
                            "theme", "--color-by", "acceptance"], check=True, capture_output=True,
                           env={**os.environ, "PYTHONHASHSEED": seed})
            outputs.append(out.read_bytes())
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]
