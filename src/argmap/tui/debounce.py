"""Running a callback once after a burst: asked again under the same name before the delay is over, the earlier
request is dropped (a burst of edits, undos or redos starts one background check, not one each)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.timer import Timer


class TimerHost(Protocol):
    """What starts the timers: the app (its `set_timer`)."""

    def set_timer(self, delay: float, callback: Callable[[], object] | None = None, *, name: str | None = None,
                  pause: bool = False) -> Timer: ...


class Debounce:
    """The callbacks waiting to run, by name."""

    def __init__(self, host: TimerHost) -> None:
        self.host = host
        self._waiting: dict[str, Timer] = {}

    def later(self, name: str, delay: float, callback: Callable[[], object]) -> None:
        """Run `callback` after `delay` seconds unless asked again under the same name meanwhile."""
        if name in self._waiting:
            self._waiting[name].stop()
        self._waiting[name] = self.host.set_timer(max(delay, 0.001), callback, name=name)
