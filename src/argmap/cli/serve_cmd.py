"""`argmap serve [MAP]`: the explorer in a web browser (each visitor gets their own session)."""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from argmap.cli import numbers
from argmap.cli.open_cmd import add_view_arguments, check_view_arguments
from argmap.io import load
from argmap.paths import default_map

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", nargs="?", metavar="MAP", help="map file (default: the bundled Mosul map)")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: every network)")
    parser.add_argument("--port", type=numbers.port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--public-url", metavar="URL", help="the address browsers use, when behind a proxy")
    add_view_arguments(parser)


def app_command(args: argparse.Namespace) -> str:
    """The shell command that runs the explorer for one browser session."""
    path = Path(args.map or default_map()).expanduser().resolve()
    parts = [sys.executable, "-m", "argmap", "open", str(path), "--group", args.group]
    if args.focus:
        parts += ["--focus", args.focus]
    if args.scenario:
        parts += ["--scenario", args.scenario]
    if args.export_dir:
        parts += ["--export-dir", str(Path(args.export_dir).expanduser().resolve())]
    return shlex.join(parts)


def is_loopback(host: str) -> bool:
    """True when only this computer can reach `host`."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_server(args: argparse.Namespace) -> Any:
    """The web server for the explorer (not started)."""
    from textual_serve.server import Server

    title = f"argmap · {Path(args.map or default_map()).name}"
    return Server(app_command(args), host=args.host, port=args.port, title=title, public_url=args.public_url)


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on `host:port` (in use, not allowed, unknown host), or None. Bound and
    released at once, with the address reuse the server itself asks for."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"unknown host '{host}' ({exc.strerror})"
    for family, kind, proto, _, address in infos[:1]:
        try:
            with socket.socket(family, kind, proto) as sock:
                if os.name != "nt":
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is already in use; choose another with --port"
            return f"cannot listen on {host}:{port}: {(exc.strerror or str(exc)).lower()}"
    return None


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        print(f"argmap serve: error: port {args.port} is not between 1 and 65535", file=sys.stderr)
        return 2
    check_view_arguments(load(args.map or default_map()), args)  # fails now, in one line, if it cannot open
    if not is_loopback(args.host):
        print(f"argmap serve: listening on {args.host}: anyone who can reach this address can read and edit the map",
              file=sys.stderr)
    problem = port_problem(args.host, args.port)
    if problem:
        print(f"argmap serve: error: {problem}", file=sys.stderr)
        return 2
    server = build_server(args)
    print(f"argmap serve: open {server.public_url} in a browser (Ctrl+C stops)", file=sys.stderr)
    try:
        server.serve()
    except OSError as exc:  # taken between the check and the start
        print(f"argmap serve: error: cannot listen on {args.host}:{args.port}: "
              f"{(exc.strerror or str(exc)).lower()}", file=sys.stderr)
        return 2
    return 0
