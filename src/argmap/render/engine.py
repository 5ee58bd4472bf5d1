"""Layout and rendering: DOT in, SVG / PNG / PDF bytes out.

By default Graphviz runs in-process through pygraphviz, whose wheel bundles Graphviz, so nothing beyond the pip
install is needed. `system=True` runs the `dot` program found on PATH instead (for a newer Graphviz, or its own
fonts). Every failure becomes an `ArgmapError` with a clear message. The output is post-processed only where
Graphviz or cairo would make two runs differ (the creation date cairo writes into a PDF).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator

from argmap.errors import ArgmapError
from argmap.render.options import ENGINES

FORMATS = ("svg", "png", "pdf")
SYSTEM_TIMEOUT = 600
_PDF_DATE = re.compile(rb"/CreationDate \(D:(\d{14})([^)]*)\)")
_NOISE = ("Fontconfig warning", "Fontconfig error")


def render(dot: str, fmt: str, engine: str = "dot", *, system: bool = False, dpi: int | None = None,
           capture_stderr: bool = True, args: str = "") -> bytes:
    """Lay out and draw `dot` as `fmt` (svg, png or pdf) with the named Graphviz layout engine. `dpi` sets the
    resolution of a PNG (Graphviz's default is 96); the other formats are scalable and ignore it.
    `capture_stderr=False` leaves the process's standard error stream alone (a terminal interface is drawing on
    it): the bundled Graphviz's messages are then quoted only as far as Python sees them. `args` are extra
    command-line flags for the engine (`-n2`: keep the positions a packed diagram already has)."""
    if fmt not in FORMATS:
        raise ArgmapError(f"cannot render '{fmt}' (formats: {', '.join(FORMATS)})")
    attrs = {"dpi": str(dpi)} if dpi is not None and fmt == "png" else {}
    if system:
        data = _render_system(dot, fmt, engine, attrs)
    else:
        data = _render_bundled(dot, fmt, engine, attrs, capture_stderr, args)
    if fmt == "pdf":
        data = stable_pdf(data)
    return data


def stable_pdf(data: bytes) -> bytes:
    """The PDF with cairo's creation date set to a fixed value of the same length (offsets stay valid)."""
    def fixed(match: re.Match[bytes]) -> bytes:
        zone = match.group(2)
        return b"/CreationDate (D:20000101000000" + (b"Z" + b" " * (len(zone) - 1) if zone else b"") + b")"

    return _PDF_DATE.sub(fixed, data, count=1)


def _engine_error(engine: str) -> ArgmapError:
    return ArgmapError(f"Graphviz has no layout engine '{engine}' (engines: {', '.join(ENGINES)})")


def _render_bundled(dot: str, fmt: str, engine: str, attrs: dict[str, str], capture_stderr: bool,
                    args: str = "") -> bytes:
    try:
        import pygraphviz
    except ImportError as exc:  # pragma: no cover - a dependency of argmap
        raise ArgmapError(f"rendering needs pygraphviz ({exc}); reinstall argmap, or use --system-graphviz") from None
    error: Exception | None = None
    data: object = None
    with quiet_stderr(capture_stderr) as messages:
        try:
            graph = pygraphviz.AGraph(string=dot)
            graph.graph_attr.update(attrs)
            data = graph.draw(format=fmt, prog=engine, args=args)
        except Exception as exc:  # pygraphviz raises ValueError, DotError, TypeError...
            error = exc
    if error is not None:
        text = str(error)
        if "Can't find prog" in text:
            raise _engine_error(engine) from None
        detail = _first_message(messages.getvalue()) or text or type(error).__name__
        raise ArgmapError(f"Graphviz could not draw the diagram with '{engine}': {detail}") from None
    if not isinstance(data, bytes) or not data:
        raise ArgmapError(f"Graphviz drew nothing with '{engine}' as {fmt}: {_first_message(messages.getvalue())}")
    return data


def _first_message(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(_NOISE) and not line.startswith("Warning: graph has"):
            return line
    return ""


@contextlib.contextmanager
def quiet_stderr(capture_fd: bool = True) -> Iterator[io.StringIO]:
    """Collect what Graphviz and its libraries print to the standard error stream (font configuration notices,
    pygraphviz's size warning), so a diagram is drawn silently and errors can be quoted.

    The C libraries write to file descriptor 2, which is shared by the whole process: it is only redirected when
    the caller allows it (`capture_fd`: no terminal interface is drawing) and from the main thread."""
    messages = io.StringIO()
    capture_fd = capture_fd and threading.current_thread() is threading.main_thread()
    saved = None
    spool = None
    if capture_fd:
        try:
            sys.stderr.flush()
            spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
            saved = os.dup(2)
            os.dup2(spool.fileno(), 2)
        except (OSError, ValueError):
            saved = None
    try:
        with contextlib.redirect_stderr(messages):
            yield messages
    finally:
        if saved is not None and spool is not None:
            os.dup2(saved, 2)
            os.close(saved)
            spool.seek(0)
            messages.write(spool.read().decode("utf-8", errors="replace"))
        if spool is not None:
            spool.close()


def _render_system(dot: str, fmt: str, engine: str, attrs: dict[str, str]) -> bytes:
    program = shutil.which("dot")
    if program is None:
        raise ArgmapError("--system-graphviz: no `dot` program on PATH; install Graphviz (graphviz.org) or leave "
                          "the option out to use the Graphviz bundled with argmap")
    if not engine or engine.startswith("-") or any(ch.isspace() for ch in engine):
        raise _engine_error(engine)
    try:
        arguments = [program, f"-K{engine}", f"-T{fmt}", *(f"-G{key}={value}" for key, value in attrs.items())]
        done = subprocess.run(arguments, input=dot.encode("utf-8"),
                              capture_output=True, timeout=SYSTEM_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ArgmapError(f"--system-graphviz: running {program} failed: {exc}") from None
    message = _first_message(done.stderr.decode("utf-8", errors="replace"))
    if done.returncode != 0 or not done.stdout:
        if "layout engine" in message or "Layout type" in message:
            raise _engine_error(engine)
        raise ArgmapError(f"--system-graphviz: {program} failed (exit {done.returncode}): {message or 'no output'}")
    return done.stdout
