"""Editing a big map: open, one edit, save, against floors measured in the same run.

    .venv/bin/python benchmarks/bench_edit.py [--sizes 1000 10000] [--repeat 5]

Goal: saving a one-node edit of a 10,000-node map (the edit itself plus the save) within 200 ms. Floors: reading
the file's bytes, writing them atomically (temporary file, fsync, rename), and parsing them with libyaml (or json).
"journal on" includes writing the journal of unsaved edits (the whole pending text, atomically) after the edit.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from argmap.edit.session import EditSession
from argmap.io import load
from argmap.io.atomic import write_bytes
from argmap.layout.yaml_loader import MapLoader
from synthetic import write_map
from timing import timed

GOAL = 0.200


def timed_after(prepare: Callable[[], object], fn: Callable[[], object], repeat: int) -> float:
    """Median time of `fn`, each run after an untimed `prepare`."""
    runs = []
    for _ in range(repeat):
        prepare()
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def bench(path: Path, repeat: int) -> list[tuple[str, float]]:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    copy = path.with_name("copy" + path.suffix)
    rows: list[tuple[str, float]] = [
        ("floor: read bytes", timed(path.read_bytes, repeat)),
        ("floor: atomic write of the bytes", timed(lambda: write_bytes(copy, raw), repeat)),
        ("floor: bare parse (libyaml / json)", timed(
            (lambda: json.loads(text)) if path.suffix == ".json" else (lambda: yaml.load(text, Loader=MapLoader)),
            1)),
    ]
    start = time.perf_counter()
    doc = load(path)
    rows.append(("load the map (what a viewer does anyway)", time.perf_counter() - start))
    start = time.perf_counter()
    session = EditSession.open(path, doc=doc)
    rows.append(("open for editing, given the loaded map", time.perf_counter() - start))
    other = path.with_name("other" + path.suffix)
    other.write_bytes(raw)
    quiet = EditSession.open(other, journal=False)
    ids = session.node_ids()
    middle = ids[len(ids) // 2]
    values = iter(range(1, 100_000))

    def edit(target: EditSession) -> None:
        target.set_field(middle, "note", f"edited {next(values)}")

    rows.append(("edit one field (journal off)", timed(lambda: edit(quiet), repeat)))
    rows.append(("edit one field (journal on)", timed(lambda: edit(session), repeat)))
    rows.append(("save alone", timed_after(lambda: edit(session), session.save, repeat)))
    rows.append(("edit + save  [goal 200 ms]", timed(lambda: (edit(session), session.save()), repeat)))
    rows.append(("undo", timed(lambda: (quiet.undo(), quiet.redo()), repeat) / 2))
    rows.append(("add relation", timed(lambda: quiet.add_relation(ids[-1], "attacks", ids[next(values) % 50]),
                                       repeat)))
    rows.append(("remove node (and its relations)", timed(lambda: quiet.remove_node(quiet.node_ids()[100]), repeat)))
    rows.append(("rename node", timed(lambda: quiet.rename_node(quiet.node_ids()[0], f"renamed-{next(values)}"),
                                      repeat)))
    rows.append(("line_of (for $EDITOR)", timed(lambda: quiet.line_of(middle), repeat)))
    session.document()
    rows.append(("document() after an edit (patched)", timed_after(lambda: edit(session), session.document,
                                                                   repeat)))
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
                size = path.stat().st_size / 1e6
                print(f"\n{n} nodes, {fmt}, {size:.1f} MB")
                print(f"  {'step':40} {'ms':>9}")
                for name, seconds in bench(path, args.repeat):
                    mark = ""
                    if name.startswith("edit + save"):
                        mark = "  ok" if seconds <= GOAL else "  SLOW"
                    print(f"  {name:40} {seconds * 1000:9.1f}{mark}")


if __name__ == "__main__":
    main()
