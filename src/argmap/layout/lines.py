"""Lines of a text by offset: where the line holding an offset starts and ends, and its number."""

from __future__ import annotations


def line_start(text: str, pos: int) -> int:
    """Offset of the start of the line holding `pos`."""
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    """Offset just past the newline that ends the line holding `pos` (the text's end on its last line)."""
    found = text.find("\n", pos)
    return len(text) if found < 0 else found + 1


def line_number(text: str, pos: int) -> int:
    """1-based line of `pos`."""
    return text.count("\n", 0, pos) + 1
