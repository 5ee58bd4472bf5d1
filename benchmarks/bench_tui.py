"""How fast the terminal explorer is: first screen from process start, and work per key on a 10,000-node map.

    .venv/bin/python benchmarks/bench_tui.py [--nodes 10000] [--repeat 3] [--keys 20]

Goals: the Mosul map (the example map while it is absent) on screen within 1 s of process start; a 10,000-node map
within 3 s; moving the cursor or following a relation within 50 ms per key; search results within 100 ms per
keystroke; moving between boxes in the Diagram pane within 100 ms per key (refocusing there, which lays out a new
neighbourhood in a worker thread, is shown beside it, without a goal; `--only diagram` measures just these). Floors
measured in the same run: `python -c pass`, `import textual.app`, and a bare Textual Tree app for the per-key
figures (the test driver's own cost per key).

Per-key figures are CPU time of the process per key press (the work the app does: messages, layout, rendering),
measured through Textual's test driver; its wall time per key includes the driver's idle waits and is shown too.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))

from textual.app import App, ComposeResult  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Tree  # noqa: E402

from argmap.paths import default_map  # noqa: E402
from argmap.tui.app import ArgmapApp, create_app  # noqa: E402
from synthetic import write_map  # noqa: E402

#: The node whose neighbourhood the Diagram pane figures start from (depth 2: 120 of its 281 nodes drawn).
DIAGRAM_FOCUS = "claim-1"

FIRST_SCREEN = """
import os
import sys
from argmap.io import load
from argmap.tui.app import ArgmapApp

class FirstScreen(ArgmapApp):
    def on_ready(self):  # the first layout is done and its frame drawn
        os.write(1, b"ready\\n")  # straight to the pipe: the app captures print()
        self.exit()

FirstScreen(load(sys.argv[1])).run(headless=True, size=(120, 40))
"""


def wall(argv: list[str], repeat: int) -> float:
    """Median wall time of a subprocess, in seconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, cwd=ROOT, capture_output=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def first_screen(path: Path, repeat: int) -> float:
    """Median time from starting a process to the explorer's first frame of `path`."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", FIRST_SCREEN, str(path)], cwd=ROOT, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("ready"):
                runs.append(time.perf_counter() - start)
                break
        child.wait()
    return statistics.median(runs)


class BareTree(App[None]):
    """The floor for per-key figures: a three-row Tree, driven the same way."""

    def compose(self) -> ComposeResult:
        tree: Tree[None] = Tree("root")
        for name in ("a", "b", "c"):
            tree.root.add_leaf(name)
        tree.root.expand()
        yield tree


Steps = Callable[[Any, Pilot[Any]], Awaitable[list[tuple[float, float]]]]


async def press_timed(pilot: Pilot[Any], keys: list[str]) -> list[tuple[float, float]]:
    """(cpu, wall) seconds of each key press."""
    times = []
    for key in keys:
        cpu, start = time.process_time(), time.perf_counter()
        await pilot.press(key)
        times.append((time.process_time() - cpu, time.perf_counter() - start))
    return times


def drive(app: App[Any], steps: Steps) -> list[tuple[float, float]]:
    async def main() -> list[tuple[float, float]]:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return await steps(app, pilot)

    return asyncio.run(main())


def per_key(times: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Median cpu, 90th percentile cpu and median wall, in milliseconds."""
    cpus = sorted(cpu for cpu, _ in times)
    p90 = cpus[min(len(cpus) - 1, int(len(cpus) * 0.9))]
    return statistics.median(cpus) * 1000, p90 * 1000, statistics.median(w for _, w in times) * 1000


