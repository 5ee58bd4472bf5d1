"""The Diagram pane's picture: the Graphviz PNG of the neighbourhood, shown by the optional `textual-image`
package (`pip install 'argmap[images]'`) where the terminal can show images (Kitty graphics or Sixel), instead
of the character drawing.

Without the package, in a terminal without either protocol, and over `argmap serve` (a browser), there is no
picture: `image_support` says why, and the pane keeps the character drawing.
"""

from __future__ import annotations

import io
import sys
from typing import Any

from textual.widget import Widget

from argmap.analysis.outline import ViewFilter
from argmap.io import MapDocument
from argmap.render.diagram import draw
from argmap.tui.export import view_options

PICTURE_CLASS = "diagram-picture"
#: The renderables of `textual-image` that draw real pixels (its others draw half blocks or Unicode art).
PIXEL_RENDERERS = ("tgp", "sixel")


def prepare_images() -> str:
    """Load `textual-image` before the explorer starts (it asks the terminal what it can show, which it cannot do
    once Textual reads the keyboard); empty when pictures can be shown, else why not."""
    try:
        import textual_image.renderable  # detects the protocols the terminal has
        import textual_image.widget  # noqa: F401 - loaded now, used by image_support
    except ImportError:
        return "showing pictures needs the textual-image package: pip install 'argmap[images]'"
    return image_support(False)[1]


def image_support(is_web: bool) -> tuple[type[Any] | None, str]:
    """The `textual-image` widget class that shows pictures in this terminal, or None and the reason why not.
    Only a package loaded before the explorer started counts (`prepare_images`, `argmap --images`)."""
    if is_web:
        return None, "pictures are not shown over argmap serve: the character drawing stays"
    renderable = sys.modules.get("textual_image.renderable")
    widget = sys.modules.get("textual_image.widget")
    if renderable is None or widget is None:
        return None, "start the explorer with `argmap --images MAP` to show pictures (pip install 'argmap[images]')"
    chosen = getattr(renderable, "Image", None)
    if getattr(chosen, "__module__", "").rsplit(".", 1)[-1] not in PIXEL_RENDERERS:
        return None, "this terminal shows no pictures (Kitty graphics or Sixel): the character drawing stays"
    image_class: type[Any] | None = getattr(widget, "Image", None)
    return image_class, "" if image_class is not None else "textual-image has no Image widget"


def neighbourhood_png(doc: MapDocument, focus: str, depth: int, view_filter: ViewFilter) -> bytes:
    """The Graphviz PNG of the neighbourhood the pane draws (same focus, depth and filter; no title)."""
    options = view_options(focus, view_filter, depth) | {"title": False}
    return draw(doc, options, "png", capture_stderr=False)


def picture_widget(image_class: type[Any], png: bytes) -> Widget:
    """The picture as a widget of `image_class` (a `textual-image` widget, which reads PNG bytes)."""
    widget: Widget = image_class(io.BytesIO(png), classes=PICTURE_CLASS)
    return widget
