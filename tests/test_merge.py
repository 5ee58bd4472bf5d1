"""`argmap merge BASE OURS THEIRS`: pairs of real edits of the Mosul map merged piece by piece with each side's
bytes, renames followed, true conflicts written between markers that `argmap check` points at, and git itself
driving the merge."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.edit.merge import merge_texts
from argmap.io import load
from support import REPO

MOSUL = REPO / "maps" / "mosul-2014.yaml"


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    """A folder with the Mosul map's sources and `base.yaml`, `ours.yaml`, `theirs.yaml`, `both.yaml` copies."""
    (tmp_path / "maps").mkdir()
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    for name in ("base", "ours", "theirs", "both"):
        shutil.copy(MOSUL, tmp_path / "maps" / f"{name}.yaml")
    return tmp_path / "maps"


def edit(path: Path, *options: str) -> None:
    assert main(["edit", str(path), "--no-backup", *options]) == 0


def comment_before(path: Path, node: str, comment: str) -> None:
    text = path.read_text(encoding="utf-8")
    anchor = f"  - id: {node}\n"
    assert anchor in text
    path.write_text(text.replace(anchor, f"  # {comment}\n{anchor}", 1), encoding="utf-8")


def merge(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["merge", str(folder / "base.yaml"), str(folder / "ours.yaml"), str(folder / "theirs.yaml"),
                 "-o", str(folder / "merged.yaml")])
    return code, (folder / "merged.yaml").read_text(encoding="utf-8"), capsys.readouterr().err


OURS_EDITS = ("--set", "army-abandoned-posts.grade=C3", "--set", "isis-emboldened.note=Read from the timing alone.")
THEIRS_EDITS = ("--set", "residents-hostile-to-army.note=Every report from the city says so.",
                "--link", "army-abandoned-posts", "supports", "army-seen-as-occupiers",
                "--add-node", "army-will-return", "claim", "The army will be back within weeks.",
                "--link", "army-will-return", "attacks", "mosul-not-worth-dying-for")


