"""`editor_command`: the user's editor, opened at a line."""

from __future__ import annotations

import pytest

from argmap.edit.editor_cmd import editor_command


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["vi", "+12", "m.yaml"]),
        ({"EDITOR": "  "}, ["vi", "+12", "m.yaml"]),
        ({"EDITOR": "vim"}, ["vim", "+12", "m.yaml"]),
        ({"EDITOR": "/usr/bin/nvim"}, ["/usr/bin/nvim", "+12", "m.yaml"]),
        ({"EDITOR": "nano"}, ["nano", "+12", "m.yaml"]),
        ({"EDITOR": "emacsclient -t"}, ["emacsclient", "-t", "+12", "m.yaml"]),
        ({"EDITOR": "emacs -nw"}, ["emacs", "-nw", "+12", "m.yaml"]),
        ({"EDITOR": "code --wait"}, ["code", "--wait", "--goto", "m.yaml:12"]),
        ({"EDITOR": "codium -w"}, ["codium", "-w", "--goto", "m.yaml:12"]),
        ({"EDITOR": "subl -w"}, ["subl", "-w", "m.yaml:12"]),
        ({"EDITOR": "hx"}, ["hx", "m.yaml:12"]),
        ({"EDITOR": "kate"}, ["kate", "--line", "12", "m.yaml"]),
        ({"EDITOR": "ed"}, ["ed", "m.yaml"]),
        ({"EDITOR": "'/opt/My Editor/vim'"}, ["/opt/My Editor/vim", "+12", "m.yaml"]),
        ({"EDITOR": "nano", "VISUAL": "nvim"}, ["nvim", "+12", "m.yaml"]),
        ({"EDITOR": "NVIM.EXE"}, ["NVIM.EXE", "+12", "m.yaml"]),
    ],
)
def test_editor_command(env: dict[str, str], expected: list[str]) -> None:
    assert editor_command("m.yaml", 12, env=env) == expected


def test_no_line_opens_the_file() -> None:
    assert editor_command("m.yaml", None, env={"EDITOR": "vim"}) == ["vim", "m.yaml"]
    assert editor_command("m.yaml", 0, env={"EDITOR": "code"}) == ["code", "m.yaml"]


def test_unbalanced_quotes_still_give_a_command() -> None:
    assert editor_command("m.yaml", 3, env={"EDITOR": "vim 'x"}) == ["vim", "'x", "+3", "m.yaml"]
