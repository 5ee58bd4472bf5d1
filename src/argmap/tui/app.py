"""The explorer application: one place holds the loaded document, the view and the focused node.

Build it with `create_app(path_or_document, **options)`; the CLI (`argmap [MAP]`, `argmap serve`) and the tests
use the same factory. Panes and screens ask with messages (`NodeSelected`, `ProblemSelected`, `RelationChosen`,
`ScenarioChosen`, `NodeChosen`, `RatingChosen`); the app changes `focused_node` (reactive) and updates every
pane; `reload(doc)` shows a new, re-read or edited document. The app holds the state and hands the rest to plain
objects it owns, each reaching it through a protocol of its own: `ReasoningState` (what stands), `FileController`
(the edit session and the file on disk), `NodeEditor` and `PartEditor` (edits), `Navigator` (moves of the focus),
`OutlineView` (the outline), `Checks` and `Evaluator` (checking and evaluating the shown map), `Exporter` (SVG
exports); `argmap.tui.screens` opens the screens over the main one. Its actions and handlers delegate to them.
Work in the background runs in worker threads that post typed messages (`argmap.tui.background`), one handler each.
Screens are imported where they are opened, so the first screen comes sooner; none of them imports this module.
"""

from __future__ import annotations

import gc
import os
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.worker import Worker

from argmap.analysis.graph import Graph
from argmap.analysis.navigation import History
from argmap.analysis.outline import GROUPINGS, ViewFilter
from argmap.analysis.scenarios import find_scenario
from argmap.analysis.search import SearchIndex
from argmap.edit.session import EditSession
from argmap.errors import ArgmapError, Diagnostic
from argmap.io import MapDocument, load
from argmap.memory import collector_paused
from argmap.model import ArgMap
from argmap.tui import background as jobs
from argmap.tui import screens
from argmap.tui.bindings import BINDINGS
from argmap.tui.checking import Checks
from argmap.tui.commands import ArgmapCommands
from argmap.tui.editing import NodeEditor
from argmap.tui.evaluation import Evaluator
from argmap.tui.export_progress import ExportProgress
from argmap.tui.exporter import Exporter
from argmap.tui.map_file import FileController
from argmap.tui.messages import (
    FollowsDocument,
    NodeChosen,
    NodeSelected,
    ProblemSelected,
    RatingChosen,
    RelationChosen,
    ScenarioChosen,
)
from argmap.tui.navigation import Navigator
from argmap.tui.outline_view import OutlineView
from argmap.tui.panes import Panes, compose_panes
from argmap.tui.part_editor import PartEditor
from argmap.tui.problems import FixRequested
from argmap.tui.quote_fix import fix_finding, fix_quotes
from argmap.tui.reasoning import ReasoningState
from argmap.tui.style import BadgeFn, Look

#: Maps with more nodes are checked in the background after their first screen.
CHECK_AT_ONCE = 2000
#: After an edit of a big map, its background check waits this long for the next edit (a burst is checked once).
SETTLE_SECONDS = 0.4


