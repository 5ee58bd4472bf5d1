"""Importing AIF: argmap against arguebuf's AIF loader (when it is installed), in the same run, and the folder
import's files per second on this machine's cores.

    .venv/bin/python benchmarks/bench_interop.py [--repeat 5] [--nodes 10000] [--arguebuf PYTHON] [--jobs 1,2]
                                                 [--instructions]

Goal: argmap's AIF import at least 3x faster than arguebuf's. arguebuf is no argmap dependency: it lives in a
virtual environment of its own (`python3 -m venv /work/bench-arguebuf && /work/bench-arguebuf/bin/pip install
arguebuf`), whose interpreter `--arguebuf` (or `ARGUEBUF_PYTHON`) names; it then times its loader on the same
files in its own process, the same way (median of `--repeat` calls after one warm-up). Without it, arguebuf in
this interpreter if importable, else a bare `json.loads` of the same file is the floor.
Rows: the largest AIF nodeset in ../shared/interop/aif/ and a synthetic 10,000-node nodeset (I-nodes joined by
RA- and CA-nodes). "argmap" is the import to a validated map (`import_file` + `build`), without writing YAML.
`--instructions` (where valgrind is installed) also counts each side's instructions for one call after a warm-up
(callgrind, collecting only inside that call): a figure that, unlike the times, does not move with the machine's
load. Each side runs as its users run it: argmap pauses Python's collector while it imports, arguebuf does not.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from argmap.cli.import_corpus import available_cores, convert_folder
from argmap.formats import FORMATS, import_file
from timing import timed

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "interop" / "aif"


def synthetic(nodes: int) -> dict:
    """A nodeset of `nodes` nodes: a third I-nodes, the rest RA and CA nodes between them."""
    items, edges = [], []
    statements = max(2, nodes // 3)
    for i in range(statements):
        items.append({"nodeID": str(i), "type": "I", "text": f"Statement number {i} about the matter at hand."})
    for j in range(nodes - statements):
        node_id, kind = str(statements + j), "RA" if j % 3 else "CA"
        items.append({"nodeID": node_id, "type": kind, "text": "Default Inference" if kind == "RA" else
                      "Default Conflict"})
        edges.append({"edgeID": str(2 * j), "fromID": str(j % statements), "toID": node_id})
        edges.append({"edgeID": str(2 * j + 1), "fromID": node_id, "toID": str((j * 7 + 1) % statements)})
    return {"nodes": items, "edges": edges, "locutions": []}


def argmap_import(path: Path) -> object:
    return import_file(path, FORMATS["aif"]).build(path)


#: Run by arguebuf's interpreter: the median time of its loader on each file, as `timed` measures it.
_PEER = """
import json, statistics, sys, time
from importlib.metadata import version
import arguebuf
repeat, files = int(sys.argv[1]), sys.argv[2:]
times = []
for path in files:
    arguebuf.load.file(path)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        arguebuf.load.file(path)
        runs.append(time.perf_counter() - start)
    times.append(statistics.median(runs))
print(json.dumps({"version": version("arguebuf"), "times": times}))
"""


#: Run under callgrind by either interpreter: one warm-up call, then one call inside `functools.reduce`, the only C
#: function during which `--toggle-collect` lets callgrind count.
_COUNTED = """
import functools, json, sys
from pathlib import Path
which, path = sys.argv[1], Path(sys.argv[2])
if which == "argmap":
    from argmap.formats import FORMATS, import_file
    def run():
        return import_file(path, FORMATS["aif"]).build(path)
elif which == "arguebuf":
    import arguebuf
    def run():
        return arguebuf.load.file(path)
else:
    def run():
        return json.loads(path.read_text(encoding="utf-8"))
run()
functools.reduce(lambda a, b: run(), [0, 0])
"""


def instructions(python: str, which: str, path: Path) -> int | None:
    """Instructions of one warmed call of `which` (argmap, arguebuf or json) on `path`; None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run([valgrind, "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
                        f"--callgrind-out-file={out}", python, "-c", _COUNTED, which, str(path)],
                       capture_output=True, check=True)
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    return None


