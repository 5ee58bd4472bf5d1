"""How fast the fuzzy search answers a query of several words (every word must match, each ranked) against a
query of one word, the peer, on the same synthetic 10,000-node map, and how fast `argmap fix` finds the repairs of
a map whose quotes are all exact (the cost a clean map pays).

    .venv/bin/python benchmarks/bench_search.py [--nodes 10000] [--repeat 5]

Goal: every query within 100 ms of CPU (the explorer searches on each keystroke).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from argmap.analysis.quote_repair import find_repairs
from argmap.analysis.search import SearchIndex
from argmap.io import load
from synthetic import write_map

QUERIES = ("army", "army city", "the army", "army city militia", "army citty", "mosul city army")


def cpu_ms(fn: object, repeat: int) -> float:
    """The smallest CPU time of `repeat` calls, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        doc = load(write_map(Path(folder), args.nodes))
        assert doc.map is not None
        index = SearchIndex(doc.map)
        rows = []
        for query in QUERIES:
            hits = len(index.search(query))
            rows.append((f"search {query!r}", f"{cpu_ms(lambda q=query: index.search(q), args.repeat):.1f} ms",
                         f"{hits} hits" + ("; the peer" if query == "army" else "")))
        repairs = len(find_repairs(doc)[0])
        rows.append(("find quote repairs", f"{cpu_ms(lambda: find_repairs(doc), args.repeat):.1f} ms",
                     f"{repairs} repairs in {args.nodes:,} nodes"))
    width = max(len(name) for name, _, _ in rows)
    print(f"{'':{width}}  cpu (best of {args.repeat})")
    for name, figure, note in rows:
        print(f"{name:{width}}  {figure:>10}  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
