"""From old map data to new: the new text of the file, changed only where the data changed, and checked.

`edit_text(text, fmt, old, new)` plans splices (YAML: `yaml_edit`, JSON: `json_edit`), makes them, and reads the
result back: it must read exactly as `new`, or the edit is refused (`LayoutError`) and nothing changes. Files up to
`FULL_CHECK_LIMIT` characters are parsed whole; larger YAML files have every changed item, its neighbours, the
top-level keys and the item counts re-read instead (parsing 10,000 nodes takes seconds); JSON likewise when it is
written one member per line.
"""

from __future__ import annotations

from typing import Any

from argmap.io.edit_errors import LayoutError
from argmap.io.json_edit import JsonPlanner
from argmap.io.parse import parse_text
from argmap.io.splice import Splice, apply_splices
from argmap.io.yaml_edit import YamlPlanner
from argmap.io.yaml_layout import block_sequence, compose, item_node, same, top_keys

FULL_CHECK_LIMIT = 200_000


def edit_text(text: str, fmt: str, old: dict[str, Any], new: dict[str, Any], *,
              full_check: bool | None = None) -> tuple[str, list[Splice]]:
    """The text that reads as `new`, and the splices made to `text` (which reads as `old`)."""
    if fmt == "json":
        json_planner = JsonPlanner(text, old)
        splices = json_planner.plan(new)
        result = apply_splices(text, splices)
        json_planner.verify(result, new, full=full_check if full_check is not None else len(result) <= FULL_CHECK_LIMIT)
        return result, splices
    planner = YamlPlanner(text, old)
    splices = planner.plan(new)
    result = apply_splices(text, splices)
    if full_check if full_check is not None else len(result) <= FULL_CHECK_LIMIT:
        data, problems = parse_text(result, "yaml", "map")
        if problems or not same(data, new):
            raise LayoutError("this edit could not be made without disturbing other parts of the file; nothing "
                              "was changed (`argmap fmt` rewrites the file in a layout argmap can edit)")
    else:
        _verify_yaml(planner, result, new)
    return result, splices


def _verify_yaml(planner: YamlPlanner, result: str, new: dict[str, Any]) -> None:
    tops = {top.key: top for top in top_keys(result, list(new))}
    for key in planner.touched_tops:
        if key in new:
            _, value = compose(result, tops[key].start, tops[key].end)
            if not same(value, {key: new[key]}):
                raise LayoutError(f"the edited '{key}' does not read as intended; nothing was changed")
    for key, indices in planner.touched_items.items():
        seq = block_sequence(result, tops[key])
        if seq is None or len(seq.starts) != len(new[key]):
            raise LayoutError(f"the edited '{key}' does not read as intended; nothing was changed")
        for index in sorted(indices):
            item_node(result, seq, index, new[key][index])
