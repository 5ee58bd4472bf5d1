"""The interactive page: one self-contained HTML file. Parsed: no external reference (source URLs only as text),
every node of the map reachable (drawn in the page's SVG or in a part that opens in place, with its details in
the page's data), the SVGs without script, the data safe inside its script element."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.formats import FORMATS, export
from argmap.io import load
from support import MAPS
from test_render_overview import joined_forest

EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)


class Page(HTMLParser):
    """Every src/href-like attribute, every element's id, the templates' and the scripts' contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.svg_scripts = 0
        self.depth_svg = 0
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "data", "poster", "srcset") and value is not None:
                self.refs.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)
        if tag == "svg":
            self.depth_svg += 1
        if tag == "script":
            if self.depth_svg:
                self.svg_scripts += 1
            self._script, self._text = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.depth_svg -= 1
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def check_page(text: str, node_ids: set[str]) -> Page:
    page = parse(text)
    assert not [ref for ref in page.refs if EXTERNAL.match(ref[2]) or ref[2].startswith(("javascript:", "data:"))]
    assert page.svg_scripts == 0
    assert all(not attrs.get("src") for attrs, _ in page.scripts)  # every script inline
    data = json.loads(next(body for attrs, body in page.scripts if attrs.get("id") == "argmap-data"))
    assert set(data["nodes"]) == node_ids
    drawn = {svg_id for svg_id in page.ids if svg_id.startswith("node-")}
    assert {entry["svg"] for entry in data["nodes"].values()} <= drawn  # every node drawn somewhere in the page
    code = next(body for attrs, body in page.scripts if not attrs)
    assert len(code) < 8000 and "http" not in code
    assert "default-src 'none'" in text  # the browser itself refuses any fetch
    return page


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_bundled_maps_make_a_self_contained_page(path: Path) -> None:
    doc = load(path)
    text = export(doc, FORMATS["html"], {}).decode()
    page = check_page(text, {n.id for n in doc.map.nodes})
    data = json.loads(next(body for attrs, body in page.scripts if attrs.get("id") == "argmap-data"))
    quoted = [n for n in data["nodes"].values() if n["quotes"]]
    assert quoted and all(q["text"] for n in quoted for q in n["quotes"])
    urls = {q["url"] for n in quoted for q in n["quotes"] if q["url"]}
    assert all(url in text for url in urls)  # shown as text, in the data, never as a link
    forecasts = [n for n in data["nodes"].values() if n["kind"] == "forecast" and n["stated"]]
    assert not forecasts or all(n["stated"].startswith("p") for n in forecasts)
    assert all("standing" in n and "computed" in n for n in data["nodes"].values())


def test_overview_parts_open_in_place(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(joined_forest()), encoding="utf-8")
    out = tmp_path / "map.html"
    assert main(["export", str(path), "-o", str(out), "--overview-above", "20"]) == 0
    text = out.read_text(encoding="utf-8")
    page = check_page(text, {f"t{t}-n{k}" for t in range(6) for k in range(15)})
    links = [value for _, name, value in page.refs if name in ("href", "xlink:href")]
    assert len(links) == 6 and all(link.startswith("#") and f"tpl-{link[1:]}" in page.ids for link in links)
    templates = re.findall(r"<template [^>]*>(.*?)</template>", text, re.S)
    assert len(templates) == 6
    for body in templates:
        ET.fromstring(body)  # each part is a well-formed SVG of its own


def test_map_text_cannot_break_out_of_the_data(tmp_path: Path) -> None:
    data = joined_forest()
    data["nodes"][0]["text"] = "</script><script>alert(1)</script> & <b>"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    text = export(load(path), FORMATS["html"], {}).decode()
    assert "<script>alert" not in text and text.count("<script") == 2
