"""Turning pydantic's validation errors into argmap diagnostics that say what to do."""

from __future__ import annotations

import reprlib
import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from argmap.errors import Diagnostic, Loc, a_or_an, suggest
from argmap.model import NODE_CLASSES, ArgMap
from argmap.model.base import URL_PATTERN
from argmap.model.nodes import SHORTHAND_TAGS
from argmap.model.techniques import GRADE_PATTERN

_TAGS = set(NODE_CLASSES)
_TYPE_ERRORS = ("model_type", "list_type", "string_type", "dict_type", "model_attributes_type")


def _data_loc(loc: tuple[str | int, ...]) -> Loc:
    """Drop the discriminator tags and wrapper steps pydantic adds to a location."""
    out: list[str | int] = []
    for i, step in enumerate(loc):
        if isinstance(step, str) and step in _TAGS and i > 0 and loc[i - 1] != "kind" and isinstance(
            loc[i - 1], int
        ):
            continue
        if step in ("[key]", "function-after[_check_slug(), str]") or step in SHORTHAND_TAGS:
            continue
        if isinstance(step, str) and (step.startswith("function-") or step.startswith("list[")):
            continue
        out.append(step)
    return tuple(out)


def _unwrap(annotation: Any) -> list[Any]:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        found: list[Any] = []
        for arg in get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    return [annotation]


def model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose fields apply at a raw pydantic location (tags included)."""
    current: Any = ArgMap
    for step in loc:
        if step in SHORTHAND_TAGS:
            continue
        candidates = _unwrap(current)
        nxt: Any = None
        for cand in candidates:
            origin = get_origin(cand)
            if isinstance(step, int) and origin is list:
                nxt = get_args(cand)[0]
            elif isinstance(step, str) and step in _TAGS and any(
                isinstance(c, type) and issubclass(c, BaseModel) and c is NODE_CLASSES[step] for c in _unwrap(cand)
            ):
                nxt = NODE_CLASSES[step]
            elif isinstance(step, str) and isinstance(cand, type) and issubclass(cand, BaseModel):
                field = cand.model_fields.get(step)
                if field is not None:
                    nxt = field.annotation
            elif isinstance(step, str) and origin is dict:
                nxt = get_args(cand)[1]
            if nxt is not None:
                break
        if nxt is None:
            return None
        current = nxt
    models = [c for c in _unwrap(current) if isinstance(c, type) and issubclass(c, BaseModel)]
    return models[0] if models else None


def _shorthand_root(error: ErrorDetails) -> tuple[str | int, ...] | None:
    """Where a shorthand union starts, when `error` only says the value is not of one branch's type."""
    loc = tuple(error["loc"])
    if loc and loc[-1] in SHORTHAND_TAGS and error["type"] in _TYPE_ERRORS:
        return loc[:-1]
    return None


