"""The command palette (Ctrl+P): go to any node by id, paraphrase or quote, and run the explorer's commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from argmap.analysis.outline import GROUPINGS, facet_values
from argmap.tui.style import node_line

if TYPE_CHECKING:
    from argmap.tui.app import ArgmapApp

NODE_HITS = 15
#: Node hits rank a little below a command matching as well, so that typing a command's name finds it first.
NODE_WEIGHT = 0.9


class ArgmapCommands(Provider):
    """Commands and nodes of the open map."""

    @property
    def explorer(self) -> ArgmapApp:
        return cast("ArgmapApp", self.app)

    def commands(self, *, with_filters: bool = True) -> list[tuple[str, Callable[[], object], str]]:
        """(name, action, help) of every command; filter toggles only when `with_filters`."""
        app = self.explorer
        found: list[tuple[str, Callable[[], object], str]] = [
            ("Export the current view to SVG", app.action_export_view,
             "the focused node and its neighbours (depth 2), with the active filters"),
            ("Export the whole map to SVG", app.action_export_map, "every node that passes the active filters"),
            ("Export the current view to a folder…", app.action_export_to_folder, "choose where the SVG goes"),
            ("Re-check the map", app.action_reload, "read the file again from disk and run every check"),
            ("Search nodes", app.action_search, "fuzzy search over ids, paraphrases and quotes"),
            ("Filter nodes…", app.action_filters, "keep nodes by kind, tag, actor and theme"),
            ("Clear filters", app.action_clear_filters, "show every node again"),
            ("Show problems", partial(app.action_pane, "problems"), "the findings of `argmap check`"),
            ("Show source text", partial(app.action_pane, "source"), "the article with its quoted passages"),
            ("Back", app.action_history_back, "the previous node in the history"),
            ("Forward", app.action_history_forward, "the next node in the history"),
            ("Keys", app.action_help, "every key binding"),
            ("Forecast scores", partial(app.action_analysis, "forecasts"),
             "each forecast's Brier score, the overall score and calibration"),
            ("Scenario against the baseline", partial(app.action_analysis, "scenario"),
             "what the chosen scenario changes; under the baseline, every scenario's effect"),
            ("Weak points", partial(app.action_analysis, "weak"),
             "single-evidence claims, unsupported claims, missing warrants, signposts and quotes"),
            ("Sensitivity: most load-bearing evidence", partial(app.action_analysis, "sensitivity"),
             "evidence ranked by how much of the map falls if it is rejected"),
            ("Choose a scenario…", app.action_scenario, "see the map under one of its scenarios"),
            ("Edit the focused node…", app.action_edit_node, "every field in a form, checked as you type"),
            ("New node…", app.action_new_node, "choose its kind, then fill in the form"),
            ("New node quoting the source…", app.action_new_from_source,
             "select a passage of the source text; the quote and its position are filled in"),
            ("Link the focused node…", app.action_add_relation, "supports, attacks, undercuts or conditions another"),
            ("Delete the focused node…", app.action_delete_node, "with its relations, after a confirmation"),
            ("Undo", app.action_undo, "take back the last edit"),
            ("Redo", app.action_redo, "make the last undone edit again"),
            ("Save", app.action_save, "write the edits to the map file (atomically, keeping a backup)"),
            ("Open the map in your editor", app.action_open_editor, "$VISUAL or $EDITOR, at the focused node"),
            ("Show or hide the acceptance badges", app.action_toggle_standing,
             "✓ in, ✗ out, ? undecided, with strength"),
        ]
        if app.doc.map is not None:
            if app.scenario_id is not None:
                found.append(("Scenario: baseline", partial(app.set_scenario, None), "the map as the author argues it"))
            found += [(f"Scenario: {scenario.title}", partial(app.set_scenario, scenario.id),
                       scenario.description or scenario.id) for scenario in app.doc.map.scenarios
                      if scenario.id != app.scenario_id]
        found += [(f"Group the outline by {grouping}", partial(app.set_grouping, grouping),
                   "argument: conclusions and their reasons" if grouping == "argument" else f"one group per {grouping}")
                  for grouping in GROUPINGS]
        if with_filters and app.doc.map is not None:
            for facet, value, label, count in facet_values(app.doc.map):
                active = value in getattr(app.view_filter, facet)
                verb = "stop keeping" if active else "keep only"
                found.append((f"Filter: {verb} {facet} {label}", partial(app.toggle_filter, facet, value),
                              f"{count} node{'s' if count != 1 else ''}"))
        return found

    async def discover(self) -> Hits:
        for name, action, help_text in self.commands(with_filters=False):
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)
        app = self.explorer
        if app.doc.map is None:
            return
        for hit in app.search_index.search(query, limit=NODE_HITS):
            node = app.doc.map.node(hit.node)
            if node is None:
                continue
            prompt = Text.assemble(("Go to ", "dim"), node_line(app.look, node))
            found_in = None if hit.field in ("id", "text") else escape(f"{hit.field}: {' '.join(hit.snippet.split())}")
            yield Hit(hit.score / 100 * NODE_WEIGHT, prompt, partial(app.focus_node, hit.node),
                      text=f"Go to {node.id}", help=found_in)
