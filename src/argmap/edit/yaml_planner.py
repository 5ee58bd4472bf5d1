"""Planning the splices that turn a YAML map's text into the text of its edited data, touching only what changed.

`YamlPlanner(text, old).plan(new)` walks old and new data side by side and, where they differ, edits the text at
the smallest level it can: a scalar's own characters (`probability: 0.6  # from the text` keeps its comment),
one entry of a mapping, one item of a sequence; only where that is impossible does it rewrite the enclosing entry
or item, in the style of its neighbours. Unchanged values are never re-emitted, so their bytes, comments, quotes
and blank lines stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from argmap.edit.matching import match
from argmap.edit.splice import Splice
from argmap.errors import LayoutError
from argmap.io.parse import parse_text
from argmap.layout.lines import line_end, line_start
from argmap.layout.values import same
from argmap.layout.yaml_emit import YamlStyle, emit_field, emit_inline, emit_item
from argmap.layout.yaml_scan import (
    LIST_SECTIONS,
    BlockSeq,
    Node,
    Top,
    block_sequence,
    compose,
    content_end,
    dash_of,
    detect_style,
    field_end,
    item_node,
    starts_line,
    top_keys,
)

_COMMENT = re.compile(r"[ \t]+#[^\n]*")
_DOUBLE = re.compile(r"""(?:^[ \t]*-|:)[ \t]+\"""", re.M)
_SINGLE = re.compile(r"""(?:^[ \t]*-|:)[ \t]+'""", re.M)
class YamlPlanner:
    """Plans the edit of one YAML text from `old` data (what the text reads as) to new data."""

    def __init__(self, text: str, old: dict[str, Any]) -> None:
        self.text = text
        self.old = old
        self.tops = {top.key: top for top in top_keys(text, list(old))}
        self.touched_tops: set[str] = set()
        self.touched_items: dict[str, set[int]] = {}
        self._seqs: dict[str, BlockSeq | None] = {}
        self._file_style: YamlStyle | None = None

    # -- styles -------------------------------------------------------------------------------------------------

    def _column(self, pos: int) -> int:
        return pos - line_start(self.text, pos)

    def _seq(self, key: str) -> BlockSeq | None:
        if key not in self._seqs:
            top = self.tops.get(key)
            value = self.old.get(key)
            seq = block_sequence(self.text, top) if top and isinstance(value, list) and value else None
            self._seqs[key] = seq if seq is not None and len(seq.starts) == len(value or []) else None
        return self._seqs[key]

    def _sample(self, seq: BlockSeq, around: int) -> list[Node]:
        nodes = []
        for index in (around, around - 1, around + 1):
            if 0 <= index < len(seq.starts):
                try:
                    root, _ = compose(self.text, seq.starts[index], seq.end(index))
                except LayoutError:
                    continue
                if root.kind == "seq" and root.items:
                    nodes.append(root.items[0])
        return nodes

    @property
    def file_style(self) -> YamlStyle:
        """The style of the file, from its first nodes (or sources)."""
        if self._file_style is None:
            style = YamlStyle()
            for key in ("nodes", "sources", "scenarios", "relations"):
                seq = self._seq(key)
                if seq is not None:
                    style = detect_style(self.text, self._sample(seq, 1), seq, style)
                    if key == "nodes":
                        style.indent_sequences = seq.dash_column > 0 or style.indent_sequences
                        break
            style.flow_items = False
            style.blank_between = False
            if style.quote is None:
                sample = self.text[:200_000]
                double = len(_DOUBLE.findall(sample))
                single = len(_SINGLE.findall(sample))
                style.quote = '"' if double and double >= single else "'" if single else None
            self._file_style = style
        return self._file_style

    def _relations_flow(self, style: YamlStyle) -> bool:
        seq = self._seq("relations")
        if seq is not None:
            sample = self._sample(seq, 0)
            return bool(sample) and sample[0].flow
        return bool(style.flow_keys)

    def _section_style(self, key: str, seq: BlockSeq, around: int) -> YamlStyle:
        return detect_style(self.text, self._sample(seq, around), seq, self.file_style)

    # -- planning -----------------------------------------------------------------------------------------------

    def plan(self, new: dict[str, Any]) -> list[Splice]:
        """The splices that make the text read as `new`."""
        out: list[Splice] = []
        for key, top in self.tops.items():
            if key not in new:
                out.append(Splice(top.start, top.end, ""))
                self.touched_tops.add(key)
        previous: str | None = None
        for key, value in new.items():
            if key in self.old:
                if self.old[key] is not value and not same(self.old[key], value):
                    out.extend(self._top(self.tops[key], self.old[key], value))
                previous = key
                continue
            out.append(self._insert_top(key, value, previous, new))
            self.touched_tops.add(key)
        return out

    def verify(self, result: str, new: dict[str, Any], *, full: bool) -> None:
        """Check the new text against the new data: a full parse, or for a big file every changed top-level key,
        every changed item with its neighbours, the top-level keys and the item counts (parsing 10,000 nodes
        takes seconds)."""
        if full:
            data, problems = parse_text(result, "yaml", "map")
            if problems or not same(data, new):
                raise LayoutError("this edit could not be made without disturbing other parts of the file; nothing "
                                  "was changed (`argmap fmt --restyle` rewrites the file in a layout argmap can edit)")
            return
        tops = {top.key: top for top in top_keys(result, list(new))}
        for key in self.touched_tops:
            if key in new:
                _, value = compose(result, tops[key].start, tops[key].end)
                if not same(value, {key: new[key]}):
                    raise LayoutError(f"the edited '{key}' does not read as intended; nothing was changed")
        for key, indices in self.touched_items.items():
            seq = block_sequence(result, tops[key])
            if seq is None or len(seq.starts) != len(new[key]):
                raise LayoutError(f"the edited '{key}' does not read as intended; nothing was changed")
            for index in sorted(indices):
                item_node(result, seq, index, new[key][index])

    def _insert_top(self, key: str, value: Any, previous: str | None, new: dict[str, Any]) -> Splice:
        if previous is None:
            pos = min((top.start for top in self.tops.values()), default=len(self.text))
        else:
            pos = self.tops[previous].end
        body = self._entry(key, value, self.file_style, 0, top=True)
        return self._insert(pos, body)

    def _insert(self, pos: int, body: str) -> Splice:
        if pos == len(self.text) and self.text and not self.text.endswith("\n"):
            body = "\n" + body
        return Splice(pos, pos, body)

    def _entry(self, key: str, value: Any, style: YamlStyle, column: int, *, top: bool = False) -> str:
        """A whole `key: value` entry (first line unindented)."""
        if top and key in LIST_SECTIONS and isinstance(value, list) and value and all(
                isinstance(v, dict) for v in value):
            dash = self._dash_column()
            item_style = replace(style, flow_items=key == "relations" and self._relations_flow(style))
            items = "".join(" " * dash + emit_item(item, item_style, dash) for item in value)
            return f"{key}:{style.newline}{items}"
        return emit_field(key, value, style, column)

    def _dash_column(self) -> int:
        seq = self._seq("nodes") or self._seq("sources")
        if seq is not None:
            return seq.dash_column
        return self.file_style.indent if self.file_style.indent_sequences else 0

    def _top(self, top: Top, old: Any, new: Any) -> list[Splice]:
        seq = self._seq(top.key) if top.key in LIST_SECTIONS else None
        if seq is not None and isinstance(new, list) and new:
            return self._big_sequence(seq, old, new)
        root, value = compose(self.text, top.start, top.end)
        if root.kind != "map" or len(root.keys) != 1 or not same(value, {top.key: old}):
            raise LayoutError(f"the value of '{top.key}' could not be told apart from what follows it; "
                              "`argmap fmt --restyle` rewrites the file in a layout argmap can edit")
        self.touched_tops.add(top.key)
        _, key_node, value_node = root.keys[0]
        return self._field(key_node, value_node, top.key, old, new, 0, self.file_style, top=True)

    def _big_sequence(self, seq: BlockSeq, old: list[Any], new: list[Any]) -> list[Splice]:
        out: list[Splice] = []
        touched = self.touched_items.setdefault(seq.key, set())
        style: YamlStyle | None = None
        for _tag, i1, i2, j1, j2 in match(old, new):
            if style is None:
                style = self._section_style(seq.key, seq, min(i1, len(old) - 1))
            pairs = min(i2 - i1, j2 - j1)
            for d in range(pairs):
                out.extend(self._big_item(seq, i1 + d, old[i1 + d], new[j1 + d], style))
            if i2 - i1 > pairs:
                out.extend(self._delete_items(seq, i1 + pairs, i2, style))
            if j2 - j1 > pairs:
                at = i1 + pairs
                pos = seq.end(at - 1) if at > 0 else seq.starts[0]
                item_style = replace(style, flow_items=style.flow_items)
                blank = style.newline if style.blank_between and at > 0 else ""
                body = "".join(blank + " " * seq.dash_column + emit_item(item, item_style, seq.dash_column)
                               for item in new[j1 + pairs:j2])
                if at == 0 and style.blank_between:
                    body += style.newline
                out.append(self._insert(pos, body))
            touched.update(range(max(0, j1 - 1), min(len(new), j2 + 1)))
        return out

    def _big_item(self, seq: BlockSeq, index: int, old: Any, new: Any, style: YamlStyle) -> list[Splice]:
        node = item_node(self.text, seq, index, old)
        done = self._value(node, old, new, None, style)
        if done is not None:
            return done
        end = line_end(self.text, content_end(self.text, node))
        item_style = replace(style, flow_items=node.flow and node.kind == "map")
        return [Splice(seq.starts[index], end, " " * seq.dash_column + emit_item(new, item_style, seq.dash_column))]

    def _delete_items(self, seq: BlockSeq, first: int, stop: int, style: YamlStyle) -> list[Splice]:
        start, end = seq.starts[first], seq.end(stop - 1)
        before = self.text[line_start(self.text, start - 1):start] if start > 0 else "\n"
        after = self.text[end:line_end(self.text, end)] if end < len(self.text) else ""
        if (first == 0 or not before.strip()) and after and not after.strip():
            end = line_end(self.text, end)
        return [Splice(start, end, "")]

    # -- values inside a composed fragment ----------------------------------------------------------------------

    def _value(self, node: Node, old: Any, new: Any, key: str | None, style: YamlStyle) -> list[Splice] | None:
        """Splices that change `node` (which reads as `old`) into `new`, or None when the caller must rewrite the
        entry or item that holds it."""
        if same(old, new):
            return []
        if node.kind == "map" and not node.flow and isinstance(old, dict) and isinstance(new, dict) and new:
            return self._mapping(node, old, new, style)
        if node.kind == "map" and node.flow and isinstance(old, dict) and isinstance(new, dict) \
                and "\n" in self.text[node.start:node.end]:
            done = self._flow_values(node, old, new, style)
            if done is not None:
                return done
        if node.kind == "seq" and isinstance(old, list) and isinstance(new, list) and old and new:
            return self._sequence(node, old, new, key, style)
        if node.kind == "scalar" and node.value == "" and node.style is None:
            return None
        if "\n" in self.text[node.start:node.end] or node.style in ("|", ">"):
            return None
        if node.kind == "scalar" and isinstance(new, dict | list):
            return None
        scalar_style = (node.style or "") if node.kind == "scalar" and isinstance(new, str) else None
        inline = emit_inline(new, style, key=key, scalar_style=scalar_style)
        if inline is None:
            return None
        return [Splice(node.start, node.end, inline)]

    def _flow_values(self, node: Node, old: dict[str, Any], new: dict[str, Any], style: YamlStyle
                     ) -> list[Splice] | None:
        """Change scalar values of a flow mapping written over several lines in place, its keys unchanged (an ACH
        item's `ratings: {a: C, b: I,\n c: N}`), or None when the caller must rewrite it."""
        if [key for key, _, _ in node.keys] != list(old) or list(old) != list(new):
            return None
        out: list[Splice] = []
        for key, _key_node, value_node in node.keys:
            if same(old[key], new[key]):
                continue
            if value_node.kind != "scalar" or isinstance(new[key], dict | list) \
                    or "\n" in self.text[value_node.start:value_node.end]:
                return None
            inline = emit_inline([new[key]], style)  # in a flow sequence, the scalar is quoted as flow needs
            if inline is None or not (inline.startswith("[") and inline.endswith("]")):
                return None
            out.append(Splice(value_node.start, value_node.end, inline[1:-1]))
        return out

    def _mapping(self, node: Node, old: dict[str, Any], new: dict[str, Any], style: YamlStyle
                 ) -> list[Splice] | None:
        if {k for k, _, _ in node.keys} != set(old) or len(node.keys) != len(old):
            return None
        entries = {k: (key_node, value_node) for k, key_node, value_node in node.keys}
        column = self._column(node.keys[0][1].start)
        out: list[Splice] = []
        for key, (key_node, value_node) in entries.items():
            if key not in new:
                if not starts_line(self.text, key_node.start):
                    return None
                out.append(Splice(line_start(self.text, key_node.start),
                                  field_end(self.text, key_node, value_node), ""))
        previous: str | None = None
        for key, value in new.items():
            if key in entries:
                if not same(old[key], value):
                    done = self._field(*entries[key], key, old[key], value, column, style)
                    if done is None:
                        return None
                    out.extend(done)
                previous = key
                continue
            body = " " * column + self._entry(key, value, style, column)
            anchor = previous if previous is not None else None
            if anchor is None:
                first_key = node.keys[0][1]
                if starts_line(self.text, first_key.start):
                    out.append(self._insert(line_start(self.text, first_key.start), body))
                    continue
                anchor = node.keys[-1][0]
            out.append(self._insert(field_end(self.text, *entries[anchor]), body))
        return out

    def _field(self, key_node: Node, value_node: Node, key: str, old: Any, new: Any, column: int,
               style: YamlStyle, *, top: bool = False) -> list[Splice]:
        """Change one entry's value: in place where possible, else rewrite the entry (keeping its key line's
        comment)."""
        done = self._value(value_node, old, new, key, style)
        if done is not None:
            return done
        end = field_end(self.text, key_node, value_node)
        body = self._entry(key, new, style, column, top=top)
        comment = self._key_comment(key_node, value_node)
        if comment:
            first, newline, rest = body.partition("\n")
            body = first + comment + newline + rest
        if end == len(self.text) and not self.text.endswith("\n"):
            body = body.rstrip("\n")
        return [Splice(key_node.start, end, body)]

    def _key_comment(self, key_node: Node, value_node: Node) -> str:
        """The comment at the end of an entry's first line, to keep when the entry is rewritten."""
        text = self.text
        eol = line_end(text, key_node.end)
        empty = value_node.kind == "scalar" and value_node.value == "" and value_node.style is None
        if value_node.start < eol and not empty:
            end = content_end(text, value_node)
            if end >= eol or value_node.style in ("|", ">"):
                return ""
            tail = end
        else:
            colon = text.find(":", key_node.end, eol)
            if colon < 0:
                return ""
            tail = colon + 1
        found = _COMMENT.match(text, tail, eol)
        return found.group().rstrip("\r") if found else ""

    def _sequence(self, node: Node, old: list[Any], new: list[Any], key: str | None, style: YamlStyle
                  ) -> list[Splice] | None:
        if len(node.items) != len(old):
            return None
        if node.flow:
            return self._flow_sequence(node, old, new, key, style)
        dashes = [dash_of(self.text, item) for item in node.items]
        if any(d is None for d in dashes):
            return None
        starts = [line_start(self.text, d) for d in dashes if d is not None]
        column = self._column(dashes[0] or 0)
        ends = [line_end(self.text, content_end(self.text, item)) for item in node.items]
        out: list[Splice] = []
        for _tag, i1, i2, j1, j2 in match(old, new):
            pairs = min(i2 - i1, j2 - j1)
            for d in range(pairs):
                item, o, n = node.items[i1 + d], old[i1 + d], new[j1 + d]
                done = self._value(item, o, n, key if not isinstance(n, dict) else None, style)
                if done is None:
                    item_style = replace(style, flow_items=item.flow and item.kind == "map")
                    done = [Splice(starts[i1 + d], ends[i1 + d],
                                   " " * column + emit_item(n, item_style, column, key=key))]
                out.extend(done)
            if i2 - i1 > pairs:
                out.append(Splice(starts[i1 + pairs], ends[i2 - 1], ""))
            if j2 - j1 > pairs:
                at = i1 + pairs
                pos = ends[at - 1] if at > 0 else starts[0]
                item_style = replace(style, flow_items=bool(node.items) and node.items[0].flow)
                out.append(self._insert(pos, "".join(" " * column + emit_item(n, item_style, column, key=key)
                                                     for n in new[j1 + pairs:j2])))
        return out

    def _flow_sequence(self, node: Node, old: list[Any], new: list[Any], key: str | None, style: YamlStyle
                       ) -> list[Splice] | None:
        items = node.items
        out: list[Splice] = []
        for _tag, i1, i2, j1, j2 in match(old, new):
            pairs = min(i2 - i1, j2 - j1)
            for d in range(pairs):
                done = self._value(items[i1 + d], old[i1 + d], new[j1 + d], key, style)
                if done is None:
                    inline = emit_inline(new[j1 + d], style, key=key)
                    if inline is None:
                        return None
                    done = [Splice(items[i1 + d].start, items[i1 + d].end, inline)]
                out.extend(done)
            first, stop = i1 + pairs, i2
            if stop > first:
                if first > 0:
                    out.append(Splice(items[first - 1].end, items[stop - 1].end, ""))
                elif stop < len(items):
                    out.append(Splice(items[0].start, items[stop].start, ""))
                else:
                    return None
            if j2 - j1 > pairs:
                texts = [emit_inline(n, style, key=key) for n in new[j1 + pairs:j2]]
                if any(t is None for t in texts):
                    return None
                at = i1 + pairs
                joined = ", ".join(t for t in texts if t is not None)
                if at > 0:
                    out.append(Splice(items[at - 1].end, items[at - 1].end, ", " + joined))
                else:
                    out.append(Splice(items[0].start, items[0].start, joined + ", "))
        return out
