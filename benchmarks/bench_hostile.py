"""Refusing hostile files: how long `argmap check` takes to refuse each big hostile file the hostile tests make
(the billion laughs, nesting ten thousand deep...), against checking a two-line map in the same run.

    .venv/bin/python benchmarks/bench_hostile.py [--repeat 3]

Goals: every file refused within 5 s; the billion laughs within 1 s of the two-line map (its aliases are never
expanded). The tests check that each is refused in one positioned line and in little memory; the time is measured
here, where a loaded machine cannot fail the suite.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "hostile"))
from big_files import BIG

from argmap.cli import main as argmap_main
from timing import timed


def check(path: Path) -> int:
    """`argmap check PATH` in this process, its output kept off the terminal."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return argmap_main(["check", str(path)])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = folder / "ok.yaml"
        small.write_text("title: T\nnodes: []\n", encoding="utf-8")
        check(small)  # warm-up: imports and caches, as every case after it gets
        floor = timed(lambda: check(small), args.repeat)
        print(f"load average {os.getloadavg()[0]:.1f}; a two-line map checks in {floor * 1000:.1f} ms")
        print(f"{'file':24} {'size':>9} {'exit':>5} {'refused in':>11} {'goal':>14} {'met':>4}")
        for case, (name, make) in sorted(BIG.items()):
            path = folder / name
            path.write_text(make(), encoding="utf-8")
            code = check(path)
            seconds = timed(lambda path=path: check(path), args.repeat)
            goal = floor + 1 if case == "billion-laughs" else 5.0
            met = "yes" if seconds < goal and code == 1 else "NO"
            print(f"{case:24} {path.stat().st_size / 1e3:8.0f}K {code:>5} {seconds * 1000:9.1f}ms "
                  f"{'< ' + format(goal * 1000, '.0f') + 'ms':>14} {met:>4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
