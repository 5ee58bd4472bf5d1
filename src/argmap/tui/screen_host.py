"""What a screen opened from the explorer needs of it: the document shown, the look, notifications and a way to push
the screen. The ACH and key-assumption screens are opened through it, so they never import the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.notifications import SeverityLevel
from textual.screen import Screen

from argmap.io import MapDocument
from argmap.tui.style import Look


class ScreenHost(Protocol):
    """The explorer, as a screen that it opens sees it."""

    @property
    def doc(self) -> MapDocument: ...

    @property
    def look(self) -> Look: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None) -> None: ...

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> Any: ...
