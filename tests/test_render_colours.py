"""The palette: every kind, relation type, acceptance label and outcome has a colour, defined once, as pure data
that the explorer can import."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from argmap.analysis.semantics import LABELS
from argmap.model import NODE_KINDS, OUTCOMES, RELATION_TYPES
from argmap.render import colours as palette
from argmap.render.style import EDGE_LOOKS, NODE_LOOKS, OUTCOME_MARKS

HEX = re.compile(r"^#[0-9a-f]{6}$")


def test_every_category_has_a_colour() -> None:
    assert set(palette.KIND_COLOURS) == set(palette.KIND_FILLS) == set(NODE_KINDS) == set(NODE_LOOKS)
    assert set(palette.RELATION_COLOURS) == set(RELATION_TYPES) == set(EDGE_LOOKS)
    assert set(palette.ACCEPTANCE_FILLS) == set(palette.ACCEPTANCE_COLOURS) == set(LABELS)
    assert set(palette.OUTCOME_COLOURS) == set(OUTCOMES) == set(OUTCOME_MARKS)
    names = [name for name in vars(palette) if name.isupper()]
    assert len(names) >= 10
    for name in names:
        value = getattr(palette, name)
        for colour in value.values() if isinstance(value, dict) else [value]:
            assert HEX.match(colour), (name, colour)


def test_the_diagram_looks_use_the_palette() -> None:
    for kind, look in NODE_LOOKS.items():
        assert (look.fill, look.border) == (palette.KIND_FILLS[kind], palette.KIND_COLOURS[kind])
    for relation_type, edge in EDGE_LOOKS.items():
        assert edge.colour == palette.RELATION_COLOURS[relation_type]


def test_the_palette_is_pure_data() -> None:
    tree = ast.parse(Path(palette.__file__).read_text(encoding="utf-8"))
    imports = [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert [ast.unparse(node) for node in imports] == ["from __future__ import annotations"]
    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
