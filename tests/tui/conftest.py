"""Fixtures of the explorer's tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import DATA


@pytest.fixture(name="harbour")
def harbour_fixture(tmp_path: Path) -> Path:
    """A writable copy of the harbour map, its source text and the broken map."""
    for name in ("harbour.yaml", "harbour.txt", "broken.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path / "harbour.yaml"
