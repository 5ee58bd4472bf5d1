"""Writing safely: special files are written in place and stay special; every output failure is one line, exit 2."""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.io.atomic import output_error, write_bytes, write_output
from support import REPO

EXAMPLE = REPO / "maps" / "example.yaml"
needs_root = pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="mknod needs root")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")

#: Every command that writes a file named by the user, with the option that names it.
WRITERS: dict[str, Callable[[str], list[str]]] = {
    "export-json": lambda out: ["export", str(EXAMPLE), "--to", "json", "-o", out],
    "export-svg": lambda out: ["export", str(EXAMPLE), "--to", "svg", "-o", out],
    "report": lambda out: ["report", str(EXAMPLE), "--format", "html", "--no-diagram", "-o", out],
    "schema": lambda out: ["schema", "-o", out],
}


def _read_fifo(path: Path) -> tuple[threading.Thread, list[bytes]]:
    got: list[bytes] = []

    def reader() -> None:
        with open(path, "rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, got


def _one_line_error(err: str, path: object) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert str(path) in lines[0]
    return lines[0]


@needs_fifo
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_fifo_is_written_in_place(command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    thread, got = _read_fifo(fifo)
    assert main(WRITERS[command](str(fifo))) == 0
    thread.join(10)
    assert got and len(got[0]) > 100
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary file left behind


@needs_root
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_null_device_stays_a_device(command: str, tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert main(WRITERS[command](str(device))) == 0
    mode = os.lstat(device).st_mode
    assert stat.S_ISCHR(mode) and os.major(os.lstat(device).st_rdev) == 1


@needs_root
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_full_device_is_one_line_and_stays(command: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    device = tmp_path / "full"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    assert main(WRITERS[command](str(device))) == 2
    line = _one_line_error(capsys.readouterr().err, device)
    assert "no space left" in line
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_missing_folder_is_one_line(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "out.txt"
    assert main(WRITERS[command](str(out))) == 2
    assert "does not exist" in _one_line_error(capsys.readouterr().err, out)
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_folder_as_output_is_one_line(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WRITERS[command](str(tmp_path))) == 2
    assert "is a folder" in _one_line_error(capsys.readouterr().err, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    out = tmp_path / "out.json"
    assert main(WRITERS["export-json"](str(out))) == 2
    assert "permission denied" in _one_line_error(capsys.readouterr().err, out)


def test_a_closed_pipe_is_named() -> None:
    error = output_error("standard output", BrokenPipeError(errno.EPIPE, "Broken pipe"))
    assert str(error) == "standard output: cannot write: the reader closed the pipe before the output was written"


def test_a_regular_file_reached_through_a_descriptor_is_written_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_bytes(b"old content that is longer than the new")
    with open(out, "r+b") as handle:
        inode = os.fstat(handle.fileno()).st_ino
        write_bytes(Path(f"/proc/self/fd/{handle.fileno()}"), b"new")
    assert out.read_bytes() == b"new"
    assert out.stat().st_ino == inode  # the same file, not a replacement


def test_a_regular_file_is_still_replaced_atomically(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_bytes(b"old")
    inode = out.stat().st_ino
    write_output(out, b"new")
    assert out.read_bytes() == b"new" and out.stat().st_ino != inode


def test_standard_output_without_to_is_the_canonical_json(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", str(EXAMPLE), "-o", "-"]) == 0
    assert capsysbinary.readouterr().out.startswith(b'{\n  "argmap": 1,')


def test_write_output_wraps_every_os_error(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="is a folder"):
        write_output(tmp_path, b"x")


def test_fmt_and_edit_refuse_an_unwritable_map_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("nodes:\n- {id: a, kind: claim, text: A}\ntitle: T\n", encoding="utf-8")  # not canonical

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    before = path.read_bytes()
    assert main(["fmt", str(path)]) == 2
    assert "no space left" in _one_line_error(capsys.readouterr().err, path)
    assert main(["edit", str(path), "--set", "a.text=B"]) == 2
    assert "no space left" in _one_line_error(capsys.readouterr().err, path).lower()
    assert path.read_bytes() == before
