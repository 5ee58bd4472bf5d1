"""The screens over the explorer's main one: opening the help, search, filter, analysis, scenario, ACH and key
assumption screens, and which of the app's keys act while one of them is shown.

Each screen is imported where it is opened, so the first screen comes sooner; the openers reach the app only
through `OverlayHost`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Protocol

from textual.app import App
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from argmap.analysis.outline import ViewFilter
from argmap.analysis.search import SearchIndex
from argmap.tui.panes import Panes
from argmap.tui.reasoning import ReasoningState
from argmap.tui.screen_host import ScreenHost


class OverlayHost(ScreenHost, Protocol):
    """What the openers need of the explorer besides a `ScreenHost`: the search index, the filter, the reasoning,
    the panes, the cursor's blinking and focusing a node."""

    view_filter: ViewFilter

    @property
    def search_index(self) -> SearchIndex: ...

    @property
    def reasoning(self) -> ReasoningState: ...

    @property
    def panes(self) -> Panes: ...

    @property
    def cursor_blink(self) -> bool: ...

    def focus_node(self, node_id: str, *, jump: bool = True) -> bool: ...


def open_search(host: OverlayHost) -> None:
    """Search the nodes; the one chosen is focused, in the outline."""
    from argmap.tui.search import SearchScreen

    amap = host.doc.map
    if amap is None:
        host.notify("the map does not load: nothing to search", severity="warning")
        return

    def chosen(node_id: str | None) -> None:
        if node_id is not None:
            host.focus_node(node_id)
            host.panes.outline.focus()

    host.push_screen(SearchScreen(host.search_index, amap, host.look, cursor_blink=host.cursor_blink), chosen)


def open_filters(host: OverlayHost) -> None:
    """Choose the filter's values; the filter chosen is shown."""
    from argmap.tui.filters import FilterScreen

    if host.doc.map is None:
        return

    def chosen(view_filter: ViewFilter | None) -> None:
        if view_filter is not None:
            host.view_filter = view_filter

    host.push_screen(FilterScreen(host.doc.map, host.view_filter), chosen)


def open_scenario_choice(host: OverlayHost) -> None:
    """Choose a scenario (or the baseline) to see the map under, or say there is none to choose."""
    from argmap.tui.scenario_choice import ScenarioChoice

    amap = host.doc.map
    if amap is None:
        return
    if not amap.scenarios and not any(getattr(node, "assumption", None) for node in amap.nodes):
        host.notify("this map declares no scenarios and marks no key assumption; S adds a scenario", timeout=4)
        return
    host.push_screen(ScenarioChoice(amap, host.reasoning.scenario_id))


def open_analysis(host: OverlayHost, tab: str) -> None:
    """The analysis screen on `tab`; a node chosen there is focused."""
    from argmap.tui.analysis_screen import AnalysisScreen

    if host.doc.map is None:
        host.notify("the map does not load: nothing to analyse", severity="warning")
        return

    def chosen(node_id: str | None) -> None:
        if node_id is not None:
            host.focus_node(node_id)

    host.push_screen(AnalysisScreen(host.reasoning, tab), chosen)


def open_ach(host: OverlayHost, group: str | None) -> None:
    """The ACH matrix of a group of competing hypotheses (a chooser first when the map has several)."""
    from argmap.tui import ach_screen

    ach_screen.open_ach(host, group)


def open_assumptions(host: OverlayHost) -> None:
    """The key assumptions: status, reason, and what rejecting each does to the conclusions."""
    from argmap.tui import assumptions_screen

    assumptions_screen.open_assumptions(host, host.reasoning)


def help_screen(app_class: type[DOMNode]) -> Screen[None]:
    """Every key binding: the app's, then each pane's and screen's."""
    from argmap.tui.ach_screen import AchScreen
    from argmap.tui.analysis_screen import AnalysisScreen
    from argmap.tui.assumptions_screen import AssumptionsScreen
    from argmap.tui.detail import RelationList
    from argmap.tui.diagram_pane import DiagramView
    from argmap.tui.filters import FilterScreen
    from argmap.tui.help import HelpScreen
    from argmap.tui.node_form import NodeFormScreen
    from argmap.tui.outline import OutlineTree
    from argmap.tui.passage_screen import PassageScreen
    from argmap.tui.problems import ProblemList
    from argmap.tui.review import ReviewScreen
    from argmap.tui.scenario_editor import ScenarioListScreen
    from argmap.tui.search import SearchScreen
    from argmap.tui.source_view import SourceView

    return HelpScreen([app_class, OutlineTree, RelationList, SourceView, ProblemList, DiagramView, SearchScreen,
                       FilterScreen, AnalysisScreen, AchScreen, AssumptionsScreen, NodeFormScreen, PassageScreen,
                       ScenarioListScreen, ReviewScreen])


def app_action_allowed(app: App[Any], action: str) -> bool:
    """The explorer's keys act on the main screen only (not under the search or filter screens); quitting waits
    until an open node form is saved or cancelled (its text is not an edit yet). A screen may allow some of them
    (`APP_ACTIONS`)."""
    screen = app.screen
    if action == "quit":
        from argmap.tui.node_form import NodeFormScreen
        from argmap.tui.part_form import PartFormScreen

        return not isinstance(screen, NodeFormScreen | PartFormScreen)
    allowed: frozenset[str] = getattr(screen, "APP_ACTIONS", frozenset())  # e.g. undo under the ACH screen
    return not (action in _own_actions(type(app)) and isinstance(screen, ModalScreen) and action not in allowed)


@lru_cache(maxsize=8)
def _own_actions(app_class: type[App[Any]]) -> frozenset[str]:
    """The names of the actions bound on the app class itself, except quitting."""
    return frozenset(binding.action.split("(")[0] for _key, binding in app_class._merge_bindings()) - {"quit"}
