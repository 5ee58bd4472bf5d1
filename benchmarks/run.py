"""Run every benchmark in turn and print their tables (`make bench`).

    .venv/bin/python benchmarks/run.py [NAME ...]     # NAME: one of NAMES below (load, render, lsp...)

Each benchmark measures argmap against a floor in the same run; see the docstring of each script for its goals.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAMES = ("load", "reasoning", "edit", "render", "tui", "interop", "search", "draft", "lsp", "hostile")


def main(argv: list[str]) -> int:
    chosen = argv or list(NAMES)
    unknown = [name for name in chosen if name not in NAMES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)} (known: {', '.join(NAMES)})", file=sys.stderr)
        return 2
    failed = 0
    for name in chosen:
        print(f"\n== {name} ==", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / f"bench_{name}.py")], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
