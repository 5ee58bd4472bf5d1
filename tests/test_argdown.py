"""Argdown in argmap: the parser's features and errors, import to a map, export and the round trip, fuzzing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats import FORMATS, importer_for
from argmap.formats._argdown_io import export_argdown, import_argdown, import_argdown_json
from argmap.formats._argdown_model import ArgdownError
from argmap.formats._argdown_parse import parse_argdown
from argmap.io import load

REPO = Path(__file__).resolve().parents[1]
ARGDOWN = REPO.parent / "shared" / "interop" / "argdown"


def _import(text: str) -> dict:
    return import_argdown(Path("t.argdown"), text=text).data


def _rels(data: dict) -> set[tuple[str, str, str]]:
    return {(r["source"], r["type"], r["target"]) for r in data.get("relations", [])}


# -- parser --------------------------------------------------------------------------------------------------------

def test_statements_classes_references_and_inline_text() -> None:
    doc = parse_argdown("[T]: A __bold__ *it* [link](http://x.org) @[U] #tag {a: 1}\n\n[T]: Another\n\n[T] #more\n")
    ec = doc.statements["T"]
    assert ec.texts == ["A bold it link @[U] #tag", "Another"]
    assert ec.tags == ["tag", "more"] and ec.data == {"a": 1}


def test_shortcodes_of_argdowns_full_table_become_characters() -> None:
    doc = parse_argdown("[D]: .~.(p.^.q) .<->. (.~.p) .v. (.~.q)\n    + :happy: :up: :love:\n\n"
                        "[S]: :A:x .E.y :v_: .<>. :[]: .O. :P: :->: a:?: :+1: .-1. :eye-roll: :y: .n.\n\n"
                        "[U]: e.g. 10:30:00 :nocode: .x.v.q a.b.c\n\n[E]: \\.v. \\:up:\n")
    assert doc.statements["D"].texts == ["\u00ac(p\u2227q) \u2194 (\u00acp) \u2228 (\u00acq)"]
    assert [s.texts for t, s in doc.statements.items() if t not in "DSUE"] == [["\U0001f600 \U0001f44d \U0001f60d"]]
    assert doc.statements["S"].texts == ["\u2200x \u2203y \u22bb \u25c7 \u25fb \U0001d5e2 \U0001d5e3 \u2192 "
                                         "a\u2753 \U0001f44d \U0001f44e \U0001f644 \u2714 \u274c"]
    # what Argdown's lexer takes for a code it does not know stays as written, and hides the code after it
    assert doc.statements["U"].texts == ["e.g. 10:30:00 :nocode: .x.v.q a.b.c"]
    assert doc.statements["E"].texts == [".v. :up:"]


def test_shortcode_table_is_argdowns_own() -> None:
    from argmap.formats._argdown_inline import SHORTCODES
    assert len(SHORTCODES) == 80
    assert SHORTCODES[":smile:"] == "\u263a\ufe0f" and SHORTCODES[".smile."] == "\u263a"
    for code in ("A", "E", "O", "P", "->", "<->", "~", "^", "v", "v_", "<>", "[]", "+1", "-1", "?", "agree"):
        assert SHORTCODES[f".{code}."] == SHORTCODES[f":{code}:"]


def test_text_that_looks_like_a_shortcode_survives_the_round_trip() -> None:
    from argmap.formats._argdown_inline import plain_text
    from argmap.formats._argdown_write import escape
    for text in ("p .v. q", ".v.v.", "a.[b].", "x :+1: y :smile: 10:30:00", ".~.(p.^.q) .<->. :v_: .[]. end.",
                 "e.g. a_b *c* #d @[e]"):
        assert plain_text(escape(text))[0] == text, text


def test_comments_are_ignored_but_not_inside_data_or_links() -> None:
    doc = parse_argdown("A // gone\n/* gone\ntoo */ B <!-- x --> [l](http://a/b) {u: 'http://c'}\n")
    (ec,) = doc.statements.values()
    assert ec.text == "A B l" and ec.data == {"u": "http://c"}


def test_relations_directions_nesting_and_modes() -> None:
    text = "[a]\n    + [b]\n        - <c>\n    +> [d]\n    <- [e]\n    _ <f>\n"
    rels = {(r.type, r.source, r.target) for r in parse_argdown(text).relations}
    assert rels == {("support", "b", "a"), ("attack", "c", "b"), ("support", "a", "d"), ("attack", "e", "a"),
                    ("undercut", "f", "a")}
    strict = parse_argdown("===\nmodel: {mode: strict}\n===\n\n[a]\n  + [b]\n  - [c]\n  >< [d]\n  + <e>\n")
    assert {(r.type, r.source, r.target) for r in strict.relations} == {
        ("entails", "b", "a"), ("contrary", "c", "a"), ("contradictory", "a", "d"), ("support", "e", "a")}


def test_premise_conclusion_structure_and_inferences() -> None:
    doc = parse_argdown("<A>: desc\n\n(1) p\n(2) [q]: q\n--\nModus ponens, other {uses: [1, 2]}\n--\n(3) c\n"
                        "    -> [x]\n")
    arg = doc.arguments["A"]
    assert [s.role for s in arg.pcs] == ["premise", "premise", "main-conclusion"]
    assert arg.pcs[2].inference is not None and arg.pcs[2].inference.rules == ["Modus ponens", "other"]
    assert arg.pcs[2].inference.data == {"uses": [1, 2]}
    assert [(r.type, r.source, r.target) for r in doc.relations] == [("attack", arg.pcs[2].title, "x")]


def test_headings_are_sections() -> None:
    doc = parse_argdown("# One\n\nA\n\n## Two #t {isGroup: true}\n\nB\n")
    assert [(s.title, s.level, s.parent) for s in doc.sections] == [("One", 1, None), ("Two", 2, "s1")]
    assert [ec.section for ec in doc.statements.values()] == ["s1", "s2"]


@pytest.mark.parametrize(("text", "where", "words"), [
    ("a\n\n    + b", "3:1", "cannot start with a relation"),
    ("[T]\n[U]: x", "2:1", "unexpected text after the reference"),
    ("[a]\n  >< <b>", "2:6", "contradiction"),
    ("(1) a\n----\n", "2:1", "cannot end with an inference"),
    ("(1) a\n(2) b\n", "1:1", "needs at least one premise and a conclusion"),
    ("[a]: x {b: [1,2]; c: 3}", "1:", "invalid YAML data"),
    ("===\ntitle: x\n", "1:1", "never closed"),
    ("* a\n  * b\n", "2:1", "nested lists"),
    ("[a]: x {unclosed", "1:", "unclosed '{'"),
])
def test_errors_are_positioned_lines(text: str, where: str, words: str) -> None:
    with pytest.raises(ArgdownError) as caught:
        parse_argdown(text, "f.argdown")
    message = str(caught.value)
    assert message.startswith(f"f.argdown:{where}") and words in message and "\n" not in message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab []<>()+-_*#@{}:/!=\n\n  1234.,'\"\\")), max_size=120))
def test_fuzz_only_positioned_errors(text: str) -> None:
    try:
        parse_argdown(text, "f.argdown")
    except ArgdownError as exc:
        assert str(exc).startswith("f.argdown:") and "\n" not in str(exc)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_any_unicode_import(text: str) -> None:
    try:
        data = _import(text)
    except ArgdownError:
        return
    from argmap.model import ArgMap
    ArgMap.model_validate(data)


# -- import --------------------------------------------------------------------------------------------------------

def test_import_kinds_fields_and_inference_nodes() -> None:
    data = _import("[f]: It will rain. {kind: forecast, probability: 0.7, colour: red}\n\n[e]: Seen. #evidence\n\n"
                   "<arg>: Because.\n\n(1) [e]\n----\n(2) [f]\n    <- [g]: No.\n")
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["f"]["kind"] == "forecast" and nodes["f"]["probability"] == 0.7 and "colour" not in nodes["f"]
    assert nodes["e"]["kind"] == "evidence" and nodes["arg"]["kind"] == "inference"
    assert nodes["g"]["kind"] == "claim"
    assert _rels(data) == {("e", "supports", "arg"), ("arg", "supports", "f"), ("g", "attacks", "f")}
    losses = [loss.message for loss in import_argdown(Path("t.argdown"), text="[a]: x {colour: red}").losses]
    assert losses == ["1 YAML data field dropped: argmap has no field for it"]


def test_import_complex_argument_has_one_inference_per_step() -> None:
    data = _import("<A>\n\n(1) p\n----\n(2) [m]: m\n(3) q\n----\n(4) [c]: c\n")
    kinds = {n["id"]: n["kind"] for n in data["nodes"]}
    assert kinds["a"] == "inference" and kinds["a-step-1"] == "inference"
    assert ("a-step-1", "supports", "m") in _rels(data) and ("m", "supports", "a") in _rels(data)


def test_import_counts_strict_relations_as_losses() -> None:
    imported = import_argdown(Path("t.argdown"), text="===\nmodel: {mode: strict}\n===\n\n[a]: a\n  - [b]: b\n"
                              "  - [c]: c\n  + [d]: d\n  >< [e]: e\n  _ <u>\n")
    messages = [loss.message for loss in imported.losses]
    assert "2 contrary relations kept as attacks: argmap has no symmetric relation" in messages
    assert "1 entailment kept as supports: argmap does not tell entailment from support" in messages
    assert "1 undercut of a statement kept as attacks: argmap undercuts only inferences" in messages
    assert {("a", "attacks", "e"), ("e", "attacks", "a")} <= _rels(imported.data)


def test_member_texts_kept_in_the_note() -> None:
    (node,) = _import("[T]: one\n\n[T]: two\n")["nodes"]
    assert node["text"] == "one" and node["note"] == "Also stated as: two"


def test_registry_and_sniffing(tmp_path: Path) -> None:
    assert FORMATS["argdown"].importer is not None and FORMATS["argdown"].exporter is not None
    if not (ARGDOWN / "json").is_dir():
        pytest.skip("../shared/interop/argdown is not there")
    assert importer_for(ARGDOWN / "json" / "examples" / "argdown-primer.json").name == "argdown-json"
    assert importer_for(ARGDOWN / "examples" / "argdown-primer.argdown").name == "argdown"


def test_every_shared_file_imports_from_text_and_json_alike() -> None:
    """Text and JSON export give the same map (nodes, kinds, texts, relations) for every exported file."""
    if not (ARGDOWN / "json").is_dir():
        pytest.skip("../shared/interop/argdown is not there")
    from argmap.model import ArgMap
    compared = 0
    for export in sorted((ARGDOWN / "json").glob("[!w]*/*.json")):
        source = ARGDOWN / export.parent.name / export.with_suffix(".argdown").name
        text = import_argdown(source).data
        data = import_argdown_json(export).data
        ArgMap.model_validate(text)
        ArgMap.model_validate(data)
        assert _rels(text) == _rels(data), source.name
        assert [(n["id"], n["kind"], n["text"]) for n in text.get("nodes", [])] == \
            [(n["id"], n["kind"], n["text"]) for n in data.get("nodes", [])], source.name
        compared += 1
    assert compared >= 80


# -- export and round trip -----------------------------------------------------------------------------------------

def _summary(amap) -> tuple:  # type: ignore[no-untyped-def]
    nodes = sorted((n.id, n.kind, " ".join(n.text.split()), getattr(n, "probability", None),
                    getattr(n, "resolution", None), tuple(q.text for q in n.quotes), tuple(n.tags), n.note)
                   for n in amap.nodes)
    relations = sorted((r.source, r.type, r.target, r.by, r.weight, r.note) for r in amap.relations)
    return nodes, relations, amap.title, [s.id for s in amap.scenarios]


@pytest.mark.parametrize("name", ["example.yaml", "mosul-2014.yaml"])
def test_round_trip_through_argdown(name: str, tmp_path: Path) -> None:
    doc = load(REPO / "maps" / name)
    exported = export_argdown(doc, {})
    out = tmp_path / "maps" / Path(name).with_suffix(".argdown")  # beside a copy of the map's relative paths
    out.parent.mkdir()
    out.write_bytes(exported.data)
    imported = import_argdown(out)
    from argmap.model import ArgMap
    back = ArgMap.model_validate(imported.data)
    assert doc.map is not None
    assert _summary(back) == _summary(doc.map)
    assert imported.losses == []


def test_export_is_accepted_by_the_argdown_cli(tmp_path: Path) -> None:
    """Only where node is installed: `npx @argdown/cli json` on the Mosul export (never needed for make test)."""
    npx = shutil.which("npx")
    if npx is None:
        pytest.skip("node/npx is not installed")
    out = tmp_path / "mosul.argdown"
    out.write_bytes(export_argdown(load(REPO / "maps" / "mosul-2014.yaml"), {}).data)
    run = subprocess.run([npx, "--yes", "@argdown/cli", "json", str(out), str(tmp_path)], capture_output=True,
                         text=True, timeout=300, check=False)
    assert run.returncode == 0 and "error" not in run.stdout.lower(), run.stdout + run.stderr
    from argmap.model import ArgMap
    from_cli = ArgMap.model_validate(import_argdown_json(tmp_path / "mosul.json").data)
    # Argdown's JSON has no front matter: the map's title and scenarios stay behind, nodes and relations not
    assert _summary(from_cli)[:2] == _summary(ArgMap.model_validate(import_argdown(out).data))[:2]


def test_every_shared_argdown_json_export_is_told_apart_by_its_content() -> None:
    """`.json` is shared by AIF, SADFace and Argdown's export: each export is recognised, an empty one too."""
    exports = sorted((REPO.parent / "shared" / "interop" / "argdown" / "json").rglob("*.json"))
    if not exports:
        pytest.skip("../shared/interop is not here")
    assert {str(path): importer_for(path).name for path in exports} == {str(path): "argdown-json" for path in exports}
