"""Writing YAML fragments in the style of the file they go into.

A `YamlStyle` records how a file writes things: its indentation step, whether block sequences are indented under
their key, which keys hold flow lists (`actors: [a, b]`), how each key's strings are quoted, and which quote it
prefers when a string cannot stay plain. `emit_field`, `emit_item` and `emit_inline` turn values into text in that
style; PyYAML's emitter does the escaping, so whatever it writes reads back as the same value.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from argmap.layout.yaml_loader import MapLoader

_STR = "tag:yaml.org,2002:str"
_WIDE = 1_000_000  # never fold long lines
_KEY = "k"


@dataclass
class YamlStyle:
    """How a file (or one sequence of it) writes its values."""

    indent: int = 2
    indent_sequences: bool = True
    dash_gap: int = 1
    quote: str | None = None
    key_styles: dict[str, str] = field(default_factory=dict)
    flow_keys: set[str] = field(default_factory=set)
    block_keys: set[str] = field(default_factory=set)
    flow_items: bool = False
    flow_item_keys: set[str] = field(default_factory=set)
    blank_between: bool = False
    newline: str = "\n"

    def scalar_style(self, key: str | None, value: str, dumper: _Dumper) -> str | None:
        """The style for a string under `key`: its key's usual style where it fits, else plain where possible,
        else the file's quote."""
        wanted = self.key_styles.get(key or "")
        if "\n" in value:
            if value.endswith("\n\n"):
                return '"'  # a block scalar would keep (`|+`) the blank lines that follow it in the file
            return wanted if wanted in ("|", ">", '"') else "|"
        if wanted in ('"', "'"):
            return wanted
        if _needs_quotes(value, dumper):
            return self.quote
        return None


class _Dumper(yaml.SafeDumper):
    """SafeDumper that reads strings as `MapLoader` does (dates stay plain) and can indent block sequences."""

    indent_sequences = True

    yaml_implicit_resolvers = {  # noqa: RUF012 - the base class defines it this way
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, indentless and not self.indent_sequences)

    def ignore_aliases(self, data: Any) -> bool:
        return True


assert MapLoader is not None  # the reader whose resolution `_Dumper` mirrors


def _needs_quotes(value: str, dumper: _Dumper) -> bool:
    if dumper.resolve(yaml.ScalarNode, value, (True, False)) != _STR:
        return True
    analysis = dumper.analyze_scalar(value)
    return not (analysis.allow_block_plain and analysis.allow_flow_plain) or analysis.multiline


def needs_quotes(value: str) -> bool:
    """Whether a string cannot be written plain (it would read as another type, or holds ': ', ' #'...)."""
    dumper = _Dumper(io.StringIO())
    try:
        return _needs_quotes(value, dumper)
    finally:
        dumper.dispose()


def _flowable(value: Any) -> bool:
    """Whether a list or mapping holds only short scalars, so that it reads well on one line."""
    items = value.values() if isinstance(value, dict) else value
    return all(not isinstance(item, dict | list) and not (isinstance(item, str) and "\n" in item) for item in items)


def _restyle(node: yaml.Node, value: Any, key: str | None, style: YamlStyle, dumper: _Dumper, flow: bool) -> None:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR and isinstance(value, str):
            node.style = style.scalar_style(key, value, dumper)
            if flow and node.style in ("|", ">"):
                node.style = '"'
        return
    if isinstance(node, yaml.MappingNode):
        node.flow_style = flow
        for (key_node, value_node), (item_key, item_value) in zip(node.value, value.items(), strict=True):
            key_node.style = None if not _needs_quotes(str(item_key), dumper) else style.quote
            child_flow = flow or (isinstance(item_value, dict | list) and _wants_flow(str(item_key), item_value,
                                                                                         style))
            _restyle(value_node, item_value, str(item_key), style, dumper, child_flow)
        return
    if isinstance(node, yaml.SequenceNode):
        node.flow_style = flow
        for item_node, item_value in zip(node.value, value, strict=True):
            item_flow = flow or (isinstance(item_value, dict) and key in style.flow_item_keys)
            _restyle(item_node, item_value, key if not isinstance(item_value, dict | list) else None, style,
                     dumper, item_flow)


def _wants_flow(key: str, value: Any, style: YamlStyle) -> bool:
    if not value:
        return True
    if key in style.block_keys:
        return False
    if key in style.flow_keys:
        return _flowable(value)
    return isinstance(value, list) and _flowable(value) and all(isinstance(v, str) and len(v) < 40 for v in value)


def _dump(value: Any, style: YamlStyle, *, flow: bool = False, key: str | None = None) -> str:
    stream = io.StringIO()
    dumper = _Dumper(stream, default_flow_style=False, indent=style.indent, width=_WIDE, allow_unicode=True,
                     sort_keys=False, line_break="\n")
    dumper.indent_sequences = style.indent_sequences
    try:
        dumper.open()
        node = dumper.represent_data(value)
        _restyle(node, value, key, style, dumper, flow)
        dumper.serialize(node)
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


def _indent(text: str, column: int, newline: str) -> str:
    """Indent every line but the first by `column` (empty lines stay empty); end with a newline."""
    lines = text.rstrip("\n").split("\n")
    pad = " " * column
    out = [lines[0]] + [pad + line if line else line for line in lines[1:]]
    return newline.join(out) + newline


def emit_field(key: str, value: Any, style: YamlStyle, column: int) -> str:
    """`key: value` for a block mapping whose keys stand at `column`; the first line is not indented (it goes where
    the key goes), the text ends with a newline."""
    return _indent(_dump({key: value}, style), column, style.newline)


def emit_item(value: Any, style: YamlStyle, dash_column: int, *, key: str | None = None) -> str:
    """A block sequence item, `- ...`, for a sequence whose dashes stand at `dash_column`. The first line starts
    with the dash (not indented)."""
    gap = " " * style.dash_gap
    inner = dash_column + 1 + style.dash_gap
    if isinstance(value, dict) and value and not style.flow_items:
        body = _dump(value, style)
    elif isinstance(value, dict | list):
        body = _dump(value, style, flow=True)
    else:
        body = emit_inline(value, style, key=key) or _dump({_KEY: value}, style)[len(_KEY) + 2:]
    return "-" + gap + _indent(body, inner, style.newline)


def emit_inline(value: Any, style: YamlStyle, *, key: str | None = None, scalar_style: str | None = None) -> str | None:
    """The value on one line (a scalar, or a flow list or mapping), or None when it needs several lines.
    `scalar_style` keeps a string's current style ('' plain where possible, '"', "'"); without it the style of
    `key`'s strings applies."""
    if isinstance(value, dict | list) and value and not _flowable(value):
        return None
    styles = dict(style.key_styles)
    wanted = scalar_style if scalar_style is not None else styles.get(key or "")
    styles.pop(_KEY, None)
    if wanted is not None:
        styles[_KEY] = wanted
    local = replace(style, key_styles=styles, flow_keys={*style.flow_keys, _KEY}, block_keys=style.block_keys - {_KEY})
    text = _dump({_KEY: value}, local)
    prefix = _KEY + ": "
    if not text.startswith(prefix) or text.count("\n") != 1 or text[len(prefix):].startswith(("|", ">")):
        return None
    return text[len(prefix):].rstrip("\n")
