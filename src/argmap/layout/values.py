"""Comparing data as a file reads it: the check that an edit or a located value reads as intended."""

from __future__ import annotations

from typing import Any


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types (so that `1` is not `true` and `0.5` is not `'0.5'`); key order aside."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
