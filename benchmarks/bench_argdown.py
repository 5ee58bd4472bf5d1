"""Parsing a 10,000-statement Argdown file: argmap's parser against the Argdown CLI's `json` export.

    .venv/bin/python benchmarks/bench_argdown.py [--statements 10000] [--repeat 3]

Goal: argmap at least 3x faster than `npx @argdown/cli json` on the same file. The CLI's time includes starting
node (measured apart on a one-line file, so the table shows both). Without node the comparison is against a
floor: reading the file and splitting it into lines, the least any parser must do.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argmap.formats._argdown_io import import_argdown
from argmap.formats._argdown_parse import parse_argdown


def synthetic(statements: int) -> str:
    """Debates of 10 statements each: a titled claim, pros and cons nested two deep with tags and data, and an
    argument with a premise-conclusion structure every other block."""
    blocks = ["===\ntitle: Synthetic debate\nmodel: {mode: loose}\n===\n"]
    n = 0
    while n < statements:
        i = n // 10
        blocks.append(
            f"# Debate {i}\n\n"
            f"[Claim {i}]: Claim number {i} is __true__ and #topic-{i % 7} {{kind: forecast, probability: 0.6}}\n"
            f"    + [Pro {i}]: A reason for @[Claim {i}] with a [link](https://example.org/{i}).\n"
            f"        - [Con {i}]: An objection, *italic*.\n"
            f"            + [Back {i}]: Backing for the objection.\n"
            f"    - <Arg {i}>: An argument against it.\n"
            f"    + Another anonymous reason for claim {i}. // a comment\n")
        blocks.append(f"<Arg {i}>\n\n(1) [P1 {i}]: First premise {i}.\n(2) [P2 {i}]: Second premise {i}.\n"
                      f"--\nModus ponens {{uses: [1, 2]}}\n--\n(3) [C {i}]: The conclusion {i}.\n"
                      f"    -> [Claim {i}]\n(4) Another premise {i}.\n----\n(5) The last conclusion {i}.\n")
        n += 10
    return "\n".join(blocks)


def best(run, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) if repeat < 3 else statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.argdown"
        path.write_text(synthetic(args.statements), encoding="utf-8")
        doc = parse_argdown(path.read_text(encoding="utf-8"), str(path))
        rows = [("file", f"{path.stat().st_size / 1e6:.2f} MB, {len(doc.statements)} statements, "
                         f"{len(doc.arguments)} arguments, {len(doc.relations)} relations")]
        parse = best(lambda: parse_argdown(path.read_text(encoding="utf-8"), str(path)), args.repeat)
        full = best(lambda: import_argdown(path), args.repeat)
        floor = best(lambda: path.read_text(encoding="utf-8").split("\n"), args.repeat)
        rows += [("argmap parse", f"{parse * 1000:.0f} ms"), ("argmap import (parse + map)", f"{full * 1000:.0f} ms"),
                 ("floor: read + split lines", f"{floor * 1000:.1f} ms")]
        npx = shutil.which("npx")
        if npx is None:
            rows.append(("Argdown CLI", "not measured: node/npx is not installed"))
        else:
            def cli(file: Path) -> None:
                subprocess.run([npx, "--yes", "@argdown/cli", "json", str(file), tmp], check=True,
                               capture_output=True, timeout=600)
            tiny = Path(tmp) / "tiny.argdown"
            tiny.write_text("[a]: b\n", encoding="utf-8")
            start_up = best(lambda: cli(tiny), args.repeat)
            argdown = best(lambda: cli(path), args.repeat)
            rows += [("Argdown CLI json (node start-up)", f"{start_up * 1000:.0f} ms"),
                     ("Argdown CLI json", f"{argdown * 1000:.0f} ms"),
                     ("speed-up, parse (goal >= 3x)", f"{argdown / parse:.1f}x"),
                     ("speed-up, CLI minus start-up", f"{(argdown - start_up) / parse:.1f}x")]
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            print(f"{label:<{width}}  {value}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
