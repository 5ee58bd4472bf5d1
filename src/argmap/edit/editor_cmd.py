"""The command that opens a file in the user's text editor at a given line ($VISUAL, else $EDITOR, else vi).

>>> editor_command("map.yaml", 12, env={"EDITOR": "nvim"})
['nvim', '+12', 'map.yaml']
>>> editor_command("map.yaml", 12, env={"EDITOR": "code --wait"})
['code', '--wait', '--goto', 'map.yaml:12']
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

#: Editors that take `+LINE FILE`.
PLUS_LINE = frozenset({"vi", "vim", "nvim", "gvim", "mvim", "view", "vis", "nano", "pico", "emacs", "emacsclient",
                       "micro", "kak", "joe", "jed", "mg", "ne", "jove", "zile", "gedit", "xed", "pluma"})
#: Editors that take `--goto FILE:LINE`.
GOTO = frozenset({"code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"})
#: Editors that take `FILE:LINE`.
COLON_LINE = frozenset({"subl", "sublime_text", "hx", "helix", "zed", "atom"})
#: Editors that take `--line LINE FILE`.
LINE_OPTION = frozenset({"kate", "idea", "pycharm", "charm", "clion", "webstorm", "goland"})

DEFAULT_EDITOR = "vi"


def _program(word: str) -> str:
    name = Path(word).name.lower()
    return name.removesuffix(".exe")


def editor_command(path: str | os.PathLike[str], line: int | None = None, *,
                   env: Mapping[str, str] | None = None) -> list[str]:
    """The argument list that opens `path` at `line` (1-based) in the user's editor. Unknown editors get the file
    alone; an unset or blank $VISUAL/$EDITOR means `vi`."""
    env = os.environ if env is None else env
    setting = (env.get("VISUAL") or "").strip() or (env.get("EDITOR") or "").strip() or DEFAULT_EDITOR
    try:
        words = shlex.split(setting, posix=os.name != "nt")
    except ValueError:
        words = setting.split()
    words = words or [DEFAULT_EDITOR]
    file = str(path)
    program = _program(words[0])
    if line is None or line < 1:
        return [*words, file]
    if program in PLUS_LINE:
        return [*words, f"+{line}", file]
    if program in GOTO:
        return [*words, "--goto", f"{file}:{line}"]
    if program in COLON_LINE:
        return [*words, f"{file}:{line}"]
    if program in LINE_OPTION:
        return [*words, "--line", str(line), file]
    return [*words, file]
