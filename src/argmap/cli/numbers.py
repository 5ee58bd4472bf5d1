"""Numeric options, checked as they are parsed: a value out of range is a one-line usage error (exit 2) that
names the option, the value and the range, never a traceback or a silently odd result.

>>> threshold("0.1"), count("3"), probability("1")
(0.1, 3, 1.0)
>>> threshold("2")
Traceback (most recent call last):
argparse.ArgumentTypeError: '2' is not above 0 and at most 1 (a change in strength or probability, such as 0.01)
"""

from __future__ import annotations

import argparse
import math


def _number(text: str, kind: type[float] | type[int], what: str) -> float:
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"'{text}' is not {what}")
    return value


def threshold(text: str) -> float:
    """A change that counts: above 0, at most 1."""
    value = _number(text, float, "a number")
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not above 0 and at most 1 (a change in strength or "
                                         "probability, such as 0.01)")
    return value


def probability(text: str) -> float:
    """A probability: from 0 to 1."""
    value = _number(text, float, "a number")
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a probability (from 0 to 1)")
    return value


def count(text: str) -> int:
    """A count: a whole number, 0 or more."""
    value = int(_number(text, int, "a whole number"))
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is negative: give 0 or more")
    return value


def positive(text: str) -> int:
    """A whole number, 1 or more."""
    value = int(_number(text, int, "a whole number"))
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not 1 or more")
    return value


def port(text: str) -> int:
    """A TCP port: 0 (any free one) to 65535."""
    value = int(_number(text, int, "a port number"))
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port (0 to 65535)")
    return value
