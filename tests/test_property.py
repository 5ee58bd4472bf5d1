"""Property-based: mutated maps give positioned errors, never a traceback."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.check import check
from argmap.io import load
from support import SOURCE_TEXT

BASE: dict[str, Any] = {
    "title": "Property map",
    "sources": [{"id": "src", "title": "Source", "path": "source.txt"}],
    "actors": {"army": "The army"},
    "themes": {"security": "Security"},
    "nodes": [
        {
            "id": "left",
            "kind": "evidence",
            "text": "The army left.",
            "quotes": ["The army left the city."],
            "actors": ["army"],
            "themes": ["security"],
        },
        {"id": "step", "kind": "inference", "text": "Flight shows lack of will.", "scheme": "abduction"},
        {
            "id": "not-worth",
            "kind": "claim",
            "text": "Not worth dying for.",
            "quotes": ["the city was not worth dying for"],
        },
        {
            "id": "violence",
            "kind": "forecast",
            "text": "More violence.",
            "words": "likely",
            "resolution": {"outcome": "happened", "sources": [{"title": "R", "url": "https://example.org"}]},
        },
    ],
    "relations": [
        {"source": "left", "target": "step", "type": "supports"},
        {"source": "step", "target": "not-worth", "type": "supports"},
        {"source": "not-worth", "target": "violence", "type": "supports"},
    ],
}

# Mutations that always make a map invalid: (description, function(data, node index)).
BAD_VALUES = st.sampled_from(
    [
        ("kind", "evidense"),
        ("kind", 7),
        ("text", ["a", "list"]),
        ("text", ""),
        ("id", "Not A Slug"),
        ("probability", "high"),
        ("quotes", 3),
        ("actors", "army"),
        ("themes", [None]),
        ("evidense", 1),
        ("resolution", {"outcome": "maybe"}),
        ("horizon", "soon"),
        ("tags", {"a": 1}),
    ]
)


def positioned(diagnostics: list[Any], text: str) -> bool:
    last = text.count("\n") + 2
    return all(1 <= d.line <= last and d.column >= 1 for d in diagnostics)


settings.register_profile("argmap", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
settings.load_profile("argmap")


@given(index=st.integers(0, len(BASE["nodes"]) - 1), bad=BAD_VALUES, as_json=st.booleans())
@settings(max_examples=60)
def test_bad_values_give_positioned_errors(tmp_path: Path, index: int, bad: tuple[str, Any], as_json: bool) -> None:
    data = copy.deepcopy(BASE)
    key, value = bad
    data["nodes"][index][key] = value
    (tmp_path / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / ("map.json" if as_json else "map.yaml")
    text = json.dumps(data, indent=2) if as_json else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    findings = check(load(path))
    errors = [d for d in findings if d.severity == "error"]
    assert errors, f"no error for {bad!r}"
    assert positioned(findings, text)
    # the error points into the mutated node's lines
    node_lines = {i + 1 for i, line in enumerate(text.splitlines()) if repr(data["nodes"][index]["id"])[1:-1] in line}
    assert any(e.line >= min(node_lines) for e in errors) if node_lines else True


@given(data=st.data())
@settings(max_examples=80)
def test_corrupted_text_never_raises(tmp_path: Path, data: st.DataObject) -> None:
    (tmp_path / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    text = yaml.safe_dump(BASE, sort_keys=False)
    start = data.draw(st.integers(0, len(text) - 1))
    length = data.draw(st.integers(0, 12))
    insert = data.draw(st.text(alphabet=st.sampled_from(list(":-[]{}\"'#&*!|> \t\nabc0")), max_size=6))
    mutated = text[:start] + insert + text[start + length :]
    path = tmp_path / "map.yaml"
    path.write_text(mutated, encoding="utf-8")
    findings = check(load(path))
    assert positioned(findings, mutated)
    for finding in findings:
        assert finding.format().count(":") >= 3
