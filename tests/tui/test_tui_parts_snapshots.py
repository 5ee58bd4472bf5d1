"""The look of the part editors, fixed as SVG snapshots (regenerate with `--snapshot-update` after a deliberate
change, and look at them): the scenario list, a scenario's form with a mistyped node id, and a source's form with
its coverage fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from support import DATA, open_app

Compare = Callable[..., bool]


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the maps' folder, so that file names on screen are short and the same everywhere."""
    monkeypatch.chdir(DATA)


def test_scenario_list(snap_compare: Compare, in_data: None) -> None:
    assert snap_compare(open_app("harbour.yaml"), press=["S"], terminal_size=(100, 30))


def test_scenario_form(snap_compare: Compare, in_data: None) -> None:
    # the first scenario's form, its assumption's node id mistyped: the error under the field, Save disabled
    assert snap_compare(open_app("harbour.yaml"), press=["S", "i", "tab", "tab", "tab", "x"],
                        terminal_size=(100, 36))


def test_source_form(snap_compare: Compare, in_data: None) -> None:
    # the source's form from "Edit a source…", a coverage goal mistyped: the error under it, Save disabled
    async def opened(pilot: Any) -> None:
        await pilot.app.run_action("edit_part('sources')")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.set_value("coverage.minimum", "80")
        pilot.app.screen.set_value("coverage.exclude", "Eastport dockworkers walk out")
        await pilot.pause()

    assert snap_compare(open_app("harbour.yaml"), run_before=opened, terminal_size=(100, 36))
