"""What importers and exporters of other tools' formats share: the losses they report, what they return, and the
helpers that turn foreign ids and texts into a valid map.

An importer reads a file of another tool into an `Imported`: the map as argmap data (validated into an `ArgMap`
by `Imported.build`), the source texts it found, and its `Losses`. An exporter writes a loaded map into an
`Exported`: the bytes and the losses. Losses are counted per kind, so a user reads "12 locutions dropped: argmap
keeps no dialogue layer" once, not twelve times; nothing a format cannot carry is ever dropped without one.
Bad input raises `ArgmapError` with one line naming the file (and line and column where the format has lines).
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from argmap.errors import ArgmapError
from argmap.io.canonical import dump_yaml
from argmap.io.document import MapDocument
from argmap.io.quotes import _TYPOGRAPHIC as TYPOGRAPHIC  # the folding loose quotes get
from argmap.io.quotes import Normalised
from argmap.memory import collector_paused
from argmap.model import TOP_ORDER, ArgMap


@dataclass(frozen=True)
class Loss:
    """One kind of loss and how often it happened: `"12 locutions dropped: argmap keeps no dialogue layer"`."""

    kind: str
    count: int
    what: str
    why: str

    @property
    def message(self) -> str:
        """The warning a user reads."""
        return f"{self.count} {self.what}: {self.why}"

    def to_dict(self) -> dict[str, Any]:
        """For `--format json` and summary tables."""
        return {"kind": self.kind, "count": self.count, "message": self.message}


class Losses:
    """A tally of losses, one entry per kind in the order first seen.

    >>> losses = Losses()
    >>> losses.add("locution", "dropped", "argmap keeps no dialogue layer", n=12)
    >>> losses.add("ta-node", "dropped", "argmap keeps no dialogue transitions", plural="ta-nodes")
    >>> [loss.message for loss in losses.report()]
    ['12 locutions dropped: argmap keeps no dialogue layer', '1 ta-node dropped: argmap keeps no dialogue transitions']
    """

    def __init__(self) -> None:
        self._counts: dict[str, list[Any]] = {}

    def add(self, noun: str, verb: str, why: str, *, n: int = 1, plural: str | None = None) -> None:
        """Count `n` losses of the kind (`noun`, `verb`); `plural` when the noun does not take an `s`."""
        if n <= 0:
            return
        entry = self._counts.setdefault(f"{noun} {verb}", [0, noun, plural or noun + "s", verb, why])
        entry[0] += n

    def report(self) -> list[Loss]:
        """The losses, one per kind."""
        return [Loss(kind, count, f"{noun if count == 1 else plural} {verb}", why)
                for kind, (count, noun, plural, verb, why) in self._counts.items()]

    def __bool__(self) -> bool:
        return bool(self._counts)


@dataclass
class Imported:
    """What an importer returns. `data` is the map as argmap's authoring data (`title`, `sources`, `nodes`,
    `relations`...); `texts` holds a source's plain text by source id when the input carries it (OVA's text, an
    HTML transcript stripped of its markup) and `argmap import` writes it beside the map; a source whose text is a
    file already (a microtext's `.txt`) gets an absolute `path` instead, which `argmap import` makes relative."""

    data: dict[str, Any]
    losses: list[Loss] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    format: str = ""

    def build(self, path: Path) -> ArgMap:
        """The validated map (an importer's bug, not the user's input, if it does not validate)."""
        try:
            with collector_paused():  # a map's objects are made in bulk and hold no cycles
                return ArgMap.model_validate(self.data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ArgmapError(f"{path}: argmap could not build a valid map from this {self.format} file "
                              f"({where}: {first['msg']})") from None


@dataclass
class Exported:
    """What an exporter returns: the file's bytes and what the format could not carry."""

    data: bytes
    losses: list[Loss] = field(default_factory=list)


class Importer(Protocol):
    """Reads a file of another tool (or `text` standing for its content) into an `Imported`; bad input raises a
    one-line `ArgmapError`."""

    def __call__(self, path: Path, *, text: str | None = None) -> Imported: ...


class Exporter(Protocol):
    """Writes a fully loaded map into another tool's format, with what it loses. `capture_stderr`, as for the
    registry's writers, says whether Graphviz's messages may be kept off the process's standard error stream."""

    def __call__(self, doc: MapDocument, options: dict[str, Any], *, capture_stderr: bool = True) -> Exported: ...


class Sniffer(Protocol):
    """Whether the head of a file (its first few kilobytes, decoded) looks like this format."""

    def __call__(self, head: str) -> bool: ...


# -- helpers shared by the importers --------------------------------------------------------------------------------

#: The map's own fields beyond its nodes and relations (title, sources, vocabularies, scenarios, ACH groups...): a
#: format with no place for them carries them in its extension, so a round trip keeps them. Derived from the model,
#: so a field added to the format travels too.
MAP_EXTRAS: tuple[str, ...] = tuple(key for key in TOP_ORDER if key not in ("argmap", "nodes", "relations"))

#: for `_slug_of`: a byte of [a-z0-9] kept, of [A-Z] made lower case, any other made a dash
_SLUG_BYTES = bytes(ord(chr(code).lower()) if chr(code).lower() in "abcdefghijklmnopqrstuvwxyz0123456789" and code < 128
                    else 45 for code in range(256))


def slug(text: str, fallback: str = "n", limit: int = 40) -> str:
    """A readable id made of `text`: lower case, ASCII, dashes. Only the head of a long text is looked at (when
    it gives enough of the id), and only text that is not ASCII is decomposed.

    >>> slug("Participant Rachel"), slug("Ünïcode — 42"), slug("!!"), slug("a" * 500 + "!") == "a" * 40
    ('participant-rachel', 'unicode-42', 'n', True)
    """
    head = text[:3 * limit // 2]  # some 50 characters of id in English: the whole text only if fewer than limit
    value = _slug_of(head)
    if len(value) <= limit and len(head) < len(text):  # the head gave too little: the whole text decides
        value = _slug_of(text)
    return value[:limit].strip("-") or fallback


def _slug_of(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    # every run of what is not [a-z0-9] one dash, the ends none: as bytes, a table of 256 and `replace` do it
    # several times faster than a pattern (or `str.translate`, which looks each character up in a dict); most
    # texts have no two such characters in a row but a space after a comma or full stop
    value = text.encode("ascii").translate(_SLUG_BYTES)
    while b"--" in value:
        value = value.replace(b"--", b"-")
    return value.strip(b"-").decode("ascii")


#: `_SLUG_BYTES` with NUL kept: the separator of the texts `slugs` translates together
_SLUG_BYTES_NUL = b"\x00" + _SLUG_BYTES[1:]


def slugs(texts: list[str], fallback: str = "n", limit: int = 40) -> list[str]:
    """`slug` of each text, made together (one encode, translate and fold for all): a nodeset's thousands of
    statements get their ids at a fraction of the cost of one call each.

    >>> slugs(["Participant Rachel", "Ünïcode — 42", "!!", "a" * 70 + " b"], "s")
    ['participant-rachel', 'unicode-42', 's', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']
    """
    span = 3 * limit // 2
    heads = [text[:span] for text in texts]
    joined = "\x00".join(heads)
    if joined.count("\x00") != len(heads) - 1:  # a text holds the separator: one at a time
        return [slug(text, fallback, limit) for text in texts]
    if not joined.isascii():
        joined = "\x00".join([head if head.isascii() else
                              unicodedata.normalize("NFKD", head).encode("ascii", "ignore").decode()
                              for head in heads])
    value = joined.encode("ascii").translate(_SLUG_BYTES_NUL)
    while b"--" in value:
        value = value.replace(b"--", b"-")
    value = value.replace(b"-\x00", b"\x00").replace(b"\x00-", b"\x00").strip(b"-")
    parts = value.decode("ascii").split("\x00")
    made = [part[:limit].rstrip("-") or fallback for part in parts]
    for index, text in enumerate(texts):
        if len(text) > span and len(parts[index]) <= limit:  # the head gave too little: the whole text decides
            made[index] = slug(text, fallback, limit)
    return made


def folded(values: list[Any]) -> list[str]:
    """Each value as text with its white space folded (`node_text` without the fallback: empty stays empty), all
    folded together by one split and join (the separator, NUL, is no white space to `str.split`).

    >>> folded(["a  b", "c"]), folded([" a\\n b ", None, 7, " "])
    (['a b', 'c'], ['a b', '', '7', ''])
    """
    texts = values if set(map(type, values)) <= {str} else \
        [value if value.__class__ is str else str(value or "") for value in values]
    joined = "\x00".join(texts)
    if not texts or joined.count("\x00") != len(texts) - 1:  # none, or a text holds the separator
        return [" ".join(text.split()) for text in texts]
    return " ".join(joined.split()).replace(" \x00", "\x00").replace("\x00 ", "\x00").split("\x00")


class Ids:
    """Unique slugs, for nodes or vocabularies: the same wish twice gets `-2`, `-3`..."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def new(self, wish: str) -> str:
        """A fresh id close to `wish` (which must already be a slug); linear however often a wish repeats."""
        candidate, n = wish, self._next.get(wish, 1)
        while candidate in self._taken:
            n += 1
            candidate = f"{wish}-{n}"
        self._next[wish] = n
        self._taken.add(candidate)
        return candidate


class LooseText:
    """A source text folded once for finding quotes that are not verbatim in it, as `argmap.io.quotes.locate`
    finds them (typographic marks made plain, white space collapsed, the first place), with the folding done by
    `str` and `re` over the whole text rather than character by character.

    >>> loose = LooseText("He said \u201cno\u201d.  Then\\n left.")
    >>> start, end = loose.find('said "no". Then left')
    >>> loose.text[start:end]
    'said \u201cno\u201d.  Then\\n left'
    >>> loose.find("absent") is None
    True
    """

    def __init__(self, text: str) -> None:
        self.text = text
        translated = _plain(text)
        self._slow: Normalised | None = None
        if len(translated) != len(text) or _WIDE_FOLD:  # a mark dropped or widened: offsets move everywhere
            self._slow = Normalised(text)
            return
        self._translated = translated
        self._folded: str | None = None  # folded on the first quote whose every word the text has

    def _fold(self) -> str:
        translated = self._translated
        body = translated.lstrip()
        self._lead = len(translated) - len(body)
        folded = self._folded = " ".join(body.split())  # white space runs made one space (a trailing one goes)
        # where collapsing moved the offsets: per run of two or more spaces, its place in the folded text and
        # how many characters it lost (summed over it and the runs before)
        self._runs: list[int] = []
        self._lost: list[int] = []
        lost = 0
        for start, end in _space_runs(body):
            self._runs.append(start - lost)
            lost += end - start - 1
            self._lost.append(lost)
        return folded

    def find(self, quote: str) -> tuple[int, int] | None:
        """The start and end of the first place `quote` stands loosely, or None."""
        loose = " ".join(_plain(quote).split())  # `fold`, with `_plain`'s shortcut
        if not loose:
            return None
        if self._slow is not None:
            found = self._slow.text.find(loose)
            if found < 0:
                return None
            return self._slow.index[found], self._slow.index[found + len(loose) - 1] + 1
        folded = self._folded
        if folded is None:
            # a word of the quote (no white space in it) the text lacks is in no word of the folded text either:
            # the quote is not there, and the text need not be folded to know it
            for word in loose.split(" "):
                if word not in self._translated:
                    return None
            folded = self._fold()
        found = folded.find(loose)
        if found < 0:
            return None
        return self._offset(found), self._offset(found + len(loose) - 1) + 1

    def _offset(self, folded: int) -> int:
        """The offset in the text of the character at `folded` in the folded text (not a collapsed space)."""
        runs = bisect.bisect_left(self._runs, folded)
        return folded + self._lead + (self._lost[runs - 1] if runs else 0)


_RUN = re.compile(r"\s\s+")
#: an ASCII character made a space if it is white space (as `\s` and `str.split` take it), else an `x`
_SPACE_OR_X = bytes(32 if chr(code).isspace() else 120 for code in range(128)) + b"x" * 128


def _space_runs(text: str) -> Iterator[tuple[int, int]]:
    """Start and end of each run of two or more white space characters, as `_RUN` finds them. On ASCII text the
    runs are found by `bytes.find` on a copy with white space made spaces (the pattern tries every position)."""
    if not text.isascii():
        for run in _RUN.finditer(text):
            yield run.start(), run.end()
        return
    marked = text.encode("ascii").translate(_SPACE_OR_X)
    at = marked.find(b"  ")
    while at >= 0:
        end = marked.find(b"x", at + 2)
        if end < 0:
            yield at, len(marked)
            return
        yield at, end
        at = marked.find(b"  ", end)
#: each character the folding changes and what it becomes (none becomes another's mark)
_MARKS = tuple((chr(code), value if isinstance(value, str) else chr(value) if isinstance(value, int) else "")
               for code, value in TYPOGRAPHIC.items())


def _plain(text: str) -> str:
    """`text` with its typographic marks made plain, as `text.translate(TYPOGRAPHIC)` makes them. `translate` looks
    every character up in the table; a search and a replace per mark run in C (and a mark wider than every
    character of the text is not even searched for)."""
    for mark, plain in _MARKS:
        if mark in text:
            text = text.replace(mark, plain)
    return text


#: whether the folding maps a character to several (or white space to something else): offsets cannot be derived
_WIDE_FOLD = any(isinstance(value, str) and (len(value) > 1 or (value and value.isspace() != chr(code).isspace()))
                 for code, value in TYPOGRAPHIC.items())


def node_text(text: object, fallback: str) -> str:
    """A node's `text`: the foreign text with white space folded, or `fallback` when it is empty."""
    value = " ".join(str(text or "").split())
    return value or fallback


@dataclass
class Converted:
    """An imported map ready to write: the map, its canonical YAML, the source texts to write beside it (path and
    text), and the importer's losses."""

    map: ArgMap
    yaml: str
    texts: dict[Path, str]
    losses: list[Loss]


def materialise(imported: Imported, source: Path, output: Path) -> Converted:
    """Place an import at `output`: each text the input carried goes to `<output stem>.<source id>.txt` beside
    it, every source path is made relative to the output's folder, and the map is written as canonical YAML with
    the quotes' offsets (so a passage said twice stays anchored where the input put it)."""
    data = dict(imported.data)
    texts: dict[Path, str] = {}
    sources = []
    for entry in data.get("sources", []):
        entry = dict(entry)
        if entry["id"] in imported.texts:
            file = output.with_name(f"{output.stem}.{entry['id']}.txt")
            texts[file] = imported.texts[entry["id"]]
            entry["path"] = file.name
        elif entry.get("path") and Path(entry["path"]).is_absolute():
            entry["path"] = _relative(Path(entry["path"]), output.parent)
        sources.append(entry)
    if sources:
        data["sources"] = sources
    amap = Imported(data, imported.losses, format=imported.format).build(source)
    return Converted(amap, dump_yaml(amap, offsets=True), texts, imported.losses)


def exported_sources(doc: MapDocument, sources: list[Any], options: dict[str, Any]) -> list[Any]:
    """A map's `sources` as an export writes them: each local `path` (relative to the map file) made relative to
    the exported file (`options["output"]`, as `argmap export -o` gives it), or absolute when there is no output
    file or no relative way there (another drive), so the export reads elsewhere without `source-missing`."""
    output = options.get("output")
    folder = Path(str(output)).parent if output and output != "-" else None
    result = []
    for entry in sources:
        if isinstance(entry, dict) and isinstance(entry.get("path"), str) and not Path(entry["path"]).is_absolute():
            target = (doc.path.parent / entry["path"]).resolve()
            entry = {**entry, "path": _relative(target, folder) if folder is not None else target.as_posix()}
        result.append(entry)
    return result


def imported_sources(sources: list[Any], path: Path) -> list[Any]:
    """Sources read from an export: a relative `path` is relative to the exported file, so it is made absolute
    (where the file is) for `materialise` to make relative to the map it writes."""
    result = []
    for entry in sources:
        if isinstance(entry, dict) and isinstance(entry.get("path"), str) and entry["path"] \
                and not Path(entry["path"]).is_absolute():
            local = path.parent / entry["path"]
            if local.is_file():
                entry = {**entry, "path": str(local.resolve())}
        result.append(entry)
    return result


def _relative(target: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive
        return target.as_posix()
