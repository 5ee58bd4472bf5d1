"""Atomic writes: a temporary file in the same folder, fsync, rename. Readers see the old file or the new one,
never a half-written one, whenever the writer is killed.

- The temporary file is written and fsynced before it replaces the target with one `os.replace`; the folder is
  fsynced after, so the rename itself survives a power cut.
- A symbolic link is followed: the file it points to is replaced, the link stays.
- The file keeps its permission bits (and, where allowed, its owner); a new file gets the usual ones (0666 less
  the umask), not the 0600 of temporary files.
- `backup=True` keeps the previous version as `path~` (a hard link where the file system allows it, else a copy),
  itself replaced atomically, so a kill leaves the old backup or the new one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def target_of(path: Path) -> Path:
    """The file a write to `path` must replace: the end of its symbolic links, else `path` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _backup(path: Path) -> None:
    """Make `path~` a copy of `path`, atomically (link or copy to a temporary name, then rename)."""
    backup = path.with_name(path.name + "~")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}~.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.unlink(tmp)
        try:
            os.link(path, tmp)
        except OSError:
            shutil.copy2(path, tmp)
        os.replace(tmp, backup)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes(path: Path, data: bytes, *, backup: bool = False, durable: bool = True) -> None:
    """Replace `path` with `data` atomically; with `backup`, keep the previous version as `path~`. `durable=False`
    skips the fsyncs: still atomic for readers and against a killed writer, but a power cut may lose the write
    (for scratch files such as the journal of unsaved edits)."""
    path = target_of(Path(path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        old = path.stat()
    except FileNotFoundError:
        old = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if old is not None:
            with contextlib.suppress(OSError):
                os.chmod(tmp, old.st_mode & 0o7777)
            if hasattr(os, "chown"):
                with contextlib.suppress(OSError):
                    os.chown(tmp, old.st_uid, old.st_gid)
            if backup:
                _backup(path)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_folder(folder)


def write_text(path: Path, text: str, *, backup: bool = False) -> None:
    """`write_bytes` of UTF-8 text."""
    write_bytes(path, text.encode("utf-8"), backup=backup)
