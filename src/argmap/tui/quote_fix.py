"""The explorer's quote repair: `x` on a quote finding of the Problems pane (or the palette's "Fix the focused
node's quotes") rewrites the quote to its source's exact passage, as `argmap fix` does, as one undoable edit.

A certain repair (white space, typographic marks, case, a typo) is made at once; the nearest passage offered for a
quote not found is shown first and made only when the user says so.
"""

from __future__ import annotations

from rich.text import Text

from argmap.analysis.check_quotes import clip
from argmap.analysis.quote_repair import Repair, find_repairs
from argmap.errors import Diagnostic
from argmap.io.document import default_source
from argmap.tui.editing import EditorHost
from argmap.tui.map_file import FileController

#: The findings `x` can fix.
FIXABLE_RULES = frozenset({"quote-inexact", "quote-not-found"})


def fix_finding(host: EditorHost, files: FileController, diag: Diagnostic) -> None:
    """Fix the quote a finding is about (its node's quote `loc[3]`); say why when it cannot be fixed."""
    if diag.rule not in FIXABLE_RULES or diag.node is None:
        host.notify(f"No fix for [{diag.rule}] findings: Enter goes to the place to change.", timeout=4)
        return
    index = diag.loc[3] if len(diag.loc) > 3 and diag.loc[:1] == ("nodes",) and isinstance(diag.loc[3], int) \
        else None
    fix_quotes(host, files, diag.node, index)


def fix_quotes(host: EditorHost, files: FileController, node_id: str | None, index: int | None = None) -> None:
    """Repair the quotes of node `node_id` (only its quote `index` when given)."""
    session = files.editable()
    if session is None or node_id is None:
        return
    doc = host.doc
    repairs, lost = find_repairs(doc, [node_id])
    if index is not None:
        repairs = [r for r in repairs if r.index == index]
        lost = [q for q in lost if q.index == index]
    if not repairs:
        if lost:
            host.notify(f"No passage of source '{lost[0].source}' comes close to \"{clip(lost[0].old)}\": copy "
                        "the passage from the Source pane (n there quotes a selection).", severity="warning",
                        timeout=6)
        else:
            host.notify(f"The quotes of '{node_id}' are their sources' exact passages: nothing to fix.", timeout=3)
        return
    default = default_source(doc)

    def apply(chosen: list[Repair]) -> None:
        files.edit(lambda: session.set_quotes([r.change(default) for r in chosen]), focus=node_id)

    proposals = [r for r in repairs if not r.certain]
    if not proposals:
        apply(repairs)
        return
    from argmap.tui.confirm import ConfirmScreen

    message = Text()
    message.append(f"No passage of the source reads as the quote{'s' if len(proposals) > 1 else ''} of "
                   f"'{node_id}'. The nearest:\n")
    for repair in proposals:
        message.append(f"\nthe quote:   “{clip(repair.old, 200)}”\n", style="")
        message.append(f"the source:  “{clip(repair.new, 200)}”", style="bold")
        message.append(f"\n             at {repair.line} of '{repair.source}'; {repair.why}\n")
    certain = len(repairs) - len(proposals)
    if certain:
        others = f"{certain} other quote{'s' if certain > 1 else ''}"
        message.append(f"\n{others} of the node (white space, marks, a typo) are fixed unless you cancel.")

    def answered(answer: str | None) -> None:
        if answer == "replace":
            apply(repairs)
        elif answer == "keep" and certain:
            apply([r for r in repairs if r.certain])

    host.push_screen(ConfirmScreen("Replace by the nearest passage?", message,
                                   [("replace", "Replace"), ("keep", "Keep the quote"), ("cancel", "Cancel")],
                                   default="replace"), answered)