def diagram_rows(path: Path, nodes: int, keys: int) -> list[tuple[str, str, str]]:
    """Moving between boxes of the Diagram pane, and refocusing there, on the map at `path`."""
    rows: list[tuple[str, str, str]] = []
    async def diagram(app: ArgmapApp, pilot: Pilot[Any]) -> list[tuple[float, float]]:
        from argmap.render.cells import nearest
        from argmap.tui.diagram_pane import DiagramView

        app.focus_node(DIAGRAM_FOCUS)
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(DiagramView)
        assert view.canvas is not None and view.cursor is not None
        times = []
        direction = "down"
        for _ in range(keys):  # keep moving: turn when there is no box further that way
            for turn in (direction, "right", "left", "down", "up"):
                if nearest(view.canvas.boxes, view.cursor, turn) is not None:
                    direction = turn
                    break
            times += await press_timed(pilot, [direction])
        return times

    figures = per_key(drive(create_app(path), diagram))
    rows.append((f"move in the Diagram pane, {nodes:,} nodes",
                 f"{figures[0]:.1f} ms cpu (p90 {figures[1]:.1f})", f"wall {figures[2]:.0f} ms; goal 100 ms"))

    async def refocus(app: ArgmapApp, pilot: Pilot[Any]) -> list[tuple[float, float]]:
        from argmap.render.cells import nearest
        from argmap.tui.diagram_pane import DiagramView

        app.focus_node(DIAGRAM_FOCUS)
        await pilot.press("d")
        times = []
        for _ in range(min(keys, 8)):
            await app.workers.wait_for_complete()
            await pilot.pause()
            view = app.query_one(DiagramView)
            assert view.canvas is not None and view.cursor is not None
            target = next((found for turn in ("down", "up", "right", "left")
                           if (found := nearest(view.canvas.boxes, view.cursor, turn)) is not None), None)
            if target is None:
                break
            view.move_cursor(target)
            cpu, start = time.process_time(), time.perf_counter()
            await pilot.press("enter")  # the new neighbourhood laid out in the worker, then drawn
            await app.workers.wait_for_complete()
            await pilot.pause()
            times.append((time.process_time() - cpu, time.perf_counter() - start))
        return times

    figures = per_key(drive(create_app(path), refocus))
    rows.append((f"  refocus there (Enter, new layout), {nodes:,} nodes",
                 f"{figures[0]:.1f} ms cpu (p90 {figures[1]:.1f})", f"wall {figures[2]:.0f} ms"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--only", choices=("diagram",), help="measure only the Diagram pane")
    args = parser.parse_args()
    if args.only == "diagram":
        floor = per_key(drive(BareTree(), lambda app, pilot: press_timed(pilot, ["j"] * args.keys)))
        rows = [("floor: cursor key in a bare Tree app", f"{floor[0]:.1f} ms cpu (p90 {floor[1]:.1f})",
                 f"wall {floor[2]:.0f} ms")]
        with tempfile.TemporaryDirectory() as folder:
            rows += diagram_rows(write_map(Path(folder), args.nodes, seed=1, fmt="json"), args.nodes, args.keys)
        print_rows(rows)
        return 0

    bundled = default_map()
    small = bundled if bundled.exists() else ROOT / "maps" / "example.yaml"
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        big_yaml = write_map(Path(folder) / "yaml", args.nodes, seed=1, fmt="yaml")
        big_json = write_map(Path(folder) / "json", args.nodes, seed=1, fmt="json")

        rows.append(("floor: python -c pass", f"{wall([sys.executable, '-c', 'pass'], args.repeat):.2f} s", ""))
        rows.append(("floor: import textual.app",
                     f"{wall([sys.executable, '-c', 'import textual.app'], args.repeat):.2f} s", ""))
        rows.append(("floor: import argmap.tui.app",
                     f"{wall([sys.executable, '-c', 'import argmap.tui.app'], args.repeat):.2f} s", ""))
        rows.append((f"first screen: {small.name}", f"{first_screen(small, args.repeat):.2f} s", "goal 1 s"))
        for path in (big_json, big_yaml):
            start = time.perf_counter()
            from argmap.io import load

            load(path)
            loading = time.perf_counter() - start
            rows.append((f"  of which loading {path.suffix[1:]} ({args.nodes:,} nodes), in process",
                         f"{loading:.2f} s", ""))
            rows.append((f"first screen: {args.nodes:,} nodes, {path.suffix[1:]}",
                         f"{first_screen(path, 1):.2f} s", "goal 3 s"))

        # editing first: the other drives leave big maps behind in this process, which slows the collector
        async def editing(app: ArgmapApp, pilot: Pilot[Any]) -> list[tuple[float, float]]:
            await app.workers.wait_for_complete()
            assert app.session is not None and app.focused_node is not None
            node = app.focused_node
            app.files.edit(lambda: app.session.set_field(node, "note", "checked"))  # type: ignore[union-attr]
            return await press_timed(pilot, (["u", "U"] * args.keys)[: args.keys])

        with tempfile.TemporaryDirectory() as copy:
            target = Path(copy) / big_yaml.name
            target.write_bytes(big_yaml.read_bytes())
            figures = per_key(drive(create_app(target), editing))
            rows.append((f"undo or redo, shown, {args.nodes:,} nodes",
                         f"{figures[0]:.1f} ms cpu (p90 {figures[1]:.1f})", f"wall {figures[2]:.0f} ms"))

            async def saving(app: ArgmapApp, pilot: Pilot[Any]) -> list[tuple[float, float]]:
                times = []
                assert app.session is not None and app.focused_node is not None
                node = app.focused_node
                for index in range(min(args.keys, 5)):
                    app.files.edit(lambda i=index: app.session.set_field(node, "note", f"v{i}"))  # type: ignore
                    await pilot.pause(0.6)  # a moment later, once the edit's own background work is done
                    await app.workers.wait_for_complete()
                    times += await press_timed(pilot, ["ctrl+s"])
                return times

            figures = per_key(drive(create_app(target), saving))
            rows.append((f"save an edit (ctrl+s), {args.nodes:,} nodes",
                         f"{figures[0]:.1f} ms cpu (p90 {figures[1]:.1f})", f"wall {figures[2]:.0f} ms; goal 200 ms"))

        keys = ["j"] * args.keys
        floor = per_key(drive(BareTree(), lambda app, pilot: press_timed(pilot, keys)))
        rows.append(("floor: cursor key in a bare Tree app",
                     f"{floor[0]:.1f} ms cpu (p90 {floor[1]:.1f})", f"wall {floor[2]:.0f} ms"))

        big = create_app(big_json)

        async def cursor(app: ArgmapApp, pilot: Pilot[Any]) -> list[tuple[float, float]]:
            await pilot.press("l")  # open the first root
            return await press_timed(pilot, keys)

        figures = per_key(drive(big, cursor))
        rows.append((f"cursor down, {args.nodes:,} nodes", f"{figures[0]:.1f} ms cpu (p90 {figures[1]:.1f})",
                     f"wall {figures[2]:.0f} ms; goal 50 ms"))

        async def follow(app: ArgmapApp, pilot: Pilot[Any]) -> list[tuple[float, float]]:
            await pilot.press("2")
            times = []
            for index in range(args.keys):  # alternately down the first reason and back up its conclusion
                await pilot.press("end" if index % 2 == 0 else "home")
                times += await press_timed(pilot, ["enter"])
            return times

        figures = per_key(drive(create_app(big_json), follow))
        rows.append((f"follow a relation, {args.nodes:,} nodes", f"{figures[0]:.1f} ms cpu (p90 {figures[1]:.1f})",
                     f"wall {figures[2]:.0f} ms; goal 50 ms"))

        async def search(app: ArgmapApp, pilot: Pilot[Any]) -> list[tuple[float, float]]:
            await pilot.press("slash")
            return await press_timed(pilot, list("army city militia")[: args.keys])

        figures = per_key(drive(create_app(big_json), search))
        rows.append((f"search keystroke, {args.nodes:,} nodes", f"{figures[0]:.1f} ms cpu (p90 {figures[1]:.1f})",
                     f"wall {figures[2]:.0f} ms; goal 100 ms"))

        rows += diagram_rows(big_json, args.nodes, args.keys)

    print_rows(rows)
    return 0


def print_rows(rows: list[tuple[str, str, str]]) -> None:
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure':{width}}  {'result':28}  note")
    for name, value, note in rows:
        print(f"{name:{width}}  {value:28}  {note}")


if __name__ == "__main__":
    raise SystemExit(main())
