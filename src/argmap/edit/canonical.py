"""The canonical layout of `argmap fmt`, reached by moving the file's own text rather than re-emitting it.

A YAML map is canonical when its top-level keys stand in the order of the format (`argmap`, `title`, ...,
`hypotheses`), each node's mapping starts with `id`, `kind`, `text`, `quotes` (its other fields as written), no
line ends in spaces outside a block scalar, and the file ends with a newline. Each entry moves as a block of its
own lines, with the comment and blank lines above it, so comments, blank lines, block scalars (`>-`, `|`), dates
and quoting stay as written, and the result is a fixed point. A JSON map is canonical as indented authoring JSON,
its quotes' offsets kept when the file gives them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from argmap.errors import LayoutError
from argmap.io.canonical import to_authoring
from argmap.layout.lines import line_start
from argmap.layout.yaml_scan import Node, compose, field_end
from argmap.model import TOP_ORDER, ArgMap

NODE_HEAD = ("id", "kind", "text", "quotes")


def _top_rank(key: str) -> int:
    return TOP_ORDER.index(key) if key in TOP_ORDER else len(TOP_ORDER)


def _node_rank(key: str) -> int:
    return NODE_HEAD.index(key) if key in NODE_HEAD else len(NODE_HEAD)


def _reordered(text: str, node: Node, rank: Callable[[str], int]) -> tuple[int, int, str] | None:
    """The splice `(start, end, new)` that puts a block mapping's entries in `rank` order, or None when they are
    in order already. Each entry carries the comment and blank lines above it; the first entry's own line prefix
    (a `- ` or nothing) stays where it is."""
    keys = node.keys
    order = sorted(range(len(keys)), key=lambda i: rank(keys[i][0]))
    if node.kind != "map" or node.flow or order == list(range(len(keys))):
        return None
    first = keys[0][1].start
    column = first - line_start(text, first)
    if not text[line_start(text, first):first].strip():
        first = line_start(text, first)  # not on a `- ` line: every entry is whole lines
    dashed = first != line_start(text, first)
    ends = [field_end(text, key, value) for _, key, value in keys]
    starts = [first] + [line_start(text, key.start) for _, key, _ in keys[1:]]
    leads = [""] + [text[ends[i - 1]:starts[i]] for i in range(1, len(keys))]
    bodies = [text[starts[i]:ends[i]] if ends[i] > starts[i] else "" for i in range(len(keys))]
    bodies = [body if body.endswith("\n") else body + "\n" for body in bodies]
    if any(key.start - line_start(text, key.start) != column or text[line_start(text, key.start):key.start].strip()
           for _, key, _ in keys[1:]):
        raise LayoutError("a mapping whose keys do not stand in one column")
    out: list[str] = []
    carried = ""
    for place, index in enumerate(order):
        body, lead = bodies[index], leads[index]
        if dashed and place == 0 and index != 0:
            out.append(body[column:])
            carried = lead  # comments above an entry that moves onto a `- ` line follow that line
            continue
        if dashed and index == 0 and place != 0:
            body = " " * column + body
        out.append(carried + lead + body)
        carried = ""
    return first, ends[-1], "".join(out) + carried


def _splice_all(text: str, splices: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(splices, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _block_scalar_lines(node: Node, text: str, out: set[int]) -> None:
    if node.kind == "scalar" and node.style in ("|", ">"):
        out.update(range(text.count("\n", 0, node.start), text.count("\n", 0, node.end) + 1))
    for _, key, value in node.keys:
        _block_scalar_lines(key, text, out)
        _block_scalar_lines(value, text, out)
    for item in node.items:
        _block_scalar_lines(item, text, out)


def _strip_trailing(text: str, root: Node) -> str:
    keep: set[int] = set()
    _block_scalar_lines(root, text, keep)
    lines = text.split("\n")
    return "\n".join(line if number in keep else line.rstrip(" \t") for number, line in enumerate(lines))


def canonical_yaml(text: str) -> str:
    """The canonical layout of a YAML map's text (LF line ends); LayoutError when its layout cannot be kept."""
    if not text.strip():
        return text
    root, _ = compose(text, 0, len(text))
    if root.kind != "map" or root.flow:
        raise LayoutError("the top level is not a block mapping")
    splices = []
    for name, _, value in root.keys:
        if name == "nodes" and value.kind == "seq":
            splices += [s for item in value.items if item.kind == "map" and (s := _reordered(text, item, _node_rank))]
    text = _splice_all(text, splices)
    root, _ = compose(text, 0, len(text))
    top = _reordered(text, root, _top_rank)
    if top:
        start, end, new = top
        text = text[:start] + new + text[end:]
        root, _ = compose(text, 0, len(text))
    text = _strip_trailing(text, root)
    if not text.endswith("\n"):
        text += "\n"
    return text


def _has_offsets(data: Any) -> bool:
    nodes = data.get("nodes") if isinstance(data, dict) else None
    return any(isinstance(quote, dict) and ("start" in quote or "end" in quote)
               for node in nodes or [] if isinstance(node, dict)
               for quote in (node.get("quotes") or [] if isinstance(node.get("quotes"), list) else []))


def canonical_json(amap: ArgMap, text: str) -> str:
    """Indented authoring JSON; the quotes' offsets are kept when the file's `text` gives them."""
    data = json.loads(text)
    return json.dumps(to_authoring(amap, offsets=_has_offsets(data)), ensure_ascii=False, indent=2) + "\n"

