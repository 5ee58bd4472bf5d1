"""Diagram export time against Graphviz's own layout and rendering of the same DOT, in the same run.

    .venv/bin/python benchmarks/bench_render.py [--nodes 2000] [--repeat 2] [--cli-repeat 7]

1. A synthetic map (`benchmarks/synthetic.py`) exported to SVG by argmap (options, view, colouring, DOT, layout,
   rendering) against the floor: `pygraphviz.AGraph(string=dot).draw(format="svg", prog="dot")` on the DOT argmap
   built. argmap's own overhead is the difference, as a share of the engine's time. Goal: under 15%.
   The two run in turn and each keeps its best time, so other load on the machine favours neither.
   argmap's own share is also measured inside each export (the export's time less its Graphviz call).
2. The Mosul map (`maps/mosul-2014.yaml`, else `maps/example.yaml`) to SVG end to end, process start included:
   `.venv/bin/argmap export MAP -o out.svg`, against a bare `python -c pass` in the same run. Goal: under 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import argmap.render.diagram as render_module
from argmap.formats import FORMATS, export
from argmap.io import load
from argmap.io.document import MapDocument
from argmap.render.diagram import diagram_dot
from argmap.render.engine import _quiet
from synthetic import write_map

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median seconds of `repeat` runs, and the last run's result."""
    runs = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), result


def interleaved(first: Callable[[], object], second: Callable[[], object],
                repeat: int) -> tuple[float, float, object, object]:
    """Best time of each of two functions run in turn `repeat` times (the least disturbed run of each, so load
    from other processes on the machine biases neither), and their last results."""
    best = [float("inf"), float("inf")]
    results: list[object] = [None, None]
    for _ in range(repeat):
        for index, fn in enumerate((first, second)):
            start = time.perf_counter()
            results[index] = fn()
            best[index] = min(best[index], time.perf_counter() - start)
    return best[0], best[1], results[0], results[1]


def engine_floor(dot: str) -> Callable[[], object]:
    import pygraphviz

    def run() -> object:
        with _quiet():  # the same silencing of pygraphviz's size warning as the exporter, for a fair floor
            return pygraphviz.AGraph(string=dot).draw(format="svg", prog="dot")

    return run


class EngineClock:
    """Times the Graphviz call inside each export (`argmap.render.diagram.render`), so argmap's own share of an
    export is measured in that very run: the layout's run-to-run variation (several percent on a busy machine)
    then cancels out instead of swamping a small overhead."""

    def __init__(self) -> None:
        self.inside: list[float] = []
        self.total: list[float] = []
        self._render = render_module.render

    def _timed_render(self, *args: Any, **kwargs: Any) -> bytes:
        start = time.perf_counter()
        try:
            return self._render(*args, **kwargs)
        finally:
            self.inside.append(time.perf_counter() - start)

    def export(self, doc: MapDocument) -> Callable[[], object]:
        def run() -> object:
            render_module.render = self._timed_render
            start = time.perf_counter()
            try:
                return export(doc, FORMATS["svg"], {})
            finally:
                self.total.append(time.perf_counter() - start)
                render_module.render = self._render

        return run

    def own(self) -> float:
        """argmap's own seconds in its least disturbed export: the export's time less its Graphviz call."""
        return min(total - inside for total, inside in zip(self.total, self.inside, strict=True))


def mosul_map() -> Path:
    mosul = REPO / "maps" / "mosul-2014.yaml"
    return mosul if mosul.exists() else REPO / "maps" / "example.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of the large export and its floor (best)")
    parser.add_argument("--cli-repeat", type=int, default=7, help="runs of the command and its floor (best)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = write_map(Path(folder) / "synthetic", args.nodes)
        t_load, doc = timed(lambda: load(path), 1)
        assert isinstance(doc, MapDocument)
        t_dot = min(timed(lambda: diagram_dot(doc, {}), 1)[0] for _ in range(3))  # best of 3, like the rest
        dot, _ = diagram_dot(doc, {})
        clock = EngineClock()
        t_floor, t_export, floor_svg, export_svg = interleaved(engine_floor(dot), clock.export(doc), args.repeat)
        assert export_svg == floor_svg, "the exporter and the floor should draw the very same SVG"
        own = clock.own()

        target = mosul_map()
        out = Path(folder) / "mosul.svg"
        command = [str(BIN / "argmap"), "export", str(target), "-o", str(out)]
        subprocess.run(command, check=True, capture_output=True)  # warm the file cache
        t_python, t_cli, _, _ = interleaved(lambda: subprocess.run([str(BIN / "python"), "-c", "pass"], check=True),
                                            lambda: subprocess.run(command, check=True, capture_output=True),
                                            args.cli_repeat)
        size = out.stat().st_size

    print(f"synthetic map: {args.nodes} nodes, {dot.count(' -> ')} edges, DOT {len(dot) / 1e6:.1f} MB "
          f"(load {t_load:.2f} s, not counted below)")
    print(f"{'step':<44} {'seconds':>9} {'vs engine':>10} {'goal':>7}")
    print(f"{'Graphviz layout + SVG (pygraphviz, floor)':<44} {t_floor:>9.2f} {'100.0%':>10}")
    print(f"{'argmap export to SVG (all of it)':<44} {t_export:>9.2f} {t_export / t_floor:>9.1%}")
    print(f"{'  of which Graphviz (same call as the floor)':<44} {min(clock.inside):>9.2f} "
          f"{min(clock.inside) / t_floor:>9.1%}")
    print(f"{'  options, view, colouring, DOT alone':<44} {t_dot:>9.3f} {t_dot / t_floor:>9.1%}")
    mark = "ok" if own / t_floor < 0.15 else "SLOW"
    print(f"{'argmap overhead (export less its Graphviz)':<44} {own:>9.3f} {own / t_floor:>9.1%} {'<15%':>7}  {mark}")
    print(f"{'(export - floor, run to run: noisier)':<44} {t_export - t_floor:>9.2f} "
          f"{(t_export - t_floor) / t_floor:>9.1%}")
    print()
    shown = target.relative_to(REPO)
    print(f"{'command (process start included)':<44} {'seconds':>9} {'':>10} {'goal':>7}")
    print(f"{'python -c pass (floor of any command)':<44} {t_python:>9.3f}")
    mark = "ok" if t_cli < 1.0 else "SLOW"
    print(f"{f'argmap export {shown} -o x.svg':<44} {t_cli:>9.3f} {'':>10} {'<1 s':>7}  {mark}  ({size:,} bytes)")


if __name__ == "__main__":
    main()
