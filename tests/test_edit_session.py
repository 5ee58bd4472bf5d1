"""EditSession: undo and redo, saving, conflicts with changes on disk, the crash journal, reloading."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argmap.edit.journal import journal_path, read_journal
from argmap.edit.session import EditSession
from argmap.errors import ArgmapError, ConflictError, EditError
from argmap.io.parse import parse_text
from support import MAPS, changed, copy_map

EXAMPLE = MAPS[0]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return copy_map(EXAMPLE, tmp_path)


def test_undo_redo_and_dirty(path: Path) -> None:
    session = EditSession.open(path)
    original = session.text
    assert not session.dirty and not session.can_undo and session.undo() is None
    session.set_field("residents-hostile", "credibility", 0.6)
    after_first = session.text
    session.remove_node("army-abandoned-posts")
    assert session.dirty and session.history == ["set residents-hostile.credibility: (none) -> 0.6",
                                                 "removed evidence 'army-abandoned-posts' and 1 relation"]
    undone = session.undo()
    assert undone is not None and undone.focus == "army-abandoned-posts" and session.text == after_first
    assert session.undo() is not None and session.text == original and not session.dirty
    assert session.redo() is not None and session.text == after_first and session.dirty
    session.set_field("residents-hostile", "note", "n")
    assert not session.can_redo  # a new edit drops what was undone


def test_save_is_atomic_keeps_a_backup_and_clears_dirty(path: Path) -> None:
    original = path.read_bytes()
    session = EditSession.open(path)
    assert session.save() is False  # nothing to save
    session.set_field("residents-hostile", "credibility", 0.6)
    assert session.save() is True
    assert not session.dirty
    assert path.with_name(path.name + "~").read_bytes() == original
    assert path.read_text(encoding="utf-8") == session.text
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    session.undo()
    assert session.dirty  # the saved text is the edited one now
    session.redo()
    assert not session.dirty


def test_conflict_when_the_file_changed_on_disk(path: Path) -> None:
    session = EditSession.open(path)
    session.set_field("residents-hostile", "credibility", 0.6)
    assert not session.changed_on_disk()
    other = EditSession.open(path)
    other.set_field("residents-hostile", "note", "saved by someone else")
    other.save()
    assert session.changed_on_disk()
    with pytest.raises(ConflictError) as caught:
        session.save()
    assert isinstance(caught.value, ArgmapError)
    assert "changed on disk" in str(caught.value) and "reload" in caught.value.choices
    assert "saved by someone else" in path.read_text(encoding="utf-8")
    diff = session.diff()
    assert "-    note: saved by someone else" in diff and "+    credibility: 0.6" in diff
    warnings = session.save_as(path.with_name("mine.yaml"))
    assert warnings == [] and session.path.name == "mine.yaml" and not session.dirty
    assert "credibility: 0.6" in path.with_name("mine.yaml").read_text(encoding="utf-8")
    assert "saved by someone else" in path.read_text(encoding="utf-8")


def test_force_overwrites_and_touch_is_no_conflict(path: Path) -> None:
    session = EditSession.open(path)
    session.set_field("residents-hostile", "credibility", 0.6)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert not session.changed_on_disk()
    session.save()
    path.write_text(path.read_text(encoding="utf-8") + "# appended\n", encoding="utf-8")
    session.set_field("residents-hostile", "credibility", 0.7)
    with pytest.raises(ConflictError):
        session.save()
    assert session.save(force=True)
    assert "# appended" not in path.read_text(encoding="utf-8")


def test_deleted_file_is_a_conflict(path: Path) -> None:
    session = EditSession.open(path)
    session.set_field("residents-hostile", "credibility", 0.6)
    path.unlink()
    assert session.changed_on_disk()
    with pytest.raises(ConflictError, match="deleted"):
        session.save()
    assert session.diff().startswith("---")


def test_reload_keeps_focus_or_moves_to_the_neighbour(path: Path) -> None:
    session = EditSession.open(path)
    other = EditSession.open(path)
    other.remove_node("residents-hostile")
    other.set_field("flight-reveals-motive", "strength", 0.4)
    other.save()
    assert session.reload(focus="flight-reveals-motive") == "flight-reveals-motive"
    assert session.data["nodes"][1]["strength"] == 0.4 and not session.dirty
    session2 = EditSession.open(path)
    other.remove_node("flight-reveals-motive")
    other.save()
    assert session2.reload(focus="flight-reveals-motive") == "mosul-not-worth-dying-for"
    session2.set_field("army-abandoned-posts", "note", "x")
    with pytest.raises(EditError, match="unsaved edits"):
        session2.reload()
    assert session2.reload(discard=True, focus="army-abandoned-posts") == "army-abandoned-posts"
    assert "note: x" not in session2.text


def test_journal_recovers_unsaved_edits_after_a_crash(path: Path) -> None:
    session = EditSession.open(path)
    session.set_field("residents-hostile", "credibility", 0.6)
    session.add_relation("residents-hostile", "attacks", "mosul-not-worth-dying-for")
    pending = session.text
    journal = journal_path(path)
    assert journal.exists() and journal.name == ".example.yaml.argmap-journal"
    assert json.loads(journal.read_text(encoding="utf-8"))["text"] == pending
    del session  # the process dies: nothing saved
    reopened = EditSession.open(path)
    recovery = reopened.recovery
    assert recovery is not None and recovery.base_matches and len(recovery.edits) == 2
    assert "2 unsaved edits" in recovery.describe()
    edit = reopened.restore()
    assert "restored 2 unsaved edits" in edit.summary
    assert reopened.text == pending and reopened.dirty and reopened.recovery is None
    reopened.undo()
    assert not journal.exists()  # back at the saved text: nothing to recover
    reopened.redo()
    reopened.save()
    assert not journal.exists() and path.read_text(encoding="utf-8") == pending
    assert EditSession.open(path).recovery is None


def test_journal_can_be_discarded_and_notices_a_changed_base(path: Path) -> None:
    session = EditSession.open(path)
    session.set_field("residents-hostile", "credibility", 0.6)
    path.write_text(path.read_text(encoding="utf-8").replace("Example", "Changed"), encoding="utf-8")
    reopened = EditSession.open(path)
    assert reopened.recovery is not None and not reopened.recovery.base_matches
    assert "the file has changed since" in reopened.recovery.describe()
    reopened.discard_journal()
    assert reopened.recovery is None and not journal_path(path).exists()
    with pytest.raises(EditError, match="no journal"):
        reopened.restore()


def test_unreadable_journal_is_ignored(path: Path) -> None:
    journal_path(path).write_text("{not json", encoding="utf-8")
    assert EditSession.open(path).recovery is None
    assert read_journal(path, "x") is None


def test_journal_failure_does_not_stop_editing(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("argmap.edit.session.write_journal", refuse)
    session = EditSession.open(path)
    session.set_field("residents-hostile", "credibility", 0.6)
    assert session.journal_error is not None and "Permission denied" in session.journal_error
    assert session.save()


def test_crlf_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = copy_map(EXAMPLE, tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    session = EditSession.open(path)
    session.set_field("residents-hostile", "credibility", 0.6)
    session.save()
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    assert changed(text, raw[3:].decode("utf-8")) == ["+    credibility: 0.6\r"]


def test_open_refuses_what_it_cannot_edit(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nnodes:\n  - id: a\n   kind: claim\n", encoding="utf-8")
    with pytest.raises(EditError, match=r"bad.yaml:4:\d+: error: invalid YAML"):
        EditSession.open(bad)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(EditError, match="not UTF-8"):
        EditSession.open(latin)
    with pytest.raises(ArgmapError, match="no such map file"):
        EditSession.open(tmp_path / "missing.yaml")


def test_document_line_of_and_shared_document(path: Path) -> None:
    from argmap.io import load

    doc = load(path)
    session = EditSession.open(path, doc=doc)
    assert session.data is doc.data and session.document() is doc
    for node_id in session.node_ids():
        span = doc.node_span(node_id)
        assert span is not None and session.line_of(node_id) == span.line
    session.set_field("residents-hostile", "credibility", 0.6)
    current = session.document()
    assert current is not doc and current.map is not None
    assert current.map.node("residents-hostile").credibility == 0.6  # type: ignore[union-attr]
    assert session.document() is current
    assert session.line_of("nope") is None


def test_refused_edit_changes_nothing(path: Path) -> None:
    session = EditSession.open(path)
    before = session.text
    with pytest.raises(EditError, match=r"strength must be less than or equal to 1, not 1\.5"):
        session.set_field("flight-reveals-motive", "strength", 1.5)
    assert session.text == before and not session.dirty and not journal_path(path).exists()
    assert parse_text(session.text, "yaml", "x")[0] == session.data


def test_document_is_patched_not_reloaded(path: Path) -> None:
    from argmap.io import load

    session = EditSession.open(path)
    first = session.document()
    assert first.map is not None
    session.set_field("residents-hostile", "quotes", ["Many residents in Sunni-dominated Mosul were hostile"])
    session.add_relation("residents-hostile", "attacks", "mosul-not-worth-dying-for")
    patched = session.document()
    assert patched.map is not None and patched.map.nodes[0] is first.map.nodes[0]  # kept, not rebuilt
    loaded = load(path, text=session.text)
    assert patched.map == loaded.map and patched.matches == loaded.matches
    assert patched.matches[("residents-hostile", 0)] is not None
    session.undo()
    session.undo()
    assert session.document().map == first.map


def test_removal_preview_changes_nothing(path: Path) -> None:
    session = EditSession.open(path)
    preview = session.removal_preview("flight-reveals-motive")
    assert [r["source"] for r in preview] == ["army-abandoned-posts", "residents-hostile", "flight-reveals-motive"]
    assert not session.dirty and "flight-reveals-motive" in session.node_ids()
    assert session.remove_node("flight-reveals-motive").removed == preview


def test_a_failed_save_keeps_the_buffer(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    session = EditSession.open(path)
    session.set_field("residents-hostile", "credibility", 0.6)
    monkeypatch.setattr("argmap.edit.session.write_bytes", full_disk)
    with pytest.raises(ArgmapError, match="cannot save: No space left on device"):
        session.save()
    assert session.dirty and "credibility: 0.6" in session.text


def test_reload_of_a_broken_file_keeps_the_session(path: Path) -> None:
    session = EditSession.open(path)
    before = session.text
    path.write_text(before.replace("kind: claim", "kind: claim\n  oops: [", 1), encoding="utf-8")
    assert session.changed_on_disk()
    with pytest.raises(EditError, match="invalid YAML"):
        session.reload(focus="army-abandoned-posts")
    assert session.text == before and session.node_ids()[0] == "army-abandoned-posts"
    path.write_text(before.replace("Example", "Fixed"), encoding="utf-8")
    assert session.reload(focus="army-abandoned-posts") == "army-abandoned-posts"
    assert "Fixed" in session.text


def test_the_document_is_patched_when_only_a_source_text_is_missing(tmp_path: Path) -> None:
    # a load finding above the nodes (its lines cannot move) does not force a full reload after each edit
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: T\nsources:\n  - {id: s, title: S, path: missing.txt}\nnodes:\n"
                    "  - {id: a, kind: claim, text: A., quotes: [somewhere]}\n"
                    "  - {id: b, kind: claim, text: B.}\nrelations:\n  - {source: a, target: b, type: supports}\n",
                    encoding="utf-8")
    session = EditSession.open(path, journal=False)
    before = session.document()
    assert [d.rule for d in before.diagnostics] == ["source-missing"]
    session.set_field("b", "note", "checked")
    after = session.document()
    assert after.map is not None and after.map.node("b").note == "checked"  # type: ignore[union-attr]
    assert after.map.node("a") is before.map.node("a")  # type: ignore[union-attr]  # patched, not reloaded
    assert [(d.rule, d.line, d.column) for d in after.diagnostics] == [("source-missing", 4, 29)]


def test_a_finding_below_the_nodes_forces_a_full_reload(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: T\nnodes:\n  - {id: a, kind: claim, text: A., quotes: [somewhere]}\n"
                    "sources:\n  - {id: s, title: S, path: missing.txt}\n", encoding="utf-8")
    session = EditSession.open(path, journal=False)
    session.add_node({"id": "b", "kind": "claim", "text": "B."})
    after = session.document()
    line = session.text.splitlines().index("sources:") + 2  # the node above pushed it down
    assert [(d.rule, d.line) for d in after.diagnostics] == [("source-missing", line)]
