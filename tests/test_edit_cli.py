"""`argmap edit`: operations in order, all or nothing, checked before saving, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.cli import main
from argmap.io.document import MapDocument
from argmap.io.parse import parse_text
from support import MAPS, changed, copy_map, decorate


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return copy_map(MAPS[0], tmp_path, decorate(MAPS[0].read_text(encoding="utf-8")))


def _data(path: Path) -> dict:  # type: ignore[type-arg]
    return parse_text(path.read_text(encoding="utf-8"), "yaml", "x")[0]


def test_set_link_unlink_retype_in_one_call(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = path.read_text(encoding="utf-8")
    code = main(["edit", str(path), "--set", "flight-reveals-motive.strength=0.7",
                 "--set", "residents-hostile.note=it's: complicated", "--set", "flight-reveals-motive.scheme=causal",
                 "--link", "residents-hostile", "attacks", "mosul-not-worth-dying-for",
                 "--retype", "army-abandoned-posts", "supports", "flight-reveals-motive", "attacks",
                 "--unlink", "residents-hostile", "supports", "flight-reveals-motive",
                 "--link", "residents-hostile", "supports", "flight-reveals-motive"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.splitlines() == [
        "set flight-reveals-motive.strength: (none) -> 0.7",
        "set residents-hostile.note: (none) -> \"it's: complicated\"",
        "set flight-reveals-motive.scheme: 'abduction' -> 'causal'",
        "linked residents-hostile attacks mosul-not-worth-dying-for",
        "retyped army-abandoned-posts supports flight-reveals-motive as attacks",
        "unlinked residents-hostile supports flight-reveals-motive",
        "linked residents-hostile supports flight-reveals-motive"]
    assert "saved" in err and "previous version in" in err
    after = path.read_text(encoding="utf-8")
    assert path.with_name(path.name + "~").read_text(encoding="utf-8") == before
    lines = changed(before, after)
    assert "+    strength: 0.7" in lines and "+    note: \"it's: complicated\"" in lines
    assert "+    scheme: causal" in lines
    assert all(line.startswith(("+", "-")) for line in lines) and len(lines) == 9
    assert "# end of map" in after


def test_remove_prints_what_went_with_the_node(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["edit", str(path), "--remove", "flight-reveals-motive"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "removed inference 'flight-reveals-motive' and 3 relations",
        "  removed relation: army-abandoned-posts supports flight-reveals-motive",
        "  removed relation: residents-hostile supports flight-reveals-motive",
        "  removed relation: flight-reveals-motive supports mosul-not-worth-dying-for"]
    assert "flight-reveals-motive" not in path.read_text(encoding="utf-8").replace("# ---- flight-reveals-motive", "")


def test_add_node_and_rename(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["edit", str(path), "--add-node", "city-fell", "claim", "The city fell: fast",
                 "--link", "city-fell", "supports", "mosul-not-worth-dying-for",
                 "--rename", "residents-hostile", "residents-were-hostile", "--force"])
    assert code == 0, capsys.readouterr().err
    data = _data(path)
    assert data["nodes"][-1] == {"id": "city-fell", "kind": "claim", "text": "The city fell: fast"}
    assert {"source": "residents-were-hostile", "target": "flight-reveals-motive", "type": "supports"} in \
        data["relations"]


def test_all_or_nothing(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = path.read_bytes()
    code = main(["edit", str(path), "--set", "flight-reveals-motive.strength=0.7", "--set", "nope.strength=0.1"])
    err = capsys.readouterr().err
    assert code == 1 and path.read_bytes() == before
    assert err.splitlines() == [f"{_shown(path)}: error: --set nope.strength=0.1: no node 'nope'",
                                f"argmap edit: nothing was changed in {_shown(path)}"]
    assert not path.with_name(path.name + "~").exists()


def _shown(path: Path) -> str:
    return MapDocument(path, "", "yaml").display_path


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--set", "flight-reveals-motve.strength=0.7"], "no node 'flight-reveals-motve'; did you mean "
                                                          "'flight-reveals-motive'?"),
        (["--set", "flight-reveals-motive.strenght=0.7"], "an inference has no field 'strenght'; did you mean "
                                                           "'strength'?"),
        (["--set", "flight-reveals-motive.strength=1.7"], "strength must be less than or equal to 1, not 1.7"),
        (["--set", "flight-reveals-motive.strength=[0.1,"], "VALUE '[0.1,' is not valid YAML at its end"),
        (["--set", "flight-reveals-motive.strength"], "write NODE.FIELD=VALUE"),
        (["--set", "flight-reveals-motive=1"], "names no field"),
        (["--link", "a", "supports", "b"], "no node 'a'"),
        (["--link", "residents-hostile", "suports", "flight-reveals-motive"], "did you mean 'supports'?"),
        (["--unlink", "residents-hostile", "attacks", "flight-reveals-motive"],
         "'residents-hostile' has: residents-hostile supports flight-reveals-motive"),
        (["--retype", "residents-hostile", "supports", "flight-reveals-motive", "undercut"], "did you mean "
                                                                                            "'undercuts'?"),
        (["--add-node", "residents-hostile", "claim", "x"], "already exists"),
        (["--declare", "colours", "red", "Red"], "not a vocabulary"),
    ],
)
def test_errors_are_one_line_and_positioned(path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                            expected: str) -> None:
    before = path.read_bytes()
    assert main(["edit", str(path), *argv]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(_shown(path)) and ": error: " in first
    assert path.read_bytes() == before


def test_field_errors_point_at_the_node(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["edit", str(path), "--set", "flight-reveals-motive.strength=1.7"])
    first = capsys.readouterr().err.splitlines()[0]
    line = path.read_text(encoding="utf-8").splitlines().index("  - id: flight-reveals-motive  # id comment") + 1
    assert first.startswith(f"{_shown(path)}:{line}:")


def test_new_errors_block_the_save_unless_forced(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = path.read_bytes()
    assert main(["edit", str(path), "--set", "flight-reveals-motive.tags=[undeclared]"]) == 1
    err = capsys.readouterr().err
    assert "tag 'undeclared' is not declared" in err and "not saved" in err and "--force" in err
    assert path.read_bytes() == before
    assert main(["edit", str(path), "--declare", "tags", "undeclared", "Now declared",
                 "--set", "flight-reveals-motive.tags=[undeclared]"]) == 0
    assert main(["edit", str(path), "--remove", "residents-hostile", "--set",
                 "flight-reveals-motive.tags=[other]", "--force"]) == 0
    assert _data(path)["nodes"][1]["tags"] == ["other"]


def test_text_fields_take_the_value_as_written(path: Path) -> None:
    assert main(["edit", str(path), "--set", "residents-hostile.note=2014", "--set", "residents-hostile.text=yes",
                 "--set", "flight-reveals-motive.warrant=a: b # c"]) == 0
    node = _data(path)["nodes"][1]
    assert node["note"] == "2014" and node["text"] == "yes"
    assert _data(path)["nodes"][2]["warrant"] == "a: b # c"
    assert main(["edit", str(path), "--set", "residents-hostile.note="]) == 0
    assert "note" not in _data(path)["nodes"][1]


def test_dry_run_and_diff(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = path.read_bytes()
    assert main(["edit", str(path), "--set", "flight-reveals-motive.strength=0.7", "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "+    strength: 0.7" in out and "not written" in err
    assert path.read_bytes() == before
    assert main(["edit", str(path), "--set", "flight-reveals-motive.strength=0.7", "--diff"]) == 0
    out, err = capsys.readouterr()
    assert "+    strength: 0.7" in out and "not written (--write to save)" in err  # --diff is a preview, as in fmt
    assert path.read_bytes() == before and not path.with_name(path.name + "~").exists()
    assert main(["edit", str(path), "--set", "flight-reveals-motive.strength=0.7", "--diff", "--write",
                 "--no-backup"]) == 0
    assert "+    strength: 0.7" in capsys.readouterr().out and b"strength: 0.7" in path.read_bytes()
    assert not path.with_name(path.name + "~").exists()


def test_usage_errors(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["edit", str(path)]) == 2
    assert "give at least one operation" in capsys.readouterr().err
    assert main(["edit", str(path), "--link", "a", "b"]) == 2
    assert "expected 3 arguments" in capsys.readouterr().err
    assert main(["edit", str(path.with_name("missing.yaml")), "--remove", "a"]) == 2
    assert "no such map file" in capsys.readouterr().err


def test_unparsable_map_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nnodes: [\n", encoding="utf-8")
    assert main(["edit", str(bad), "--remove", "a"]) == 2
    err = capsys.readouterr().err
    assert "cannot edit" in err and "invalid YAML" in err and "Traceback" not in err


def test_removing_the_last_entry_of_a_scenario_warns_that_it_is_left_empty(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("title: T\nnodes:\n  - {id: a, kind: claim, text: A}\n  - {id: b, kind: claim, text: B}\n"
                    "scenarios:\n  - {id: only-a, title: Only a, assume: {a: true}}\n"
                    "  - {id: both, title: Both, assume: {a: true, b: false}}\n", encoding="utf-8")
    assert main(["edit", str(path), "--remove", "a", "--no-backup"]) == 0
    err = capsys.readouterr().out
    assert "scenario 'only-a' now assumes nothing and sets no probability" in err
    assert "give it an assumption or remove it" in err and "scenario 'both' now" not in err
    assert main(["check", str(path)]) == 0
    assert "scenario 'only-a' assumes nothing" in capsys.readouterr().out
