"""The interactive page: one self-contained HTML file with the diagram (the overview of a large view, its parts
opening in place), pan and zoom, search by id or text, and a panel that shows a clicked node's quotes, note,
standing and probabilities (the author's and argmap's, apart). No network: the SVG, the node data (JSON) and a
small hand-written script are inline; source URLs are shown as text, never fetched or linked. The SVGs hold no
script (Graphviz writes none; the page's own script lives outside them).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from importlib import resources
from typing import Any

from argmap.model import Forecast, NodeBase
from argmap.render.colouring import LABEL_WORDS
from argmap.render.layout import Prepared, draw_prepared
from argmap.render.overview import overview_dot, part_dots, parts_of, standing, wants_overview
from argmap.render.pack import draw_all
from argmap.render.style import probability_text
from argmap.render.text import clean, html

_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def inline_svg(data: bytes) -> str:
    """Graphviz's SVG without its XML prologue, doctype and comments, ready to sit inside HTML."""
    return _COMMENT.sub("", _PROLOGUE.sub("", data.decode("utf-8"), count=1)).strip()


def node_data(prep: Prepared, part_of: dict[str, str]) -> dict[str, dict[str, Any]]:
    """What the panel shows for each node, by node id: kind, text, quotes (with their sources' titles and
    URLs as text), note, standing, the author's probability and argmap's, and the part the node is drawn in."""
    labels = standing(prep)
    evaluation_probability: dict[str, str] = {}
    try:
        from argmap.analysis.semantics import evaluate

        result = evaluate(prep.amap)
        for node in prep.view.nodes:
            value = result.probability_of(node.id)
            if value is not None:
                evaluation_probability[node.id] = value.text(3)
    except Exception:  # the page still works without argmap's reasoning
        pass
    out: dict[str, dict[str, Any]] = {}
    for index, node in enumerate(prep.view.nodes):
        out[node.id] = _one(prep, node, index, labels, evaluation_probability, part_of.get(node.id))
    return out


def _one(prep: Prepared, node: NodeBase, index: int, labels: dict[str, str], computed: dict[str, str],
         part: str | None) -> dict[str, Any]:
    from argmap.render.dot import svg_id

    quotes = []
    for quote in node.quotes:
        source = prep.amap.source(quote.source)
        quotes.append({"text": clean(quote.text), "source": source.title if source else (quote.source or ""),
                       "url": str(source.url) if source is not None and source.url else ""})
    label = labels.get(node.id, "")
    return {"svg": svg_id(node.id, index), "kind": str(node.kind), "text": node.text, "quotes": quotes,
            "note": node.note or "", "standing": LABEL_WORDS.get(label, label),
            "stated": probability_text(node) if isinstance(node, Forecast) else "",
            "computed": computed.get(node.id, ""), "part": part or ""}


def page(prep: Prepared, *, capture_stderr: bool = True) -> str:
    """The whole page for a prepared view (`capture_stderr` as in `argmap.render.engine.render`)."""
    opts = replace(prep.options, links=False)  # nothing in the page leads off it
    prep = replace(prep, options=opts)
    templates: list[str] = []
    part_of: dict[str, str] = {}
    if wants_overview(prep):
        parts = parts_of(prep)
        links = {part.key: f"#{part.key}" for part in parts}
        drawn = draw_all([overview_dot(prep, parts, links), *part_dots(prep, parts)], "svg", "dot",
                         capture_stderr=capture_stderr)
        main = inline_svg(drawn[0])
        for part, drawing in zip(parts, drawn[1:], strict=True):
            part_of.update((node_id, part.key) for node_id in part.nodes)
            templates.append(f'<template id="tpl-{part.key}" data-title="{html(part.title)}">'
                             f"{inline_svg(drawing)}</template>")
    else:
        main = inline_svg(draw_prepared(prep, "svg", capture_stderr=capture_stderr))
    payload = json.dumps({"title": prep.amap.title, "nodes": node_data(prep, part_of)}, ensure_ascii=False,
                      separators=(",", ":")).replace("<", "\\u003c").replace("&", "\\u0026")
    script = resources.files("argmap.render").joinpath("page.js").read_text(encoding="utf-8")
    style = resources.files("argmap.render").joinpath("page.css").read_text(encoding="utf-8")
    title = html(prep.amap.title)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            f"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
            f"<title>{title}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
            f'<header><h1>{title}</h1><input id="search" type="search" placeholder="search ids and text" '
            f'autocomplete="off"><button id="back" hidden>back to the overview</button>'
            f'<button id="fit">fit</button><ul id="hits"></ul></header>\n'
            f'<main><div id="view">{main}</div><aside id="panel"><p class="hint">Click a node to read its quotes, '
            f"note, standing and probability. Drag to pan, wheel to zoom.</p></aside></main>\n"
            + "\n".join(templates)
            + f'\n<script type="application/json" id="argmap-data">{payload}</script>\n'
            f"<script>\n{script}</script>\n</body>\n</html>\n")
