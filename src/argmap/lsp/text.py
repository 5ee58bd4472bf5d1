"""Offsets into a text and the protocol's positions (0-based line, character in the client's code units: UTF-16
unless the client chose otherwise), converted both ways through pygls's position codec."""

from __future__ import annotations

import bisect
import re

from lsprotocol import types
from pygls.workspace import TextDocument, Workspace
from pygls.workspace.position_codec import PositionCodec

_NEWLINE = re.compile("\n")


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """The change from `old` to `new`: the length of their common prefix, and the ends of the differing
    parts in each (`old[start:old_end]` became `new[start:new_end]`), found by halving, in C-speed slices.

    >>> changed_span("a map", "a big map"), changed_span("same", "same")
    ((2, 2, 6), (4, 4, 4))
    """
    limit = min(len(old), len(new))
    low, high = 0, limit
    while low < high:  # the longest common prefix
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    start = low
    low, high = 0, limit - start
    while low < high:  # the longest common suffix, not overlapping the prefix
        middle = (low + high + 1) // 2
        if old[len(old) - middle:len(old) - low] == new[len(new) - middle:len(new) - low]:
            low = middle
        else:
            high = middle - 1
    return start, len(old) - low, len(new) - low


class TextIndex:
    """A text's line starts, for converting offsets, argmap's 1-based line and column, and protocol positions.
    Lines end at `\\n` only; a `\\r` before it is the line's last character."""

    def __init__(self, text: str, codec: PositionCodec | None = None, starts: list[int] | None = None) -> None:
        self.text = text
        self.codec = codec or PositionCodec()
        self.starts = starts if starts is not None else [0, *(match.end() for match in _NEWLINE.finditer(text))]

    def after(self, text: str) -> TextIndex:
        """The index of `text`, a later version of this one's text (see `spliced`)."""
        if text == self.text:
            return self
        start, old_end, new_end = changed_span(self.text, text)
        return self.spliced(start, old_end, text[start:new_end], text)

    def spliced(self, start: int, end: int, new: str, text: str | None = None) -> TextIndex:
        """The index of the text with `text[start:end]` replaced by `new`: the line starts before the change are
        kept, those after it shifted, and only the new part is searched for line ends (a keystroke in a 3 MB map
        costs a shift of the list, not a search of the text)."""
        if text is None:
            text = self.text[:start] + new + self.text[end:]
        first = bisect.bisect_right(self.starts, start)  # starts up to the change's start stay
        last = bisect.bisect_right(self.starts, end)  # starts past the old part move by the difference
        delta = len(new) - (end - start)
        middle = [start + match.end() for match in _NEWLINE.finditer(new)]
        tail = self.starts[last:]
        return TextIndex(text, self.codec, [*self.starts[:first], *middle,
                                            *(tail if delta == 0 else [at + delta for at in tail])])

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


class IndexedDocument(TextDocument):
    """pygls's text document, its changes made through a line index kept with it: pygls splits and rejoins every
    line of the text for each change (a tenth of a second per keystroke in a 10,000-node map), this splices the
    text once and shifts the index."""

    _index: TextIndex | None = None

    @property
    def index(self) -> TextIndex:
        """The line index of the current text."""
        if self._index is None or self._index.text is not self._source:
            self._index = TextIndex(self.source, self.position_codec)
        return self._index

    def _apply_incremental_change(self, change: types.TextDocumentContentChangePartial) -> None:
        index = self.index
        start, end = index.offset(change.range.start), index.offset(change.range.end)
        if end < start:
            start, end = end, start
        self._index = index.spliced(start, end, change.text)
        self._source = self._index.text


def indexed_documents(workspace: Workspace) -> None:
    """Make the workspace open `IndexedDocument`s."""

    def create(doc_uri: str, source: str | None = None, version: int | None = None,
               language_id: str | None = None) -> TextDocument:
        return IndexedDocument(doc_uri, source=source, version=version, language_id=language_id,
                               sync_kind=workspace._sync_kind, position_codec=workspace.position_codec)

    setattr(workspace, "_create_text_document", create)  # noqa: B010 - the workspace's own factory, per instance
