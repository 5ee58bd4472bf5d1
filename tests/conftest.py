"""Shared fixtures: small maps written to a temporary folder with their own source text."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from support import SOURCE_TEXT

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
