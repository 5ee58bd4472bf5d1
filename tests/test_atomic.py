"""Atomic writes: killed at any moment, a save leaves the old file or the new one, never a broken or empty one."""

from __future__ import annotations

import os
import random
import signal
import stat
import time
from pathlib import Path

import pytest

from argmap.edit.journal import journal_path, read_journal
from argmap.edit.session import EditSession
from argmap.io import atomic
from argmap.io.atomic import write_bytes
from argmap.io.parse import parse_text
from support import MAPS, copy_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def _map_text(nodes: int, word: str) -> bytes:
    lines = ["title: Kill test", "nodes:"]
    for i in range(nodes):
        lines += [f"  - id: n{i}", "    kind: claim", f"    text: {word} number {i} of a long enough map"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _kill_at_random(path: Path, child: object, iterations: int, seed: int, longest: float) -> int:
    """Run `child` in a forked process, kill it after a random delay, `iterations` times; return how many kills
    left a temporary file behind (a kill in the middle of a write)."""
    rng = random.Random(seed)
    interrupted = 0
    for _ in range(iterations):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child never returns
            try:
                child()  # type: ignore[operator]
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, longest))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        leftovers = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        interrupted += bool(leftovers)
        for leftover in leftovers:
            leftover.unlink()
    return interrupted


@pytest.mark.slow
def test_killed_writes_leave_the_old_or_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    old, new = _map_text(1500, "old"), _map_text(1700, "new")
    path.write_bytes(old)
    seen: set[bytes] = set()

    def writer() -> None:
        for k in range(10_000):
            write_bytes(path, new if k % 2 == 0 else old, backup=True)

    rng = random.Random(7)
    interrupted = 0
    for round_ in range(6):
        interrupted += _kill_at_random(path, writer, 25, rng.randrange(1 << 30), 0.02)
        content = path.read_bytes()
        assert content in (old, new), f"round {round_}: the file is neither version ({len(content)} bytes)"
        seen.add(content)
        backup = path.with_name("map.yaml~")
        if backup.exists():
            assert backup.read_bytes() in (old, new)
        data, problems = parse_text(content.decode("utf-8"), "yaml", "map")
        assert not problems and len(data["nodes"]) in (1500, 1700)
    assert interrupted > 0, "no kill landed in the middle of a write; the test proved nothing"


@pytest.mark.slow
def test_killed_sessions_leave_a_readable_map_and_journal(tmp_path: Path) -> None:
    path = copy_map(MAPS[0], tmp_path)
    original = path.read_text(encoding="utf-8")
    variants = {original}
    for value in (0.25, 0.75):
        session = EditSession.open(path, journal=False, backup=False)
        session.set_field("residents-hostile", "credibility", value)
        variants.add(session.text)

    def editor() -> None:
        for k in range(1000):
            session = EditSession.open(path)
            session.discard_journal()
            session.set_field("residents-hostile", "credibility", 0.25 if k % 2 else 0.75)
            session.save()

    _kill_at_random(path, editor, 40, 11, 0.15)
    content = path.read_text(encoding="utf-8")
    assert content in variants
    if journal_path(path).exists():
        recovery = read_journal(path, "")
        assert recovery is not None and recovery.text in variants


def test_symlink_is_followed_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    write_bytes(link, b"new\n", backup=True)
    assert link.is_symlink() and target.read_bytes() == b"new\n"
    assert (tmp_path / "real.yaml~").read_bytes() == b"old\n"


def test_permissions_are_kept_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    write_bytes(path, b"new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.yaml"
    mask = os.umask(0o022)
    try:
        write_bytes(fresh, b"x\n")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_backup_falls_back_to_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(b"old\n")

    def no_links(*args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    write_bytes(path, b"new\n", backup=True)
    assert path.read_bytes() == b"new\n" and (tmp_path / "map.yaml~").read_bytes() == b"old\n"


def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(b"old\n")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_bytes(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]