def test_neighbouring_nodes_merge_into_what_one_file_with_both_edits_says(
        maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for target in ("ours", "both"):
        edit(maps / f"{target}.yaml", *OURS_EDITS)
        comment_before(maps / f"{target}.yaml", "army-abandoned-posts", "ours: graded again after the review")
    for target in ("theirs", "both"):
        edit(maps / f"{target}.yaml", *THEIRS_EDITS)
        comment_before(maps / f"{target}.yaml", "residents-hostile-to-army", "theirs: checked")
    ours_before = (maps / "ours.yaml").read_bytes()
    code, merged, err = merge(maps, capsys)
    assert (code, err) == (0, ""), err
    assert (maps / "ours.yaml").read_bytes() == ours_before  # -o: OURS is left alone
    assert merged == (maps / "both.yaml").read_text(encoding="utf-8")
    assert "  # ours: graded again after the review\n" in merged and "  # theirs: checked\n" in merged
    assert main(["check", str(maps / "merged.yaml")]) == 0


def test_a_rename_meets_the_other_sides_edit_of_the_same_node(maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(maps / "ours.yaml", "--rename", "residents-hostile-to-army", "residents-hostile")
    edit(maps / "theirs.yaml", "--set", "residents-hostile-to-army.note=Every report says so.",
         "--set", "army-treated-residents-harshly.probability=0.7",
         "--link", "residents-hostile-to-army", "supports", "isis-seizes-mosul")
    code, merged, _ = merge(maps, capsys)
    assert code == 0 and "residents-hostile-to-army" not in merged
    assert "  - {source: residents-hostile, target: isis-seizes-mosul, type: supports}\n" in merged
    amap = load(maps / "merged.yaml").map
    assert amap is not None
    node = amap.by_id["residents-hostile"]
    assert node.note == "Every report says so." and amap.by_id["army-treated-residents-harshly"].probability == 0.7
    assert main(["check", str(maps / "merged.yaml")]) == 0


def test_the_same_field_changed_differently_is_a_conflict_at_its_line(
        maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(maps / "ours.yaml", "--set", "army-abandoned-posts.grade=C3", "--set", "isis-emboldened.note=ours")
    edit(maps / "theirs.yaml", "--set", "army-abandoned-posts.grade=A1", "--set", "isis-seizes-mosul.note=theirs")
    code, merged, err = merge(maps, capsys)
    assert code == 1
    assert "conflict: nodes/army-abandoned-posts/grade" in err and "1 conflict(s)" in err
    block = "<<<<<<< ours\n    grade: C3\n=======\n    grade: A1\n>>>>>>> theirs\n"
    assert merged.count("<<<<<<<") == 1 and block in merged
    entry = merged[merged.index("  - id: army-abandoned-posts\n"):merged.index(block)]
    assert "\n  - id:" not in entry  # inside that node's entry
    assert "    note: ours\n" in merged and "    note: theirs\n" in merged
    capsys.readouterr()
    assert main(["check", str(maps / "merged.yaml")]) == 1
    line = merged[:merged.index(block)].count("\n") + 1
    assert f"merged.yaml:{line}:1: error: unresolved merge conflict" in capsys.readouterr().out


def test_removed_on_one_side_and_changed_on_the_other_is_a_conflict(
        maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(maps / "ours.yaml", "--set", "isis-emboldened.text=ISIS is bolder.")
    edit(maps / "theirs.yaml", "--remove", "isis-emboldened")
    code, merged, err = merge(maps, capsys)
    assert code == 1 and "conflict: nodes/isis-emboldened" in err
    assert "<<<<<<< ours\n  - id: isis-emboldened\n" in merged and "=======\n>>>>>>> theirs\n" in merged


def test_same_edit_on_both_sides_and_both_adding_after_one_node(maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(maps / "ours.yaml", "--set", "army-abandoned-posts.grade=C3", "--add-node", "ours-new", "claim", "Ours.",
         "--link", "ours-new", "supports", "mosul-not-worth-dying-for")
    edit(maps / "theirs.yaml", "--set", "army-abandoned-posts.grade=C3", "--add-node", "theirs-new", "claim",
         "Theirs.", "--link", "theirs-new", "supports", "mosul-not-worth-dying-for")
    code, merged, _ = merge(maps, capsys)
    assert code == 0 and merged.count("grade: C3") == MOSUL.read_text(encoding="utf-8").count("grade: C3") + 1
    amap = load(maps / "merged.yaml").map
    assert amap is not None and {"ours-new", "theirs-new"} <= set(amap.by_id)
    assert main(["check", str(maps / "merged.yaml")]) == 0


def test_one_side_unchanged_gives_the_other_byte_for_byte() -> None:
    base = MOSUL.read_text(encoding="utf-8")
    theirs = base.replace("grade: B1", "grade: C3", 1)
    assert merge_texts(base, base, theirs).text == theirs
    assert merge_texts(base, theirs, base).text == theirs


def test_unreadable_input_is_one_line_and_nothing_is_written(maps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (maps / "ours.yaml").read_bytes()
    assert main(["merge", str(maps / "missing.yaml"), str(maps / "ours.yaml"), str(maps / "theirs.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.yaml" in err
    assert (maps / "ours.yaml").read_bytes() == before


def git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          capture_output=True, text=True, check=False)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_merge_with_the_driver(tmp_path: Path) -> None:
    argmap = Path(shutil.which("argmap") or REPO / ".venv" / "bin" / "argmap")
    if not argmap.exists():
        pytest.skip("the argmap command is not installed")
    repo = tmp_path / "repo"
    (repo / "maps").mkdir(parents=True)
    shutil.copytree(REPO / "seeds", repo / "seeds")
    shutil.copy(MOSUL, repo / "maps" / "mosul.yaml")
    (repo / ".gitattributes").write_text("maps/*.yaml merge=argmap\n", encoding="utf-8")
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    git(repo, "config", "merge.argmap.name", "argmap map merge")
    git(repo, "config", "merge.argmap.driver", f"'{argmap}' merge %O %A %B --marker-size %L")
    git(repo, "add", ".")
    assert git(repo, "commit", "-qm", "map").returncode == 0
    mosul = repo / "maps" / "mosul.yaml"
    git(repo, "checkout", "-qb", "other")
    edit(mosul, "--set", "residents-hostile-to-army.note=Theirs.")
    assert git(repo, "commit", "-qam", "theirs").returncode == 0
    git(repo, "checkout", "-q", "main")
    edit(mosul, "--set", "army-abandoned-posts.grade=C3")  # the neighbouring node
    assert git(repo, "commit", "-qam", "ours").returncode == 0
    done = git(repo, "merge", "--no-edit", "other")
    assert done.returncode == 0, done.stdout + done.stderr
    text = mosul.read_text(encoding="utf-8")
    assert "    grade: C3\n" in text and "    note: Theirs.\n" in text
    git(repo, "checkout", "-qb", "conflict", "HEAD~1")
    edit(mosul, "--set", "residents-hostile-to-army.note=Ours.")
    assert git(repo, "commit", "-qam", "ours again").returncode == 0
    done = git(repo, "merge", "--no-edit", "other")
    assert done.returncode != 0 and "CONFLICT" in done.stdout
    assert "<<<<<<< ours\n    note: Ours.\n=======\n    note: Theirs.\n>>>>>>> theirs\n" in mosul.read_text(
        encoding="utf-8")


def test_entries_added_at_the_end_by_both_keep_their_blank_lines(maps: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    edit(maps / "ours.yaml", "--add-node", "ours-new", "claim", "Ours.")
    edit(maps / "theirs.yaml", "--add-node", "theirs-new", "claim", "Theirs.", "--remove", "isis-emboldened")
    code, merged, _ = merge(maps, capsys)
    assert code == 0
    assert "    text: Theirs.\n\n  - id: ours-new\n    kind: claim\n    text: Ours.\n\nrelations:" in merged
    assert "isis-emboldened" not in merged  # removed by theirs, untouched by ours


def test_a_json_map_merges_whole() -> None:
    base = '{"argmap": 1, "title": "t", "nodes": []}\n'
    ours = base.replace('"t"', '"ours"')
    theirs = base.replace("[]", '[{"id": "a", "kind": "claim", "text": "x"}]')
    assert merge_texts(base, ours, base).text == ours
    result = merge_texts(base, ours, theirs)
    assert not result.clean and result.text == f"<<<<<<< ours\n{ours}=======\n{theirs}>>>>>>> theirs\n"
