"""The command palette (Ctrl+P): go to any node by id, paraphrase or quote, and run the explorer's commands.

Every command is a row of a table (name, help, action): the action is the string a key binding would name, run
with `App.run_action`, so the palette needs no reference to the app's class. The rows that depend on the map
(scenarios, groupings, filter values) are made from the state the app shows (`PaletteSource`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Protocol, runtime_checkable

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from argmap.analysis.outline import GROUPINGS, ViewFilter, facet_values
from argmap.analysis.scenarios import assumption_scenarios
from argmap.analysis.search import SearchIndex
from argmap.io import MapDocument
from argmap.tui.style import Look, node_line

NODE_HITS = 15
#: Node hits rank a little below a command matching as well, so that typing a command's name finds it first.
NODE_WEIGHT = 0.9


@dataclass(frozen=True)
class Command:
    """One command of the palette: what it is called, what it does, and the app action that does it."""

    name: str
    help: str
    action: str


#: The explorer's commands, in the order the palette lists them.
COMMANDS: tuple[Command, ...] = (
    Command("Diagram of the focused node", "its neighbourhood as boxes and arrows; +/- change the depth",
            "diagram"),
    Command("Export the current view to SVG",
            "the focused node and its neighbours (depth 2), with the active filters", "export_view"),
    Command("Export the whole map to SVG", "every node that passes the active filters", "export_map"),
    Command("Export the current view to a folder…", "choose where the SVG goes", "export_to_folder"),
    Command("Re-check the map", "read the file again from disk and run every check", "reload"),
    Command("Search nodes", "fuzzy search over ids, paraphrases and quotes", "search"),
    Command("Filter nodes…", "keep nodes by kind, tag, actor and theme", "filters"),
    Command("Clear filters", "show every node again", "clear_filters"),
    Command("Show problems", "the findings of `argmap check`", "pane('problems')"),
    Command("Show source text", "the article with its quoted passages", "pane('source')"),
    Command("Back", "the previous node in the history", "history_back"),
    Command("Forward", "the next node in the history", "history_forward"),
    Command("Keys", "every key binding", "help"),
    Command("Forecast scores", "each forecast's Brier score, the overall score and calibration",
            "analysis('forecasts')"),
    Command("Scenario against the baseline",
            "what the chosen scenario changes; under the baseline, every scenario's effect", "analysis('scenario')"),
    Command("Weak points", "single-evidence claims, unsupported claims, missing warrants, signposts and quotes",
            "analysis('weak')"),
    Command("Sensitivity: most load-bearing evidence",
            "evidence and assumptions ranked by what rejecting each changes in the conclusions and forecasts",
            "analysis('sensitivity')"),
    Command("Choose a scenario…", "see the map under one of its scenarios", "scenario"),
    Command("ACH matrix…", "evidence rated against competing hypotheses: scores, diagnosticity, ratings editable",
            "ach"),
    Command("Key assumptions", "each one's status, and what rejecting it does to the conclusions", "assumptions"),
    Command("Edit the focused node…", "every field in a form, checked as you type", "edit_node"),
    Command("New node…", "choose its kind, then fill in the form", "new_node"),
    Command("New node quoting the source…",
            "select a passage of the source text; the quote and its position are filled in", "new_from_source"),
    Command("Link the focused node…", "supports, attacks, undercuts or conditions another", "add_relation"),
    Command("Fix the focused node's quotes", "rewrite each to its source's exact passage, as `argmap fix` does "
            "(x on a quote finding in Problems)", "fix_quotes"),
    Command("Delete the focused node…", "with its relations, after a confirmation", "delete_node"),
    Command("Edit scenarios…", "add, change and remove scenarios: what each holds true or false, probabilities",
            "edit_part('scenarios')"),
    Command("Edit the map's title and description…", "the map's own fields, in a form", "edit_part('map')"),
    Command("Edit a source…", "its title, author, publisher, date, link, path and coverage; or add, remove one",
            "edit_part('sources')"),
    Command("Choose the default source…", "the source quotes written as plain text belong to (default_source)",
            "edit_part('default-source')"),
    Command("Remove a source…", "one no quote cites", "edit_part('remove-source')"),
    Command("Edit tags, actors and themes…", "declare, relabel, rename everywhere, remove",
            "edit_part('vocabularies')"),
    Command("Remove unused tags, actors and themes", "every entry no node uses", "edit_part('prune')"),
    Command("Review the draft", "walk the nodes and relations `argmap draft` proposed: accept, retype, merge, split, "
            "reverse, drop",
            "review"),
    Command("Undo", "take back the last edit", "undo"),
    Command("Redo", "make the last undone edit again", "redo"),
    Command("Save", "write the edits to the map file (atomically, keeping a backup)", "save"),
    Command("Open the map in your editor", "$VISUAL or $EDITOR, at the focused node", "open_editor"),
    Command("Show or hide the acceptance badges", "✓ in, ✗ out, ? undecided, ◌ unsupported, with strength and p",
            "toggle_standing"),
)


@runtime_checkable
class PaletteSource(Protocol):
    """What the palette reads from the explorer to make its rows: the map, its view and its search index."""

    @property
    def doc(self) -> MapDocument: ...

    @property
    def scenario_id(self) -> str | None: ...

    @property
    def view_filter(self) -> ViewFilter: ...

    @property
    def look(self) -> Look: ...

    @property
    def search_index(self) -> SearchIndex: ...


def map_commands(source: PaletteSource, *, with_filters: bool = True) -> list[Command]:
    """The rows of the shown map: one per scenario (and the baseline), per grouping and, when `with_filters`, per
    filter value."""
    amap = source.doc.map
    found: list[Command] = []
    current = source.scenario_id
    if amap is not None:
        if current is not None:
            found.append(Command("Scenario: baseline", "the map as the author argues it", "set_scenario(None)"))
        found += [Command(f"Scenario: {scenario.title}", scenario.description or scenario.id,
                          f"set_scenario({scenario.id!r})")
                  for scenario in [*amap.scenarios, *assumption_scenarios(amap)] if scenario.id != current]
        found += [Command(f"ACH: {group.title}", f"{len(group.hypotheses)} hypotheses, {len(group.evidence)} items",
                          f"ach({group.id!r})") for group in amap.hypotheses]
    found += [Command(f"Group the outline by {grouping}", "argument: conclusions and their reasons"
                      if grouping == "argument" else f"one group per {grouping}", f"set_grouping({grouping!r})")
              for grouping in GROUPINGS]
    if with_filters and amap is not None:
        for facet, value, label, count in facet_values(amap):
            verb = "stop keeping" if value in getattr(source.view_filter, facet) else "keep only"
            found.append(Command(f"Filter: {verb} {facet} {label}", f"{count} node{'s' if count != 1 else ''}",
                                 f"toggle_filter({facet!r}, {value!r})"))
    return found


class ArgmapCommands(Provider):
    """Commands and nodes of the open map."""

    def _source(self) -> PaletteSource | None:
        app = self.app
        return app if isinstance(app, PaletteSource) else None

    def commands(self, *, with_filters: bool = True) -> list[Command]:
        """Every command; filter toggles only when `with_filters`."""
        source = self._source()
        return list(COMMANDS) + (map_commands(source, with_filters=with_filters) if source is not None else [])

    async def discover(self) -> Hits:
        for command in self.commands(with_filters=False):
            yield DiscoveryHit(command.name, partial(self.app.run_action, command.action), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), partial(self.app.run_action, command.action),
                          help=command.help)
        source = self._source()
        amap = source.doc.map if source is not None else None
        if source is None or amap is None:
            return
        for hit in source.search_index.search(query, limit=NODE_HITS):
            node = amap.node(hit.node)
            if node is None:
                continue
            prompt = Text.assemble(("Go to ", "dim"), node_line(source.look, node))
            found_in = None if hit.field in ("id", "text") else escape(f"{hit.field}: {' '.join(hit.snippet.split())}")
            yield Hit(hit.score / 100 * NODE_WEIGHT, prompt, partial(self.app.run_action, f"go_to({node.id!r})"),
                      text=f"Go to {node.id}", help=found_in)
