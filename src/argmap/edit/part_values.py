"""Reading the values people type for a map's parts (on the command line and in the explorer's forms): a held
assumption (`true`, `false`), a probability (`0.4`, `40%`), an optional number; `none` (or nothing) removes."""

from __future__ import annotations

NONE_WORDS = ("", "none", "null", "~", "-")
TRUE_WORDS = ("true", "yes", "held", "on", "1")
FALSE_WORDS = ("false", "no", "denied", "off", "0")


def read_held(text: str) -> bool | None:
    """`true` or `false` (also yes/no, held/denied); `none` (or nothing): no assumption. ValueError otherwise.

    >>> read_held("true"), read_held("No"), read_held("none")
    (True, False, None)
    """
    word = text.strip().lower()
    if word in NONE_WORDS:
        return None
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"'{text}' is not true or false (none removes the assumption)")


def read_probability(text: str, *, what: str = "a probability") -> float | None:
    """A number between 0 and 1, or a percentage (`40%`); `none` (or nothing): None. ValueError otherwise.

    >>> read_probability("0.4"), read_probability("40%"), read_probability("none")
    (0.4, 0.4, None)
    """
    word = text.strip().lower()
    if word in NONE_WORDS:
        return None
    try:
        value = float(word[:-1]) / 100 if word.endswith("%") else float(word)
    except ValueError:
        raise ValueError(f"'{text}' is not {what}: give a number between 0 and 1 (0.4 or 40%)") from None
    if not 0 <= value <= 1:
        raise ValueError(f"{what} lies between 0 and 1 (0.4 or 40%), not {text.strip()}")
    return round(value, 10)
