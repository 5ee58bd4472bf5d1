"""Editing a map file without losing a byte: `EditSession`, shared by `argmap edit` and the terminal interface.

    session = EditSession.open(path)          # or EditSession.open(path, doc=already_loaded_document)
    if session.recovery:                      # unsaved edits survived a crash
        print(session.recovery.describe())
        session.restore()                     # or session.discard_journal()
    edit = session.set_field("fall-of-mosul", "probability", 0.7)
    edit = session.set_field("fall-of-mosul", "resolution.outcome", "happened")
    edit = session.add_node({"id": "x", "kind": "claim", "text": "..."}, after="fall-of-mosul")
    edit = session.update_node("x", {...new version...}, declare=[("tags", "new-tag")])  # one step
    session.removal_preview("x")              # what removing it would take along, to confirm first
    edit = session.remove_node("x")           # edit.removed: the relations (and scenario entries) it took along
    edit = session.add_relation("a", "supports", "b"); session.remove_relation("a", "supports", "b")
    edit = session.retype_relation("a", "supports", "b", "attacks"); session.rename_node("a", "a2")
    edit = session.apply(scenario_ops.set_assumption(session.data, "worst", "a", True))  # any operation's Outcome
    session.undo(); session.redo(); session.dirty
    session.save()                            # ConflictError if the file changed on disk since it was read
    session.save_as(other_path); session.diff(); session.reload(discard=True, focus="a")
    session.changed_on_disk()                 # cheap (stat), for polling
    session.document()                        # the buffer as a MapDocument (cached; patched after an edit)
    session.line_of("a")                      # 1-based line of a node in the buffer, for $EDITOR

Every operation returns an `Edit` (summary, focus: the node to show next, subject, removed) or raises
`EditError` (a one-line reason; nothing changed). Each edit rewrites only the text of what it changes
(`argmap.edit.planning`), so comments, key order, quoting and blank lines elsewhere stay byte for byte; the new text
is read back and must equal the intended data, or the edit is refused. Undo and redo replay text splices, so a
long history of a big map costs little memory.

Saving is atomic (`argmap.io.atomic`: temporary file, fsync, rename, backup `path~`); a save refuses to overwrite
a file changed on disk since it was read (mtime, size and SHA-256 are remembered). While the buffer has unsaved
edits, its text is journaled after every edit next to the map (`argmap.edit.journal`); the journal goes away with a
save. Files keep their byte-order mark and CRLF line ends.
"""

from __future__ import annotations

import difflib
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.edit import operations as edit_ops
from argmap.edit.ach_ops import set_rating
from argmap.edit.journal import Recovery, read_journal, remove_journal, write_journal
from argmap.edit.node_update import add_node, update_node
from argmap.edit.patch import patch_document
from argmap.edit.planning import edit_text
from argmap.edit.quote_ops import QuoteChange, set_quotes
from argmap.edit.splice import Splice, apply_splices, invert
from argmap.errors import ArgmapError, ConflictError, Diagnostic, EditError, plural
from argmap.io.atomic import write_bytes
from argmap.io.document import MapDocument, load, read_map_bytes
from argmap.io.parse import detect_format, parse_text
from argmap.io.stamp import FileStamp
from argmap.layout.json_scan import pretty_root, scan
from argmap.layout.lines import line_number
from argmap.layout.yaml_scan import block_sequence, top_keys

MAX_UNDO = 500


@dataclass
class Edit:
    """What one edit did: `summary` (one line), `focus` (the node to show next), `subject` (the node it was
    about), `removed` (relations and scenario entries a node removal took along)."""

    summary: str
    focus: str | None = None
    subject: str | None = None
    removed: list[dict[str, Any]] = field(default_factory=list)


_SERIAL = itertools.count(1)


@dataclass
class _Step:
    edit: Edit
    before: dict[str, Any]
    after: dict[str, Any]
    forward: list[Splice]
    backward: list[Splice]
    serial: int = field(default_factory=lambda: next(_SERIAL))


