"""`argmap diff`: real edits of the Mosul map compared in the map's own terms, renames recognised, what moved in the
reasoning, git revisions, textconv, and bad input in one line."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.cli import main
from support import REPO

MOSUL = REPO / "maps" / "mosul-2014.yaml"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def mosul_pair(tmp_path: Path, *edits: str) -> tuple[Path, Path]:
    """The Mosul map as `old.yaml` and, edited with `argmap edit` options, as `new.yaml`, beside its sources."""
    (tmp_path / "maps").mkdir()
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    old, new = tmp_path / "maps" / "old.yaml", tmp_path / "maps" / "new.yaml"
    shutil.copy(MOSUL, old)
    shutil.copy(MOSUL, new)
    if edits:
        assert main(["edit", str(new), "--no-backup", *edits]) == 0
    return old, new


def diff_json(old: Path | str, new: Path | str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["diff", "--format", "json", str(old), str(new)]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_field_changes_relation_removed_and_the_brier_score_moves(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    old, new = mosul_pair(tmp_path, "--set", "further-devastating-consequences.probability=0.95",
                          "--unlink", "army-abandoned-posts", "supports", "flight-reveals-motive")
    data = diff_json(old, new, capsys)
    assert data["added"] == data["removed"] == data["renamed"] == []
    changes = data["changed"]["further-devastating-consequences"]  # type: ignore[index]
    assert {"field": "probability", "old": 0.675, "new": 0.95} in changes
    assert data["relations_removed"] == ["army-abandoned-posts supports flight-reveals-motive"]
    assert data["relations_added"] == []
    moved = [m for m in data["moved"] if m["node"] == "further-devastating-consequences"]  # type: ignore[attr-defined]
    assert moved == [{"node": "further-devastating-consequences", "what": "probability", "old": 0.675, "new": 0.95}]
    brier = data["brier"]
    assert brier["old"] == pytest.approx(0.199, abs=5e-4) and brier["new"] < brier["old"]  # type: ignore[index]
    assert main(["diff", str(old), str(new)]) == 0
    text = capsys.readouterr().out
    assert "  ~ further-devastating-consequences\n      probability: 0.675 -> 0.95\n" in text
    assert "relations\n  - army-abandoned-posts supports flight-reveals-motive\n" in text
    assert "  Brier score: 0.199 -> 0.178" in text


def test_a_rename_is_recognised_and_its_relations_are_not_reported(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    old, new = mosul_pair(tmp_path, "--rename", "residents-hostile-to-army", "residents-hostile",
                          "--set", "isis-financial-gains.text=ISIS seized a fortune in Mosul's banks.")
    data = diff_json(old, new, capsys)
    assert data["renamed"] == [{"old": "residents-hostile-to-army", "new": "residents-hostile"}]
    assert data["added"] == data["removed"] == []
    assert data["relations_added"] == data["relations_removed"] == [] and data["map_changed"] == []
    assert list(data["changed"]) == ["isis-financial-gains"]  # type: ignore[arg-type]
    assert data["moved"] == []


def test_added_and_removed_nodes_and_labels_that_move(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = mosul_pair(tmp_path, "--add-node", "army-will-return", "claim", "The army will be back within weeks.",
                          "--link", "army-will-return", "attacks", "mosul-not-worth-dying-for")
    data = diff_json(old, new, capsys)
    assert [n["id"] for n in data["added"]] == ["army-will-return"]  # type: ignore[attr-defined]
    assert data["relations_added"] == ["army-will-return attacks mosul-not-worth-dying-for"]
    assert any(m["node"] == "mosul-not-worth-dying-for" for m in data["moved"])  # type: ignore[attr-defined]
    data = diff_json(new, old, capsys)
    assert [n["id"] for n in data["removed"]] == ["army-will-return"]  # type: ignore[attr-defined]


def test_the_same_map_has_no_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = mosul_pair(tmp_path)
    new.write_text("# a comment changes nothing\n" + new.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["diff", "--exit-code", str(old), str(new)]) == 0
    assert "no change to the map's content" in capsys.readouterr().out


def test_a_broken_map_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = mosul_pair(tmp_path)
    new.write_text("nodes: [\n", encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "new.yaml:" in err and "Traceback" not in err


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@needs_git
def test_a_git_revision_against_the_working_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _, new = mosul_pair(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "map")
    assert main(["edit", str(new), "--no-backup", "--set", "army-abandoned-posts.grade=C3"]) == 0
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["diff", "HEAD", "maps/new.yaml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("maps/new.yaml: HEAD -> working tree\n")
    assert "  ~ army-abandoned-posts\n      grade: B1 -> C3\n" in out
    assert main(["diff", "no-such-rev", "maps/new.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "revision 'no-such-rev'" in err


@needs_git
def test_a_revision_outside_a_repository_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, new = mosul_pair(tmp_path)
    assert main(["diff", "HEAD~1", str(new)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not in a git repository" in err


def test_textconv_and_git_external_diff_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = mosul_pair(tmp_path, "--set", "army-abandoned-posts.grade=C3")
    assert main(["diff", "--textconv", str(new)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "node army-abandoned-posts grade: C3" in lines
    assert "relation army-abandoned-posts supports flight-reveals-motive" in lines
    assert any(line.startswith("standing mosul-not-worth-dying-for: ") for line in lines)
    assert lines[-1] == "brier: 0.199"
    assert main(["diff", "maps/x.yaml", str(old), "a" * 40, "100644", str(new), "b" * 40, "100644"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("maps/x.yaml\n") and "grade: B1 -> C3" in out
    assert main(["diff", "maps/x.yaml", "/dev/null", ".", ".", str(new), ".", "100644"]) == 0
    assert "  + army-abandoned-posts (evidence)" in capsys.readouterr().out
