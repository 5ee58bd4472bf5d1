"""The Source pane: the article, each quoted passage highlighted in its node's kind colour, the focused node's
passages emphasised; a line cursor, passage by passage moves, and Enter (or a click) on a passage goes to its node.
What no quote covers (the sentences `argmap coverage` lists, excluded lines left out) is marked: its words in the
theme's warning colour and italic, and a `○` in the gutter of each line that has some, so it shows without colour
too; `c` and `C` go to the next and previous such sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.events import Click, Resize
from textual.geometry import Size
from textual.strip import Strip

from argmap.io.document import MapDocument
from argmap.render.colours import KIND_COLOURS
from argmap.tui.messages import NodeSelected
from argmap.tui.scrolling import QuietScroll
from argmap.tui.source_text import Gaps, Passage, line_of, passages_by_source, wrap_offsets

GUTTER = 2
#: The gutter's mark of a line with words no quote covers.
GAP_MARK = "○"
_HAS_WORD = re.compile(r"[^\W_]")


class SourceView(QuietScroll, can_focus=True):
    """One source text at a time, wrapped to the pane."""

    BINDING_GROUP_TITLE = "Source"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Line down", show=False),
        Binding("k,up", "cursor(-1)", "Line up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "cursor(-1000000)", "Start", show=False),
        Binding("end", "cursor(1000000)", "End", show=False),
        Binding("n", "passage(1)", "Next passage", show=False),
        Binding("N,p", "passage(-1)", "Previous passage", show=False),
        Binding("enter", "jump", "Go to the passage's node", show=False),
        Binding("t", "next_source", "Next source text", show=False),
        Binding("c", "gap(1)", "Next sentence no quote covers", show=False),
        Binding("C", "gap(-1)", "Previous sentence no quote covers", show=False),
        Binding("v", "app.new_from_source", "Select a passage and make a node quoting it", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.doc: MapDocument | None = None
        self.passages: dict[str, list[Passage]] = {}
        self.by_node: dict[str, list[tuple[str, Passage]]] = {}
        self._on_line: list[list[Passage]] = []
        self.gaps: dict[str, list[tuple[int, int]]] = {}
        self.covered_share: float | None = None
        self.gaps_skipped: str | None = None
        self._gaps_on_line: list[list[tuple[int, int]]] = []
        self.source_id: str | None = None
        self.text = ""
        self.lines: Sequence[tuple[int, int]] = ()
        self.cursor = 0
        self.focus_node: str | None = None
        self.selected: Passage | None = None
        self._wrapped_width = 0
        self._styles: dict[tuple[str, int], Style] = {}
        self._strips: dict[tuple[object, ...], Strip] = {}  # rendered lines, by everything that styles them

    # -- content --------------------------------------------------------------------------------------------

    def set_document(self, doc: MapDocument) -> None:
        """Take a (re)loaded document; show its first source."""
        self.doc = doc
        self.passages = passages_by_source(doc)
        self.by_node = {}
        for source_id, passages in self.passages.items():
            for passage in passages:
                self.by_node.setdefault(passage.node, []).append((source_id, passage))
        first = next(iter(doc.sources), None)
        keep = self.source_id if self.source_id in doc.sources else first
        self.focus_node = None
        self.selected = None
        self._load_source(keep)

    def _load_source(self, source_id: str | None) -> None:
        self.source_id = source_id
        doc = self.doc
        source = doc.sources.get(source_id) if doc is not None and source_id is not None else None
        if source is None:
            self.text = "This map names no source text." if doc is not None and doc.map is not None else ""
            self.border_title = "Source"
        elif source.text is None:
            self.text = (f"The text of source '{source.source.id}' is not available: {source.problem}.\n\n"
                         "Quotes are listed in the Detail pane without their place in the text; see Problems.")
            self.border_title = Text(f"Source: {source.source.title}")
        else:
            self.text = source.text
            self.border_title = Text(f"Source: {source.source.title}")
        self._wrapped_width = 0
        self._rewrap()

    def _rewrap(self) -> None:
        width = max(self.scrollable_content_region.width - GUTTER - 1, 20)
        if width == self._wrapped_width and self.lines:
            return
        anchor = self.lines[self.cursor][0] if self.lines and self.cursor < len(self.lines) else 0
        self._wrapped_width = width
        self.lines = wrap_offsets(self.text, width) if self.text else ()
        self.cursor = line_of(self.lines, anchor) if self.lines else 0
        self._index_lines()
        self.virtual_size = Size(width + GUTTER, len(self.lines))
        if self.scrollable_content_region.height:  # else not laid out yet: its first resize comes back here
            self._move_to(self.cursor, center=True)
        self.refresh()

    def _index_lines(self) -> None:
        """The passages that cover each wrapped line (passages are sorted by start)."""
        self._strips.clear()
        self._on_line = [[] for _ in self.lines]
        self._gaps_on_line = [[] for _ in self.lines]
        for start, end in self.current_gaps:
            for line in range(line_of(self.lines, start), len(self.lines)):
                if self.lines[line][0] >= end:
                    break
                self._gaps_on_line[line].append((start, end))
        for passage in self.current_passages:
            first = line_of(self.lines, passage.start)
            for line in range(first, len(self.lines)):
                start, end = self.lines[line]
                if start >= passage.end:
                    break
                if passage.start < max(end, start + 1):
                    self._on_line[line].append(passage)

    def _on_resize(self, event: Resize) -> None:
        self._rewrap()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _theme: self._theme_changed(), init=False)

    def _theme_changed(self) -> None:
        self._styles.clear()
        self._strips.clear()
        self.refresh()

    def show_gaps(self, gaps: Gaps) -> None:
        """Mark what no quote covers (found for the document shown, in the background for a long text)."""
        self.gaps, self.covered_share, self.gaps_skipped = gaps.sentences, gaps.share, gaps.skipped
        self._index_lines()
        self.refresh()

    @property
    def current_gaps(self) -> list[tuple[int, int]]:
        """The sentences of the shown source that some word of is not quoted."""
        return self.gaps.get(self.source_id or "", []) if self.source_id else []

    @property
    def current_passages(self) -> list[Passage]:
        return self.passages.get(self.source_id or "", []) if self.doc and self.source_id else []

    def show_node(self, node_id: str | None) -> None:
        """Emphasise the node's passages, switching source if needed, and bring the first into view."""
        self.focus_node = node_id
        mine = self.by_node.get(node_id or "", [])
        if mine:
            source_id, first = min(mine, key=lambda item: (item[1].quote, item[1].start))
            if self.selected is not None and self.selected.node == node_id and self.selected.start >= 0:
                source_id, first = next(((sid, p) for sid, p in mine if p == self.selected), (source_id, first))
            if source_id != self.source_id:
                self._load_source(source_id)
            self.selected = first
            self._move_to(line_of(self.lines, first.start), center=True)
        self.refresh()

    # -- moving ---------------------------------------------------------------------------------------------

    def _move_to(self, line: int, *, center: bool = False) -> None:
        """Put the cursor on `line`, scrolling only if it is out of view (then to a third of the way down
        when `center`)."""
        if not self.lines:
            return
        self.cursor = max(0, min(line, len(self.lines) - 1))
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        outside = not top <= self.cursor < top + height
        if center and outside:
            self.scroll_to(y=max(0, self.cursor - height // 3), animate=False)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_passage(self, direction: int) -> None:
        """Select the next (or previous) passage after the cursor line."""
        passages = self.current_passages
        if not passages or not self.lines:
            return
        here = self.lines[self.cursor][0]
        if self.selected in passages:
            index = passages.index(self.selected) + direction
        elif direction > 0:
            index = next((i for i, p in enumerate(passages) if p.start >= here), len(passages))
        else:
            index = max((i for i, p in enumerate(passages) if p.start < here), default=-1)
        if 0 <= index < len(passages):
            self.selected = passages[index]
            self._move_to(line_of(self.lines, self.selected.start))

    def action_gap(self, direction: int) -> None:
        """Put the cursor on the next (or previous) sentence that no quote covers in full."""
        starts = [line_of(self.lines, start) for start, _end in self.current_gaps] if self.lines else []
        if direction > 0:
            target = next((line for line in starts if line > self.cursor), None)
        else:
            target = next((line for line in reversed(starts) if line < self.cursor), None)
        if self.gaps_skipped is not None:
            self.app.notify(self.gaps_skipped, timeout=6)
            return
        if target is None:
            self.app.bell()
            where = "after" if direction > 0 else "before"
            self.app.notify("every sentence is quoted" if not starts else f"no unquoted sentence {where} this line",
                            timeout=2)
            return
        self._move_to(target, center=True)

    def passages_on_line(self, line: int) -> list[Passage]:
        return self._on_line[line] if 0 <= line < len(self._on_line) else []

    def action_jump(self) -> None:
        """Go to the node of the selected passage (on the cursor line), else of a passage on that line."""
        here = self.passages_on_line(self.cursor)
        if not here:
            self.app.bell()
            return
        if self.selected in here:
            chosen = self.selected
        else:
            chosen = next((p for p in here if p.node != self.focus_node), here[0])
        self.selected = chosen
        self.post_message(NodeSelected(chosen.node, jump=True))

    def action_next_source(self) -> None:
        if self.doc is None or not self.doc.sources:
            return
        ids = list(self.doc.sources)
        index = (ids.index(self.source_id) + 1) % len(ids) if self.source_id in ids else 0
        self._load_source(ids[index])
        self._move_to(0)

    async def _on_click(self, event: Click) -> None:
        line = event.y + self.scroll_offset.y
        if not 0 <= line < len(self.lines):
            return
        self._move_to(line)
        start, end = self.lines[line]
        offset = start + max(0, event.x - GUTTER)
        hits = [p for p in self.current_passages if p.start <= offset < p.end]
        if hits and offset < end:
            self.selected = min(hits, key=lambda p: p.end - p.start)
            self.post_message(NodeSelected(self.selected.node, jump=True))

    # -- drawing --------------------------------------------------------------------------------------------

    def _gap_style(self) -> Style:
        key = ("gap", 0)
        if key not in self._styles:
            colour = Color.parse(self.app.current_theme.warning or "yellow").rich_color
            self._styles[key] = Style(color=colour, italic=True)
        return self._styles[key]

    def _passage_style(self, kind: str, level: int) -> Style:
        """Background for a passage: 0 plain, 1 the focused node's, 2 the selected one too."""
        key = (kind, level)
        if key not in self._styles:
            base = self.styles.background if self.styles.background.a else Color(0, 0, 0)
            accent = Color.parse(KIND_COLOURS.get(kind, "#888888"))
            mixed = base.blend(accent, (0.3, 0.6, 0.6)[level])
            style = Style(bgcolor=mixed.rich_color, color=mixed.get_contrast_text(1.0).rich_color)
            if level:
                style += Style(bold=True)
            if level == 2:
                style += Style(underline=True)
            self._styles[key] = style
        return self._styles[key]

    def render_line(self, y: int) -> Strip:
        line = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self._base_style
        if not 0 <= line < len(self.lines):
            return Strip.blank(width, base)
        covering = self._on_line[line] if line < len(self._on_line) else []
        key = (line, width, base, self.cursor == line, self.has_focus,
               tuple((p.node == self.focus_node, p == self.selected) for p in covering))
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 2000:
                self._strips.clear()
            strip = self._strips[key] = self._render_text_line(line, width, base, covering)
        return strip

    def _render_text_line(self, line: int, width: int, base: Style, covering: list[Passage]) -> Strip:
        start, end = self.lines[line]
        gaps = self._gaps_on_line[line] if line < len(self._gaps_on_line) else []
        cuts = sorted({start, end, *(max(start, p.start) for p in covering), *(min(end, p.end) for p in covering),
                       *(max(start, a) for a, _ in gaps), *(min(end, b) for _, b in gaps)})
        segments: list[Segment] = []
        unquoted = False
        for a, b in pairwise(cuts):
            piece = self.text[a:b]
            if not piece:
                continue
            over = [p for p in covering if p.start <= a and p.end >= b]
            if not over:
                gap = _HAS_WORD.search(piece) is not None and any(g_a <= a and b <= g_b for g_a, g_b in gaps)
                unquoted = unquoted or gap
                segments.append(Segment(piece, base + self._gap_style() if gap else base))
                continue
            own = [p for p in over if p.node == self.focus_node]
            chosen = own[-1] if own else over[-1]
            level = 2 if self.selected in over and self.has_focus else 1 if own else 0
            segments.append(Segment(piece, base + self._passage_style(chosen.kind, level)))
        second = GAP_MARK if unquoted else " "
        if line == self.cursor:
            mark = ("▌" if self.has_focus else "›") + second
            accent = Color.parse(self.app.current_theme.accent or "blue").rich_color
            segments.insert(0, Segment(mark, base + Style(color=accent, bold=True)))
        else:
            segments.insert(0, Segment(" " + second, base + self._gap_style() if unquoted else base))
        return Strip(segments).adjust_cell_length(width, base).crop(0, width)
