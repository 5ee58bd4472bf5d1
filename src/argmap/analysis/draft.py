"""`argmap draft`: a first map made from a text, for the analyst to correct.

The text is cut into units: each line a paragraph, each paragraph into sentences (pysbd, as `argmap coverage`
splits them), each sentence into clauses at a few discourse markers ("but", "because", "although", a semicolon...)
and after a marker of inference ("X may indicate | Y"). Each unit becomes a node quoting it verbatim, with the
kind its cues suggest (`argmap.analysis.draft_cues`). Relations come from the markers:

* "X because Y", "X, given Y", "Because Y, X": Y supports X;
* "X. Therefore Y", "Y is therefore...": X supports Y;
* "X. But/However/Yet Y": Y attacks X, and "Although Y, X" or "X, although Y": Y attacks X. A contrast is not
  always a rebuttal: these are drafted as attacks for the analyst to confirm, retype or remove;
* an inference unit takes the unit before it as its premise and the unit after it as its conclusion (a
  "may indicate" splits the sentence there); with nothing on one side it is drafted as a claim.

Actors are the names (runs of capitalised words) that occur at least twice, declared in the vocabulary, with the
nodes that name them tagged. Every node and relation carries `drafted: true` until the analyst accepts it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from argmap.analysis.coverage import split_sentences
from argmap.analysis.draft_cues import INFERENCE_CUES, KindGuess, find_cue, suggest_kind
from argmap.model.base import is_slug

#: Markers a clause is split before (after a comma, semicolon or dash, or anywhere for the `_ANYWHERE` ones). A
#: "however" between commas is parenthetical ("It is, however, ..."), so it is not one of them.
SPLIT_MARKERS = ("but", "because", "although", "though", "even though", "even if", "whereas", "while", "given",
                 "unless", "yet", "so", "for", "since", "as long as", "and furthermore", "and therefore",
                 "and thus", "and so", "providing", "giving", "where", "which", "who", "and")
#: Markers that open a clause even without a comma before them.
SPLIT_ANYWHERE = ("because", "although", "unless", "whereas", "but")
#: Sentence openers whose clause ends at the first comma ("Although Y, X").
OPENERS = ("although", "though", "even though", "even if", "because", "since", "given", "while", "if", "as long as",
           "granted", "once")
SUPPORT_AFTER = ("because", "since", "given", "for", "as long as")
CONSEQUENCE = ("therefore", "thus", "hence", "consequently", "as a result", "so", "that's why", "that is why",
               "this is why", "and therefore", "and thus", "and so", "accordingly")
CONTRAST = ("but", "however", "yet", "nevertheless", "nonetheless", "still", "on the other hand", "but still")
CONCESSION = ("although", "though", "even though", "even if", "whereas", "while", "granted", "admittedly",
              "of course")
#: Words shorter clauses may not be cut to.
MIN_WORDS = 3
_WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")
_NAME = re.compile(r"(?<![\w’'-])(?:[A-Z][\w’'-]*|al-[A-Z][\w’'-]*)(?:\s+(?:of\s+|al-)?[A-Z][\w’'-]*)*")
_POSSESSIVE = re.compile(r"[’']s$")
#: Capitalised words that are not names when they open a sentence, nor ever as a whole name.
_NOT_NAMES = frozenset(re.split(r"\s+", """a an the this that these those it its in on at of for from with without
by as if when while because but and or so yet however although though there their they them he she his her we our
you your i my many some most several all any each every no not one two three new now then also even after before
since until during despite given already yes still such other another last next first prime minister president
mr mrs ms dr former photo january february march april june july august september october november december monday
tuesday wednesday thursday friday saturday sunday"""))


@dataclass(frozen=True)
class Unit:
    """A unit of the text: its span, the paragraph and sentence it lies in, the marker that opens it (lower case,
    or None) and the suggested kind."""

    start: int
    end: int
    text: str
    paragraph: int
    sentence: int
    marker: str | None
    guess: KindGuess
    opener: bool = False


@dataclass(frozen=True)
class Link:
    """A proposed relation between two units (by index), the marker it comes from."""

    source: int
    target: int
    type: str
    marker: str


@dataclass
class Draft:
    """The units, links and actors drafted from one text."""

    text: str
    units: list[Unit] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    actors: dict[str, str] = field(default_factory=dict)
    unit_actors: dict[int, list[str]] = field(default_factory=dict)

    def kinds(self) -> Counter[str]:
        return Counter(unit.guess.kind for unit in self.units)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _marker_at(text: str, markers: tuple[str, ...]) -> str | None:
    lowered = text.lower()
    for marker in sorted(markers, key=len, reverse=True):
        if lowered.startswith(marker) and not lowered[len(marker):len(marker) + 1].isalnum():
            return marker
    return None


def _cut_points(sentence: str, markers: tuple[str, ...], anywhere: tuple[str, ...]) -> list[int]:
    """Offsets in the sentence where a new clause starts."""
    cuts: set[int] = set()
    for match in re.finditer(r"[;:—–]\s+|,\s+|\s+-\s+|\s+", sentence):
        at = match.end()
        marker = _marker_at(sentence[at:], markers)
        if marker is None and match.group().strip()[:1] in (";", "—", "–"):
            cuts.add(at)  # a semicolon or dash ends a clause whatever follows
            continue
        if marker is None:
            continue
        if match.group().strip() or marker in anywhere:
            cuts.add(at)
    opener = _marker_at(sentence, OPENERS)
    if opener is not None:
        comma = sentence.find(", ")
        if comma > 0:
            cuts.add(comma + 2)
    return sorted(cuts)


def split_clauses(sentence: str, markers: tuple[str, ...] = SPLIT_MARKERS,
                  anywhere: tuple[str, ...] = SPLIT_ANYWHERE) -> list[tuple[int, int]]:
    """Spans of the clauses of one sentence (each at least `MIN_WORDS` words, white space trimmed): cut before the
    `markers` after a comma, semicolon or dash (before the `anywhere` ones without), at a semicolon or dash, at the
    first comma after an opener ("Although Y, X"), and right after a marker of inference ("X may indicate | Y")."""
    cuts = _cut_points(sentence, markers, anywhere)
    cue = find_cue(sentence, INFERENCE_CUES)
    if cue is not None:
        cuts.append(cue.end())
    spans, start = [], 0
    for cut in sorted(set(cuts)):
        if _words(sentence[start:cut]) >= MIN_WORDS and _words(sentence[cut:]) >= MIN_WORDS:
            spans.append((start, cut))
            start = cut
    spans.append((start, len(sentence)))
    trimmed = []
    for a, b in spans:
        piece = sentence[a:b]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            trimmed.append((a + left, a + right))
    return trimmed


def segment(text: str, *, clauses: bool = True) -> list[tuple[int, int, int, int]]:
    """The units of a text: (start, end, paragraph, sentence), in text order; `clauses` False stops at sentences."""
    found = []
    offset, sentence_no = 0, 0
    for paragraph, line in enumerate(text.split("\n")):
        base, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        for start, end in split_sentences(line):
            pieces = split_clauses(line[start:end]) if clauses else [(0, end - start)]
            for a, b in pieces:
                found.append((base + start + a, base + start + b, paragraph, sentence_no))
            sentence_no += 1
    return found


def _names(text: str, units: list[Unit]) -> Counter[str]:
    counts: Counter[str] = Counter()
    starts = {unit.start for unit in units if unit.marker is None}
    for match in _NAME.finditer(text):
        name = _POSSESSIVE.sub("", match.group()).strip()
        words = name.split()
        while words and words[0].lower() in _NOT_NAMES:  # "The Iraqi army" -> "Iraqi army"; "Prime Minister X"
            words = words[1:]
        if not words or (len(words) == 1 and match.start() in starts and words[0].lower() in _NOT_NAMES):
            continue
        name = " ".join(words)
        if len(name) > 1 and not name.isdigit():
            counts[name] += 1
    return counts


def _actor_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("’", "").replace("'", "")).strip("-")
    return slug if slug and is_slug(slug) else "actor"


def _actors(draft: Draft) -> None:
    counts = _names(draft.text, draft.units)
    names = {name for name, count in counts.items() if count >= 2}
    for name in sorted(names, key=lambda n: (-counts[n], n)):
        actor = _actor_id(name)
        if actor not in draft.actors:
            draft.actors[actor] = name
    patterns = {actor: re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])") for actor, name in draft.actors.items()}
    for index, unit in enumerate(draft.units):
        found = [actor for actor, pattern in patterns.items() if pattern.search(unit.text)]
        if found:
            draft.unit_actors[index] = found


_PREMISE, _CONCLUSION = "premise before an inference", "conclusion after an inference"
_AROUND_INFERENCE = (_PREMISE, _CONCLUSION)


def paraphrase(unit: str) -> str:
    """A first paraphrase of a unit: its words without the discourse marker that opens it, capitalised
    ("because the ferry is..." -> "The ferry is..."); the quote keeps the text as it is."""
    marker = _marker_at(unit, (*SPLIT_MARKERS, *CONSEQUENCE, *CONTRAST, *CONCESSION, *OPENERS))
    rest = unit[len(marker):].lstrip(" ,;:") if marker else unit
    if _words(rest) < 2:
        return unit
    return rest[:1].upper() + rest[1:]


def _links(units: list[Unit]) -> list[Link]:
    links: list[Link] = []
    keys: set[tuple[int, int]] = set()

    def link(source: int, target: int, rel_type: str, marker: str) -> None:
        if 0 <= source < len(units) and 0 <= target < len(units) and source != target \
                and (source, target) not in keys and (target, source) not in keys:
            keys.add((source, target))
            links.append(Link(source, target, rel_type, marker))

    for i, unit in enumerate(units):
        marker = unit.marker
        same_before = i > 0 and units[i - 1].sentence == unit.sentence
        same_after = i + 1 < len(units) and units[i + 1].sentence == unit.sentence
        if unit.guess.kind == "inference":
            link(i - 1, i, "supports", _PREMISE)
            link(i, i + 1, "supports", _CONCLUSION)
            continue
        if marker in SUPPORT_AFTER:
            if unit.opener and same_after:
                link(i, i + 1, "supports", marker)
            elif same_before:
                link(i, i - 1, "supports", marker)
        elif marker in CONCESSION:
            if unit.opener and same_after:
                link(i, i + 1, "attacks", marker)
            elif i > 0:
                link(i, i - 1, "attacks", marker)
        elif marker in CONTRAST and i > 0:
            link(i, i - 1, "attacks", marker)
        else:
            consequence = marker if marker in CONSEQUENCE else None
            if consequence is None:
                found = find_cue(unit.text, CONSEQUENCE[:5])
                consequence = found.group().lower() if found is not None else None
            if consequence is not None and i > 0:
                link(i - 1, i, "supports", consequence)
    return links


def _settle_inferences(units: list[Unit], links: list[Link]) -> list[Unit]:
    """An inference with no premise or no conclusion is drafted as a claim (`argmap check` requires both)."""
    settled = []
    for i, unit in enumerate(units):
        if unit.guess.kind == "inference":
            premise = any(link.target == i and link.type == "supports" for link in links)
            conclusion = any(link.source == i for link in links)
            if not (premise and conclusion):
                unit = Unit(unit.start, unit.end, unit.text, unit.paragraph, unit.sentence, unit.marker,
                            KindGuess("claim", unit.guess.reason + ", but nothing on one side: drafted as a claim"),
                            unit.opener)
        settled.append(unit)
    return settled


#: A heading, byline, date line or caption credit: a short line that does not end as a sentence does.
HEADING_WORDS = 12
_SENTENCE_END = tuple(".!?:;\"”’)…")


def heading_lines(text: str) -> list[str]:
    """The lines that read as headings, bylines or date lines (at most `HEADING_WORDS` words, no sentence-final
    punctuation), in text order, each once: drafted into the map's `coverage: exclude`, not as nodes."""
    found: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.endswith(_SENTENCE_END) and _words(stripped) <= HEADING_WORDS \
                and stripped not in found:
            found.append(stripped)
    return found


