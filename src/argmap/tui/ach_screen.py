"""The ACH screen (`H`): one matrix of competing hypotheses, as `argmap ach` prints it, with its ratings editable.

Rows are the items of evidence, columns the hypotheses (H1, H2...), cells the ratings in the theme's colours
(`Look.rating`); then each item's credibility, relevance and diagnosticity, and below, each hypothesis's weighted
inconsistency, count and rank (`argmap.analysis.ach`). `s` sorts by diagnosticity or back to the file's order.
Enter goes to the row's node (a `NodeChosen` message: the app closes the screen and focuses it); `+`/`-` cycle the
rating under the cursor, `r` chooses it from a list, `x` clears it, each a `RatingChosen` message that the app saves
through the edit session, so undo, redo and saving (`u`, `U`, Ctrl+S, allowed here) work as for every edit. The
screen is given the computed matrix when it is built and each new document the app shows (`document_shown`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from argmap.analysis.ach import AchResult, ItemRow, analyse
from argmap.io import MapDocument
from argmap.model import ArgMap
from argmap.model.techniques import RATINGS
from argmap.tui.messages import NodeChosen, RatingChosen
from argmap.tui.screen_host import ScreenHost
from argmap.tui.style import Look

RATING_NAMES = {"CC": "very consistent", "C": "consistent", "N": "neutral", "I": "inconsistent",
                "II": "very inconsistent", "NA": "not applicable"}
#: The order `+` goes through (`-` the other way); `None` is unrated.
CYCLE: tuple[str | None, ...] = (*RATINGS, None)
SORTS = ("map", "diagnosticity")
FIRST_HYPOTHESIS = 3  # columns: evidence, cred, rel, H1...


class AchScreen(ModalScreen[None]):
    """One ACH matrix; the cursor is a cell: its row an item, its column a hypothesis."""

    BINDING_GROUP_TITLE = "ACH matrix"
    #: Actions of the app allowed while this screen is shown (the app's other keys are not).
    APP_ACTIONS: ClassVar[frozenset[str]] = frozenset({"undo", "redo", "save"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True),
        Binding("s", "sort", "Sort", show=True, tooltip="Sort the items by diagnosticity, or in the file's order"),
        Binding("plus,equals_sign", "cycle(1)", "Next rating", show=True,
                tooltip="Change the rating under the cursor to the next one (CC C N I II NA, unrated)"),
        Binding("minus", "cycle(-1)", "Previous rating", show=False, tooltip="Change the rating to the previous one"),
        Binding("r", "choose_rating", "Rate…", show=True, tooltip="Choose the rating under the cursor from a list"),
        Binding("x,delete", "rate(None)", "Clear the rating", show=False),
        Binding("u,ctrl+z", "app.undo", "Undo", show=False),
        Binding("U,ctrl+y", "app.redo", "Redo", show=False),
        Binding("ctrl+s", "app.save", "Save", show=False),
    ]

    def __init__(self, result: AchResult, look: Look, *, sort: str = "map") -> None:
        super().__init__()
        self.result = result
        self.look = look
        self.sort = sort if sort in SORTS else "map"
        self.rows: list[ItemRow] = []
        self._gone = False

    @property
    def group_id(self) -> str:
        return self.result.group.id

    def compose(self) -> ComposeResult:
        with Vertical(id="ach-box"):
            yield Static(id="ach-head")
            table: DataTable[Text] = DataTable(id="ach-table", cursor_type="cell", zebra_stripes=True,
                                               fixed_columns=1)
            yield table
            yield Static(id="ach-cell")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#ach-box")
        box.border_subtitle = "Enter goes to the node · + - r x rate · s sorts · Esc closes"
        self.show(self.result)
        table = self.query_one(DataTable)
        table.move_cursor(row=0, column=FIRST_HYPOTHESIS if self.result.hypotheses else 0, animate=False)
        table.focus()

    # -- showing ----------------------------------------------------------------------------------------------

    def document_shown(self, doc: MapDocument) -> None:
        """The app shows a new document (an edit, an undo, a re-read): show the group in it again, or close."""
        amap = doc.map
        group = next((g for g in amap.hypotheses if g.id == self.group_id), None) if amap is not None else None
        if amap is None or group is None:
            self.app.notify(f"the ACH group '{self.group_id}' is no longer in the map", severity="warning")
            self._gone = True
            if self.is_current:
                self.dismiss(None)
            return
        self.show(analyse(amap, group))

    def on_screen_resume(self) -> None:
        if self._gone:  # the group went while a screen over this one was open
            self.dismiss(None)

    def show(self, result: AchResult) -> None:
        """Fill the screen with `result`, the cursor staying on the same item and column."""
        self.result = result
        table: DataTable[Text] = self.query_one(DataTable)
        keep_item = self._item_at(table.cursor_coordinate)
        keep_row, keep_column = table.cursor_coordinate
        group, hyps = result.group, result.hypotheses
        self.query_one("#ach-box").border_title = Text(f"ACH · {group.title}")
        self.query_one("#ach-head", Static).update(self._head())
        table.clear(columns=True)
        table.add_columns(Text("evidence"), Text("cred"), Text("rel"),
                          *(Text(f"H{i}", justify="center") for i in range(1, len(hyps) + 1)),
                          Text("diag", justify="right"))
        self.rows = result.sorted_items(self.sort)
        for index, row in enumerate(self.rows):  # keyed by position: `check` only warns of an item listed twice
            mark = "*" if row.changes_leader else ("+" if row.changes_ranking else "")
            table.add_row(Text(row.item + mark), Text(row.credibility[0].upper()), Text(row.relevance[0].upper()),
                          *(self._rating(row.ratings.get(h.id)) for h in hyps),
                          Text(f"{row.diagnosticity:.2f}", justify="right"), key=f"item:{index}")
        muted = self.look.muted
        blank = Text("")
        table.add_row(Text("weighted inconsistency", style="bold"), blank, blank,
                      *(Text(f"{h.weighted:.2f}", style="bold", justify="center") for h in hyps), blank, key="score")
        table.add_row(Text("inconsistency (count)", style=muted), blank, blank,
                      *(Text(str(h.inconsistency), style=muted, justify="center") for h in hyps), blank, key="count")
        table.add_row(Text("rank", style="bold"), blank, blank,
                      *(Text(str(h.rank), style="bold", justify="center") for h in hyps), blank, key="rank")
        kept = next((i for i, r in enumerate(self.rows) if r.item == keep_item), None) if keep_item else None
        table.move_cursor(row=keep_row if kept is None else kept, column=keep_column, animate=False)
        self._describe_cell()

    def _rating(self, rating: str | None) -> Text:
        return Text(rating or "·", style=self.look.rating(rating), justify="center")

    def _head(self) -> Text:
        result = self.result
        text = Text()  # a line each (not wrapped: argmap.tcss), so that the table keeps its room
        if result.group.description:
            text.append(" ".join(result.group.description.split()) + "\n", style=self.look.muted)
        for i, hyp in enumerate(result.hypotheses, 1):
            leader = hyp.rank == 1
            text.append(f"H{i} ", style="bold")
            text.append(f"{hyp.weighted:5.2f} #{hyp.rank} ", style="bold" if leader else self.look.muted)
            text.append(hyp.id, style="bold" if leader else "")
            if hyp.text != hyp.id:
                text.append(f"  {' '.join(hyp.text.split())}", style=self.look.muted)
            text.append("\n")
        order = "by diagnosticity, most first" if self.sort == "diagnosticity" else "in the file's order"
        text.append(f"Items {order} · lowest inconsistency leads · * without it the leader changes, + the order",
                    style=self.look.muted)
        return text

    def _item_at(self, coordinate: Coordinate) -> str | None:
        return self.rows[coordinate.row].item if 0 <= coordinate.row < len(self.rows) else None

    def _hypothesis_at(self, coordinate: Coordinate) -> str | None:
        index = coordinate.column - FIRST_HYPOTHESIS
        hyps = self.result.hypotheses
        return hyps[index].id if 0 <= index < len(hyps) else None

    def _describe_cell(self) -> None:
        """Under the table: the item under the cursor, its note, and its rating against the column's hypothesis."""
        coordinate = self.query_one(DataTable).cursor_coordinate
        text = Text()
        item = self._item_at(coordinate)
        row = self.rows[coordinate.row] if item is not None else None
        if row is not None:
            text.append(row.item, style="bold")
            text.append(f"  {' '.join(row.text.split())}")
            entry = next((e for e in self.result.group.evidence if e.item == row.item), None)
            if entry is not None and entry.note:
                text.append(f"\nnote: {' '.join(entry.note.split())}", style=self.look.muted)
        hypothesis = self._hypothesis_at(coordinate)
        if hypothesis is not None:
            hyp = next(h for h in self.result.hypotheses if h.id == hypothesis)
            text.append("\n" if text else "")
            if row is not None:
                rating = row.ratings.get(hypothesis)
                text.append("rated ")
                text.append(rating or "·", style=self.look.rating(rating))
                text.append(f" ({RATING_NAMES.get(rating or '', 'unrated')}) against ")
            text.append(f"H{coordinate.column - FIRST_HYPOTHESIS + 1} {hyp.id}", style="bold")
            if hyp.text != hyp.id:
                text.append(f": {' '.join(hyp.text.split())}")
        self.query_one("#ach-cell", Static).update(text)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self._describe_cell()

    # -- actions ----------------------------------------------------------------------------------------------

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter: the row's item (on a score row, the column's hypothesis) when it is a node of the map."""
        event.stop()
        item = self._item_at(event.coordinate)
        if item is not None:
            node = self.rows[event.coordinate.row].node
            what = f"the item '{item}'"
        else:
            hypothesis = self._hypothesis_at(event.coordinate)
            node = next((h.node for h in self.result.hypotheses if h.id == hypothesis), None)
            what = f"the hypothesis '{hypothesis}'" if hypothesis else "this row"
        if node is None:
            self.app.notify(f"{what} is stated in the ACH matrix only, not a node of the map", timeout=3)
            return
        self.app.post_message(NodeChosen(node, self))

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.show(self.result)

    def _cell(self) -> tuple[ItemRow, str] | None:
        coordinate = self.query_one(DataTable).cursor_coordinate
        hypothesis = self._hypothesis_at(coordinate)
        if self._item_at(coordinate) is None or hypothesis is None:
            self.app.bell()
            return None
        return self.rows[coordinate.row], hypothesis

    def action_rate(self, rating: str | None) -> None:
        """Set the rating under the cursor (None: clear it)."""
        cell = self._cell()
        if cell is None:
            return
        row, hypothesis = cell
        if row.ratings.get(hypothesis) == rating:
            return
        self.app.post_message(RatingChosen(self.group_id, row.item, hypothesis, rating))

    def action_cycle(self, step: int) -> None:
        cell = self._cell()
        if cell is not None:
            row, hypothesis = cell
            current = CYCLE.index(row.ratings.get(hypothesis))
            self.action_rate(CYCLE[(current + step) % len(CYCLE)])

    def action_choose_rating(self) -> None:
        from argmap.tui.choice import ChoiceScreen

        cell = self._cell()
        if cell is None:
            return
        row, hypothesis = cell
        choices: list[tuple[str, str | Text]] = [
            (rating, Text.assemble((f"{rating:<3}", self.look.rating(rating)), f"  {RATING_NAMES[rating]}"))
            for rating in RATINGS]
        choices.append(("", Text.assemble(("·  ", self.look.muted), "  unrated")))

        def chosen(value: str | None) -> None:
            if value is not None:
                self.action_rate(value or None)

        self.app.push_screen(ChoiceScreen(f"Rate {row.item} against {hypothesis}", choices,
                                          current=row.ratings.get(hypothesis, "")), chosen)

    def action_close(self) -> None:
        self.dismiss(None)


def open_ach(host: ScreenHost, group_id: str | None = None) -> None:
    """Open the ACH screen of `group_id`; without one, of the map's only group, or choose among several."""
    from argmap.tui.choice import ChoiceScreen

    amap = host.doc.map
    if amap is None:
        host.notify("the map does not load: no ACH matrix to show", severity="warning")
        return
    if not amap.hypotheses:
        host.notify("this map declares no ACH groups (add them under 'hypotheses:')", timeout=4)
        return
    if group_id is None and len(amap.hypotheses) == 1:
        group_id = amap.hypotheses[0].id
    if group_id is not None:
        _push(host, amap, group_id)
        return
    choices: list[tuple[str, str | Text]] = [
        (g.id, Text.assemble((g.title, "bold"), (f"  {len(g.hypotheses)} hypotheses, {len(g.evidence)} items",
                                                 "dim"))) for g in amap.hypotheses]

    def chosen(value: str | None) -> None:
        if value:
            _push(host, amap, value)

    host.push_screen(ChoiceScreen("ACH matrix", choices, hint="Which group of competing hypotheses?"), chosen)


def _push(host: ScreenHost, amap: ArgMap, group_id: str) -> None:
    group = next((g for g in amap.hypotheses if g.id == group_id), None)
    if group is None:
        host.notify(f"no ACH group '{group_id}' in this map", severity="warning")
        return
    host.push_screen(AchScreen(analyse(amap, group), host.look))
