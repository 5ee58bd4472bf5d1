"""The Diagram pane: the focused node's neighbourhood as boxes and arrows, drawn in the terminal.

The drawing is `argmap.render.cells`' canvas (Graphviz's layout mapped to cells), painted line by line by a
`ScrollView` (only the rows on screen are rendered, so a big neighbourhood scrolls as fast as a small one). Arrow
keys move the cursor to the nearest box in that direction and scroll to keep it in view; Enter focuses the
explorer on it (every pane follows, the diagram re-centres); `+` and `-` change the depth (1 to 3). A layout that
is not kept yet is made in a worker thread and comes back as a `DiagramDrawn` message, so keys stay responsive.

`p` shows the Graphviz PNG instead (drawn in a worker thread too), where the optional `textual-image` package
(`pip install argmap[images]`, loaded by `argmap --images`) finds a terminal that shows images (Kitty graphics or
Sixel); elsewhere, and over `argmap serve`, the character drawing stays and a notification says why. Map text is
shown as text (Rich `Segment`s), never as markup.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, runtime_checkable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from argmap.analysis.outline import ViewFilter
from argmap.io import MapDocument
from argmap.render.cells import DEPTHS, LEGEND, Canvas, Diagrams, nearest
from argmap.render.colours import RELATION_COLOURS
from argmap.tui import background as jobs
from argmap.tui.diagram_picture import PICTURE_CLASS, image_support, neighbourhood_png, picture_widget
from argmap.tui.messages import NodeSelected
from argmap.tui.style import Look

DEFAULT_DEPTH = 2


@runtime_checkable
class DiagramHost(Protocol):
    """What the pane reads from the explorer: the filter of its view and its colours."""

    @property
    def view_filter(self) -> ViewFilter: ...

    @property
    def look(self) -> Look: ...


class DiagramDrawn(Message):
    """A canvas laid out in the background for (document, focus, depth, filter)."""

    def __init__(self, key: tuple[Any, ...], canvas: Canvas) -> None:
        super().__init__()
        self.key = key
        self.canvas = canvas


class DiagramFailed(jobs.WorkFailed):
    """Laying out a neighbourhood, or drawing its picture, failed."""


class PictureDrawn(Message):
    """The Graphviz PNG of (document, focus, depth, filter), drawn in the background, to show with `image_class`."""

    def __init__(self, key: tuple[Any, ...], image_class: type[Any], png: bytes) -> None:
        super().__init__()
        self.key = key
        self.image_class = image_class
        self.png = png


def role_style(look: Look, role: str) -> Style:
    """The style of a canvas colour role (`box:claim`, `edge:attacks`, `focus`...)."""
    family, _, name = role.partition(":")
    if family == "box":
        return look.kind(name)
    if family == "id":
        return look.kind(name) + Style(bold=True)
    if family == "focus":
        return Style(bold=True, underline=True)
    if family == "note":
        return Style(dim=True)
    if family in ("edge", "head"):
        colour = RELATION_COLOURS.get(name)
        return Style(color=colour, bold=family == "head") if colour else Style(dim=True)
    return Style()


class DiagramView(ScrollView, can_focus=True):
    """The canvas with a cursor on one of its boxes."""

    BINDING_GROUP_TITLE = "Diagram"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move('up')", "Up", show=False),
        Binding("down,j", "move('down')", "Down", show=False),
        Binding("left,h", "move('left')", "Left", show=False),
        Binding("right,l", "move('right')", "Right", show=False),
        Binding("enter", "choose", "Focus the node under the cursor", show=False),
        Binding("plus,equals_sign", "depth(1)", "Deeper neighbourhood (up to 3)", show=False),
        Binding("minus", "depth(-1)", "Shallower neighbourhood (down to 1)", show=False),
        Binding("p", "picture", "Show the Graphviz picture (terminals with images)", show=False),
        Binding("escape", "close", "Close the diagram", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.canvas: Canvas | None = None
        self.cursor: str | None = None
        self.message_text = ""
        self.look = Look()
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}  # role -> style under `look`

    def show_canvas(self, canvas: Canvas, look: Look) -> None:
        """Paint `canvas`, the cursor on its focus, scrolled to show it."""
        if look is not self.look:
            self._styles.clear()
        self.canvas, self.look, self.message_text = canvas, look, ""
        self.cursor = canvas.focus
        self._strips.clear()
        self.virtual_size = Size(canvas.width, canvas.height)
        self.refresh()
        self.call_after_refresh(self.reveal_cursor, centre=True)

    def show_message(self, text: str) -> None:
        """Show one line instead of a drawing (laying out, no map)."""
        self.canvas, self.cursor, self.message_text = None, None, text
        self._strips.clear()
        self.virtual_size = Size(len(text), 1)
        self.refresh()

    def reveal_cursor(self, centre: bool = False) -> None:
        """Scroll so that the cursor's box is in view (centred when asked)."""
        if self.canvas is None or self.cursor not in self.canvas.boxes:
            return
        rect = self.canvas.boxes[self.cursor]
        region = Region(rect.left - 1, rect.top - 1, rect.width + 2, rect.height + 2)
        self.scroll_to_region(region, animate=False, center=centre, force=True, immediate=True)

    def move_cursor(self, node_id: str) -> None:
        """Put the cursor on a drawn node's box."""
        if self.canvas is None or node_id not in self.canvas.boxes or node_id == self.cursor:
            return
        before = self.canvas.boxes.get(self.cursor) if self.cursor is not None else None
        self.cursor = node_id
        for rect in (before, self.canvas.boxes[node_id]):
            if rect is not None:  # only the rows of the two boxes are painted again (unless it scrolls)
                for row in range(rect.top, rect.bottom + 1):
                    self._strips.pop(row, None)
                self.refresh_lines(rect.top, rect.height)
        self.reveal_cursor()

    def _row(self, row: int) -> Strip:
        strip = self._strips.get(row)
        if strip is not None:
            return strip
        assert self.canvas is not None
        line = self.canvas.lines[row]
        spans = self.canvas.spans[row]
        cursor = self.canvas.boxes.get(self.cursor) if self.cursor is not None else None
        marked = cursor is not None and cursor.top <= row <= cursor.bottom
        segments: list[Segment] = []
        at = 0
        for span in spans:
            if span.start > at:
                segments.append(Segment(line[at:span.start]))
            style = self._styles.get(span.role)
            if style is None:
                style = self._styles[span.role] = role_style(self.look, span.role)
            segments.append(Segment(line[span.start:span.end], style))
            at = span.end
        if at < len(line):
            segments.append(Segment(line[at:]))
        strip = Strip(segments, len(line))
        if marked and cursor is not None:
            left, mid, right = (strip.crop(0, cursor.left), strip.crop(cursor.left, cursor.right + 1),
                                strip.crop(cursor.right + 1, len(line)))
            strip = Strip.join([left, mid.apply_style(Style(reverse=True)), right])
        self._strips[row] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.canvas is None:
            text = self.message_text if row == 0 else ""
            return Strip([Segment(text)]).crop(scroll_x, scroll_x + width).extend_cell_length(width, base)
        if row >= self.canvas.height:
            return Strip.blank(width, base)
        strip = self._row(row).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width).apply_style(base)

    # -- keys and the mouse -----------------------------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        """A click on a box puts the cursor there; a click on the box under the cursor focuses its node."""
        if self.canvas is None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        found = self.canvas.node_at(offset.y + self.scroll_offset.y, offset.x + self.scroll_offset.x)
        if found is None:
            return
        event.stop()
        if found == self.cursor:
            self.action_choose()
        else:
            self.move_cursor(found)

    def action_move(self, direction: str) -> None:
        if self.canvas is None or self.cursor is None:
            return
        found = nearest(self.canvas.boxes, self.cursor, direction)
        if found is None:
            self.app.bell()
        else:
            self.move_cursor(found)

    def action_choose(self) -> None:
        if self.cursor is not None:
            self.post_message(NodeSelected(self.cursor))

    def action_depth(self, step: int) -> None:
        pane = self.parent
        if isinstance(pane, DiagramPane):
            pane.change_depth(step)

    def action_picture(self) -> None:
        pane = self.parent
        if isinstance(pane, DiagramPane):
            pane.toggle_picture()

    async def action_close(self) -> None:
        await self.app.run_action("diagram")


