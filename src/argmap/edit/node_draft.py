"""A node as a form holds it: one text per field, read back into a node and checked field by field.

The explorer's node form is a shell over this module: `draft_of(node)` gives the texts to show,
`read_draft(draft, ...)` turns what the user typed into the node to save, with an error per field (shown as they
type) and the tags, actors and themes that saving will declare.

>>> read_draft({"id": "x", "kind": "claim", "text": "It rains.", "tags": "weather, mood"}, known_ids=set()).node
{'id': 'x', 'kind': 'claim', 'text': 'It rains.', 'tags': ['weather', 'mood']}
>>> read_draft({"id": "x", "kind": "forecast", "text": "Rain.", "probability": "1.5"}, known_ids=set()).errors
{'probability': 'a probability between 0 and 1 (0.7 or 70%)'}
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import ValidationError

from argmap.io.schema_errors import prune_shorthand
from argmap.model import VOCABULARIES
from argmap.model.adapters import NODE_ADAPTER
from argmap.model.base import SLUG_PATTERN
from argmap.model.nodes import Outcome, Scheme

KINDS = ("claim", "evidence", "inference", "forecast")
OUTCOMES: tuple[str, ...] = get_args(Outcome)
SCHEMES: tuple[str, ...] = get_args(Scheme)
_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class FieldSpec:
    """One field of the form: its key (dotted for nested fields), label, how it is typed, and help."""

    name: str
    label: str
    widget: str  # line, area, number, date, choice, list, lines
    help: str = ""
    choices: tuple[str, ...] = ()


_COMMON_HEAD = [
    FieldSpec("id", "id", "line", "a readable slug: lower-case letters, digits, - . _"),
    FieldSpec("kind", "kind", "choice", "", KINDS),
    FieldSpec("text", "text", "area", "a short faithful paraphrase, shown in diagrams"),
    FieldSpec("quotes", "quotes", "lines",
              "verbatim passages, one per line; [source-id] before a passage names its source"),
]
_COMMON_TAIL = [
    FieldSpec("tags", "tags", "list", "comma-separated; new ones are declared on save"),
    FieldSpec("actors", "actors", "list", "comma-separated; new ones are declared on save"),
    FieldSpec("themes", "themes", "list", "comma-separated; new ones are declared on save"),
    FieldSpec("note", "note", "area"),
]
_OWN: dict[str, list[FieldSpec]] = {
    "claim": [FieldSpec("credibility", "credibility", "number", "0 to 1: base score for acceptance")],
    "evidence": [FieldSpec("credibility", "credibility", "number", "0 to 1: how far the report is trusted"),
                 FieldSpec("reported_by", "reported by", "line", "who reports it")],
    "inference": [FieldSpec("scheme", "scheme", "choice", "the type of reasoning", ("", *SCHEMES)),
                  FieldSpec("warrant", "warrant", "area", "the general rule that licenses the step"),
                  FieldSpec("strength", "strength", "number", "0 to 1: how strongly the premises bear on it")],
    "forecast": [
        FieldSpec("words", "words", "line", "the author's words of probability, verbatim (likely, may...)"),
        FieldSpec("probability", "probability", "number", "0 to 1 or a percentage; empty: from the words"),
        FieldSpec("horizon.stated", "horizon", "line", "the author's time frame, in their words"),
        FieldSpec("horizon.resolve_by", "resolve by", "date", "the date by which it is judged: YYYY-MM-DD"),
        FieldSpec("horizon.note", "horizon note", "area", "why that date"),
        FieldSpec("signposts", "signposts", "lines", "what would show it coming, one per line"),
        FieldSpec("resolution.outcome", "outcome", "choice", "what became of it", ("", *OUTCOMES)),
        FieldSpec("resolution.date", "resolved on", "date", "when it was known: YYYY-MM-DD"),
        FieldSpec("resolution.note", "resolution note", "area"),
        FieldSpec("resolution.sources", "resolution sources", "lines", "one per line: title | url | YYYY-MM-DD"),
    ],
}


def fields_for(kind: str) -> list[FieldSpec]:
    """The form's fields for a node kind, in the order they are shown."""
    return [*_COMMON_HEAD, *_OWN.get(kind, []), *_COMMON_TAIL]


