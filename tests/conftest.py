"""Shared fixtures: small maps written to a temporary folder with their own source text."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCE_TEXT = (
    "The army left the city. Residents were hostile to the army.\n"
    "The flight may indicate the city was not worth dying for.\n"
    "Further violence is likely. \u201cSacred\u201d war, they said; it\u2019s over.\n"
)

HEADER = """\
title: Test map
sources:
  - id: src
    title: A test source
    path: source.txt
"""


@pytest.fixture
def write_map(tmp_path: Path) -> Callable[..., Path]:
    """Write a map (YAML body appended to a standard header unless `header=False`) and its source text."""

    def write(body: str, *, name: str = "map.yaml", header: bool = True, source: str = SOURCE_TEXT) -> Path:
        (tmp_path / "source.txt").write_text(source, encoding="utf-8")
        text = (HEADER if header else "") + textwrap.dedent(body)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
