"""The explorer application: one place holds the loaded document, the view and the focused node.

Build it with `create_app(path_or_document, **options)`; the CLI (`argmap [MAP]`, `argmap serve`) and the tests
use the same factory. Panes ask for changes with messages (`NodeSelected`, `ProblemSelected`, `RelationChosen`);
the app changes `focused_node` (reactive) and updates every pane; `reload(doc)` shows a new, re-read or edited
document. Reasoning, editing, the file session and background work are mixins in modules of their own.
"""

from __future__ import annotations

import gc
import os
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TabbedContent, TabPane

from argmap.analysis.check import check
from argmap.analysis.graph import Graph
from argmap.analysis.navigation import History, node_of
from argmap.analysis.outline import GROUPINGS, Outline, Row, ViewFilter
from argmap.analysis.scenarios import find_scenario
from argmap.errors import ArgmapError, Diagnostic, count_severity, has_errors
from argmap.io import MapDocument, load
from argmap.memory import collector_paused
from argmap.model import ArgMap
from argmap.tui.background import BackgroundWork
from argmap.tui.detail import DetailPane, RelationList
from argmap.tui.editing import Editing
from argmap.tui.messages import NodeSelected, ProblemSelected
from argmap.tui.outline import OutlineTree
from argmap.tui.palette import ArgmapCommands
from argmap.tui.problems import ProblemList
from argmap.tui.reasoning import ReasoningViews
from argmap.tui.source_view import SourceView
from argmap.tui.style import BadgeFn, Look, row_label

if TYPE_CHECKING:
    from argmap.analysis.search import SearchIndex

EXPAND_ROOTS = 12
#: Maps with more nodes are checked in the background after their first screen.
CHECK_AT_ONCE = 2000
#: After an edit of a big map, its background check waits this long for the next edit (a burst is checked once).
SETTLE_SECONDS = 0.4
PANES = ("outline", "detail", "source", "problems")