class DiagramPane(Vertical):
    """The Diagram pane: a `DiagramView` (or the Graphviz picture) of the focused node's neighbourhood. While
    the picture is shown the pane itself takes the keyboard (`p` back to the drawing, Esc closes)."""

    ALLOW_MAXIMIZE = True  # `z` gives the whole pane (border, title and all) the screen
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "picture", "Back to the drawing", show=False),
        Binding("escape", "close", "Close the diagram", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.depth = DEFAULT_DEPTH
        self.doc: MapDocument | None = None
        self.focus_id: str | None = None
        self.picture = False
        self._diagrams: Diagrams | None = None
        self._wanted: tuple[Any, ...] | None = None
        self._picture_wanted: tuple[Any, ...] | None = None

    def compose(self) -> Any:
        yield DiagramView(id="diagram-view")

    @property
    def view(self) -> DiagramView:
        return self.query_one(DiagramView)

    def _host(self) -> tuple[ViewFilter, Look]:
        app = self.app
        if isinstance(app, DiagramHost):
            return app.view_filter, app.look
        return ViewFilter(), Look()

    def follow(self, doc: MapDocument, node_id: str | None) -> None:
        """Draw the neighbourhood of `node_id` in `doc` (at once when its layout is kept, else in the background);
        nothing while the pane is hidden (`redraw` when it opens)."""
        self.doc, self.focus_id = doc, node_id
        if self.display:
            self.redraw()

    def redraw(self) -> None:
        """Draw the neighbourhood of the node followed, at the current depth and filter."""
        doc, node_id = self.doc, self.focus_id
        amap = doc.map if doc is not None else None
        if amap is None or node_id is None or amap.node(node_id) is None:
            self.view.show_message("no node to draw")
            return
        if self._diagrams is None or self._diagrams.amap is not amap:
            self._diagrams = Diagrams(amap)
        view_filter, look = self._host()
        if self.picture:  # the picture of the node followed now
            self.toggle_picture()
            self.toggle_picture()
        key = (id(amap), node_id, self.depth, view_filter)
        self._wanted = key
        canvas = self._diagrams.cached(node_id, self.depth, view_filter)
        if canvas is not None:
            self._shown(canvas, look)
            return
        self.view.show_message(f"laying out the neighbourhood of {node_id}…")
        diagrams, depth = self._diagrams, self.depth
        self.run_worker(lambda: jobs.deliver(self, lambda: DiagramDrawn(key, diagrams.canvas(node_id, depth,
                                                                                                view_filter)),
                                             DiagramFailed),
                        thread=True, exclusive=True, group="diagram", name="diagram", exit_on_error=False)

    def _shown(self, canvas: Canvas, look: Look) -> None:
        self.view.show_canvas(canvas, look)
        drawn = len(canvas.boxes)
        count = f"{drawn} nodes" if drawn == canvas.total else f"{drawn} of {canvas.total} nodes"
        self.border_title = Text(f"Diagram · {canvas.focus} · depth {canvas.depth} · {count}")
        self.border_subtitle = Text("←↑↓→ move · Enter focus · +/- depth · Esc close")

    @on(DiagramDrawn)
    def _drawn(self, message: DiagramDrawn) -> None:
        message.stop()
        if message.key == self._wanted:
            self._shown(message.canvas, self._host()[1])

    @on(DiagramFailed)
    def _failed(self, message: DiagramFailed) -> None:
        message.stop()
        if self.picture:
            self.toggle_picture()
        self.view.show_message(f"the diagram could not be drawn: {message.reason}")

    def change_depth(self, step: int) -> None:
        """One relation deeper or shallower, within 1 to 3."""
        depth = min(max(self.depth + step, DEPTHS[0]), DEPTHS[-1])
        if depth == self.depth:
            self.app.bell()
            return
        self.depth = depth
        self.redraw()

    def toggle_picture(self) -> bool:
        """Show the Graphviz picture instead of the drawing, or the drawing again; False (and a notification
        saying why) where the terminal cannot show the picture."""
        if self.picture:
            for widget in self.query(f".{PICTURE_CLASS}"):
                widget.remove()
            self.view.display, self.picture, self.can_focus = True, False, False
            self.view.focus()
            return True
        image_class, reason = image_support(self.app.is_web)
        doc, node_id = self.doc, self.focus_id
        if image_class is None or doc is None or node_id is None:
            self.app.notify(reason or "no node to draw", timeout=4)
            return False
        self.mount(Static(Text(f"drawing the picture of {node_id}…"), classes=PICTURE_CLASS))
        self.can_focus = True
        self.focus()
        self.view.display, self.picture = False, True
        key = (doc, node_id, self.depth, self._host()[0])
        self._picture_wanted = key
        self.run_worker(lambda: jobs.deliver(self, lambda: PictureDrawn(key, image_class, neighbourhood_png(*key)),
                                             DiagramFailed),
                        thread=True, exclusive=True, group="diagram-picture", name="diagram picture",
                        exit_on_error=False)
        return True

    @on(PictureDrawn)
    def _picture_drawn(self, message: PictureDrawn) -> None:
        message.stop()
        if not self.picture or message.key != self._picture_wanted:
            return
        for widget in self.query(f".{PICTURE_CLASS}"):
            widget.remove()
        self.mount(picture_widget(message.image_class, message.png))

    def action_picture(self) -> None:
        self.toggle_picture()

    async def action_close(self) -> None:
        if self.picture:
            self.toggle_picture()
        await self.app.run_action("diagram")


__all__ = ["LEGEND", "DiagramPane", "DiagramView", "image_support"]
