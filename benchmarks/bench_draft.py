"""How good is `argmap draft`? Measured, not assumed, against two references:

    .venv/bin/python benchmarks/bench_draft.py [--sentences]

1. **Kinds**, on the Mosul article: for each sentence of `seeds/chatham-house-2014-06-11-mosul.txt` that
   `maps/mosul-2014.yaml` quotes (its coverage exclusions left out), the kind of the map's node quoting most of it
   against the kind of the draft's unit covering most of it: a confusion table and the share that agree; then the
   share of the map's forecasts that a drafted forecast overlaps (found), and of the drafted forecasts that overlap
   one of the map's (precision).
2. **Segments**, on the arg-microtexts corpus (`../shared/interop/microtexts/en/`, every file): the boundaries
   between the draft's units against the boundaries between the annotated segments (EDUs), as precision, recall
   and F1 over all boundaries inside a text; for the whole corpus, its first half (the files the cues were tuned
   on) and its second half (held out), and for sentences alone as the floor.

The figures go into the README's description of `argmap draft`. Nothing here is timed.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from argmap.analysis.coverage import excluded_lines, source_coverage
from argmap.analysis.draft import draft_text, segment
from argmap.io import load

ROOT = Path(__file__).resolve().parent.parent
MOSUL = ROOT / "maps" / "mosul-2014.yaml"
MICROTEXTS = ROOT.parent / "shared" / "interop" / "microtexts" / "en"
KINDS = ("claim", "evidence", "inference", "forecast")


def _most(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The label of the span that overlaps [start, end) most (None when none does)."""
    best, label = 0, None
    for a, b, kind in spans:
        overlap = min(b, end) - max(a, start)
        if overlap > best:
            best, label = overlap, kind
    return label


def kinds(*, clauses: bool = True) -> dict[str, object]:
    """The kind agreement per sentence and the forecasts found, on the Mosul map."""
    doc = load(MOSUL)
    assert doc.map is not None
    source = doc.map.sources[0]
    text = doc.sources[source.id].text
    assert text is not None
    covered = source_coverage(doc, source)
    draft = draft_text(text, clauses=clauses,
                       exclude=frozenset(excluded_lines(text, doc.map.coverage_of(source).exclude)))
    mapped = [(q.start, q.end, node.kind) for node in doc.map.nodes for q in node.quotes
              if q.source == source.id and q.start is not None and q.end is not None]
    drafted = [(u.start, u.end, u.guess.kind) for u in draft.units]
    confusion: Counter[tuple[str, str]] = Counter()
    for sentence in covered.sentences:
        truth = _most(mapped, sentence.start, sentence.end)
        guess = _most(drafted, sentence.start, sentence.end)
        if truth is not None:
            confusion[(truth, guess or "none")] += 1
    map_forecasts = [(a, b) for a, b, kind in mapped if kind == "forecast"]
    draft_forecasts = [(a, b) for a, b, kind in drafted if kind == "forecast"]
    found = sum(any(min(b, d) > max(a, c) for c, d in draft_forecasts) for a, b in map_forecasts)
    right = sum(any(min(b, d) > max(a, c) for c, d in map_forecasts) for a, b in draft_forecasts)
    total = sum(confusion.values())
    truths = Counter({t: 0 for t in KINDS})
    for (t, _g), n in confusion.items():
        truths[t] += n
    return {"confusion": confusion, "sentences": total, "majority": truths.most_common(1)[0],
            "agreement": sum(n for (t, g), n in confusion.items() if t == g) / total if total else 0.0,
            "forecasts": len(map_forecasts), "found": found, "drafted_forecasts": len(draft_forecasts),
            "right": right}


def _gold(xml: Path, text: str) -> set[int]:
    """The starts of the annotated segments after the first, as offsets into the text."""
    root = ET.parse(xml).getroot()
    starts, cursor = [], 0
    for edu in root.iter("edu"):
        words = "".join(edu.itertext()).strip()
        at = text.find(words, cursor)
        if at < 0:
            continue
        starts.append(at)
        cursor = at + len(words)
    return set(starts[1:])


def _next_word(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def segments(files: list[Path], *, clauses: bool = True) -> tuple[float, float, float, int]:
    """Boundary precision, recall and F1 over `files`, and the number of annotated boundaries."""
    hits = predicted = gold_total = 0
    for xml in files:
        text = xml.with_suffix(".txt").read_text(encoding="utf-8-sig")
        gold = {_next_word(text, at) for at in _gold(xml, text)}
        units = segment(text, clauses=clauses)
        guess = {_next_word(text, start) for start, _end, _p, _s in units[1:]}
        hits += len(gold & guess)
        predicted += len(guess)
        gold_total += len(gold)
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, gold_total


def _print_kinds(result: dict[str, object]) -> None:
    confusion = result["confusion"]
    assert isinstance(confusion, Counter)
    columns = (*KINDS, "none")
    print("Kinds per sentence, maps/mosul-2014.yaml (rows) against the draft (columns):")
    print(f"{'':>10} " + " ".join(f"{c:>9}" for c in columns))
    for truth in KINDS:
        print(f"{truth:>10} " + " ".join(f"{confusion.get((truth, c), 0):>9}" for c in columns))
    print(f"agreement: {result['agreement']:.1%} of {result['sentences']} sentences; forecasts found: "
          f"{result['found']} of {result['forecasts']} quoted forecast passages; drafted forecasts on one of them: "
          f"{result['right']} of {result['drafted_forecasts']}")
    kind, count = result["majority"]  # type: ignore[misc]
    print(f"floor: every sentence drafted as {kind}, the map's commonest kind, would agree on {count} "
          f"({count / max(1, int(result['sentences'])):.1%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", action="store_true", help="draft one unit per sentence (no clause splits)")
    args = parser.parse_args(argv)
    _print_kinds(kinds(clauses=not args.sentences))
    files = sorted(MICROTEXTS.glob("*.xml")) if MICROTEXTS.is_dir() else []
    if not files:
        print(f"\nno microtexts at {MICROTEXTS}: segmentation not measured")
        return 0
    half = len(files) // 2
    print(f"\nSegment boundaries, arg-microtexts ({len(files)} texts):")
    print(f"{'':>26} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5}")
    for name, chosen, clauses in (("clauses, all texts", files, True), ("clauses, first half", files[:half], True),
                                  ("clauses, held-out half", files[half:], True),
                                  ("sentences only, all", files, False),
                                  ("sentences only, held-out", files[half:], False)):
        p, r, f, n = segments(chosen, clauses=clauses)
        print(f"{name:>26} {p:>9.1%} {r:>7.1%} {f:>6.1%} {n:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
