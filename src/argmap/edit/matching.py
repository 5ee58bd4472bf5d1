"""Matching the items of two versions of a list: which runs an edit kept, replaced, removed or inserted."""

from __future__ import annotations

from typing import Any

Ops = list[tuple[str, int, int, int, int]]


def match(old: list[Any], new: list[Any]) -> Ops:
    """Opcodes (tag, i1, i2, j1, j2) turning `old` into `new`, equal runs left out. Items an edit keeps are the
    same objects, so identity matches them, in one pass: a one-item edit of a 10,000-item list costs little."""
    lo, hi_old, hi_new = 0, len(old), len(new)
    while lo < hi_old and lo < hi_new and old[lo] is new[lo]:
        lo += 1
    while hi_old > lo and hi_new > lo and old[hi_old - 1] is new[hi_new - 1]:
        hi_old, hi_new = hi_old - 1, hi_new - 1
    where = {id(item): i for i, item in enumerate(old[lo:hi_old], lo)}
    ops: Ops = []
    i, j = lo, lo
    for k in range(lo, hi_new + 1):
        found = where.get(id(new[k])) if k < hi_new else hi_old
        if found is None or found < i or (k < hi_new and old[found] is not new[k]):
            continue
        if found > i or k > j:
            tag = "replace" if found > i and k > j else "delete" if found > i else "insert"
            ops.append((tag, i, found, j, k))
        i, j = found + 1, k + 1
    return ops
