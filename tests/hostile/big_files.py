"""The big hostile files the hostile tests and `benchmarks/bench_hostile.py` make: each case a file name and a maker
of its content (written into a temporary folder, never kept)."""

from __future__ import annotations

from collections.abc import Callable


def laughs(levels: int, *, unused: bool = False) -> str:
    """The "billion laughs": each level an anchor holding nine aliases of the one before."""
    indent = "  " if unused else ""
    lines = ["title: Laughs", "x-unused:" if unused else "# top level",
             f'{indent}l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{indent}l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join([*lines, "nodes: []", ""])


#: name -> (file name, content maker): every case writes its own file.
BIG: dict[str, tuple[str, Callable[[], str]]] = {
    "billion-laughs": ("laughs.yaml", lambda: laughs(9)),
    "laughs-in-unused-keys": ("unused.yaml", lambda: laughs(7, unused=True)),
    "deep-json-arrays": ("arrays.json", lambda: '{"title": "T", "nodes": ' + "[" * 10_000 + "]" * 10_000 + "}"),
    "deep-json-objects": ("objects.json", lambda: '{"title": "T", "nodes": ' + '{"a": ' * 10_000 + "1"
                          + "}" * 10_000 + "}"),
    "deep-yaml-block": ("block.yaml", lambda: "title: T\nnodes:\n" + "".join(
        "  " * (i + 1) + "-\n" for i in range(3000)) + "  " * 3001 + "x\n"),
    "deep-yaml-compact": ("compact.yaml", lambda: "title: T\nnodes:\n" + "- " * 50_000 + "x\n"),
    "deep-yaml-flow": ("flow.yaml", lambda: "title: T\nnodes: " + "[" * 5000 + "]" * 5000 + "\n"),
    "deep-in-a-field": ("field.json", lambda: '{"title": "T", "nodes": [{"id": "a", "kind": "claim", "text": '
                        + "[" * 500 + "]" * 500 + "}]}"),
}