class ArgmapApp(Editing, ReasoningViews, BackgroundWork):
    """Outline, Detail, Source and Problems panes over one map."""

    CSS_PATH = Path(__file__).with_name("argmap.tcss")  # absolute: subclasses elsewhere find it too
    TITLE = "argmap"
    COMMANDS: ClassVar = App.COMMANDS | {ArgmapCommands}
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Keys", tooltip="Every key binding"),  # first: never cut off the footer
        Binding("slash", "search", "Search", tooltip="Search ids, paraphrases and quotes; Enter goes to the node"),
        Binding("f", "filters", "Filter", tooltip="Keep nodes by kind, tag, actor and theme"),
        Binding("F", "clear_filters", "Clear filters", show=False),
        Binding("g", "cycle_grouping", "Group", tooltip="Group the outline by argument, theme, actor, tag, kind"),
        Binding("left_square_bracket,alt+left,backspace", "history_back", "Back", key_display="[",
                tooltip="Back to the previous node in the history"),
        Binding("right_square_bracket,alt+right", "history_forward", "Fwd", key_display="]", show=False,
                tooltip="Forward again in the history"),
        Binding("s", "scenario", "Scenario", tooltip="See the map under one of its scenarios, or the baseline"),
        Binding("a", "analysis", "Analysis",
                tooltip="Forecast scores, scenario against baseline, weak points, sensitivity"),
        Binding("A", "toggle_standing", "Show or hide the acceptance badges", show=False),
        Binding("i", "edit_node", "Edit", tooltip="Edit the focused node's fields in a form"),
        Binding("n", "new_node", "New node (choose its kind, fill in the form)", show=False),
        Binding("L", "add_relation", "Link the focused node to another (supports, attacks...)", show=False),
        Binding("D,delete", "delete_node", "Delete the focused node (asks first)", show=False),
        Binding("u,ctrl+z", "undo", "Undo", show=False),
        Binding("U,ctrl+y", "redo", "Redo", show=False),
        Binding("ctrl+s", "save", "Save", tooltip="Save the edits to the map file"),
        Binding("o", "open_editor", "Open the map in $EDITOR at the focused node", show=False),
        Binding("e", "export_view", "SVG", tooltip="Export the focused node's neighbourhood to SVG"),
        Binding("E", "export_map", "Export the whole map to SVG", show=False),
        Binding("r", "reload", "Re-check the map (read it again)", show=False),
        Binding("1", "pane('outline')", "Outline pane", show=False),
        Binding("2", "pane('detail')", "Detail pane (relations)", show=False),
        Binding("3", "pane('source')", "Source pane", show=False),
        Binding("4", "pane('problems')", "Problems pane", show=False),
        Binding("z", "maximise", "Maximise or restore the focused pane", show=False),
        Binding("ctrl+l", "redraw", "Redraw the screen", show=False),
        Binding("q", "quit", "Quit", tooltip="Quit argmap"),
    ]

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
        self.graph = Graph()
        self._search_index: SearchIndex | None = None
        self.outline_model: Outline | None = None
        self.history = History()
        self.export_dir = export_dir
        self.badges = badges
        self.show_standing = standing
        self.scenario_id = scenario
        self.cursor_blink = cursor_blink
        self.look = Look()
        self._start_focus = focus
        self._frozen = False
        self.first_frame_shown = False
        self.set_reactive(ArgmapApp.grouping, grouping)
        self.set_reactive(ArgmapApp.view_filter, view_filter or ViewFilter())

    # -- layout ---------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(id="topbar-left")
            yield Static(id="topbar-right")
        with Horizontal(id="main"):
            yield OutlineTree(id="outline")
            with Vertical(id="right"):
                yield DetailPane(id="detail")
                with TabbedContent(id="lower", initial="tab-source"):
                    with TabPane("Source", id="tab-source"):
                        yield SourceView(id="source")
                    with TabPane("Problems", id="tab-problems"):
                        yield ProblemList(id="problems")
        yield Footer()

    def on_mount(self) -> None:
        with self.batch_update():
            self.query_one("#detail").border_title = "Detail"
            self.look = Look(self.get_css_variables())
            self.watch(self, "theme", self._theme_changed, init=False)
            self.reload(self.doc)
            self.open_session()
            start = self._start_focus
            if start is not None and self.doc.map is not None and self.doc.map.node(start) is not None:
                self.focus_node(start)
            if self.doc.map is None or has_errors(self.findings):
                self.action_pane("problems")
            else:
                self.query_one(OutlineTree).focus()
        gc.freeze()  # the map lives as long as it is shown: keep the collector from walking it on every pause
        self._frozen = True
        self.call_after_refresh(setattr, self, "first_frame_shown", True)

    def on_unmount(self) -> None:
        gc.unfreeze()

    def _theme_changed(self) -> None:
        self.look = Look(self.get_css_variables())
        self.query_one(OutlineTree).relabel()
        self.query_one(ProblemList).show(self.findings, self.look, {self.doc.display_path: self.doc.path.name})
        self._show_focused()

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
        if findings is None and amap is not None and len(amap.nodes) > CHECK_AT_ONCE:
            if self.first_frame_shown:
                # an edit, an undo, a re-read: the findings shown stay until the check of the new document is done
                # (placing findings in a big file is the slow part), and a burst of edits is checked once
                findings = self.findings
                self.later("check", SETTLE_SECONDS, partial(self.check_in_background, doc))
            else:
                findings = sorted(doc.diagnostics, key=lambda d: d.sort_key)  # its load errors at once
                self.call_after_refresh(self.check_in_background, doc)  # after the first frame
        self.findings = check(doc) if findings is None else findings
        self.graph = Graph.of(amap) if amap is not None else Graph()
        self._search_index = None
        self.history.forget(set(amap.by_id) if amap is not None else set())
        self.query_one(SourceView).set_document(doc)
        self.evaluate_map(show=False)
        self._show_findings()
        self._rebuild_outline()
        keep = self.focused_node if amap is not None and self.focused_node in amap.by_id else None
        if keep is None:
            keep = self._first_node()
        self.set_reactive(ArgmapApp.focused_node, keep)
        if keep is not None:
            self.history.replace(keep)
        self._reveal_or_home()
        self._show_focused()

    def _show_findings(self) -> None:
        self.query_one(ProblemList).show(self.findings, self.look, {self.doc.display_path: self.doc.path.name})
        errors = count_severity(self.findings, "error")
        tab = self.query_one(TabbedContent).get_tab("tab-problems")
        tab.label = f"Problems ({len(self.findings)})" if self.findings else "Problems"
        tab.set_class(errors > 0, "-errors")
        self._update_topbar()

    @property
    def search_index(self) -> SearchIndex:
        """The fuzzy index of the map's nodes, built on first use (so a huge map opens sooner)."""
        if self._search_index is None:
            from argmap.analysis.search import SearchIndex

            self._search_index = SearchIndex(self.doc.map if self.doc.map is not None else ArgMap(title="empty"))
        return self._search_index

    def _first_node(self) -> str | None:
        if self.outline_model is not None:
            rows = self.outline_model.roots()
            for row in rows:
                if row.node is not None:
                    return row.node
                children = self.outline_model.children(row)
                if children and children[0].node is not None:
                    return children[0].node
        if self.doc.map is not None and self.doc.map.nodes:
            return self.doc.map.nodes[0].id
        return None

    def _rebuild_outline(self) -> None:
        amap = self.doc.map
        tree = self.query_one(OutlineTree)
        self.outline_model = Outline(amap, self.grouping, self.view_filter, self.graph) if amap is not None else None
        tree.show_outline(self.outline_model, self._label, expand_roots=EXPAND_ROOTS if self.grouping == "argument"
                          else 0)
        described = self.view_filter.describe()
        shown = self.outline_model.count if self.outline_model is not None else 0
        total = len(amap.by_id) if amap is not None else 0
        tree.border_title = f"Outline · {self.grouping}" + (f" · {shown}/{total}" if described else "")
        self._update_topbar()

    def _label(self, row: Row) -> Any:
        amap = self.doc.map
        node = amap.node(row.node) if amap is not None and row.node is not None else None
        return row_label(self.look, row, node, self.badge(row.node) if row.node is not None else None)

    def set_badges(self, badges: BadgeFn | None) -> None:
        """Show a custom badge per node in the outline and the detail pane (None: the acceptance badges)."""
        self.badges = badges
        self._relabel()

    def _relabel(self) -> None:
        self.query_one(OutlineTree).relabel()
        self._show_focused()

    def _update_topbar(self) -> None:
        amap = self.doc.map
        title = amap.title if amap is not None else "(not a map)"
        left = self.query_one("#topbar-left", Static)
        left.update(Text(f" {self.doc.path.name}{self.edit_mark()} · {title}"))
        left.set_class(self.dirty, "-dirty")
        errors = count_severity(self.findings, "error")
        warnings = count_severity(self.findings, "warning")
        parts = []
        caption = self.scenario_caption()
        if caption:
            parts.append(caption)
        described = self.view_filter.describe()
        if described:
            parts.append(f"filter: {described}")
        if amap is not None:
            parts.append(f"{len(amap.by_id)} nodes")
        parts.append(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
        right = self.query_one("#topbar-right", Static)
        right.update(Text(" · ".join(parts) + " "))
        right.set_class(bool(described), "-filtered")
        right.set_class(bool(caption), "-scenario")

    # -- focus ----------------------------------------------------------------------------------------------

    def focus_node(self, node_id: str, *, jump: bool = True) -> bool:
        """Focus a node in every pane. A jump is a step in the history and reveals the node in the outline."""
        amap = self.doc.map
        if amap is None or amap.node(node_id) is None:
            self.notify(f"no node '{node_id}' in this map", severity="warning", markup=False)
            return False
        if jump:
            self.history.visit(node_id)
        else:
            self.history.replace(node_id)
        with self.batch_update():  # one frame for every pane
            self.focused_node = node_id
            revealed = not jump or self.query_one(OutlineTree).reveal(node_id)
        if not revealed:
            self.notify(f"'{node_id}' is hidden by the filter ({self.view_filter.describe()})", timeout=3, markup=False)
        return True

    def watch_focused_node(self, node_id: str | None) -> None:
        self._show_focused()

    def _show_focused(self) -> None:
        node_id = self.focused_node
        amap = self.doc.map
        node = amap.node(node_id) if amap is not None and node_id is not None else None
        badge = self.badge(node_id) if node_id is not None else None
        standing = self.standing_fields(node) if node is not None else []
        self.query_one(DetailPane).show(self.doc, self.graph, node, self.look, badge, standing)
        self.query_one(SourceView).show_node(node_id)

    def _go(self, node_id: str | None) -> None:
        if node_id is None:
            self.bell()
            return
        self.focused_node = node_id
        self.query_one(OutlineTree).reveal(node_id)

    def on_node_selected(self, message: NodeSelected) -> None:
        self.focus_node(message.node_id, jump=message.jump)

    def on_problem_selected(self, message: ProblemSelected) -> None:
        diag = message.diagnostic
        node = node_of(self.doc, diag)
        if node is None:
            where = f"line {diag.line}, column {diag.column}" if diag.line else "the file as a whole"
            self.notify(f"This finding is about {where} of {self.doc.path.name}, not about one node.", timeout=4,
                        markup=False)
            return
        self.focus_node(node)

    # -- actions --------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The explorer's keys act on the main screen only (not under the search or filter screens); quitting
        waits until an open node form is saved or cancelled (its text is not an edit yet)."""
        if action == "quit":
            from argmap.tui.node_form import NodeFormScreen

            return not isinstance(self.screen, NodeFormScreen)
        return not (action in _own_actions(type(self)) and isinstance(self.screen, ModalScreen))

    def action_history_back(self) -> None:
        self._go(self.history.back())

    def action_history_forward(self) -> None:
        self._go(self.history.forward())

    def action_search(self) -> None:
        from argmap.tui.search import SearchScreen

        if self.doc.map is None:
            self.notify("the map does not load: nothing to search", severity="warning")
            return

        def chosen(node_id: str | None) -> None:
            if node_id is not None:
                self.focus_node(node_id)
                self.query_one(OutlineTree).focus()

        self.push_screen(SearchScreen(self.search_index, self.doc.map, self.look, cursor_blink=self.cursor_blink),
                         chosen)

    def action_filters(self) -> None:
        from argmap.tui.filters import FilterScreen

        if self.doc.map is None:
            return

        def chosen(view_filter: ViewFilter | None) -> None:
            if view_filter is not None:
                self.view_filter = view_filter

        self.push_screen(FilterScreen(self.doc.map, self.view_filter), chosen)

    def action_clear_filters(self) -> None:
        self.view_filter = ViewFilter()

    def toggle_filter(self, facet: str, value: str) -> None:
        """Add a value to a filter facet, or remove it."""
        self.view_filter = self.view_filter.toggled(facet, value)

    def watch_view_filter(self) -> None:
        self._rebuild_outline()
        self._reveal_or_home()
        described = self.view_filter.describe()
        self.notify(f"filter: {described}" if described else "filter cleared", timeout=2, markup=False)

    def action_cycle_grouping(self) -> None:
        self.set_grouping(GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)])

    def set_grouping(self, grouping: str) -> None:
        self.grouping = grouping

    def watch_grouping(self) -> None:
        self._rebuild_outline()
        self._reveal_or_home()

    def _reveal_or_home(self) -> None:
        tree = self.query_one(OutlineTree)
        if self.focused_node is None or not tree.reveal(self.focused_node):
            tree.home_quietly()

    def action_pane(self, name: str) -> None:
        """Focus a pane: outline, detail, source or problems."""
        tabs = self.query_one(TabbedContent)
        if name == "outline":
            self.query_one(OutlineTree).focus()
        elif name == "detail":
            self.query_one(RelationList).focus()
        elif name == "source":
            tabs.active = "tab-source"
            self.query_one(SourceView).focus()
        elif name == "problems":
            tabs.active = "tab-problems"
            self.query_one(ProblemList).focus()

    def action_maximise(self) -> None:
        if self.screen.maximized is not None:
            self.screen.minimize()
        elif self.focused is not None:
            target = self.query_one("#lower") if self.focused in (self.query_one(SourceView),
                                                                   self.query_one(ProblemList)) else self.focused
            if isinstance(self.focused, RelationList):
                target = self.query_one(DetailPane)
            self.screen.maximize(target, container=False)

    def _outline_has_focus(self) -> bool:
        return self.focused is self.query_one(OutlineTree)

    def action_redraw(self) -> None:
        """Paint every line of the screen again (after something else wrote to the terminal)."""
        self.screen.refresh()

    def action_help(self) -> None:
        from argmap.tui.analysis_screen import AnalysisScreen
        from argmap.tui.filters import FilterScreen
        from argmap.tui.help import HelpScreen
        from argmap.tui.node_form import NodeFormScreen
        from argmap.tui.passage_screen import PassageScreen
        from argmap.tui.search import SearchScreen

        self.push_screen(HelpScreen([type(self), OutlineTree, RelationList, SourceView, ProblemList, SearchScreen,
                                     FilterScreen, AnalysisScreen, NodeFormScreen, PassageScreen]))

@lru_cache(maxsize=8)
def _own_actions(app_class: type[App[Any]]) -> frozenset[str]:
    """The names of the actions bound on the app class itself, except quitting."""
    return frozenset(binding.action.split("(")[0] for _key, binding in app_class._merge_bindings()) - {"quit"}


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
