"""From old map data to new: the new text of the file, changed only where the data changed, and checked.

`edit_text(text, fmt, old, new)` plans splices with the format's `Planner` (`yaml_planner`, `json_planner`),
makes them, and reads the result back: it must read exactly as `new`, or the edit is refused (`LayoutError`) and
nothing changes. Files up to `FULL_CHECK_LIMIT` characters are parsed whole; larger YAML files have every changed
item, its neighbours, the top-level keys and the item counts re-read instead (parsing 10,000 nodes takes seconds);
JSON likewise when it is written one member per line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from argmap.edit.json_planner import JsonPlanner
from argmap.edit.splice import Splice, apply_splices
from argmap.edit.yaml_planner import YamlPlanner

FULL_CHECK_LIMIT = 200_000


class Planner(Protocol):
    """Plans the edit of one text, which reads as the `old` data it was made with, into the text of new data."""

    def plan(self, new: dict[str, Any]) -> list[Splice]:
        """The splices that turn the text into one reading as `new` (`LayoutError` when there are none)."""
        ...

    def verify(self, result: str, new: dict[str, Any], *, full: bool) -> None:
        """Raise `LayoutError` unless `result` reads as `new`: parsed whole when `full`, else where it changed."""
        ...


#: The planner of each format, made from the text and the data it reads as.
PLANNERS: dict[str, Callable[[str, dict[str, Any]], Planner]] = {"json": JsonPlanner, "yaml": YamlPlanner}


def edit_text(text: str, fmt: str, old: dict[str, Any], new: dict[str, Any], *,
              full_check: bool | None = None) -> tuple[str, list[Splice]]:
    """The text that reads as `new`, and the splices made to `text` (which reads as `old`)."""
    planner = PLANNERS["json" if fmt == "json" else "yaml"](text, old)
    splices = planner.plan(new)
    result = apply_splices(text, splices)
    planner.verify(result, new, full=full_check if full_check is not None else len(result) <= FULL_CHECK_LIMIT)
    return result, splices
