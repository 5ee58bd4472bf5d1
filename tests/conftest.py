"""Shared fixtures: small maps written to a temporary folder with their own source text."""

from __future__ import annotations

import gc
import os
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


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a pytest-xdist worker, collect what the tests left behind once, then freeze what survives: pytest then
    collects five times more at exit (to report errors raised in finalisers), and on a heap of some 700,000 objects
    that outlasted the 5 s execnet gives a finished worker, which it then stopped with SIGINT (10 s and a
    KeyboardInterrupt traceback at the end of a parallel run). The garbage is still collected, and reported, here."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        gc.collect()
        gc.freeze()


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