_FORM_KEYS = {spec.name.split(".")[0] for kind in KINDS for spec in fields_for(kind)}


@dataclass
class DraftResult:
    """A draft read back: the node (as the file would hold it), errors and notes by field, and the vocabulary
    entries saving will declare."""

    node: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    declare: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def draft_of(node: Mapping[str, Any]) -> dict[str, str]:
    """The text of each form field for a node (as the file holds it)."""
    draft: dict[str, str] = {}
    for spec in fields_for(str(node.get("kind", "claim"))):
        value = _get(node, spec.name)
        if value is None:
            draft[spec.name] = ""
        elif spec.name == "quotes":
            items = value if isinstance(value, list) else [value]
            draft[spec.name] = "\n".join(_quote_line(q) for q in items)
        elif spec.name == "resolution.sources":
            draft[spec.name] = "\n".join(" | ".join(str(s.get(k) or "") for k in ("title", "url", "date")).rstrip(" |")
                                         for s in value if isinstance(s, dict))
        elif spec.widget == "list":
            draft[spec.name] = ", ".join(str(v) for v in value)
        elif spec.name == "signposts":
            draft[spec.name] = "\n".join(_signpost_line(v) for v in value)
        elif spec.widget == "lines":
            draft[spec.name] = "\n".join(str(v) for v in value)
        else:
            draft[spec.name] = str(value)
    return draft


def read_draft(draft: Mapping[str, str], *, original: Mapping[str, Any] | None = None,
               known_ids: Iterable[str] = (), vocabularies: Mapping[str, Iterable[str]] | None = None) -> DraftResult:
    """The node a draft describes, checked. `original`: the node being edited (its quotes keep their source and
    position when their text is unchanged; fields the form does not show are kept); `known_ids`: the other
    nodes' ids; `vocabularies`: the declared tags, actors and themes."""
    kind = draft.get("kind") or str((original or {}).get("kind", "claim"))
    errors: dict[str, str] = {}
    node: dict[str, Any] = {}
    for key, value in (original or {}).items():  # anything the form knows nothing of stays as it was
        if key not in _FORM_KEYS:
            node[key] = value
        elif isinstance(value, dict):  # and so do the sub-fields it does not show (resolution.criteria...)
            shown = {spec.name.split(".", 1)[1] for spec in fields_for(kind) if spec.name.startswith(key + ".")}
            hidden = {k: v for k, v in value.items() if k not in shown}
            if hidden and shown:
                node[key] = hidden
    for spec in fields_for(kind):
        text = draft.get(spec.name, "")
        try:
            value = _read(spec, text, original)
        except ValueError as exc:
            errors[spec.name] = str(exc)
            continue
        if value is not None:
            _put(node, spec.name, value)
    if "resolution" in node and "outcome" not in node["resolution"] \
            and set(node["resolution"]) - {"criteria", "condition_held"}:
        errors["resolution.outcome"] = "choose an outcome, or clear the other resolution fields"
        del node["resolution"]
    node = {"id": node.pop("id", ""), "kind": kind, **{k: v for k, v in node.items() if k != "kind"}}
    if node["id"] and node["id"] != (original or {}).get("id") and node["id"] in set(known_ids):
        errors.setdefault("id", f"another node is already called '{node['id']}'")
    try:
        NODE_ADAPTER.validate_python(node)
    except ValidationError as exc:
        for error in prune_shorthand(exc.errors()):
            name = _field_of(error["loc"], kind)
            errors.setdefault(name, _message(error))
    result = DraftResult(node, errors)
    for vocabulary in VOCABULARIES:
        declared = set((vocabularies or {}).get(vocabulary, ()))
        new = [value for value in node.get(vocabulary, []) if value not in declared and _SLUG.match(value)]
        if new:
            result.notes[vocabulary] = f"new {vocabulary}, declared on save: {', '.join(new)}"
            result.declare += [(vocabulary, value) for value in new]
    return result


