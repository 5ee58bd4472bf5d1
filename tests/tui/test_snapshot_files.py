"""Every saved screenshot belongs to a test that still exists.

syrupy fails a serial run on a snapshot no test uses, but it skips that check when the suite runs in several
processes (`make test`), where each process sees only its own tests; this keeps a renamed or removed test from
leaving its picture behind unnoticed either way."""

from __future__ import annotations

import ast
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "__snapshots__"


def _tests_of(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {node.name for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")}


def test_every_snapshot_has_its_test() -> None:
    folders = sorted(path for path in SNAPSHOTS.iterdir() if path.is_dir())
    assert folders, SNAPSHOTS
    orphans = []
    for folder in folders:
        module = SNAPSHOTS.parent / f"{folder.name}.py"
        tests = _tests_of(module) if module.exists() else set()
        orphans += [f"{folder.name}/{svg.name}" for svg in sorted(folder.glob("*.svg"))
                    if svg.name.removesuffix(".svg").split("[", 1)[0] not in tests]
    assert not orphans, f"snapshots of no test (remove them, or run `pytest --snapshot-update` serially): {orphans}"
