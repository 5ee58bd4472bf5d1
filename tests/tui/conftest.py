"""Fixtures for the explorer's tests: a writable copy of the fixed harbour map."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    """A writable copy of the harbour map, its source text and the broken map."""
    for name in ("harbour.yaml", "harbour.txt", "broken.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path / "harbour.yaml"