def peer_times(python: str, files: list[Path], repeat: int) -> tuple[str, list[float]]:
    """arguebuf's times on `files`, measured by `python` (an interpreter with arguebuf installed)."""
    done = subprocess.run([python, "-c", _PEER, str(repeat), *map(str, files)], capture_output=True, text=True,
                          check=True)
    answer = json.loads(done.stdout)
    return f"arguebuf {answer['version']}", answer["times"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--arguebuf", default=os.environ.get("ARGUEBUF_PYTHON"),
                        help="a Python interpreter with arguebuf installed (its own virtual environment)")
    parser.add_argument("--jobs", default=None, help="worker counts for the folder import, e.g. 1,2 (0: none)")
    parser.add_argument("--instructions", action="store_true", help="also count instructions with callgrind")
    args = parser.parse_args()
    peer: Callable[[Path], object] | None = None
    if not args.arguebuf:
        try:
            import arguebuf

            def peer(path: Path) -> object:
                return arguebuf.load.file(path)
            other_name = "arguebuf (this interpreter)"
        except ImportError:
            def peer(path: Path) -> object:
                return json.loads(path.read_text(encoding="utf-8"))
            other_name = "json.loads (no arguebuf)"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        if SHARED.is_dir():
            largest = max((p for p in SHARED.rglob("*.json") if p.name != "aif2arggraph.json"),
                          key=lambda p: p.stat().st_size)
            files.append((f"{largest.parent.name}/{largest.name}", largest))
        big = folder / "synthetic.json"
        big.write_text(json.dumps(synthetic(args.nodes)), encoding="utf-8")
        files.append((f"synthetic {args.nodes:,} nodes", big))
        ours_all = []
        for _, path in files:
            argmap_import(path)  # warm-up, as the peer gets
            ours_all.append(timed(lambda path=path: argmap_import(path), args.repeat))
        if peer is None:
            other_name, theirs_all = peer_times(args.arguebuf, [path for _, path in files], args.repeat)
        else:
            theirs_all = [timed(lambda path=path: peer(path), args.repeat) for _, path in files]
        print(f"{'file':34} {'size':>9} {'argmap':>9} {other_name:>38} {'ratio':>7}")
        for (name, path), ours, theirs in zip(files, ours_all, theirs_all, strict=True):
            print(f"{name:34} {path.stat().st_size / 1e6:8.2f}M {ours * 1000:7.1f}ms {theirs * 1000:36.1f}ms "
                  f"{theirs / ours:6.2f}x")
        if args.instructions:
            if shutil.which("valgrind") is None:
                print("\ninstructions: valgrind is not installed")
            else:
                which = "arguebuf" if args.arguebuf or other_name.startswith("arguebuf") else "json"
                python = args.arguebuf or sys.executable
                print(f"\ninstructions of one call after a warm-up (callgrind)\n{'file':34} {'argmap':>12} "
                      f"{which:>14} {'ratio':>7}")
                for name, path in files:
                    ours_n = instructions(sys.executable, "argmap", path)
                    theirs_n = instructions(python, which, path)
                    if ours_n and theirs_n:
                        print(f"{name:34} {ours_n / 1e6:11.1f}M {theirs_n / 1e6:13.1f}M {theirs_n / ours_n:6.2f}x")
        if SHARED.is_dir() and args.jobs != "0":
            corpus = folder / "corpus"
            for copy in range(10):  # the shared nodesets ten times over: a corpus of a few hundred files
                for path in SHARED.rglob("nodeset*.json"):
                    target = corpus / str(copy) / path.relative_to(SHARED)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy(path, target)
                    if path.with_suffix(".txt").exists():
                        shutil.copy(path.with_suffix(".txt"), target.with_suffix(".txt"))
            count = sum(1 for _ in corpus.rglob("*.json"))
            jobs_list = [int(n) for n in args.jobs.split(",")] if args.jobs else sorted({1, 2, available_cores()})
            print(f"\nfolder import, {count} files (import, YAML write, load and check per file), "
                  f"{available_cores()} core(s), load average {os.getloadavg()[0]:.1f}")
            print(f"{'processes':>10} {'files/s':>9} {'seconds':>8} {'failed':>7}")
            for jobs in jobs_list:
                start = time.perf_counter()
                results = convert_folder(corpus, folder / f"out{jobs}", "aif", jobs=jobs)
                took = time.perf_counter() - start
                failed = sum(1 for r in results if r.get("error"))
                print(f"{jobs:>10} {count / took:9.1f} {took:8.2f} {failed:>7}")
            start = time.perf_counter()
            with ProcessPoolExecutor(max_workers=2) as pool:
                list(pool.map(abs, [1, 2]))
            print(f"starting two worker processes and a first round trip: {(time.perf_counter() - start) * 1000:.0f}ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
