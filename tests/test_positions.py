"""Positions: the lazy tree places every value exactly where composing the whole file does, and a finding in a
large map is placed without composing the rest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.analysis.check import check
from argmap.io import load
from argmap.io import positions as positions_module
from argmap.io.parse import parse_text
from argmap.io.positions import find, full_tree, locate_tree, node_at

REPO = Path(__file__).resolve().parent.parent


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _big_map(n: int) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    for i in range(n):
        node: dict[str, Any] = {"id": f"n{i}", "kind": "claim", "text": f"Claim {i}\nover two lines" if i % 7 == 0
                                else f"Claim {i}", "quotes": [f"passage {i}"]}
        if i % 5 == 0:
            node["tags"] = ["key"]
        nodes.append(node)
    relations = [{"source": f"n{i}", "target": f"n{i - 1}", "type": "supports"} for i in range(1, n)]
    return {"title": "Big", "tags": {"key": "Key"}, "nodes": nodes, "relations": relations}


def _assert_same_places(text: str, fmt: str) -> int:
    data, problems = parse_text(text, fmt, "map")
    assert not problems
    lazy, full = locate_tree(text, fmt, data), full_tree(text, fmt)
    checked = 0
    for path in _paths(data):
        for key in (False, True):
            assert find(lazy, path, key=key) == find(full, path, key=key), (path, key)
            checked += 1
    for index in range(len(data.get("nodes", []))):
        a, b = node_at(lazy, ("nodes", index)), node_at(full, ("nodes", index))
        assert a is not None and b is not None
        assert (a.line, a.end_line, a.start_offset, a.end_offset) == (b.line, b.end_line, b.start_offset, b.end_offset)
    return checked


@pytest.mark.parametrize("name", ["maps/mosul-2014.yaml", "maps/example.yaml", "tests/tui/data/harbour.yaml"])
def test_bundled_maps_are_placed_as_a_whole_compose_places_them(name: str) -> None:
    assert _assert_same_places((REPO / name).read_text(encoding="utf-8"), "yaml") > 100


@pytest.mark.parametrize("form", ["yaml", "json", "json-compact", "json-indent-4"])
def test_a_large_map_is_placed_as_a_whole_compose_places_it(form: str) -> None:
    data = _big_map(450)  # past the count at which a sequence is composed whole
    dumps = {"yaml": lambda: yaml.safe_dump(data, sort_keys=False), "json": lambda: json.dumps(data, indent=1),
             "json-compact": lambda: json.dumps(data), "json-indent-4": lambda: json.dumps(data, indent=4)}
    text = dumps[form]().replace("\nrelations:", "\n# the links\n\nrelations:")
    assert _assert_same_places(text, form.split("-")[0]) > 4000


@pytest.mark.parametrize("text", [
    "{title: Flow, nodes: [{id: a, kind: claim, text: A}]}\n",
    "title: Odd\nnodes:\n- id: a\n  kind: claim\n  text: |\n    - id: b\n- id: c\n  kind: claim\n  text: C\n",
    "title: Anchors\nnodes:\n- &a {id: a, kind: claim, text: A}\n- id: b\n  kind: claim\n  text: B\n",
])
def test_layouts_the_lines_do_not_tell_are_still_placed_exactly(text: str) -> None:
    assert _assert_same_places(text, "yaml") > 5


def test_a_finding_in_a_large_map_is_placed_without_composing_the_whole_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _big_map(3000)
    data["nodes"][2500]["tags"] = ["kye"]
    for fmt, text in (("yaml", yaml.safe_dump(data, sort_keys=False)), ("json", json.dumps(data, indent=1))):
        path = tmp_path / f"big.{fmt}"
        path.write_text(text, encoding="utf-8")
        expected = [d.format() for d in check(load(path))]
        monkeypatch.setattr(positions_module.yaml, "compose", None)  # a whole compose would now fail
        monkeypatch.setattr(positions_module, "_JsonScanner", None)
        found = [d for d in check(load(path)) if d.rule == "undeclared-tag"]
        monkeypatch.undo()
        assert [d.format() for d in found] == [line for line in expected if "undeclared-tag" in line]
        line = text[:text.index('"kye"' if fmt == "json" else "kye")].count("\n") + 1
        assert found[0].line == line


def test_an_item_the_lines_cut_wrongly_is_placed_by_composing_the_whole_file(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (REPO / "maps/example.yaml").read_text(encoding="utf-8")
    data, _ = parse_text(text, "yaml", "map")
    expected = find(full_tree(text, "yaml"), ("nodes", 2, "text"))
    real = positions_module._compose_part

    def misread(*args: Any, **kwargs: Any) -> Any:
        if isinstance(args[4], list):  # an item of a sequence
            raise positions_module._Mismatch
        return real(*args, **kwargs)

    monkeypatch.setattr(positions_module, "_compose_part", misread)
    assert find(locate_tree(text, "yaml", data), ("nodes", 2, "text")) == expected


def test_lines_are_counted_right_in_any_order_of_questions() -> None:
    text = "a\nbc\n\nd\u221ae\n  f\n"
    expected = []
    for offset in range(len(text)):
        before = text[:offset]
        expected.append((before.count("\n") + 1, offset - before.rfind("\n")))
    order = [7, 0, 12, 3, 3, 9, *range(len(text))]
    for known in (2, 1000):  # past `KNOWN` offsets asked about, the table answers
        lines = positions_module._Lines(text)
        lines.KNOWN = known
        assert [lines.at(o) for o in order] == [expected[o] for o in order]
    assert lines.count() == 5
