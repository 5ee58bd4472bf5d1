"""What a file was when it was read: modification time, size and SHA-256, to tell whether it changed since."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileStamp:
    """A file's modification time (ns), size and content hash; `missing` when there was no file."""

    mtime_ns: int
    size: int
    sha256: str
    missing: bool = False

    @classmethod
    def of(cls, path: Path, data: bytes) -> FileStamp:
        """The stamp of `path` whose content is `data` (as just read or written)."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return cls(0, len(data), digest(data), missing=True)
        return cls(st.st_mtime_ns, st.st_size, digest(data))

    def matches(self, path: Path, *, strict: bool = False) -> tuple[bool, FileStamp]:
        """Whether `path` still holds the same content, and the stamp to keep (refreshed when only the time
        changed). Same time and size count as unchanged unless `strict`, which always compares the hash."""
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return self.missing, self
        if self.missing or not stat.S_ISREG(st.st_mode):  # a FIFO or device put in its place is not the file
            return False, self
        if (st.st_mtime_ns, st.st_size) == (self.mtime_ns, self.size) and not strict:
            return True, self
        try:
            data = Path(path).read_bytes()
        except OSError:
            return False, self
        if digest(data) == self.sha256:
            return True, FileStamp(st.st_mtime_ns, st.st_size, self.sha256)
        return False, self


def digest(data: bytes) -> str:
    """SHA-256 of bytes, in hex."""
    return hashlib.sha256(data).hexdigest()
