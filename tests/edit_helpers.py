"""Helpers for the editing tests: maps copied beside their sources, decorated with comments, and line diffs."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

from conftest import REPO

MAPS = [path for path in (REPO / "maps" / "example.yaml", REPO / "maps" / "mosul-2014.yaml") if path.exists()]


def copy_map(source: Path, folder: Path, text: str | None = None) -> Path:
    """Copy a bundled map to `folder/maps/` with the seeds beside it, so its relative source paths still work."""
    (folder / "maps").mkdir(parents=True, exist_ok=True)
    if not (folder / "seeds").exists():
        shutil.copytree(REPO / "seeds", folder / "seeds")
    target = folder / "maps" / source.name
    target.write_text(source.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return target


def decorate(text: str) -> str:
    """The same map with what people add by hand: full-line and inline comments inside and outside nodes, blank
    lines between nodes, double- and single-quoted strings, a trailing comment. Reads as the same data."""
    out: list[str] = []
    texts = 0
    for line in text.splitlines():
        node = re.match(r"^  - id: (\S+)$", line)
        if node:
            out += ["", f"  # ---- {node.group(1)}", f"{line}  # id comment"]
            continue
        kind = re.match(r"^    kind: (\w+)$", line)
        if kind:
            out.append(f"{line}    # a {kind.group(1)}")
            continue
        body = re.match(r"^    text: ([^\"'#\\\n][^\"#\\\n]*)$", line)
        if body and ": " not in body.group(1):
            texts += 1
            value = body.group(1)
            out.append(f'    text: "{value}"' if texts % 2 else "    text: '" + value.replace("'", "''") + "'")
            continue
        if re.match(r"^    quotes:$", line):
            out += [line, "      # verbatim from the source"]
            continue
        if re.match(r"^  - \{source: .*\}$", line):
            out.append(f"{line}   # link")
            continue
        if line.startswith(("nodes:", "relations:", "scenarios:")):
            out += ["", f"# ===== {line.rstrip(':')}", line]
            continue
        out.append(line)
    return "\n".join(out) + "\n# end of map\n"


def changed(old: str, new: str) -> list[str]:
    """The lines that differ, as `-line` and `+line`."""
    return [line.rstrip("\n") for line in difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=0)
            if line[:1] in "+-" and not line.startswith(("---", "+++"))]


def changed_old_lines(old: str, new: str) -> list[int]:
    """1-based numbers of the old lines touched (for an insertion: the line it goes before)."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(True), new.splitlines(True), autojunk=False)
    touched: list[int] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            touched += list(range(i1 + 1, i2 + 1)) if i2 > i1 else [i1 + 1]
    return touched
