"""Plain-text tables for the terminal (the reasoning commands print them; the report has its own HTML tables)."""

from __future__ import annotations

from collections.abc import Sequence


def text_table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, right: Sequence[int] = (),
               widths: dict[int, int] | None = None) -> list[str]:
    """Rows under headers, columns padded to their widest cell; `right` lists right-aligned columns, `widths`
    caps a column's width (longer cells are clipped with an ellipsis).

    >>> text_table(["id", "p"], [["a", 0.5], ["bb", 0.25]], right=[1])
    ['id     p', '--  ----', 'a    0.5', 'bb  0.25']
    """
    widths = widths or {}
    cells = [[_clip(str(cell), widths.get(i)) for i, cell in enumerate(row)] for row in rows]
    sizes = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            sizes[i] = max(sizes[i], len(cell))

    def line(row: Sequence[str]) -> str:
        parts = [cell.rjust(sizes[i]) if i in right else cell.ljust(sizes[i]) for i, cell in enumerate(row)]
        return "  ".join(parts).rstrip()

    return [line(list(headers)), line(["-" * size for size in sizes]), *(line(row) for row in cells)]


def _clip(text: str, width: int | None) -> str:
    text = " ".join(text.split())
    if width is None or len(text) <= width:
        return text
    return text[: width - 1] + "…"


def number(value: float | None, digits: int = 3) -> str:
    """A score for display, or an en dash when there is none."""
    return "–" if value is None else f"{value:.{digits}f}"
