"""Messages the panes and screens send to the app: they ask, the app decides and updates every pane."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual.message import Message
from textual.screen import Screen

from argmap.errors import Diagnostic
from argmap.io import MapDocument


class NodeSelected(Message):
    """A pane asks to focus a node. `jump` is a step in the history (following a relation, a search result, a
    passage); a plain cursor move is not."""

    def __init__(self, node_id: str, *, jump: bool = True) -> None:
        super().__init__()
        self.node_id = node_id
        self.jump = jump


class ProblemSelected(Message):
    """The user chose a finding in the Problems pane."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__()
        self.diagnostic = diagnostic


class RelationChosen(Message):
    """The user asks to change a relation of the Detail pane: `action` is `retype`, `remove` or `edit` (its note,
    weight and author)."""

    def __init__(self, source: str, rel_type: str, target: str, action: str) -> None:
        super().__init__()
        self.source = source
        self.rel_type = rel_type
        self.target = target
        self.action = action


class ScenarioChosen(Message):
    """The user chose a scenario to see the map under (`scenario_id` None: the baseline)."""

    def __init__(self, scenario_id: str | None) -> None:
        super().__init__()
        self.scenario_id = scenario_id


class NodeChosen(Message):
    """A screen over the main one asks to go to a node: the app closes `origin` (when it is still shown) and focuses
    the node."""

    def __init__(self, node_id: str, origin: Screen[Any]) -> None:
        super().__init__()
        self.node_id = node_id
        self.origin = origin


class RatingChosen(Message):
    """The user sets the ACH rating of `item` against `hypothesis` in `group` (`rating` None: clears it)."""

    def __init__(self, group: str, item: str, hypothesis: str, rating: str | None) -> None:
        super().__init__()
        self.group = group
        self.item = item
        self.hypothesis = hypothesis
        self.rating = rating


@runtime_checkable
class FollowsDocument(Protocol):
    """A screen that shows part of the map and is given each new document the app shows (an edit, an undo, a
    re-read), so that it shows it again."""

    def document_shown(self, doc: MapDocument) -> None: ...