def _read(spec: FieldSpec, text: str, original: Mapping[str, Any] | None) -> Any:
    text = text.strip()
    if not text:
        return None
    if spec.widget == "number":
        return _number(text)
    if spec.widget == "date":
        return _date(text)
    if spec.widget == "list":
        return [item for item in re.split(r"[,\s]+", text) if item]
    if spec.name == "quotes":
        return _quotes(text.splitlines(), original)
    if spec.name == "resolution.sources":
        return [_resolution_source(line) for line in text.splitlines() if line.strip()]
    if spec.name == "signposts":
        return _signposts(text.splitlines(), original)
    if spec.widget == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    return text


def _signpost_line(signpost: Any) -> str:
    """A signpost as one line of the form: its text, or what a structured one watches."""
    return str(signpost.get("watch", "")) if isinstance(signpost, dict) else str(signpost)


def _signposts(lines: list[str], original: Mapping[str, Any] | None) -> list[Any]:
    """The signposts of the form's lines; a structured signpost whose line is unchanged keeps its observations."""
    before = {_signpost_line(item): item for item in (original or {}).get("signposts") or []}
    return [before.get(line.strip(), line.strip()) for line in lines if line.strip()]


def _number(text: str) -> float:
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise ValueError("a probability between 0 and 1 (0.7 or 70%)") from None
    if not 0 <= value <= 1:
        raise ValueError("a probability between 0 and 1 (0.7 or 70%)")
    return value


def _date(text: str) -> str:
    """The text of a date (kept as text, as the file has it), once it reads as YYYY-MM-DD."""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError("a date as YYYY-MM-DD, e.g. 2014-06-30") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("a date as YYYY-MM-DD, e.g. 2014-06-30")
    return text


def _quote_line(quote: Any) -> str:
    """A quote as one line of the form: its text, after `[source-id] ` when the quote names its source."""
    if isinstance(quote, str):
        return quote
    text = str(quote.get("text", ""))
    return f"[{quote['source']}] {text}" if quote.get("source") else text


_SOURCE_PREFIX = re.compile(r"^\[(" + SLUG_PATTERN.strip("^$") + r")\]\s*(.*)$")


def _quotes(lines: list[str], original: Mapping[str, Any] | None) -> list[Any]:
    """The quotes of the form's lines (`[source-id] passage` names the source); a quote whose line is unchanged
    stays as it was (its source and position with it)."""
    before = (original or {}).get("quotes") or []
    before = before if isinstance(before, list) else [before]
    by_line = {_quote_line(q): q for q in before}
    quotes: list[Any] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if line in by_line:
            quotes.append(by_line[line])
            continue
        named = _SOURCE_PREFIX.match(line)
        quotes.append({"text": named.group(2), "source": named.group(1)} if named else line)
    return quotes


def _resolution_source(line: str) -> dict[str, Any]:
    parts = [part.strip() for part in line.split("|")]
    source: dict[str, Any] = {"title": parts[0]}
    if len(parts) > 1 and parts[1]:
        source["url"] = parts[1]
    if len(parts) > 2 and parts[2]:
        source["date"] = parts[2]
    return source


def _get(node: Mapping[str, Any], name: str) -> Any:
    value: Any = node
    for step in name.split("."):
        value = value.get(step) if isinstance(value, Mapping) else None
    return value


def _put(node: dict[str, Any], name: str, value: Any) -> None:
    *parents, last = name.split(".")
    target = node
    for step in parents:
        target = target.setdefault(step, {})
    target[last] = value


def _field_of(loc: tuple[Any, ...], kind: str) -> str:
    """The form field a validation error is about: the longest field name its location starts with."""
    steps = [str(step) for step in loc]
    if steps and steps[0] == kind:
        steps = steps[1:]
    names = [spec.name for spec in fields_for(kind)]
    for length in range(len(steps), 0, -1):
        candidate = ".".join(steps[:length])
        if candidate in names:
            return candidate
    return steps[0] if steps else "kind"


def _message(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "string_pattern_mismatch":
        return "lower-case letters, digits, - . _ (starting with a letter or digit)"
    if kind in ("missing", "string_too_short"):
        return "required"
    if kind == "extra_forbidden":
        return f"not a field of this kind of node ({error['loc'][-1]})"
    return str(error.get("msg", "invalid"))