def prune_shorthand(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Keep the errors of the shorthand branch that fits the value (`quotes: [text]` or `[{text, source}]`): the
    other branches only say the value is not of their type. When no branch fits, one error names them all.

    >>> from argmap.model import Claim
    >>> from pydantic import ValidationError
    >>> try:
    ...     Claim.model_validate({"id": "c", "text": "x", "quotes": [{"text": "t", "sorce": "s"}]})
    ... except ValidationError as exc:
    ...     [(e["loc"], e["type"]) for e in prune_shorthand(exc.errors())]
    [(('quotes', 'quotes:list', 0, 'quote:mapping', 'sorce'), 'extra_forbidden')]
    """
    fitting: set[tuple[str | int, ...]] = set()  # union starts where some branch fits the value's type
    for error in errors:
        loc, root = tuple(error["loc"]), _shorthand_root(error)
        for i, step in enumerate(loc):
            if step in SHORTHAND_TAGS and loc[:i] != root:
                fitting.add(loc[:i])
    kept: list[ErrorDetails] = []
    merged: dict[tuple[str | int, ...], list[str]] = {}
    for error in errors:
        root = _shorthand_root(error)
        if root is None:
            kept.append(error)
        elif root not in fitting:
            if root not in merged:
                merged[root] = []
                kept.append(ErrorDetails(type="shorthand_type", loc=root, msg="", input=error.get("input"),
                                         ctx={"expected": merged[root]}))
            merged[root].append(SHORTHAND_TAGS[str(error["loc"][-1])])
    return kept


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxstring, _SHORT.maxother = 2, 3, 3, 40, 40


_MODEL_NAMES = {"argmap": "the map", "evidence": "an evidence node"}


def _model_name(model: type[BaseModel]) -> str:
    """How a message names a model: `the map`, `an inference`, `an evidence node`, `a quote`."""
    name = model.__name__.lower()
    return _MODEL_NAMES.get(name) or a_or_an(name)


def _describe(value: Any) -> str:
    """A short form of a value for a message: bounded in length and depth, whatever the file holds; an empty
    value (YAML `null`, or a key with nothing after it) in words."""
    if value is None:
        return "an empty value"
    text = _SHORT.repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _message(error: ErrorDetails) -> tuple[str, Loc, bool]:
    """The message, the data location, and whether to point at the key rather than the value."""
    raw = tuple(error["loc"])
    loc = _data_loc(raw)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    field: str | int = loc[-1] if loc else ""
    if isinstance(field, int) and len(loc) > 1:
        field = f"{loc[-2]}[{field}]"
    if kind == "extra_forbidden":
        model = model_at(raw[:-1])
        allowed = sorted(model.model_fields) if model else []
        hint = suggest(str(field), allowed)
        where = f" for {_model_name(model)}" if model else ""
        return f"unknown field '{field}'{where}{hint or ' (remove it or check the spelling)'}", loc, True
    if kind == "union_tag_invalid":
        tag = ctx.get("tag")
        expected = ", ".join(NODE_CLASSES)
        return (f"unknown kind '{tag}' (expected {expected}{suggest(str(tag), NODE_CLASSES)})",
                (*loc, "kind"), False)
    if kind == "kind_misspelt":
        return (f"unknown field '{field}' for a node; did you mean 'kind'? (one of {', '.join(NODE_CLASSES)})", loc,
                True)
    if kind == "union_tag_not_found":
        return f"missing field 'kind' (one of {', '.join(NODE_CLASSES)})", loc, False
    if kind == "missing":
        return f"missing required field '{field}'", loc[:-1], False
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ",").split(",") if c.strip()]
        value = error.get("input")
        return (f"'{value}' is not a valid {field} (expected {', '.join(choices)}{suggest(str(value), choices)})",
                loc, False)
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        bound = str(error["msg"]).removeprefix("Input should be ")
        return f"{field} must be {bound}, not {_describe(error.get('input'))}", loc, False
    if kind == "string_pattern_mismatch":
        value = error.get("input")
        if ctx.get("pattern") == URL_PATTERN:
            return f"{field}: '{value}' is not an http or https address", loc, False
        if ctx.get("pattern") == GRADE_PATTERN:
            return (f"{field}: '{value}' is not a NATO/Admiralty grade: a reliability A-F and a credibility 1-6, "
                    "as in B2", loc, False)
        return (f"{field}: '{value}' is not a valid id: use lower-case letters, digits, '-', '_' or '.', starting "
                "with a letter or digit", loc, False)
    if kind == "value_error":
        return f"{field}: {str(error['msg']).removeprefix('Value error, ')}", loc, False
    if kind == "shorthand_type":
        expected = " or ".join(ctx.get("expected", []))
        return f"{field}: should be {expected}, not {_describe(error.get('input'))}", loc, False
    if kind in ("string_too_short",):
        return f"{field} must not be empty", loc, False
    what = str(error["msg"]).replace("Input should be", "should be")
    return f"{field}: {what}, not {_describe(error.get('input'))}" if field else what, loc, False


def diagnostics_from(error: ValidationError, file: str, prefix: Loc = (), data: Any = None) -> list[Diagnostic]:
    """One diagnostic per validation error, located by data path and naming the node when there is one."""
    found: list[Diagnostic] = []
    for detail in _misspellings(prune_shorthand(error.errors(include_url=False)), data):
        message, loc, at_key = _message(detail)
        loc = (*prefix, *loc)
        diag = Diagnostic(file, "error", "schema", message, loc, node=_node_id(data, loc))
        diag.hint = "key" if at_key else None
        found.append(diag)
    return found


def _value_at(data: Any, loc: Loc) -> Any:
    for step in loc:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return None
    return data


_NODE_FIELDS = frozenset().union(*(cls.model_fields for cls in NODE_CLASSES.values()))


def _misspellings(errors: list[ErrorDetails], data: Any) -> list[ErrorDetails]:
    """One error per misspelt key. A required field reported missing next to an unknown key that resembles it
    (`titel` for `title`) is the same mistake: only the unknown key is kept, with its did-you-mean. A node
    without `kind` but with a key that resembles it (`kindd`) is reported at that key."""
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden" and error["loc"]:
            unknown.setdefault(tuple(error["loc"][:-1]), []).append(str(error["loc"][-1]))
    kept: list[ErrorDetails] = []
    for error in errors:
        raw = tuple(error["loc"])
        if error["type"] == "missing" and raw and any(
                suggest(key, [str(raw[-1])]) for key in unknown.get(raw[:-1], [])):
            continue
        if error["type"] == "union_tag_not_found":
            item = _value_at(data, _data_loc(raw))
            keys = [key for key in item if isinstance(key, str) and key not in _NODE_FIELDS] if isinstance(
                item, dict) else []
            close = [key for key in keys if suggest(key, ["kind"])]
            if close:
                kept.append(ErrorDetails(type="kind_misspelt", loc=(*raw, close[0]), msg="", input=close[0]))
                continue
        kept.append(error)
    return kept


def _node_id(data: Any, loc: Loc) -> str | None:
    if len(loc) >= 2 and loc[0] == "nodes" and isinstance(loc[1], int) and isinstance(data, dict):
        nodes = data.get("nodes")
        if isinstance(nodes, list) and loc[1] < len(nodes) and isinstance(nodes[loc[1]], dict):
            node_id = nodes[loc[1]].get("id")
            return node_id if isinstance(node_id, str) else None
    return None
