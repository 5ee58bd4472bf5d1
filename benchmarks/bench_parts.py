"""Editing the parts of a big map that are not nodes (its title, scenarios, sources, relations' fields,
vocabularies), against loading the map in the same run.

    .venv/bin/python benchmarks/bench_parts.py [--sizes 1000 10000] [--repeat 5]

Each row times one edit (planning, splicing and checking the new text), then the document the explorer shows after
it (`session.document()`: patched from the previous one where that gives what loading would, else loaded). Floor:
loading the map (what the explorer does when it opens it). Goal: an edit within 200 ms, like a node edit.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from argmap.edit import operations as edit_ops
from argmap.edit import scenario_ops, source_ops, vocab_ops
from argmap.edit.session import EditSession
from argmap.io import load
from synthetic import write_map
from timing import timed

GOAL = 0.200


def bench(path: Path, repeat: int) -> list[tuple[str, float, float]]:
    start = time.perf_counter()
    doc = load(path)
    floor = time.perf_counter() - start
    session = EditSession.open(path, doc=doc, journal=False)
    session.apply(scenario_ops.add_scenario(session.data, "bench", "Benchmark"))
    session.document()
    ids = session.node_ids()
    rel = session.data["relations"][len(session.data["relations"]) // 2]
    counter = iter(range(1, 1_000_000))
    edits: list[tuple[str, Callable[[], object]]] = [
        ("set the map's title", lambda: session.set_map_field("title", f"Title {next(counter)}")),
        ("hold a node true in a scenario", lambda: session.apply(scenario_ops.set_assumption(
            session.data, "bench", ids[next(counter) % len(ids)], True))),
        ("override a probability in a scenario", lambda: session.apply(scenario_ops.set_override(
            session.data, "bench", ids[next(counter) % len(ids)], 0.3))),
        ("relabel a scenario", lambda: session.apply(scenario_ops.set_scenario_field(
            session.data, "bench", "title", f"Benchmark {next(counter)}"))),
        ("set a relation's weight", lambda: session.apply(edit_ops.set_relation_field(
            session.data, rel["source"], rel["type"], rel["target"], "weight", (next(counter) % 9 + 1) / 10))),
        ("set a source's author", lambda: session.apply(source_ops.set_source_field(
            session.data, "s0", "author", f"Author {next(counter)}"))),
        ("relabel an actor", lambda: session.apply(vocab_ops.relabel(session.data, "actors", "actor-1",
                                                                     f"Actor {next(counter)}"))),
        ("rename an actor in every node using it", lambda: session.apply(vocab_ops.rename_entry(
            session.data, "actors", vocab_ops.entries(session.data, "actors")[2], f"actor-r{next(counter)}"))),
    ]
    rows: list[tuple[str, float, float]] = [("floor: load the map", floor, 0.0)]
    for name, edit in edits:
        edit_time = timed(edit, repeat)
        edit()
        start = time.perf_counter()
        session.document()
        rows.append((name, edit_time, time.perf_counter() - start))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            for fmt in ("yaml", "json"):
                path = write_map(Path(folder) / f"{n}{fmt}", n, fmt=fmt)
                print(f"\n{n} nodes, {fmt}, {path.stat().st_size / 1e6:.1f} MB")
                print(f"  {'edit':40} {'edit ms':>9} {'document ms':>12}")
                for name, seconds, document in bench(path, args.repeat):
                    mark = "" if name.startswith("floor") else "  ok" if seconds <= GOAL else "  SLOW"
                    print(f"  {name:40} {seconds * 1000:9.1f} {document * 1000:12.1f}{mark}")


if __name__ == "__main__":
    main()
