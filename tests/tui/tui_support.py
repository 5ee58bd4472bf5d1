"""Helpers for the explorer's tests: run a Pilot scenario, open an app with test options."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from argmap.tui.app import ArgmapApp, create_app

DATA = Path(__file__).resolve().parent / "data"
SIZE = (120, 40)

@pytest.fixture(name="harbour")
def harbour_fixture(tmp_path: Path) -> Path:
    """A writable copy of the harbour map, its source text and the broken map (import this fixture by its
    function name; a conftest.py here would shadow the suite's own when a test imports from `conftest`)."""
    for name in ("harbour.yaml", "harbour.txt", "broken.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path / "harbour.yaml"


Scenario = Callable[[ArgmapApp, Pilot[Any]], Awaitable[None]]


def run(app: ArgmapApp, scenario: Scenario, size: tuple[int, int] = SIZE) -> None:
    """Run `scenario(app, pilot)` against the app in a headless terminal of `size`."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


def open_app(path: Path | str, **options: Any) -> ArgmapApp:
    options.setdefault("cursor_blink", False)
    return create_app(path, **options)


def fake_svg(doc: Any, options: dict[str, Any]) -> bytes:
    """A stand-in SVG exporter (registered by tests): records the options it was given."""
    import json

    return ("<svg><!-- " + json.dumps(options, sort_keys=True) + " --></svg>").encode()


def failing_svg(doc: Any, options: dict[str, Any]) -> bytes:
    """An exporter that refuses, as the real one does for a map with errors."""
    from argmap.errors import ArgmapError

    raise ArgmapError("harbour.yaml has errors; fix them before drawing it")


def tree_lines(app: ArgmapApp) -> list[str]:
    """The outline's visible rows as `key` strings, top to bottom."""
    from argmap.tui.outline import OutlineTree

    tree = app.query_one(OutlineTree)
    lines = []
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        if node is not None and node.data is not None:
            lines.append(node.data.key)
    return lines
