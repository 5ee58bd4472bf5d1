"""The dialogue layer of an AIF nodeset, read for what argmap keeps of it: who said each statement (actors) and
their verbatim words (quotes, with offsets into the source text when it is at hand).

An L-node holds `"Speaker : words"`; a YA-node links it to the I-node (or S-node) the words assert. OVA's text
marks a locution's words with `<span id="node<L nodeID>">`; AIFdb transcripts number their spans apart, so the
words are looked for in the text instead, from where the previous locution's words ended (dialogues repeat).
A nodeset without locutions (AraucariaDB, microtexts) gets quotes where an I-node's text is verbatim in the source.
"""

from __future__ import annotations

from typing import Any, Protocol

from argmap.formats.interop import LooseText, Losses, slug

SOURCE_ID = "text"


def split_locution(text: str) -> tuple[str | None, str]:
    """The speaker and the words of an L-node's text: the speaker stands before the first colon (at most 80
    characters, on one line), the words after it.

    >>> split_locution("KELLY :  Sounds like somebody's a little R-rated")
    ('KELLY', "Sounds like somebody's a little R-rated")
    >>> split_locution("no speaker here"), split_locution("A very long line " * 6 + ": x")[0]
    ((None, 'no speaker here'), None)
    """
    head, colon, rest = text.partition(":")
    words = rest.strip()
    if colon and words:
        speaker = head.strip()
        if 0 < len(speaker) <= 80 and "\n" not in speaker:
            return speaker, words
        if not speaker and head.replace("\n", ""):  # only white space before the colon: an empty speaker
            return "", words
    return None, text.strip()


class _Nodeset(Protocol):
    """What the dialogue layer reads of a nodeset (the AIF reader's indexes)."""

    order: list[str]
    types: dict[str, str]
    ins: dict[str, list[str]]
    outs: dict[str, list[str]]
    locutions: int

    def text(self, key: str) -> str: ...


class Dialogue:
    """The L- and YA-nodes of a nodeset and the source text, if any."""

    def __init__(self, graph: _Nodeset, text: str | None, spans: dict[str, tuple[int, int]],
                 losses: Losses) -> None:
        self.graph = graph
        self.text, self.spans, self.losses = text, spans, losses
        self._loose: LooseText | None = None

    def anchor(self, names: dict[str, str], actors: dict[str, str]) -> dict[str, dict[str, Any]]:
        """Per kept node (by AIF id): its `quotes` and `actors`; the speakers are added to `actors`."""
        found: dict[str, dict[str, Any]] = {}
        graph = self.graph
        types, ins, outs = graph.types, graph.ins, graph.outs
        speakers_seen: dict[str, str] = {}  # a speaker's name: their actor id
        cursor = 0
        missed = unquoted = 0
        text = graph.text
        for key in graph.order:
            if types[key] != "YA" or key not in ins:
                continue
            targets = [end for end in outs[key] if end in names] if key in outs else []
            for locution in ins[key]:
                if types[locution] != "L":
                    continue
                speaker, words = split_locution(text(locution))
                for target in targets:
                    entry = found.setdefault(target, {})
                    if speaker:
                        actor = speakers_seen.get(speaker)
                        if actor is None:
                            actor = speakers_seen[speaker] = slug(speaker, "speaker")
                        actors.setdefault(actor, speaker)
                        if actor not in entry.setdefault("actors", []):
                            entry["actors"].append(actor)
                    if self.text is None:
                        unquoted += 1
                        continue
                    span = self._place(locution, words, cursor)
                    if span is None:
                        missed += 1
                        continue
                    cursor = span[1]
                    self._quote(entry, span)
        if self.text is not None:
            for key in names:  # statements no locution anchors: their own text, where verbatim
                if types.get(key) == "I" and (key not in found or not found[key].get("quotes")):
                    words = " ".join(text(key).split())
                    at = self.text.find(words) if words else -1
                    if at >= 0:
                        self._quote(found.setdefault(key, {}), (at, at + len(words)))
        self.losses.add("locution's words", "not quoted", "no source text beside the nodeset to quote them from",
                        n=unquoted, plural="locutions' words")
        self.losses.add("locution's words", "not found in the source text", "kept as the speaker only",
                        n=missed, plural="locutions' words")
        self.losses.add("locution record", "dropped", "argmap keeps no timestamps or dialogue turns",
                        n=graph.locutions)
        return found

    def _place(self, locution: str, words: str, cursor: int) -> tuple[int, int] | None:
        assert self.text is not None
        span = self.spans.get(f"node{locution}") if self.spans else None
        if span is not None and span[1] > span[0]:
            start, end = span
            while start < end and self.text[start].isspace():
                start += 1
            while end > start and self.text[end - 1].isspace():
                end -= 1
            return (start, end) if end > start else None
        if not words.strip():
            return None
        at = self.text.find(words, cursor)  # verbatim after the previous words, else anywhere, else loosely
        if at < 0 < cursor:  # anywhere else: the first place, which begins before the cursor
            at = self.text.find(words, 0, cursor + len(words) - 1)
        if at >= 0:
            return at, at + len(words)
        if self._loose is None:
            self._loose = LooseText(self.text)
        return self._loose.find(words)

    def _quote(self, entry: dict[str, Any], span: tuple[int, int]) -> None:
        assert self.text is not None
        start, end = span
        words = self.text[start:end]
        quotes = entry.setdefault("quotes", [])
        if words.strip():
            for quote in quotes:  # (a plain loop: most entries have one quote or none)
                if quote["start"] == start:
                    return
            quotes.append({"text": words, "source": SOURCE_ID, "start": start, "end": end})
