"""Load + validate + check time and peak memory, against the bare parse of the same file in the same run.

    .venv/bin/python benchmarks/bench_load.py [--sizes 1000 10000 50000] [--repeat 3]

Goals: a 10,000-node YAML map within 1.5x of its bare libyaml parse; JSON within 2x of its bare `json` parse.

Rows: `yaml` and `json` are maps as a person or a script writes them (quotes without offsets); `json+at` is the
same map as `argmap export -o map.json` writes it, each quote with the offsets where it stands in its source.
A third table times the same maps with one finding, which has to be placed at its line and column.
The second table breaks JSON down into the floors that no implementation on this stack goes below: pydantic-core
validating the file into argmap's models and nothing else, and searching each quote in its source text.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml
import yaml_rs

sys.path.insert(0, str(Path(__file__).parent))
from argmap.analysis.check import check
from argmap.io import load
from argmap.io.canonical import dump_json
from argmap.memory import collector_paused
from argmap.model import ArgMap
from synthetic import write_map
from timing import timed


def peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def bare(path: Path) -> Callable[[], object]:
    """The floor the goals name: `json.loads`, or libyaml's C loader for YAML."""
    if path.suffix == ".json":
        return lambda: json.loads(path.read_text(encoding="utf-8"))
    return lambda: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def bare_yaml_rs(path: Path) -> Callable[[], object]:
    """yaml-rs, the compiled parser argmap reads YAML with: the lowest floor for YAML."""
    return lambda: yaml_rs.loads(path.read_text(encoding="utf-8"), parse_datetime=False)


def full(path: Path) -> Callable[[], object]:
    def run() -> object:
        doc = load(path)
        findings = check(doc)
        assert not findings, findings[:3]
        return doc

    return run


def validation_only(path: Path) -> Callable[[], object]:
    """pydantic-core reading the file into argmap's models: no quote search, no rule, no position; with the
    collector paused, as argmap loads."""

    def run() -> object:
        with collector_paused():
            return ArgMap.model_validate_json(path.read_text(encoding="utf-8"))

    return run


def quote_search_only(path: Path) -> Callable[[], object]:
    """`str.find` of every quote in its source text, the least that verifying quotes without offsets costs."""
    doc = load(path)
    assert doc.map is not None
    pairs = [(quote.text, doc.sources[quote.source or ""].text or "") for node in doc.map.nodes
             for quote in node.quotes]
    return lambda: [text.find(quote) for quote, text in pairs]


def with_one_finding(path: Path) -> Path:
    """The same map with one more node, linked to nothing: one warning, placed at the end of the nodes."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.suffix == ".json" else yaml.load(
        path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    data["nodes"].append({"id": "alone", "kind": "claim", "text": "Linked to nothing"})
    out = path.with_name(path.stem + "-finding" + path.suffix)
    out.write_text(json.dumps(data, indent=1) if path.suffix == ".json" else yaml.dump(
        data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return out


def one_finding(path: Path) -> Callable[[], object]:
    def run() -> object:
        findings = check(load(path))
        assert [d.rule for d in findings] == ["isolated-node"] and findings[0].line > 1, findings[:3]
        return findings

    return run


def with_offsets(path: Path) -> Path:
    """The map as `argmap export` writes it: canonical JSON, quotes with their offsets."""
    doc = load(path)
    assert doc.map is not None
    out = path.with_name(path.stem + "-canonical.json")
    out.write_text(dump_json(doc.map), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows, floors, findings = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            repeat = args.repeat if n <= 10000 else 1
            for fmt in ("yaml", "json", "json+at"):
                path = write_map(Path(folder) / f"{n}", n, fmt=fmt.split("+")[0])
                if fmt == "json+at":
                    path = with_offsets(path)
                t_bare, t_full = timed(bare(path), repeat), timed(full(path), repeat)
                t_lib = timed(bare_yaml_rs(path), repeat) if fmt == "yaml" else None
                m_bare, m_full = peak_mb(bare(path)), peak_mb(full(path))
                goal = 1.5 if fmt == "yaml" else 2.0
                rows.append((n, fmt, path.stat().st_size / 1e6, t_bare, t_full, goal, m_bare, m_full, t_lib))
                if fmt != "json+at":
                    t_one = timed(one_finding(with_one_finding(path)), repeat)
                    findings.append((n, fmt, t_full, t_one))
                if fmt == "json":
                    t_valid, t_find = timed(validation_only(path), repeat), timed(quote_search_only(path), repeat)
                    floors.append((n, t_bare, t_valid, t_find, t_full))
    print("bare: libyaml's C loader for YAML, json.loads for JSON (the goals' floors); yaml-rs, the parser argmap "
          "uses for YAML, for reference")
    print(f"{'nodes':>7} {'fmt':>7} {'MB':>6} {'bare s':>8} {'argmap s':>9} {'ratio':>6} {'goal':>5} "
          f"{'bare MB':>8} {'argmap MB':>9} {'yaml-rs s':>10}")
    for n, fmt, size, t_bare, t_full, goal, m_bare, m_full, t_lib in rows:
        ratio = t_full / t_bare
        mark = "ok" if ratio <= goal else "SLOW"
        lib = f"{t_lib:>10.3f}" if t_lib is not None else f"{'-':>10}"
        print(f"{n:>7} {fmt:>7} {size:>6.1f} {t_bare:>8.3f} {t_full:>9.3f} {ratio:>5.2f}x {goal:>4.1f}x "
              f"{m_bare:>8.0f} {m_full:>9.0f} {lib}  {mark}")
    print()
    print("One finding (a node linked to nothing, at the end of the nodes): load + check, placing it included")
    print(f"{'nodes':>7} {'fmt':>7} {'clean s':>8} {'1 finding s':>12}")
    for n, fmt, t_full, t_one in findings:
        print(f"{n:>7} {fmt:>7} {t_full:>8.3f} {t_one:>12.3f}")
    print()
    print("JSON floors, as multiples of json.loads: pydantic-core validating into argmap's models alone; str.find "
          "of every quote alone; their sum; argmap's load + validate + check")
    print(f"{'nodes':>7} {'json.loads s':>13} {'validate':>9} {'find':>7} {'sum':>7} {'argmap':>7}")
    for n, t_bare, t_valid, t_find, t_full in floors:
        print(f"{n:>7} {t_bare:>13.3f} {t_valid / t_bare:>8.2f}x {t_find / t_bare:>6.2f}x "
              f"{(t_valid + t_find) / t_bare:>6.2f}x {t_full / t_bare:>6.2f}x")


if __name__ == "__main__":
    main()
