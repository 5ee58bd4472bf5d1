"""Errors of editing: a refused edit, a layout that cannot be edited in place, a file changed under the editor."""

from __future__ import annotations

from argmap.io.diagnostics import ArgmapError


class EditError(ArgmapError):
    """An edit that was refused (unknown node, bad value, duplicate relation...). The buffer is unchanged.
    `node` and `field` name what the edit was about, when known, so that a form can point at it."""

    def __init__(self, message: str, *, node: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.node = node
        self.field = field


class LayoutError(EditError):
    """The file is written in a way that argmap cannot edit without restyling it (`argmap fmt` would)."""


class ConflictError(ArgmapError):
    """The file changed on disk since it was loaded; saving would overwrite someone else's work.

    Choices: `session.reload()` (drop the buffer's edits and read the file again), `session.save_as(other)`
    (keep both), `session.diff()` (see what differs), or `session.save(force=True)` (overwrite)."""

    choices = ("reload", "save as", "show difference", "overwrite")

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: changed on disk since it was opened ({detail}); reload it, save under "
                         "another name, or look at the difference first")
        self.path = path
        self.detail = detail
