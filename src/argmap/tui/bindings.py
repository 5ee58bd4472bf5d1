"""The explorer's key bindings, everywhere on the main screen (the footer shows the first ones, in this order)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

BINDINGS: list[BindingType] = [
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
    Binding("S", "edit_part('scenarios')", "Edit the scenarios: add, change, remove", show=False),
    Binding("a", "analysis", "Analysis",
            tooltip="Forecast scores, scenario against baseline, weak points, sensitivity"),
    Binding("H", "ach", "ACH matrix: evidence against competing hypotheses, ratings editable", show=False),
    Binding("K", "assumptions", "Key assumptions: status and what rejecting each does", show=False),
    Binding("A", "toggle_standing", "Show or hide the acceptance badges", show=False),
    Binding("i", "edit_node", "Edit", tooltip="Edit the focused node's fields in a form"),
    Binding("n", "new_node", "New node (choose its kind, fill in the form)", show=False),
    Binding("L", "add_relation", "Link the focused node to another (supports, attacks...)", show=False),
    Binding("R", "review", "Review the drafted nodes and relations, in the order of the text", show=False),
    Binding("D,delete", "delete_node", "Delete the focused node (asks first)", show=False),
    Binding("u,ctrl+z", "undo", "Undo", show=False),
    Binding("U,ctrl+y", "redo", "Redo", show=False),
    Binding("ctrl+s", "save", "Save", tooltip="Save the edits to the map file"),
    Binding("o", "open_editor", "Open the map in $EDITOR at the focused node", show=False),
    Binding("d", "diagram", "The focused node's neighbourhood as boxes and arrows (Diagram pane)", show=False),
    Binding("e", "export_view", "SVG", tooltip="Export the focused node's neighbourhood to SVG"),
    Binding("E", "export_map", "Export the whole map to SVG", show=False),
    Binding("r", "reload", "Re-check the map (read it again)", show=False),
    Binding("1", "pane('outline')", "Outline pane", show=False),
    Binding("2", "pane('detail')", "Detail pane (relations)", show=False),
    Binding("3", "pane('source')", "Source pane", show=False),
    Binding("4", "pane('problems')", "Problems pane", show=False),
    Binding("5", "pane('diagram')", "Diagram pane", show=False),
    Binding("z", "maximise", "Maximise or restore the focused pane", show=False),
    Binding("ctrl+l", "redraw", "Redraw the screen", show=False),
    Binding("q", "quit", "Quit", tooltip="Quit argmap"),
]
