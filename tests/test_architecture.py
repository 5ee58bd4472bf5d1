"""One direction of traffic: each layer imports only the layers below it, no module imports itself through
others, and only the shells (`argmap.tui`, `argmap.cli`) import Textual."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "argmap"
SHELLS = ("tui", "cli")
UI_PACKAGES = ("textual", "textual_serve")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Top-level package names a module imports (anywhere in it, including inside functions)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def is_shell(path: Path) -> bool:
    return path.relative_to(PACKAGE).parts[0] in SHELLS


def test_only_the_shells_import_textual() -> None:
    offenders = [str(path.relative_to(PACKAGE)) for path in modules()
                 if not is_shell(path) and imported(path) & set(UI_PACKAGES)]
    assert offenders == []


def test_the_scan_sees_textual_in_the_explorer() -> None:
    assert any(imported(path) & set(UI_PACKAGES) for path in modules() if is_shell(path))


def core_modules() -> list[str]:
    names = []
    for path in modules():
        if is_shell(path):
            continue
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def test_importing_every_core_module_loads_no_textual() -> None:
    script = (
        "import importlib, json, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {UI_PACKAGES!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_the_explorer_modules_without_ui_stay_textual_free() -> None:
    """The explorer's layout, export, reasoning and top-bar helpers are plain logic: they may not import Textual
    either."""
    for name in ("source_text.py", "export.py", "style.py", "reasoning.py", "topbar.py"):
        assert not imported(PACKAGE / "tui" / name) & set(UI_PACKAGES), name


# -- layers ---------------------------------------------------------------------------------------------------------

#: The layers, bottom first: a module may import its own layer and the layers below it, never one above. Keys are
#: the first name after `argmap.` (a package, or a module at the top of the package). A package or top-level
#: module that is missing here fails `test_every_package_has_a_layer`.
LAYERS: dict[str, int] = {
    "": 0, "errors": 0, "memory": 0, "paths": 0,    # the bottom: argmap's errors and helpers, importing nothing
    "model": 1,                                      # the map's pydantic types
    "layout": 2,                                     # how YAML and JSON files lay values out (read and written)
    "io": 3,                                         # reading maps: parsing, positions, the loaded document
    "edit": 4,                                       # the editing engine
    "analysis": 5,                                   # checks, reasoning, outlines over loaded maps
    "render": 6,                                     # diagrams
    "formats": 7,                                    # every way a map enters or leaves argmap
    "report": 8,                                     # reports (diagrams through the formats)
    "tui": 9, "lsp": 9, "cli": 9, "__main__": 9,     # the shells
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULE_NAMES = {module_name(path) for path in modules()}


def argmap_imports(source: str, name: str) -> set[str]:
    """The argmap modules a module's source imports, anywhere in it (inside functions and under TYPE_CHECKING
    too). `from package import name` counts as importing the submodule when `name` is one, else the package."""
    found: set[str] = set()
    package = name if name in PACKAGES else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "argmap")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "argmap":
                continue
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                found.add(sub if sub in MODULE_NAMES else module)
    found.discard(name)
    return found


PACKAGES = {module_name(path) for path in modules() if path.name == "__init__.py"}
GRAPH = {module_name(path): argmap_imports(path.read_text(encoding="utf-8"), module_name(path)) for path in modules()}


def layer_key(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_package_has_a_layer() -> None:
    assert sorted({layer_key(name) for name in MODULE_NAMES} - set(LAYERS)) == []


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = [f"{name} (layer {LAYERS[layer_key(name)]}) imports {target} (layer {LAYERS[layer_key(target)]})"
              for name, targets in sorted(GRAPH.items()) for target in sorted(targets)
              if LAYERS.get(layer_key(target), 0) > LAYERS.get(layer_key(name), 0)]
    assert upward == []


def test_the_scan_sees_imports_in_functions_and_under_type_checking() -> None:
    source = textwrap.dedent("""
        from typing import TYPE_CHECKING
        from argmap.model import ArgMap
        if TYPE_CHECKING:
            from argmap.tui.app import ArgmapApp
        def later():
            from argmap.render import colours
            import argmap.formats
    """)
    assert argmap_imports(source, "argmap.io.example") == {
        "argmap.model", "argmap.tui.app", "argmap.render.colours", "argmap.formats"}


# -- cycles ---------------------------------------------------------------------------------------------------------

def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of a module graph: its strongly connected parts of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


TOP_NAMES = sorted({layer_key(name) for name in MODULE_NAMES if name != "argmap"} | {""})


@pytest.mark.parametrize("key", TOP_NAMES, ids=lambda key: key or "argmap")
def test_no_import_cycles(key: str) -> None:
    involved = [part for part in cycles(GRAPH) if any(layer_key(name) == key for name in part)]
    assert involved == []
