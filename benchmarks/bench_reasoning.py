"""Reasoning time: labels, quadratic-energy strengths and probabilities of synthetic maps, against a floor measured in
the same run (building plain adjacency lists of the relations, which any algorithm over the graph must do).

    .venv/bin/python benchmarks/bench_reasoning.py [--sizes 1000 10000] [--repeat 5] [--cycles 0.02]

Goal: labels, strengths and probabilities of a 10,000-node map within 0.5 s. The "cyclic" rows add attack edges
pointing forward (a fraction `--cycles` of the node count), so that attack cycles form and the strengths need
iterating. A second table times `argmap sensitivity` (one run; it re-evaluates the map once per rejected node,
incrementally).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from argmap.analysis.probabilities import probabilities, stated_probabilities
from argmap.analysis.scenarios import sensitivity
from argmap.analysis.semantics import Settings, base_scores, build_framework, evaluate, grounded_labels, strengths
from argmap.model import ArgMap
from synthetic import make_map
from timing import timed

GOAL_SECONDS = 0.5


def with_cycles(data: dict[str, Any], fraction: float, seed: int) -> dict[str, Any]:
    """Add attacks from earlier to later statements: together with the map's backward links they close cycles."""
    rng = random.Random(seed)
    statements = [n["id"] for n in data["nodes"] if n["kind"] != "inference"]
    extra = []
    for _ in range(int(len(data["nodes"]) * fraction)):
        a, b = sorted(rng.sample(range(len(statements)), 2))
        extra.append({"source": statements[a], "target": statements[b], "type": "attacks"})
    return {**data, "relations": data["relations"] + extra}


def floor(amap: ArgMap) -> dict[str, list[str]]:
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for rel in amap.relations:
        incoming.setdefault(rel.target, []).append(rel.source)
        outgoing.setdefault(rel.source, []).append(rel.target)
    return incoming


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cycles", type=float, default=0.02, help="forward attacks per node in the cyclic rows")
    args = parser.parse_args()
    header = (f"{'map':>14} {'relations':>9} {'floor ms':>9} {'framework':>9} {'labels':>8} {'strengths':>9} "
              f"{'probab.':>8} {'evaluate':>9} {'dfquad':>8} {'x floor':>8} {'sweeps':>6} {'goal':>6}")
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        for variant in ("acyclic", "cyclic"):
            data = make_map(size, seed=1)
            if variant == "cyclic":
                data = with_cycles(data, args.cycles, seed=2)
            amap = ArgMap.model_validate(data)
            fw = build_framework(amap)
            settings = Settings()
            stated, if_not = stated_probabilities(amap, settings)
            base = base_scores(amap, settings, None, stated)
            labels = grounded_labels(fw)
            t_floor = timed(lambda: floor(amap), args.repeat)  # noqa: B023
            t_fw = timed(lambda: build_framework(amap), args.repeat)  # noqa: B023
            t_labels = timed(lambda: grounded_labels(fw), args.repeat)  # noqa: B023
            t_strengths = timed(lambda: strengths(fw, base, {}, settings, labels=labels), args.repeat)  # noqa: B023
            t_prob = timed(lambda: probabilities(fw, stated, if_not, {}, {}), args.repeat)  # noqa: B023
            t_total = timed(lambda: evaluate(amap), args.repeat)  # noqa: B023
            t_dfquad = timed(lambda: evaluate(amap, semantics="dfquad"), args.repeat)  # noqa: B023
            result = evaluate(amap)
            ok = "ok" if t_total <= GOAL_SECONDS or size > 10000 else "SLOW"
            print(f"{f'{size} {variant}':>14} {len(amap.relations):>9} {t_floor * 1000:>9.1f} {t_fw * 1000:>9.1f} "
                  f"{t_labels * 1000:>8.1f} {t_strengths * 1000:>9.1f} {t_prob * 1000:>8.1f} {t_total * 1000:>9.1f} "
                  f"{t_dfquad * 1000:>8.1f} "
                  f"{t_total / t_floor:>8.1f} {result.sweeps:>6} {ok:>6}")
    print(f"\nTimes in ms, median of {args.repeat}; evaluate = framework + base scores + labels + strengths + "
          "probabilities (quadratic energy; dfquad: the same with DF-QuAD). "
          f"Goal: 10,000 nodes within {GOAL_SECONDS * 1000:.0f} ms.")
    print(f"\n{'map':>14} {'rejected':>9} {'sensitivity s':>13} {'per node ms':>15}")
    for size in args.sizes:
        amap = ArgMap.model_validate(make_map(size, seed=1))
        start = time.perf_counter()
        rows = sensitivity(amap)
        took = time.perf_counter() - start
        print(f"{size:>14} {len(rows):>9} {took:>13.2f} {took / max(1, len(rows)) * 1000:>15.2f}")
    print("Sensitivity rejects each piece of evidence and each unsupported claim in turn, recomputing only what lies "
          "downstream of it.")


if __name__ == "__main__":
    main()