def _decode(path: Path, raw: bytes) -> tuple[str, bool, bool]:
    """Text, whether it had a byte-order mark, whether every line ends in CRLF (the text then uses LF)."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EditError(f"{path}: not UTF-8 text; save it as UTF-8 before editing it with argmap") from None
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    return (text.replace("\r\n", "\n") if crlf else text), bom, crlf


class EditSession:
    """An open map file with an edit buffer: operations, undo and redo, safe saving, conflict detection, crash
    journal and reloading. Use `EditSession.open(path)`."""

    def __init__(self, path: Path, raw: bytes, *, doc: MapDocument | None = None, journal: bool = True,
                 backup: bool = True, full_check: bool | None = None) -> None:
        self.path = Path(path)
        self.journal = journal
        self.backup = backup
        self.full_check = full_check
        self.recovery: Recovery | None = None
        self.journal_error: str | None = None
        self._take(raw, doc)

    def _take(self, raw: bytes, doc: MapDocument | None = None) -> None:
        """Make `raw` (the file's bytes, just read) the saved and current state; forget the history. Raises
        `EditError`, changing nothing, when the bytes do not read as a map."""
        text, bom, crlf = _decode(self.path, raw)
        fmt = detect_format(self.path, text)
        problems: list[Diagnostic] = []
        if doc is not None and doc.data is not None and doc.text.replace("\r\n", "\n") == text.replace("\r\n", "\n"):
            data = doc.data
        else:
            data, problems = parse_text(text, fmt, str(self.path))
        if problems:
            raise EditError(f"cannot edit {problems[0].format()}; fix the file in a text editor first")
        if not isinstance(data, dict):
            raise EditError(f"cannot edit {self.path}: a map file is a mapping with 'title' and 'nodes'")
        self._bom, self._crlf, self.format = bom, crlf, fmt
        self.text: str = text
        self.data: dict[str, Any] = data
        self._stamp = FileStamp.of(self.path, raw)
        self._saved_text = text
        self._steps: list[_Step] = []
        self._done = 0
        self._saved: int | None = 0
        self._doc: tuple[int, MapDocument, dict[str, Any]] | None = None
        if doc is not None and doc.text == text:
            self._doc = (self._version, doc, data)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, doc: MapDocument | None = None, journal: bool = True,
             backup: bool = True, full_check: bool | None = None) -> EditSession:
        """Open a map for editing (reusing `doc` when it was loaded from the same text). `recovery` tells whether
        a journal of unsaved edits was found. Raises `ArgmapError` when the file cannot be read and `EditError`
        when it does not parse (there is nothing to edit safely)."""
        file = Path(path)
        session = cls(file, read_map_bytes(file), doc=doc, journal=journal, backup=backup, full_check=full_check)
        if journal:
            found = read_journal(file, session._stamp.sha256)
            if found is not None and found.text == session.text:
                remove_journal(file)
                found = None
            session.recovery = found
        return session

    # -- state --------------------------------------------------------------------------------------------------

    @property
    def _version(self) -> int:
        return self._steps[self._done - 1].serial if self._done else 0

    @property
    def dirty(self) -> bool:
        """Whether the buffer differs from the file as last read or saved: by its content, so that undoing
        past a save and making the same edit again, or undoing an edit made after the save, reads as clean
        exactly when the text is the saved one."""
        return self._done != self._saved and self.text != self._saved_text

    @property
    def can_undo(self) -> bool:
        return self._done > 0

    @property
    def can_redo(self) -> bool:
        return self._done < len(self._steps)

    @property
    def history(self) -> list[str]:
        """Summaries of the edits that undo would take back, oldest first."""
        return [step.edit.summary for step in self._steps[: self._done]]

    @property
    def display_path(self) -> str:
        return MapDocument(self.path, "", self.format).display_path

    def node_ids(self) -> list[str]:
        """The ids of the nodes in the buffer, in file order."""
        return edit_ops.node_ids(self.data)

    def document(self) -> MapDocument:
        """The buffer loaded as a map document (model, quotes, load diagnostics), cached for the current version.
        After an edit it is patched from the previous one where that gives what loading would (fast on big maps),
        else loaded from the buffer's text."""
        version = self._version
        if self._doc is not None and self._doc[0] == version:
            return self._doc[1]
        doc = None
        if self._doc is not None:
            _, previous, data = self._doc
            doc = patch_document(previous, data, self.data, self.text)
        if doc is None:
            doc = load(self.path, text=self.text)
        self._doc = (version, doc, self.data)
        return doc

    def line_of(self, node_id: str) -> int | None:
        """The 1-based line where a node starts in the buffer (None if there is no such node)."""
        try:
            index = edit_ops.find_node(self.data, node_id)
        except EditError:
            return None
        try:
            if self.format == "json":
                root = pretty_root(self.text, list(self.data)) or scan(self.text, 0, 2)
                nodes = next(child for key, _, child in root.members if key == "nodes")
                return line_number(self.text, nodes.items[index].start)
            tops = {top.key: top for top in top_keys(self.text, list(self.data))}
            seq = block_sequence(self.text, tops["nodes"])
            if seq is not None and len(seq.starts) == len(self.data["nodes"]):
                return line_number(self.text, seq.starts[index])
        except (ArgmapError, StopIteration, KeyError, IndexError):
            pass
        span = self.document().node_span(node_id)
        return span.line if span else 1

    # -- operations ---------------------------------------------------------------------------------------------

    def set_field(self, node_id: str, path: str, value: Any) -> Edit:
        """Set a node's field (`probability`, `resolution.outcome`, `tags`...); None removes it."""
        return self._apply(edit_ops.set_field(self.data, node_id, path, value))

    def add_node(self, node: dict[str, Any], *, after: str | None = None,
                 declare: list[tuple[str, str]] | None = None) -> Edit:
        """Add a node (a dict as the file would hold it) at the end of `nodes`, or after node `after`;
        `declare`: (vocabulary, id) pairs to declare in the same edit."""
        return self._apply(add_node(self.data, node, after=after, declare=declare or ()))

    def update_node(self, node_id: str, node: dict[str, Any], *, declare: list[tuple[str, str]] | None = None
                    ) -> Edit:
        """Replace a node by a new version in one edit (only changed fields are rewritten; a new id renames it
        everywhere); `declare`: (vocabulary, id) pairs to declare in the same edit."""
        return self._apply(update_node(self.data, node_id, node, declare=declare or ()))

    def remove_node(self, node_id: str) -> Edit:
        """Remove a node and the relations and scenario entries that name it (listed in `Edit.removed`)."""
        return self._apply(edit_ops.remove_node(self.data, node_id))

    def removal_preview(self, node_id: str) -> list[dict[str, Any]]:
        """What `remove_node` would take along (relations, scenario entries), for a confirmation prompt."""
        return edit_ops.remove_node(self.data, node_id).removed

    def rename_node(self, old: str, new: str) -> Edit:
        """Change a node's id everywhere it is named."""
        return self._apply(edit_ops.rename_node(self.data, old, new))

    def add_relation(self, source: str, rel_type: str, target: str, **extra: Any) -> Edit:
        """Add `source --type--> target` (optional `note`, `weight`)."""
        return self._apply(edit_ops.add_relation(self.data, source, rel_type, target, **extra))

    def remove_relation(self, source: str, rel_type: str, target: str) -> Edit:
        """Remove `source --type--> target`."""
        return self._apply(edit_ops.remove_relation(self.data, source, rel_type, target))

    def retype_relation(self, source: str, old_type: str, target: str, new_type: str) -> Edit:
        """Change the type of a relation."""
        return self._apply(edit_ops.retype_relation(self.data, source, old_type, target, new_type))

    def set_relation_field(self, source: str, rel_type: str, target: str, name: str, value: Any) -> Edit:
        """Set a relation's `note` or `weight` (or `type`)."""
        return self._apply(edit_ops.set_relation_field(self.data, source, rel_type, target, name, value))

    def set_map_field(self, name: str, value: Any) -> Edit:
        """Set the map's title, description, sources or a vocabulary."""
        return self._apply(edit_ops.set_map_field(self.data, name, value))

    def set_rating(self, group: str, item: str, hypothesis: str, rating: str | None) -> Edit:
        """Set (None: clear) the ACH rating of `item` against `hypothesis` in group `group`."""
        data, summary = set_rating(self.data, group, item, hypothesis, rating)
        return self._apply(edit_ops.Outcome(data, summary, item if item in self.node_ids() else None))

    def set_quotes(self, changes: list[QuoteChange]) -> Edit:
        """Rewrite quotes (text, source, offsets where stored) in one edit (`argmap.edit.quote_ops`)."""
        return self._apply(set_quotes(self.data, changes))

    def declare(self, vocabulary: str, item_id: str, label: str | None = None) -> Edit:
        """Declare a tag, actor or theme."""
        return self._apply(edit_ops.declare(self.data, vocabulary, item_id, label))

    def apply(self, outcome: edit_ops.Outcome) -> Edit:
        """Make the edit an operation worked out on `self.data` (`argmap.edit.scenario_ops`, `source_ops`,
        `vocab_ops`, `review_ops`...): one undoable step, checked like every other."""
        return self._apply(outcome)

    def _apply(self, outcome: edit_ops.Outcome) -> Edit:
        new_text, splices = edit_text(self.text, self.format, self.data, outcome.data, full_check=self.full_check)
        edit = Edit(outcome.summary, outcome.focus, outcome.subject, outcome.removed)
        step = _Step(edit, self.data, outcome.data, splices, invert(self.text, splices))
        del self._steps[self._done:]
        if self._saved is not None and self._saved > self._done:
            self._saved = None
        self._steps.append(step)
        self._done += 1
        if len(self._steps) > MAX_UNDO:
            del self._steps[0]
            self._done -= 1
            self._saved = None if self._saved in (None, 0) else self._saved - 1
        self.text, self.data = new_text, outcome.data
        self._journal()
        return edit

    def undo(self) -> Edit | None:
        """Take back the last edit; returns what was undone (focus: the node it was about), or None."""
        if not self.can_undo:
            return None
        step = self._steps[self._done - 1]
        self.text = apply_splices(self.text, step.backward)
        self.data = step.before
        self._done -= 1
        self._journal()
        return Edit(f"undid: {step.edit.summary}", step.edit.subject or step.edit.focus, step.edit.subject)

    def redo(self) -> Edit | None:
        """Make the last undone edit again, or return None."""
        if not self.can_redo:
            return None
        step = self._steps[self._done]
        self.text = apply_splices(self.text, step.forward)
        self.data = step.after
        self._done += 1
        self._journal()
        return Edit(f"redid: {step.edit.summary}", step.edit.focus, step.edit.subject, step.edit.removed)

    # -- journal ------------------------------------------------------------------------------------------------

    def _journal(self) -> None:
        if not self.journal:
            return
        try:
            if self.dirty:
                write_journal(self.path, self._stamp.sha256, self.text, self.history)
            else:
                remove_journal(self.path)
            self.journal_error = None
        except OSError as exc:
            self.journal_error = f"cannot write the journal of unsaved edits beside {self.path}: {exc.strerror}"

    def restore(self) -> Edit:
        """Put the journaled edits into the buffer (one undoable step; the buffer is then unsaved)."""
        if self.recovery is None:
            raise EditError("there is no journal of unsaved edits to restore")
        text = self.recovery.text
        data, problems = parse_text(text, self.format, str(self.path))
        if problems or not isinstance(data, dict):
            reason = problems[0].message if problems else "not a map"
            raise EditError(f"the journal's text cannot be read ({reason}); discard it") from None
        summary = f"restored {plural(len(self.recovery.edits), 'unsaved edit')} from {self.recovery.written}"
        self.recovery = None
        outcome = edit_ops.Outcome(data, summary)
        edit = Edit(summary)
        step = _Step(edit, self.data, data, [Splice(0, len(self.text), text)], [Splice(0, len(text), self.text)])
        del self._steps[self._done:]
        self._steps.append(step)
        self._done += 1
        self.text, self.data = text, outcome.data
        self._journal()
        return edit

    def discard_journal(self) -> None:
        """Forget the journaled edits for good."""
        remove_journal(self.path)
        self.recovery = None

    # -- the file on disk ---------------------------------------------------------------------------------------

    def _encode(self, text: str) -> bytes:
        if self._crlf:
            text = text.replace("\n", "\r\n")
        return (b"\xef\xbb\xbf" if self._bom else b"") + text.encode("utf-8")

    def changed_on_disk(self) -> bool:
        """Whether the file changed since it was read or saved (a stat; the hash only when time or size moved)."""
        same, self._stamp = self._stamp.matches(self.path)
        return not same

    def _disk_text(self) -> str:
        if not self.path.exists():
            return ""
        return _decode(self.path, read_map_bytes(self.path))[0]

    def diff(self, *, context: int = 3) -> str:
        """A unified diff from the file on disk to the buffer."""
        name = self.display_path
        return "".join(difflib.unified_diff(self._disk_text().splitlines(True), self.text.splitlines(True),
                                            f"{name} (on disk)", f"{name} (edited)", n=context))

    def changes(self, *, context: int = 3) -> str:
        """A unified diff from the text as last read or saved to the buffer: what saving would write."""
        name = self.display_path
        return "".join(difflib.unified_diff(self._saved_text.splitlines(True), self.text.splitlines(True),
                                            f"{name} (saved)", f"{name} (edited)", n=context))

    def save(self, *, force: bool = False) -> bool:
        """Write the buffer to the file, atomically, keeping the previous version as `path~`. Raises
        `ConflictError` if the file changed on disk since it was read (unless `force`). False: nothing to save."""
        same, _ = self._stamp.matches(self.path, strict=True)
        if not same and not force:
            detail = "it was deleted" if not self.path.exists() else "someone else saved it"
            raise ConflictError(self.display_path, detail)
        if same and not self.dirty:
            return False
        self._write(self.path)
        return True

    def save_as(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> list[str]:
        """Write the buffer to another file (which the session then edits). Returns warnings: sources whose
        relative paths do not lead to a file from the new folder."""
        target = Path(path)
        if detect_format(target) != self.format and target.suffix:
            raise EditError(f"{target}: save a {self.format.upper()} map under a .{self.format} name (use "
                            "`argmap export` to convert)")
        if target.exists() and not overwrite and target.resolve() != self.path.resolve():
            raise EditError(f"{target} already exists; choose another name")
        warnings = []
        for source in self.data.get("sources") or []:
            rel = source.get("path") if isinstance(source, dict) else None
            if isinstance(rel, str) and (self.path.parent / rel).exists() and not (target.parent / rel).exists():
                warnings.append(f"source '{source.get('id')}': {rel} does not exist relative to {target.parent}")
        if self.journal:
            remove_journal(self.path)
        self.path = target
        self._doc = None
        self._write(target)
        return warnings

    def _write(self, path: Path) -> None:
        data = self._encode(self.text)
        try:
            write_bytes(path, data, backup=self.backup)
        except OSError as exc:
            raise ArgmapError(f"{path}: cannot save: {exc.strerror or exc}; the edits are still in the buffer"
                              ) from None
        self._stamp = FileStamp.of(path, data)
        self._saved_text = self.text
        self._saved = self._done
        if self.journal:
            remove_journal(path)

    def reload(self, *, discard: bool = False, focus: str | None = None) -> str | None:
        """Read the file again (after it changed on disk); the history is forgotten. With unsaved edits, pass
        `discard=True` (they are dropped, journal included). Returns the node to focus: `focus` if it still
        exists, else the node now at its place. If the file no longer reads as a map (a syntax error made in
        another editor), `EditError` says where, and the session keeps what it had."""
        if self.dirty and not discard:
            raise EditError("there are unsaved edits; save them, or reload with discard to drop them")
        ids = self.node_ids()
        index = ids.index(focus) if focus in ids else None
        self._take(read_map_bytes(self.path))
        if self.journal:
            remove_journal(self.path)
        self.recovery = None
        now = self.node_ids()
        if focus in now:
            return focus
        if now and index is not None:
            return now[min(index, len(now) - 1)]
        return now[0] if now else None
