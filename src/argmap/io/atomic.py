"""Atomic writes: a temporary file in the same folder, fsync, rename. Readers see the old file or the new one,
never a half-written one, whenever the writer is killed.

- The temporary file is written and fsynced before it replaces the target with one `os.replace`; the folder is
  fsynced after, so the rename itself survives a power cut.
- A symbolic link is followed: the file it points to is replaced, the link stays.
- The file keeps its permission bits (and, where allowed, its owner); a new file gets the usual ones (0666 less
  the umask), not the 0600 of temporary files.
- `backup=True` keeps the previous version as `path~` (a hard link where the file system allows it, else a copy),
  itself replaced atomically, so a kill leaves the old backup or the new one.
- A path that is not a regular file (a device, a FIFO, a terminal, `/dev/stdout`, the `/dev/fd/N` of a process
  substitution) is opened and written in place: never replaced, never unlinked.

`write_output` is what the commands call: the same write, `-` for standard output, and every failure (missing
folder, a folder named as the output, no permission, a full disk, a closed pipe) one `ArgmapError` line naming the
path and the cause.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from argmap.errors import ArgmapError

#: Folders whose entries stand for open descriptors or devices: what a path there names was opened by someone else
#: (the shell's `>`, a process substitution), so it is written where it is, never replaced.
_DESCRIPTOR_FOLDERS = ("/dev/", "/proc/")


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


def _written_in_place(path: Path) -> bool:
    """Whether `path` must be written in place: it exists and is not a regular file (device, FIFO, terminal,
    socket), or it stands for a descriptor (`/dev/stdout`, `/proc/self/fd/N`). A folder raises `IsADirectoryError`."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return False  # let the write itself say what is wrong
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        return True
    return str(path.absolute()).startswith(_DESCRIPTOR_FOLDERS)


def _write_in_place(path: Path, data: bytes) -> None:
    """Write `data` to an existing special file (or a regular file reached through a descriptor path), keeping it."""
    regular = stat.S_ISREG(os.stat(path).st_mode)
    fd = os.open(path, os.O_WRONLY | (os.O_TRUNC if regular else 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes, *, backup: bool = False, durable: bool = True) -> None:
    """Replace `path` with `data` atomically; with `backup`, keep the previous version as `path~`. `durable=False`
    skips the fsyncs: still atomic for readers and against a killed writer, but a power cut may lose the write
    (for scratch files such as the journal of unsaved edits). A path that is not a regular file is written in
    place instead (see the module's docstring)."""
    path = Path(path)
    if _written_in_place(path):
        _write_in_place(path, data)
        return
    path = target_of(path)
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


def _cause(path: Path, exc: OSError) -> str:
    """What went wrong in words a user can act on."""
    code = exc.errno
    if isinstance(exc, BrokenPipeError) or code == errno.EPIPE:
        return "the reader closed the pipe before the output was written"
    if code == errno.EISDIR:
        return "it is a folder; name a file inside it"
    if code in (errno.ENOENT, errno.ENOTDIR):
        folder = path.parent if str(path.parent) else Path(".")
        return f"the folder {folder} does not exist" if not folder.is_dir() else "no such file or folder"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied (the folder or file is read-only)"
    if code == errno.EROFS:
        return "the file system is read-only"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "no space left on the device"
    return (exc.strerror or str(exc)).lower()


def output_error(path: str | os.PathLike[str], exc: OSError, action: str = "cannot write") -> ArgmapError:
    """The one-line error for a failed write to `path`."""
    return ArgmapError(f"{path}: {action}: {_cause(Path(path), exc)}")


def write_output(path: str | os.PathLike[str], data: bytes, *, backup: bool = False) -> None:
    """Write a command's output: `-` is standard output; a special file is written in place; a regular (or new)
    file is replaced atomically. Any failure is one `ArgmapError` naming the path and the cause."""
    if str(path) == "-":
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except OSError as exc:
            raise output_error("standard output", exc) from None
        return
    try:
        write_bytes(Path(path), data, backup=backup)
    except OSError as exc:
        raise output_error(path, exc) from None
