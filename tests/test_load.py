"""Loading map files: every error path gives one positioned, actionable diagnostic and never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.io import load


def only_error(path: Path) -> str:
    doc = load(path)
    errors = [d for d in doc.diagnostics if d.severity == "error"]
    assert len(errors) == 1, [d.format() for d in doc.diagnostics]
    return errors[0].format()


def test_clean_map_loads(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - id: left
            kind: evidence
            text: The army left.
            quotes: [The army left the city.]
        """)
    doc = load(path)
    assert doc.diagnostics == []
    assert doc.map is not None
    quote = doc.map.nodes[0].quotes[0]
    assert (quote.source, quote.start, quote.end) == ("src", 0, 23)


def test_unknown_kind_names_file_line_column_and_suggests(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - id: army-fled
            kind: evidense
            text: x
        """)
    assert only_error(path) == (
        f"{path}:8:11: error: node 'army-fled': unknown kind 'evidense' "
        "(expected claim, evidence, inference, forecast; did you mean 'evidence'?) [schema]"
    ).replace(str(path), load(path).display_path)


def test_unknown_field_points_at_the_key_and_suggests(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - id: f
            kind: forecast
            text: x
            probabilty: 0.5
        """)
    message = only_error(path)
    assert ":10:5: error: node 'f': unknown field 'probabilty' for a forecast; did you mean 'probability'?" in message


def test_missing_required_field(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - id: c
            kind: claim
        """)
    assert "node 'c': missing required field 'text' [schema]" in only_error(path)


def test_wrong_type_and_range(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - id: f
            kind: forecast
            text: x
            probability: 1.7
        """)
    message = only_error(path)
    assert ":10:18:" in message and "probability must be less than or equal to 1, not 1.7" in message


def test_bad_relation_type_suggests(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - {id: a, kind: claim, text: x}
          - {id: b, kind: claim, text: y}
        relations:
          - {source: a, target: b, type: suports}
        """)
    message = only_error(path)
    assert ":10:34:" in message and "did you mean 'supports'?" in message


def test_bad_slug(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - {id: Army Fled, kind: claim, text: x}
        """)
    assert "is not a valid id" in only_error(path)


def test_bad_url(write_map: Callable[..., Path]) -> None:
    path = write_map(
        """\
        title: t
        sources:
          - {id: s, title: t, url: "javascript:alert(1)"}
        """,
        header=False,
    )
    assert "is not an http or https address" in only_error(path)


