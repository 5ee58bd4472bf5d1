"""Reading files safely: only regular files, up to a size limit, without ever blocking; text decoded by its
byte-order mark, or an error that names the byte that is not UTF-8 and how to convert the file.

A path that names a FIFO, a device (`/dev/zero`), a socket or a folder is refused after a `stat`, before it is
opened; the file is then opened with `O_NONBLOCK` and checked again, so a FIFO swapped in between cannot block a
check either. The limit (`DEFAULT_MAX_BYTES`) is raised with `argmap check --max-size` or the environment variable
`ARGMAP_MAX_SIZE` (`500M`, `2G`, or a number of bytes).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from argmap.errors import ArgmapError

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
ENVIRONMENT = "ARGMAP_MAX_SIZE"
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}

#: Byte-order marks, longest first (UTF-32LE begins with UTF-16LE's mark).
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


class ReadError(ArgmapError):
    """A file that argmap will not or cannot read; `reason` says why without the path."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class DecodeError(ValueError):
    """Bytes that are not text in the expected encoding: `message` says which byte and what to do; `line` and
    `column` (1-based) say where."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def parse_size(text: str) -> int:
    """A size in bytes from `500M`, `2G`, `64k` or a plain number.

    >>> parse_size("500M"), parse_size("1g"), parse_size("1024")
    (524288000, 1073741824, 1024)
    """
    match = re.fullmatch(r"\s*(\d+)\s*([kmg]?)i?b?\s*", text.lower())
    if not match:
        raise ArgmapError(f"'{text}' is not a size: write a number of bytes, or one with K, M or G (500M, 2G)")
    return int(match.group(1)) * _UNITS[match.group(2)]


_max_bytes: int | None = None


def max_bytes() -> int:
    """The largest file argmap reads: as set by `set_max_bytes`, else `ARGMAP_MAX_SIZE`, else the default."""
    if _max_bytes is not None:
        return _max_bytes
    from_env = os.environ.get(ENVIRONMENT)
    return parse_size(from_env) if from_env else DEFAULT_MAX_BYTES


def set_max_bytes(limit: int | None) -> None:
    """Raise (or lower) the size limit for this process; None goes back to the environment and the default."""
    global _max_bytes
    _max_bytes = limit


def _size(count: int) -> str:
    return f"{count / 1024**2:,.1f} MB" if count >= 1024**2 else f"{count:,} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse_special(path: Path, mode: int, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise ReadError(path, f"is a folder, not a {what}")
    if not stat.S_ISREG(mode):
        raise ReadError(path, f"is {_kind(mode)}, not a {what}; argmap reads only regular files")


def read_regular(path: str | os.PathLike[str], what: str = "file") -> bytes:
    """The bytes of a regular file no larger than `max_bytes()`; anything else raises `ReadError` in one line
    (missing, a folder, a FIFO or device, unreadable, too large). Never blocks."""
    path = Path(path)
    limit = max_bytes()
    try:
        _refuse_special(path, os.stat(path).st_mode, what)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        where = "an absolute path" if path.is_absolute() else f"from {Path.cwd()}"
        raise ReadError(path, f"no such {what} ({where})") from None
    except NotADirectoryError:
        raise ReadError(path, f"no such {what} (a part of the path is a file, not a folder)") from None
    except PermissionError:
        raise ReadError(path, "cannot read: permission denied") from None
    except OSError as exc:
        raise ReadError(path, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    try:
        info = os.fstat(fd)
        _refuse_special(path, info.st_mode, what)
        if info.st_size > limit:
            raise ReadError(path, f"is {_size(info.st_size)}, more than the limit of {_size(limit)}; raise it with "
                            f"--max-size or {ENVIRONMENT} if the file is meant to be this large")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise ReadError(path, f"grew past the limit of {_size(limit)} while being read")
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(path, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    finally:
        os.close(fd)


def _where(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def _looks_utf16(raw: bytes) -> str | None:
    sample = raw[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < odd / 4:
        return "UTF-16LE"
    if even > half * 0.3 and odd < even / 4:
        return "UTF-16BE"
    return None


def not_utf8(raw: bytes, exc: UnicodeDecodeError, *, fix: str) -> DecodeError:
    """The error for bytes that are not UTF-8: which byte at which offset, what the text looks like, what to do."""
    line, column = _where(raw, exc.start)
    bad = raw[exc.start]
    utf16 = _looks_utf16(raw)
    if utf16:
        looks = f"the text looks like {utf16} without a byte-order mark"
        command = f"iconv -f {utf16} -t UTF-8"
    else:
        looks = "the text looks like Latin-1 or Windows-1252" if bad >= 0x80 else "the text is binary"
        command = "iconv -f WINDOWS-1252 -t UTF-8"
    return DecodeError(f"not UTF-8: byte 0x{bad:02X} at offset {exc.start:,} (line {line}, column {column}); "
                       f"{looks}: {fix} (for example `{command}`)", line, column)


def decode_text(raw: bytes, *, other_encodings: bool = True, fix: str = "convert it to UTF-8") -> str:
    """Text from bytes: by its byte-order mark (UTF-8, UTF-16, UTF-32; only UTF-8 unless `other_encodings`),
    else UTF-8. Anything else raises `DecodeError` naming the byte and the fix.

    >>> decode_text("é".encode("utf-16")), decode_text(b"\\xef\\xbb\\xbfok")
    ('é', 'ok')
    """
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            if codec != "utf-8-sig" and not other_encodings:
                raise DecodeError(f"{name} text (it starts with a {name} byte-order mark); {fix}")
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as exc:
                line, column = _where(raw, exc.start)
                raise DecodeError(f"not valid {name}: bytes at offset {exc.start:,} do not decode; {fix}",
                                  line, column) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(raw, exc, fix=fix) from None
