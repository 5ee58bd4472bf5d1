"""Moving around a map: a browser-like history of visited nodes, and where a finding points.

>>> history = History()
>>> for node in ("a", "b", "c"):
...     history.visit(node)
>>> history.back(), history.back(), history.back()
('b', 'a', None)
>>> history.forward()
'b'
>>> history.visit("d"); history.forward() is None
True
"""

from __future__ import annotations

from argmap.errors import Diagnostic
from argmap.io.document import MapDocument


class History:
    """Visited nodes with back and forward, as in a browser. `visit` records a jump (and forgets the forward
    list); `replace` changes the current entry without a new step (moving a cursor)."""

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._back: list[str] = []
        self._forward: list[str] = []
        self.current: str | None = None

    def visit(self, node_id: str) -> None:
        """Go to `node_id` as a new step."""
        if node_id == self.current:
            return
        if self.current is not None:
            self._back.append(self.current)
            del self._back[: -self.limit]
        self._forward.clear()
        self.current = node_id

    def replace(self, node_id: str) -> None:
        """Make `node_id` the current entry without adding a step."""
        if self.current is None:
            self.current = node_id
            return
        if self._back and self._back[-1] == node_id:
            self._back.pop()
        self.current = node_id

    def back(self) -> str | None:
        """The previous node, now current; None when there is none."""
        if not self._back:
            return None
        if self.current is not None:
            self._forward.append(self.current)
        self.current = self._back.pop()
        return self.current

    def forward(self) -> str | None:
        """The next node (after going back), now current; None when there is none."""
        if not self._forward:
            return None
        if self.current is not None:
            self._back.append(self.current)
        self.current = self._forward.pop()
        return self.current

    @property
    def can_back(self) -> bool:
        return bool(self._back)

    @property
    def can_forward(self) -> bool:
        return bool(self._forward)

    def forget(self, keep: set[str]) -> None:
        """Drop entries for nodes no longer in the map (after a reload)."""
        self._back = [n for n in self._back if n in keep]
        self._forward = [n for n in self._forward if n in keep]
        if self.current not in keep:
            self.current = self._back.pop() if self._back else None


def node_of(doc: MapDocument, diag: Diagnostic) -> str | None:
    """The node a finding is about: its `node`, or the node (or relation end) its data path points into."""
    ids = doc.map.by_id if doc.map is not None else {}
    if diag.node and diag.node in ids:
        return diag.node
    loc = diag.loc
    if len(loc) < 2 or not isinstance(loc[1], int) or not isinstance(doc.data, dict):
        return None
    items = doc.data.get(loc[0]) if isinstance(loc[0], str) else None
    if not isinstance(items, list) or not 0 <= loc[1] < len(items) or not isinstance(items[loc[1]], dict):
        return None
    item = items[loc[1]]
    if loc[0] == "nodes":
        candidates = [item.get("id")]
    elif loc[0] == "relations":
        ends = ("target", "source") if len(loc) > 2 and loc[2] == "target" else ("source", "target")
        candidates = [item.get(end) for end in ends]
    else:
        return None
    return next((c for c in candidates if isinstance(c, str) and c in ids), None)
