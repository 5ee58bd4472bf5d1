"""Offsets into a text and the protocol's positions (0-based line, character in the client's code units: UTF-16
unless the client chose otherwise), converted both ways through pygls's position codec."""

from __future__ import annotations

import bisect
import re

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

_NEWLINE = re.compile("\n")


class TextIndex:
    """A text's line starts, for converting offsets, argmap's 1-based line and column, and protocol positions.
    Lines end at `\\n` only; a `\\r` before it is the line's last character."""

    def __init__(self, text: str, codec: PositionCodec | None = None) -> None:
        self.text = text
        self.codec = codec or PositionCodec()
        self.starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]

    def line_text(self, line: int) -> str:
        """Line `line` (0-based) without its line end."""
        if not 0 <= line < len(self.starts):
            return ""
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[line]:end]

    def line_of(self, offset: int) -> int:
        """The 0-based line holding `offset`."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def offset_of(self, line: int, column: int) -> int:
        """The offset of argmap's 1-based `line` and `column` (in characters)."""
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.text)
        return min(self.starts[line - 1] + max(column, 1) - 1, self._line_end(line - 1))

    def _line_end(self, line: int) -> int:
        return self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)

    def position(self, offset: int) -> types.Position:
        """The protocol position of an offset."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        prefix = self.text[self.starts[line]:offset]
        return types.Position(line=line, character=self.codec.client_num_units(prefix))

    def offset(self, position: types.Position) -> int:
        """The offset of a protocol position (clamped to the text)."""
        if position.line >= len(self.starts):
            return len(self.text)
        line = self.line_text(position.line)
        units, index = 0, 0
        for char in line:
            if units >= position.character:
                break
            units += self.codec.client_num_units(char)
            index += 1
        return self.starts[position.line] + index

    def range(self, start: int, end: int) -> types.Range:
        """The protocol range of `text[start:end]`."""
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def line_range(self, line: int) -> types.Range:
        """The range of a whole line (0-based), without its line end."""
        start = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.range(start, start + len(self.line_text(line)))
