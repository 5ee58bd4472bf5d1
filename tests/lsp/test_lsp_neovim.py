"""Neovim's built-in LSP client on a broken map: `nvim --headless` starts `argmap lsp`, and the diagnostics it
shows (`vim.diagnostic.get`) are those of `argmap check`, where check puts them. Skipped without `nvim`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.analysis.findings import map_findings
from argmap.io import load

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).with_name("neovim_check.lua")


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed")
def test_neovim_shows_the_check_findings(maps: dict[str, Path], tmp_path: Path) -> None:
    assert NVIM is not None
    out = tmp_path / "diagnostics.json"
    env = {**os.environ, "ARGMAP_MAP": str(maps["broken"]), "ARGMAP_OUT": str(out),
           "ARGMAP_CMD": json.dumps([sys.executable, "-m", "argmap", "lsp", "--debounce", "0"])}
    subprocess.run([NVIM, "--headless", "--clean", "-c", f"luafile {SCRIPT}"], env=env, cwd=tmp_path,
                   capture_output=True, timeout=120, check=False, stdin=subprocess.DEVNULL)
    assert out.exists(), "Neovim wrote no diagnostics"
    shown = json.loads(out.read_text(encoding="utf-8"))
    expected = map_findings(load(maps["broken"])).kept
    # Neovim counts columns in bytes: the broken lines are ASCII up to each finding
    assert [(d["line"] + 1, d["col"] + 1, d["code"]) for d in shown] == [(d.line, d.column, d.rule) for d in expected]
    assert {d["source"] for d in shown} == {"argmap"}
    assert any("did you mean 'isis-emboldened'?" in d["message"] for d in shown)
