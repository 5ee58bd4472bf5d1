"""The options of the diagram formats (svg, png, pdf, dot), read from `argmap export` flags, `-O key=value`
pairs or the explorer, and checked once, with a clear message for a bad value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from argmap.errors import ArgmapError, suggest

DIRECTIONS = ("TB", "BT", "LR", "RL")
CLUSTERS = ("none", "theme", "actor", "tag")
ENGINES = ("dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


@dataclass(frozen=True)
class DiagramOptions:
    """What to draw and how. Filters are lists: a node passes when it matches every non-empty one."""

    focus: str | None = None
    depth: int = 2
    kind: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    direction: str | None = None  # None: BT, or LR for a shallow, wide graph (`render.view.auto_direction`)
    cluster: str = "none"
    color_by: str = "kind"
    legend: bool = True
    title: bool = True
    ids: bool = False
    links: bool = False
    wrap: int = 30
    dpi: int | None = None
    engine: str | None = None  # None: chosen by size (`argmap.render.dot.engine_for`)
    system_graphviz: bool = False
    overview_above: int = 500
    overview_links: int = 1  # each part's strongest links drawn in the overview (`argmap.render.part_links`)
    full: bool = False


OPTION_NAMES: tuple[str, ...] = tuple(f.name for f in fields(DiagramOptions))


def _flag(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ArgmapError(f"diagram option {name} takes yes or no, not '{value}'")


def _number(name: str, value: object, low: int, high: int) -> int:
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ArgmapError(f"diagram option {name} takes a whole number, not '{value}'") from None
    if not low <= number <= high:
        raise ArgmapError(f"diagram option {name} must be between {low} and {high}, not {number}")
    return number


#: `overview_links=all`: every link between parts drawn (as `argmap.render.part_links.ALL`).
ALL_LINKS = 1_000_000


def _links(value: object) -> int:
    """`overview_links`: a whole number of links per part, or `all`."""
    text = str(value).strip().lower()
    if text == "all":
        return ALL_LINKS
    if not text.isdigit():
        raise ArgmapError(f"diagram option overview_links takes a whole number or all, not '{value}'")
    return _number("overview_links", text, 0, 1000)


def _values(value: object) -> tuple[str, ...]:
    """A list option from a list, or from `a,b` text; empty items dropped, order kept, duplicates removed."""
    items = value if isinstance(value, (list, tuple, set, frozenset)) else str(value).split(",")
    out: list[str] = []
    for item in sorted(items) if isinstance(items, (set, frozenset)) else items:
        for part in str(item).split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return tuple(out)


def _choice(name: str, value: object, choices: tuple[str, ...], upper: bool = False) -> str:
    text = str(value).strip()
    text = text.upper() if upper else text.lower()
    if text not in choices:
        raise ArgmapError(f"diagram option {name} must be one of {', '.join(choices)}, not '{value}'"
                          + suggest(text, choices))
    return text


def parse_options(raw: Mapping[str, Any] | None) -> DiagramOptions:
    """Check and convert exporter options; None values mean the default. Unknown names are refused."""
    values: dict[str, Any] = {}
    for key, value in (raw or {}).items():
        name = key.strip().replace("-", "_")
        if name == "colour_by":
            name = "color_by"
        if name not in OPTION_NAMES:
            raise ArgmapError(f"unknown diagram option '{key}'" + suggest(name, OPTION_NAMES)
                              + f" (options: {', '.join(OPTION_NAMES)})")
        if value is None:
            continue
        if name in ("kind", "tag", "actor", "theme"):
            values[name] = _values(value)
        elif name in ("legend", "title", "ids", "links", "system_graphviz", "full"):
            values[name] = _flag(name, value)
        elif name == "depth":
            values[name] = _number(name, value, 0, 1000)
        elif name == "overview_above":
            values[name] = _number(name, value, 0, 10_000_000)
        elif name == "overview_links":
            values[name] = _links(value)
        elif name == "wrap":
            values[name] = _number(name, value, 8, 200)
        elif name == "dpi":
            values[name] = _number(name, value, 36, 600)
        elif name == "direction":
            values[name] = _choice(name, value, DIRECTIONS, upper=True)
        elif name == "cluster":
            values[name] = _choice(name, value, CLUSTERS)
        elif name in ("engine", "color_by"):
            text = str(value).strip()
            if not text:
                continue
            values[name] = text
        else:
            text = str(value).strip()
            values[name] = text or None
    return DiagramOptions(**values)
