"""The hostile corpus through every command that reads a map: every export format, `report`, `fmt --check` and
`import`, in a subprocess bounded in time and memory; the explorer's first screen on a few of them; and valid maps
mutated at random, which `load` and `check` answer with positioned diagnostics only."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.check import check
from argmap.io import load
from support import REPO, SOURCE_TEXT, open_app

CORPUS = REPO / "tests" / "hostile" / "corpus"
FORMATS = ("json", "yaml", "dot", "svg", "png", "pdf", "aif", "sadface", "graphml", "argdown")
IMPORTS = ("aif", "sadface", "graphml", "argdown", "argdown-json")

#: Runs each command through `argmap.cli.main` in one process (limited to 2 GB of address space) and prints,
#: as JSON, each command's exit code, standard error, and the traceback of anything that escaped.
DRIVER = """
import contextlib, io, json, resource, sys, traceback
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from argmap.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    err, out = io.StringIO(), io.StringIO()
    escaped = None
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(argv)
        except BaseException:
            code, escaped = -1, traceback.format_exc()
    results.append({"argv": argv, "code": code, "err": err.getvalue(), "escaped": escaped})
print(json.dumps(results))
"""


def commands(name: str) -> list[list[str]]:
    """Every command that reads the map `name`, writing into the working folder."""
    exports = [["export", name, "-o", f"out-{fmt}.{fmt}", "--to", fmt] for fmt in FORMATS]
    return [*exports, ["report", name, "-o", "report.html"], ["report", name, "-o", "report.md"],
            ["fmt", "--check", name], ["import", name, "-o", "imported.yaml"],
            *(["import", name, "--from", fmt, "-o", f"from-{fmt}.yaml"] for fmt in IMPORTS)]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir()))
def test_every_command_answers_the_corpus_in_one_line_each(name: str, tmp_path: Path) -> None:
    shutil.copy(CORPUS / name, tmp_path / name)
    before = (tmp_path / name).read_bytes()
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(commands(name))], cwd=tmp_path,
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    for result in json.loads(done.stdout):
        argv, code, err = result["argv"], result["code"], result["err"]
        assert result["escaped"] is None, (argv, result["escaped"])
        assert "Traceback" not in err and code in (0, 1, 2), (argv, code, err)
        lines = [line for line in err.splitlines() if line.strip()]
        if code == 2 or (code == 1 and argv[0] != "fmt"):
            assert lines, (argv, code)  # a refusal always says why
        for line in lines:  # each finding or refusal is one line, naming the file or the command
            assert line.startswith((name, "argmap", "wrote ", "  ")), (argv, line)
    assert (tmp_path / name).read_bytes() == before


async def _first_screen(path: Path) -> str:
    from textual.widgets import Static

    app = open_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)
        return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


@pytest.mark.parametrize("name", ["unclosed.yaml", "latin1.yaml", "bom-crlf.yaml"])
def test_the_explorer_opens_on_a_hostile_file(name: str, tmp_path: Path) -> None:
    pytest.importorskip("textual")
    shutil.copy(CORPUS / name, tmp_path / name)
    before = (tmp_path / name).read_bytes()
    shown = asyncio.run(_first_screen(tmp_path / name))
    assert name in shown and "Traceback" not in shown
    assert (tmp_path / name).read_bytes() == before


# -- valid maps, mutated --------------------------------------------------------------------------------------------

VALID = {
    "title": "Mutated",
    "sources": [{"id": "src", "title": "A source", "path": "source.txt"}],
    "actors": {"army": "The army"},
    "nodes": [
        {"id": "left", "kind": "evidence", "text": "The army left.", "quotes": ["The army left the city."],
         "actors": ["army"]},
        {"id": "means", "kind": "inference", "text": "Flight shows lack of will.", "scheme": "abduction"},
        {"id": "worth", "kind": "claim", "text": "Not worth dying for.", "quotes": [{"text": "not worth dying for",
                                                                                      "source": "src"}]},
        {"id": "violence", "kind": "forecast", "text": "More violence.", "words": "likely",
         "resolution": {"outcome": "happened", "sources": [{"title": "A report"}]}},
    ],
    "relations": [{"source": "left", "target": "means", "type": "supports"},
                  {"source": "means", "target": "worth", "type": "supports"},
                  {"source": "worth", "target": "violence", "type": "condition"}],
    "scenarios": [{"id": "calm", "title": "Calm", "assume": {"left": False}, "probabilities": {"violence": 0.2}}],
}

#: Values a key may be retyped to.
ODD_VALUES = [None, 0, -1, 2.5, True, "", "x", [], ["x"], {}, {"x": 1}, "[/]"]


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every mapping and list in `value` (itself included)."""
    found = [path] if isinstance(value, dict | list) else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        found += _containers(child, (*path, key))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid map's YAML with one to three mutations: a key deleted, renamed, retyped, two values swapped, or a
    line of the file duplicated (a duplicate key, or an item twice)."""
    data = json.loads(json.dumps(VALID))
    duplicate_line = False
    for _ in range(draw(st.integers(1, 3))):
        container = _at(data, draw(st.sampled_from(_containers(data))))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        if not keys:
            continue
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["delete", "rename", "retype", "swap", "duplicate"]))
        if action == "delete":
            del container[key]
        elif action == "rename" and isinstance(container, dict):
            container[f"{key}{draw(st.sampled_from(['s', 'x', 'd']))}"] = container.pop(key)
        elif action == "retype":
            container[key] = draw(st.sampled_from(ODD_VALUES))
        elif action == "swap":
            other = draw(st.sampled_from(keys))
            container[key], container[other] = container[other], container[key]
        else:
            duplicate_line = True
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if duplicate_line:
        lines = text.splitlines(keepends=True)
        index = draw(st.integers(0, len(lines) - 1))
        text = "".join([*lines[:index + 1], lines[index], *lines[index + 1:]])
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated())
def test_mutated_maps_give_positioned_diagnostics_only(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("mutated")
    (folder / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = folder / "map.yaml"
    path.write_text(text, encoding="utf-8")
    found = check(load(path))
    for diag in found:
        assert diag.line >= 1 and diag.column >= 1, diag.format()
        assert "\n" not in diag.message and "Traceback" not in diag.message, diag.format()