class ArgmapApp(App[int]):
    """Outline, Detail, Source and Problems panes over one map."""

    CSS_PATH = Path(__file__).with_name("argmap.tcss")  # absolute: subclasses elsewhere find it too
    TITLE = "argmap"
    COMMANDS: ClassVar = App.COMMANDS | {ArgmapCommands}
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS: ClassVar[list[BindingType]] = BINDINGS

    #: The focused node (reactive: watchers run on change; a `var`, so the screen is not repainted for it).
    focused_node: var[str | None] = var(None, init=False)
    grouping: var[str] = var("argument", init=False)
    view_filter: var[ViewFilter] = var(ViewFilter, init=False)

    def __init__(self, doc: MapDocument, *, grouping: str = "argument", view_filter: ViewFilter | None = None,
                 focus: str | None = None, export_dir: Path | None = None, badges: BadgeFn | None = None,
                 standing: bool = True, scenario: str | None = None, cursor_blink: bool = True,
                 **app_options: Any) -> None:
        super().__init__(**app_options)
        if grouping not in GROUPINGS:
            raise ArgmapError(f"unknown grouping '{grouping}' (known: {', '.join(GROUPINGS)})")
        self.doc = doc
        self.findings: list[Diagnostic] = []
        self.silenced = 0  # findings the map's rule settings turn off or its nodes silence
        self.graph = Graph()
        self._search_index: SearchIndex | None = None
        self.history = History()
        self.export_dir = export_dir
        self.cursor_blink = cursor_blink
        self.look = Look()
        self.reasoning = ReasoningState(scenario_id=scenario, standing=standing, badges=badges)
        self.files = FileController(self)
        self.editor = NodeEditor(self, self.files)
        self.parts = PartEditor(self, self.files)
        self.outline_view = OutlineView(self)
        self.navigator = Navigator(self)
        self.checks = Checks(self)
        self.evaluator = Evaluator(self)
        self.exporter = Exporter(self, ExportProgress(self, doc.path.parent))
        self._start_focus = focus
        self._frozen = False
        self.first_frame_shown = False
        self.set_reactive(ArgmapApp.grouping, grouping)
        self.set_reactive(ArgmapApp.view_filter, view_filter or ViewFilter())

    # -- layout ---------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from compose_panes()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Textual's notification, with markup off unless asked: messages quote ids, titles and file names from the
        map, which are shown as typed, never read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    @cached_property
    def panes(self) -> Panes:
        """The main screen's widgets (found on first use, after composing)."""
        return Panes(self)

    def on_mount(self) -> None:
        with self.batch_update():
            self.panes.detail.border_title = "Detail"
            self.look = Look(self.get_css_variables())
            self.watch(self, "theme", self._theme_changed, init=False)
            self.reload(self.doc)
            self.files.start()
            self.navigator.start(self._start_focus)
        gc.freeze()  # the map lives as long as it is shown: keep the collector from walking it on every pause
        self._frozen = True
        self.call_after_refresh(setattr, self, "first_frame_shown", True)

    def on_unmount(self) -> None:
        gc.unfreeze()

    def _theme_changed(self) -> None:
        self.look = Look(self.get_css_variables())
        self.panes.outline.relabel()
        self.panes.problems.show(self.findings, self.look, {self.doc.display_path: self.doc.path.name},
                                 self.silenced)
        self.navigator.show_focused()

    # -- the document ---------------------------------------------------------------------------------------

    def reload(self, doc: MapDocument, findings: list[Diagnostic] | None = None) -> None:
        """Show `doc` (a new or re-read map) with its `findings` (None: check it now; a big map is checked in the
        background, its load errors shown at once), rebuild every index and pane, keep the focus if it exists."""
        with collector_paused():
            self._reload(doc, findings)

    def _reload(self, doc: MapDocument, findings: list[Diagnostic] | None) -> None:
        if self._frozen and self.doc is not doc:
            gc.unfreeze()  # let the document shown before be collected
            self.call_after_refresh(gc.freeze)
        self.doc = doc
        amap = doc.map
        self.checks.check(doc, findings, at_once=CHECK_AT_ONCE, settle=SETTLE_SECONDS)
        self.graph = Graph.of(amap) if amap is not None else Graph()
        self._search_index = None
        self.history.forget(set(amap.by_id) if amap is not None else set())
        self.panes.source.set_document(doc)
        self.checks.show_gaps(doc)
        self.evaluator.evaluate_map(show=False)
        self.show_findings()
        self.outline_view.rebuild()
        keep = self.focused_node if amap is not None and self.focused_node in amap.by_id else None
        if keep is None:
            keep = self.outline_view.first_node()
        self.set_reactive(ArgmapApp.focused_node, keep)
        if keep is not None:
            self.history.replace(keep)
        self.outline_view.reveal_or_home()
        self.navigator.show_focused()
        for screen in self.screen_stack:
            if isinstance(screen, FollowsDocument):
                screen.document_shown(doc)

    def show_document(self, doc: MapDocument, focus: str | None = None) -> None:
        """Show an edited or re-read document (the edit session's buffer), focused on `focus` when it names a
        node there; the move is a step in the history."""
        moved = focus is not None and focus != self.focused_node and doc.map is not None \
            and doc.map.node(focus) is not None
        if moved:
            self.focused_node = focus  # before the panes are rebuilt, so the outline reveals it only once
        self.reload(doc)
        if moved and focus is not None:
            self.history.visit(focus)
        self.update_topbar()

    def show_findings(self) -> None:
        self.panes.show_findings(self.doc, self.findings, self.look, self.silenced)
        self.update_topbar()

    @property
    def search_index(self) -> SearchIndex:
        """The fuzzy index of the map's nodes, built on first use (so a huge map opens sooner)."""
        if self._search_index is None:
            self._search_index = SearchIndex(self.doc.map if self.doc.map is not None else ArgMap(title="empty"))
        return self._search_index

    @property
    def session(self) -> EditSession | None:
        """The edit session of the map file (None when it cannot be edited)."""
        return self.files.session

    @property
    def dirty(self) -> bool:
        """Whether there are unsaved edits."""
        return self.files.dirty

    @property
    def scenario_id(self) -> str | None:
        """The id of the scenario the map is shown under (None: the baseline)."""
        return self.reasoning.scenario_id

    def set_badges(self, badges: BadgeFn | None) -> None:
        """Show a custom badge per node in the outline and the detail pane (None: the acceptance badges)."""
        self.reasoning.badges = badges
        self.relabel()

    def relabel(self) -> None:
        """Show every pane's badges again."""
        self.panes.outline.relabel()
        self.navigator.show_focused()

    def update_topbar(self) -> None:
        """Show the file's name, its unsaved mark, the scenario, the filter and the counts again."""
        self.panes.show_topbar(self.doc, self.files.edit_mark(), self.findings, self.reasoning.caption(),
                               self.view_filter.describe())

    # -- focus ----------------------------------------------------------------------------------------------

    def focus_node(self, node_id: str, *, jump: bool = True) -> bool:
        """Focus a node in every pane. A jump is a step in the history and reveals the node in the outline."""
        return self.navigator.focus_node(node_id, jump=jump)

    def watch_focused_node(self, node_id: str | None) -> None:
        self.navigator.show_focused()

    @on(NodeSelected)
    def _node_selected(self, message: NodeSelected) -> None:
        self.focus_node(message.node_id, jump=message.jump)

    @on(NodeChosen)
    def _node_chosen(self, message: NodeChosen) -> None:
        self.navigator.node_chosen(message)

    @on(ProblemSelected)
    def _problem_selected(self, message: ProblemSelected) -> None:
        self.navigator.problem_selected(message)

    # -- reasoning ------------------------------------------------------------------------------------------

    @on(jobs.MapEvaluated)
    def _map_evaluated(self, message: jobs.MapEvaluated) -> None:
        self.evaluator.evaluated(message)

    @on(jobs.EvaluationFailed)
    def _evaluation_failed(self, message: jobs.EvaluationFailed) -> None:
        self.evaluator.failed(message)

    def set_scenario(self, scenario_id: str | None) -> None:
        """Show the map under a declared scenario (None: the baseline), and say what changed."""
        self.evaluator.set_scenario(scenario_id)

    @on(ScenarioChosen)
    def _scenario_chosen(self, message: ScenarioChosen) -> None:
        self.evaluator.set_scenario(message.scenario_id)

    def action_scenario(self) -> None:
        screens.open_scenario_choice(self)

    def action_ach(self, group: str | None = None) -> None:
        screens.open_ach(self, group)

    def action_assumptions(self) -> None:
        screens.open_assumptions(self)

    def action_analysis(self, tab: str = "forecasts") -> None:
        screens.open_analysis(self, tab)

    def action_toggle_standing(self) -> None:
        self.evaluator.toggle_standing()

    # -- checking and reading again ---------------------------------------------------------------------------

    @on(jobs.MapChecked)
    def _map_checked(self, message: jobs.MapChecked) -> None:
        self.checks.checked(message)

    @on(jobs.GapsFound)
    def _gaps_found(self, message: jobs.GapsFound) -> None:
        self.checks.gaps_found(message)

    def reread(self) -> Worker[None]:
        """Read the map file again and check it, in the background (a file the edit session cannot hold)."""
        return self.checks.reread()

    @on(jobs.MapReread)
    def _map_reread(self, message: jobs.MapReread) -> None:
        self.checks.reread_done(message)

    @on(jobs.RereadFailed)
    def _reread_failed(self, message: jobs.RereadFailed) -> None:
        self.checks.reread_failed(message)

    # -- export ---------------------------------------------------------------------------------------------

    def action_export_view(self) -> None:
        self.exporter.export_svg(self.focused_node)

    def action_export_map(self) -> None:
        self.exporter.export_svg(None)

    def action_export_to_folder(self) -> None:
        self.exporter.export_to_folder()

    def export_svg(self, focus: str | None, folder: Path | None = None) -> Worker[None] | None:
        """Export the view around `focus` (None: the whole map) as SVG in the background (`Exporter.export_svg`)."""
        return self.exporter.export_svg(focus, folder)

    @on(jobs.Exported)
    def _exported(self, message: jobs.Exported) -> None:
        self.exporter.exported(message)

    @on(jobs.ExportFailed)
    def _export_failed(self, message: jobs.ExportFailed) -> None:
        self.exporter.failed(message)

    # -- the file and edits ---------------------------------------------------------------------------------

    def action_save(self) -> None:
        self.files.save()

    def action_reload(self) -> None:
        """Read the map again from disk and re-check it (asking first if there are unsaved edits)."""
        self.files.reload()

    def action_open_editor(self) -> None:
        self.files.open_editor()

    def action_quit(self) -> None:  # type: ignore[override]
        """Quit; with unsaved edits, ask first."""
        self.files.quit()

    def action_edit_node(self) -> None:
        self.editor.edit_node()

    def action_new_node(self) -> None:
        self.editor.new_node()

    def action_new_from_source(self) -> None:
        view = self.panes.source
        self.editor.new_from_source(view.source_id, view.lines[view.cursor][0] if view.lines else 0)

    def action_delete_node(self) -> None:
        self.editor.delete_node()

    def action_add_relation(self) -> None:
        self.editor.add_relation()

    def action_review(self) -> None:
        """Walk the drafted nodes in text order: accept, retype, merge, split or drop each."""
        from argmap.tui.review import open_review

        open_review(self)

    def action_undo(self) -> None:
        self.editor.undo()

    def action_redo(self) -> None:
        self.editor.redo()

    @on(RelationChosen)
    def _relation_chosen(self, message: RelationChosen) -> None:
        if message.action == "edit":
            self.parts.edit_relation(message.source, message.rel_type, message.target)
        else:
            self.editor.change_relation(message)

    def action_edit_part(self, part: str) -> None:
        """Edit a part of the map that is not a node: `map`, `sources`, `scenarios`, `vocabularies`, `prune`."""
        self.parts.open(part)

    @on(RatingChosen)
    def _rating_chosen(self, message: RatingChosen) -> None:
        self.editor.set_rating(message)

    @on(FixRequested)
    def _fix_requested(self, message: FixRequested) -> None:
        fix_finding(self, self.files, message.diagnostic)

    def action_fix_quotes(self) -> None:
        fix_quotes(self, self.files, self.focused_node)

    # -- views and panes ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The explorer's keys act on the main screen only, unless a screen allows them (`app_action_allowed`)."""
        return screens.app_action_allowed(self, action)

    def action_history_back(self) -> None:
        self.navigator.back()

    def action_history_forward(self) -> None:
        self.navigator.forward()

    def action_search(self) -> None:
        screens.open_search(self)

    def action_filters(self) -> None:
        screens.open_filters(self)

    def action_clear_filters(self) -> None:
        self.view_filter = ViewFilter()

    def toggle_filter(self, facet: str, value: str) -> None:
        """Add a value to a filter facet, or remove it."""
        self.view_filter = self.view_filter.toggled(facet, value)

    def watch_view_filter(self) -> None:
        self.outline_view.filter_changed()

    def action_cycle_grouping(self) -> None:
        self.set_grouping(GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)])

    def set_grouping(self, grouping: str) -> None:
        self.grouping = grouping

    def watch_grouping(self) -> None:
        self.outline_view.grouping_changed()

    # the palette's rows run these by name (`argmap.tui.commands`)
    action_go_to = focus_node
    action_set_scenario = set_scenario
    action_set_grouping = set_grouping
    action_toggle_filter = toggle_filter

    def action_diagram(self) -> None:
        """Open or close the Diagram pane (the focused node's neighbourhood, in place of the right-hand panes)."""
        self.panes.toggle_diagram()

    def action_pane(self, name: str) -> None:
        """Focus a pane: outline, detail, source, problems or diagram."""
        self.panes.focus(name)

    def action_maximise(self) -> None:
        if self.screen.maximized is not None:
            self.screen.minimize()
        elif self.focused is not None:
            self.screen.maximize(self.panes.maximised(self.focused), container=False)

    def action_redraw(self) -> None:
        """Paint every line of the screen again (after something else wrote to the terminal)."""
        self.screen.refresh()

    def action_help(self) -> None:
        self.push_screen(screens.help_screen(type(self)))


def create_app(source: str | os.PathLike[str] | MapDocument, **options: Any) -> ArgmapApp:
    """The explorer for a map file (loaded here; `ArgmapError` if it cannot be read) or a loaded document.

    Options: `grouping` (argument, theme, actor, tag, kind), `view_filter`, `focus` (a node id), `export_dir`,
    `scenario` (id or title of one of the map's scenarios), `standing` (False: no acceptance badges), `badges`
    (node id -> badge text, instead of the acceptance badges), `cursor_blink` (False for reproducible
    screenshots), and any `App` option.
    """
    doc = source if isinstance(source, MapDocument) else load(source)
    if options.get("scenario") and doc.map is not None:
        options["scenario"] = find_scenario(doc.map, options["scenario"]).id  # an unknown name: a clear error
    return ArgmapApp(doc, **options)
