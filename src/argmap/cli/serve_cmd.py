"""`argmap serve [MAP]`: the explorer in a web browser (each visitor gets their own session)."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path
from typing import Any

from argmap.cli.open_cmd import add_view_arguments
from argmap.io import load
from argmap.paths import default_map

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", nargs="?", metavar="MAP", help="map file (default: the bundled Mosul map)")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: every network)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
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


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        print(f"argmap serve: error: port {args.port} is not between 1 and 65535", file=sys.stderr)
        return 2
    load(args.map or default_map())  # fails now, in one line, if the file cannot be read
    if not is_loopback(args.host):
        print(f"argmap serve: listening on {args.host}: anyone who can reach this address can read and edit the map",
              file=sys.stderr)
    server = build_server(args)
    print(f"argmap serve: open {server.public_url} in a browser (Ctrl+C stops)", file=sys.stderr)
    server.serve()
    return 0