def draft_text(text: str, *, clauses: bool = True, exclude: frozenset[int] = frozenset()) -> Draft:
    """The draft of a text: its units with their suggested kinds, the links the markers propose, the actors.
    `exclude`: paragraph numbers (0-based lines) to leave out."""
    draft = Draft(text)
    for start, end, paragraph, sentence in segment(text, clauses=clauses):
        if paragraph in exclude:
            continue
        piece = text[start:end]
        marker = _marker_at(piece, (*SPLIT_MARKERS, *CONSEQUENCE, *CONTRAST, *CONCESSION, *OPENERS))
        first_of_sentence = not draft.units or draft.units[-1].sentence != sentence
        opener = first_of_sentence and marker in OPENERS
        draft.units.append(Unit(start, end, piece, paragraph, sentence, marker, suggest_kind(piece), opener))
    draft.links = _links(draft.units)
    draft.units = _settle_inferences(draft.units, draft.links)
    draft.links = [link for link in draft.links if link.marker not in _AROUND_INFERENCE
                   or draft.units[link.target if link.marker == _PREMISE else link.source].guess.kind == "inference"]
    _actors(draft)
    return draft


def slug_for(text: str, taken: set[str]) -> str:
    """A readable id from the first words of `text` that `taken` does not hold yet (added to it)."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    stop = {"the", "a", "an", "of", "and", "to", "in", "on", "that", "this", "is", "are", "was", "were", "it",
            "its", "for", "with", "by", "as", "be", "has", "have", "but", "because"}
    kept = [w for w in words if w not in stop][:5] or words[:5] or ["unit"]
    base = "-".join(kept)[:60].strip("-") or "unit"
    if not is_slug(base):
        base = "unit-" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def draft_nodes(draft: Draft, *, source: str | None = None, taken: set[str] | None = None
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The draft as map data: nodes (quoting their unit, `drafted: true`; `source` names the quotes' source when
    it is not the map's default) and relations. A passage found more than once in the text keeps its offsets, so
    that the quote stands where the unit was. `taken`: ids already in the map."""
    used = set(taken or ())
    ids = [slug_for(unit.text, used) for unit in draft.units]
    nodes = []
    for index, unit in enumerate(draft.units):
        quote: Any = unit.text
        repeated = draft.text.find(unit.text) != unit.start or draft.text.find(unit.text, unit.start + 1) >= 0
        if repeated or source is not None:
            quote = {"text": unit.text, **({"source": source} if source is not None else {})}
            if repeated:
                quote.update(start=unit.start, end=unit.end)
        node: dict[str, Any] = {"id": ids[index], "kind": unit.guess.kind, "text": paraphrase(unit.text),
                                "quotes": [quote]}
        if index in draft.unit_actors:
            node["actors"] = draft.unit_actors[index]
        node["drafted"] = True
        if unit.guess.words is not None:
            node["words"] = unit.guess.words
        nodes.append(node)
    relations = [{"source": ids[link.source], "target": ids[link.target], "type": link.type,
                  "note": f"drafted from '{link.marker}'", "drafted": True} for link in draft.links]
    return nodes, relations