def test_yaml_syntax_error_is_positioned(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - id: a
            kind: claim
           text: [unclosed
        """)
    message = only_error(path)
    assert "invalid YAML" in message and "[syntax]" in message and ":9:" in message


def test_tabs_get_a_hint(write_map: Callable[..., Path]) -> None:
    path = write_map("nodes:\n\t- id: a\n")
    assert "indent with spaces, not tabs" in only_error(path)


def test_duplicate_keys_are_refused(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - id: a
            kind: claim
            text: x
            text: y
        """)
    message = only_error(path)
    assert "duplicate key 'text'" in message and ":10:5:" in message


def test_dates_are_not_turned_into_objects(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - id: a
            kind: claim
            text: 2014-06-11
        """)
    doc = load(path)
    assert doc.map is not None and doc.map.nodes[0].text == "2014-06-11"


def test_top_level_must_be_a_mapping(write_map: Callable[..., Path]) -> None:
    path = write_map("- just\n- a list\n", header=False)
    assert "must be a mapping" in only_error(path)


def test_empty_file(write_map: Callable[..., Path]) -> None:
    path = write_map("", header=False)
    assert "must be a mapping" in only_error(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"title: caf\xe9\n")
    message = only_error(path)
    assert ":1:11: error: not UTF-8" in message


def test_missing_file_raises_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="no such map file"):
        load(tmp_path / "absent.yaml")
    with pytest.raises(ArgmapError, match="is a folder"):
        load(tmp_path)


def test_partial_map_keeps_valid_nodes(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - {id: good, kind: claim, text: fine}
          - {id: bad, kind: nonsense, text: x}
        relations:
          - {source: good, target: bad, type: supports}
          - {source: good, target: bad, type: wrong}
        """)
    doc = load(path)
    assert doc.map is not None
    assert [n.id for n in doc.map.nodes] == ["good"]
    assert len(doc.map.relations) == 1
    assert len(doc.diagnostics) == 2


def test_missing_source_text(write_map: Callable[..., Path], tmp_path: Path) -> None:
    path = write_map("""\
        nodes:
          - {id: a, kind: claim, text: x, quotes: [anything]}
        """)
    (tmp_path / "source.txt").unlink()
    message = only_error(path)
    assert (
        "text of source 'src' not found: source.txt" in message
        and ":5:11:" in message
        and "[source-missing]" in message
    )


def test_json_map_with_positions(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text("The army left the city.", encoding="utf-8")
    data = {
        "title": "t",
        "sources": [{"id": "s", "title": "t", "path": "source.txt"}],
        "nodes": [{"id": "a", "kind": "claim", "text": "x"}, {"id": "b", "kind": "clam", "text": "y"}],
    }
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    message = only_error(path)
    assert "node 'b': unknown kind 'clam'" in message and "did you mean 'claim'?" in message
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if '"clam"' in text)
    assert f":{line}:" in message


def test_json_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text('{"title": "t",\n "nodes": [}\n', encoding="utf-8")
    message = only_error(path)
    assert ":2:" in message and "invalid JSON" in message


def test_quote_occurrence_chosen_by_start_hint(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("echo one. echo two.", encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(
        "title: t\nsources: [{id: s, title: t, path: s.txt}]\n"
        "nodes:\n  - {id: a, kind: claim, text: x, quotes: [{text: echo, start: 10}]}\n"
        "  - {id: b, kind: claim, text: y, quotes: [echo]}\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.map is not None
    assert doc.map.nodes[0].quotes[0].start == 10
    assert doc.map.nodes[1].quotes[0].start == 0


def test_fast_and_positioned_parsers_agree_on_the_bundled_maps() -> None:
    import yaml

    from argmap.io.parse import parse_text
    from argmap.layout.yaml_loader import MapLoader
    from support import REPO

    for path in sorted((REPO / "maps").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert parse_text(text, "yaml", str(path))[0] == yaml.load(text, Loader=MapLoader)


@pytest.mark.parametrize(("quotes", "position", "message"), [
    ("[{text: The army left, sorce: src}]", "10:36", "unknown field 'sorce' for a quote; did you mean 'source'?"),
    ("[3]", "10:14", "quotes[0]: should be a mapping {text, source} or the passage as text, not 3"),
    ("3", "10:13", "quotes: should be a list of quotes or one passage as text, not 3"),
    ("['']", "10:14", "quotes[0] must not be empty"),
    ("[{source: src}]", "10:14", "missing required field 'text'"),
])
def test_a_bad_quote_gives_one_error_about_the_form_it_is_written_in(
        write_map: Callable[..., Path], quotes: str, position: str, message: str) -> None:
    path = write_map(f"""\
        nodes:
          - id: a
            kind: claim
            text: x
            quotes: {quotes}
        """)
    assert f":{position}: error: node 'a': {message} [schema]" in only_error(path)


@pytest.mark.parametrize("quotes", ["The army left the city.", "[The army left the city.]",
                                    "[{text: The army left the city.}]"])
def test_a_quote_may_be_written_as_text_or_as_a_mapping(write_map: Callable[..., Path], quotes: str) -> None:
    doc = load(write_map(f"""\
        nodes:
          - id: a
            kind: claim
            text: x
            quotes: {quotes}
        """))
    assert doc.diagnostics == [] and doc.map is not None
    assert [(q.text, q.source, q.start) for q in doc.map.nodes[0].quotes] == [("The army left the city.", "src", 0)]


def test_findings_on_a_map_kept_in_part_point_at_the_node_in_the_file(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        nodes:
          - id: bad
            kind: evidense
            text: x
          - id: alone
            kind: claim
            text: y
            quotes: [nowhere in the source]
        relations:
          - {source: bad, target: alone, type: supports, wieght: 1}
          - {source: alone, target: ghost, type: supports}
        """)
    from argmap.analysis.check import check

    lines = {(d.rule, d.node): d.line for d in check(load(path))}
    assert lines[("quote-not-found", "alone")] == 13
    assert lines[("unknown-node", None)] == 16
    assert load(path).node_span("alone").line == 10  # type: ignore[union-attr]


def test_a_vocabulary_entry_named_like_a_form_of_quote_is_just_an_entry(write_map: Callable[..., Path]) -> None:
    path = write_map("""\
        tags: {passages: 3, quote: fine}
        nodes:
          - {id: a, kind: claim, text: x, tags: [quote]}
        """)
    assert ":6:18: error: passages: should be a valid string, not 3 [schema]" in only_error(path)
