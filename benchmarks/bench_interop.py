"""Importing AIF: argmap against arguebuf's AIF loader (when it is installed), in the same run, and the folder
import's files per second on this machine's cores.

    .venv/bin/python benchmarks/bench_interop.py [--repeat 3] [--nodes 10000]

Goal: argmap's AIF import at least 3x faster than arguebuf's (`pip install arguebuf` into the venv for the
comparison; it is not an argmap dependency). Without arguebuf the floor is a bare `json.loads` of the same file.
Rows: the largest AIF nodeset in ../shared/interop/aif/ and a synthetic 10,000-node nodeset (I-nodes joined by
RA- and CA-nodes). "argmap" is the import to a validated map (`import_file` + `build`), without writing YAML.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from argmap.cli.import_corpus import convert_folder
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--nodes", type=int, default=10_000)
    args = parser.parse_args()
    try:
        import arguebuf

        def other(path: Path) -> object:
            return arguebuf.load.file(path)
        other_name = f"arguebuf {getattr(arguebuf, '__version__', '')}".strip()
    except ImportError:
        def other(path: Path) -> object:
            return json.loads(path.read_text(encoding="utf-8"))
        other_name = "json.loads (arguebuf not installed)"
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
        print(f"{'file':34} {'size':>9} {'argmap':>9} {other_name:>38} {'ratio':>7}")
        for name, path in files:
            ours = timed(lambda path=path: argmap_import(path), args.repeat)
            theirs = timed(lambda path=path: other(path), args.repeat)
            print(f"{name:34} {path.stat().st_size / 1e6:8.2f}M {ours * 1000:7.1f}ms {theirs * 1000:36.1f}ms "
                  f"{theirs / ours:6.2f}x")
        if SHARED.is_dir():
            corpus = folder / "corpus"
            for copy in range(10):  # the shared nodesets ten times over: a corpus of a few hundred files
                for path in SHARED.rglob("nodeset*.json"):
                    target = corpus / str(copy) / path.relative_to(SHARED)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy(path, target)
                    if path.with_suffix(".txt").exists():
                        shutil.copy(path.with_suffix(".txt"), target.with_suffix(".txt"))
            count = sum(1 for _ in corpus.rglob("*.json"))
            for jobs in sorted({1, os.cpu_count() or 1}):
                start = time.perf_counter()
                results = convert_folder(corpus, folder / f"out{jobs}", "aif", jobs=jobs)
                took = time.perf_counter() - start
                failed = sum(1 for r in results if r.get("error"))
                print(f"folder import, {count} files, {jobs} process(es): {count / took:7.1f} files/s "
                      f"({took:.2f}s, {failed} failed; import, YAML write, load and check per file)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
