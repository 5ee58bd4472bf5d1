"""The journal of unsaved edits: after every edit the whole pending text is written, atomically (a killed editor
leaves the previous journal or the new one; it is not fsynced, so as to cost little), next to the map as
`.<name>.argmap-journal`, with the hash of the file it was based on. After a crash, opening the map finds it
and offers to restore the edits; a save (or undoing back to the saved text) removes it.

The journal is one JSON object: {"argmap_journal": 1, "map": name, "base_sha256", "written" (ISO time),
"edits": [summaries], "text": the pending text}.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import plural
from argmap.io.atomic import write_bytes

JOURNAL_VERSION = 1


def journal_path(map_path: Path) -> Path:
    """Where the journal of a map lives: a hidden file beside it."""
    return map_path.with_name(f".{map_path.name}.argmap-journal")


@dataclass
class Recovery:
    """Unsaved edits found in a journal. `base_matches`: the file on disk is still the one they were made on
    (when False, restoring them replaces changes made to the file since)."""

    path: Path
    written: str
    edits: list[str]
    base_sha256: str
    base_matches: bool
    text: str

    def describe(self) -> str:
        """One line for a prompt: how many edits, when, and whether the file changed since."""
        what = plural(len(self.edits), "unsaved edit") if self.edits else "unsaved edits"
        last = f" (last: {self.edits[-1]})" if self.edits else ""
        since = "" if self.base_matches else "; the file has changed since, restoring replaces those changes"
        return f"{what} from {self.written}{last}{since}"


def write_journal(map_path: Path, base_sha256: str, text: str, edits: list[str]) -> None:
    """Record the pending text of a map (atomically: a kill leaves the previous journal or this one)."""
    record = {"argmap_journal": JOURNAL_VERSION, "map": map_path.name, "base_sha256": base_sha256,
              "written": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "edits": edits, "text": text}
    write_bytes(journal_path(map_path), json.dumps(record, ensure_ascii=False).encode("utf-8"), durable=False)


def read_journal(map_path: Path, current_sha256: str) -> Recovery | None:
    """The journal of a map, if there is a readable one for this map."""
    path = journal_path(map_path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(record, dict) or record.get("argmap_journal") != JOURNAL_VERSION or not isinstance(
            record.get("text"), str):
        return None
    edits = [str(e) for e in record.get("edits", []) if isinstance(e, str)]
    base = str(record.get("base_sha256", ""))
    return Recovery(path, str(record.get("written", "")), edits, base, base == current_sha256, record["text"])


def remove_journal(map_path: Path) -> None:
    """Remove a map's journal, if any."""
    with contextlib.suppress(FileNotFoundError):
        journal_path(map_path).unlink()
