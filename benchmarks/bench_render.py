"""Diagrams of large maps, in one run: the overview, the full layout on every core, and the floor it is measured
against, the bare single-process `dot` layout of the same DOT; then the Mosul map to SVG end to end.

    .venv/bin/python benchmarks/bench_render.py [--nodes 2000,10000] [--overview-only 50000] [--cli-repeat 5]

For each size, a synthetic map (`benchmarks/synthetic.py`: one connected argument under one conclusion):

* overview: `argmap export` to SVG with the defaults (above 500 nodes: one node per part), all of it (options,
  view, reasoning for the standing, parts, DOT, layout, SVG). Goals: 10,000 nodes in 5 s, 50,000 in 30 s.
* full: `argmap export --full` to SVG (the big component cut into connected pieces of at most 1,000 nodes, laid
  out on every core, placed by a layout of the pieces, drawn).
* floor: `pygraphviz.AGraph(string=dot).draw(format="svg", prog="dot")` on the DOT `argmap export --full -o x.dot`
  writes: one process, Graphviz alone. Goal: full at least 3x faster than the floor at 10,000 nodes.

Each is run once (the machine is shared; the table says how many cores this process may use and the load).
Beside the wall-clock seconds, the CPU seconds of this process and its layout processes: on a loaded machine
the wall clock swings, the CPU time much less (the full layout's wall time is about its CPU time over the cores).
The Mosul map (`maps/mosul-2014.yaml`) to SVG as a command, process start included, best of `--cli-repeat`,
against `python -c pass`. Goal: under 1 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from argmap.formats import FORMATS, export
from argmap.io import load
from argmap.render.engine import quiet_stderr
from argmap.render.layout import prepare, view_dot
from argmap.render.pack import workers
from synthetic import write_map

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"


CPU: dict[str, float] = {}


def cpu() -> float:
    """CPU seconds of this process and of its finished child processes (the layout workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def once(fn: Callable[[], object], name: str = "") -> tuple[float, object]:
    start, used = time.perf_counter(), cpu()
    result = fn()
    CPU[name] = cpu() - used
    return time.perf_counter() - start, result


def floor(dot: str) -> bytes:
    import pygraphviz

    with quiet_stderr():
        data = pygraphviz.AGraph(string=dot).draw(format="svg", prog="dot")
    assert isinstance(data, bytes)
    return data


def best(command: list[str], repeat: int) -> tuple[float, float]:
    """The best wall-clock time of `repeat` runs of `command`, and the least CPU time of one."""
    runs, used = [], []
    for _ in range(repeat):
        start, before = time.perf_counter(), cpu()
        subprocess.run(command, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
        used.append(cpu() - before)
    return min(runs), min(used)


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", default="2000,10000", help="sizes measured in full (comma-separated)")
    parser.add_argument("--overview-only", default="50000", help="sizes of which only the overview is measured")
    parser.add_argument("--cli-repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(n) for n in args.nodes.split(",") if n]
    overview_only = [int(n) for n in args.overview_only.split(",") if n]
    load_before = os.getloadavg()
    rows: list[tuple[str, str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sorted(set(sizes) | set(overview_only)):
            path = write_map(Path(folder) / f"s{n}", n)
            doc = load(path)
            t_over, _ = once(lambda doc=doc: export(doc, FORMATS["svg"], {}), "over")  # type: ignore[misc]
            goal = {10000: 5.0, 50000: 30.0}.get(n)
            rows.append((f"{n:,} nodes: overview", f"{t_over:.2f}", f"{CPU['over']:.2f}",
                         f"< {goal:g} s" if goal else "", mark(t_over < goal) if goal else ""))
            if n not in sizes:
                continue
            t_full, _ = once(lambda doc=doc: export(doc, FORMATS["svg"], {"full": True}), "full")  # type: ignore[misc]
            dot = view_dot(prepare(doc, {"full": True}))
            t_floor, _ = once(lambda dot=dot: floor(dot), "floor")  # type: ignore[misc]
            speedup = t_floor / t_full
            rows.append((f"{n:,} nodes: full layout, every core", f"{t_full:.2f}", f"{CPU['full']:.2f}", "", ""))
            rows.append((f"{n:,} nodes: floor (bare dot, one process)", f"{t_floor:.2f}", f"{CPU['floor']:.2f}",
                         "", ""))
            rows.append((f"{n:,} nodes: full vs floor", f"{speedup:.2f}x", f"{CPU['floor'] / CPU['full']:.2f}x",
                         ">= 3x" if n == 10000 else "", mark(speedup >= 3) if n == 10000 else ""))
        mosul = REPO / "maps" / "mosul-2014.yaml"
        out = Path(folder) / "mosul.svg"
        command = [str(BIN / "argmap"), "export", str(mosul), "-o", str(out)]
        subprocess.run(command, check=True, capture_output=True)  # warm the file cache
        t_python, c_python = best([str(BIN / "python"), "-c", "pass"], args.cli_repeat)
        t_cli, c_cli = best(command, args.cli_repeat)
        rows.append(("python -c pass (floor of any command)", f"{t_python:.2f}", f"{c_python:.2f}", "", ""))
        rows.append(("Mosul map to SVG (argmap export)", f"{t_cli:.2f}", f"{c_cli:.2f}", "< 1 s", mark(t_cli < 1.0)))
    loads = [", ".join(f"{x:.1f}" for x in load) for load in (load_before, os.getloadavg())]
    print(f"cores for this process: {workers()}, load average at the start: {loads[0]}, at the end: {loads[1]}")
    print(f"{'measure':<44} {'seconds':>9} {'cpu s':>9} {'goal':>8}")
    for name, value, used, goal, result in rows:
        print(f"{name:<44} {value:>9} {used:>9} {goal:>8}  {result}")


if __name__ == "__main__":
    main()
