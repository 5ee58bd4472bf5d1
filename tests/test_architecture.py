"""One direction of traffic: only the shells (`argmap.tui`, `argmap.cli`) may import Textual."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

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
    """The explorer's layout and export helpers are plain logic: they may not import Textual either."""
    for name in ("source_text.py", "export.py", "style.py"):
        assert not imported(PACKAGE / "tui" / name) & set(UI_PACKAGES), name
