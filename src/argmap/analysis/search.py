"""Fuzzy search over a map's nodes: ids, paraphrases, quotes and notes, as the user types.

The index is built once per map (one lower-cased choice per id, text, quote and note). A query is matched first as
a plain substring (ids and word starts rank highest), then, from three characters on, fuzzily with RapidFuzz so
that typos still find their node. A query of several words finds the nodes that match every word (each word in any
of the node's fields, a typo forgiven), ranked by how well the words match, so that "isis seizes" finds
`isis-seizes-mosul` before nodes that share only "isis". Results are one per node, best first, ties in file order.

>>> from argmap.model import ArgMap
>>> amap = ArgMap.model_validate({"title": "t", "nodes": [
...     {"id": "army-fled", "kind": "evidence", "text": "The army fled Mosul."},
...     {"id": "isis-gains", "kind": "forecast", "text": "ISIS will take more towns.", "words": "likely"}]})
>>> [hit.node for hit in SearchIndex(amap).search("mosul")]
['army-fled']
>>> SearchIndex(amap).search("isis-gians")[0].node
'isis-gains'
>>> [hit.node for hit in SearchIndex(amap).search("towns isis")]
['isis-gains']
"""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from argmap.model import ArgMap

#: Fields searched, best first when scores tie.
FIELDS: tuple[str, ...] = ("id", "text", "quote", "note")
FUZZY_FROM = 3
FUZZY_CUTOFF = 72.0
#: How alike (rapidfuzz's partial ratio) a word of a several-word query must be to a field to count as matching.
WORD_CUTOFF = 80.0


@dataclass(frozen=True)
class SearchHit:
    """A node found by a query: its score (0-100), the field that matched and that field's text."""

    node: str
    score: float
    field: str
    snippet: str


class SearchIndex:
    """A precomputed choice list over one map's nodes."""

    def __init__(self, amap: ArgMap) -> None:
        self.choices: list[str] = []
        self.owners: list[tuple[str, str, str]] = []  # node id, field, original text
        self._rank: list[tuple[int, int]] = []  # field rank, node order: the tie-breakers of each choice
        self.order: dict[str, int] = {}
        for index, node in enumerate(amap.by_id.values()):
            self.order[node.id] = index
            entries = [("id", node.id), ("text", node.text)]
            entries += [("quote", quote.text) for quote in node.quotes]
            entries += [("note", node.note)] if node.note else []
            for field_name, text in entries:
                self.choices.append(" ".join(text.lower().split()))
                self.owners.append((node.id, field_name, text))
                self._rank.append((FIELDS.index(field_name), index))

        # One string of every choice, one per line, scanned at C speed; `_starts` maps an offset to its choice.
        self._joined = "\n".join(self.choices)
        self._starts: list[int] = []
        offset = 0
        for text in self.choices:
            self._starts.append(offset)
            offset += len(text) + 1

    def __len__(self) -> int:
        return len(self.order)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """The nodes best matching `query`, at most `limit`, best first. Substring matches come first; typos
        are forgiven (fuzzy matching) when fewer than `limit` nodes contain the query as it is typed. A query of
        one or two letters looks at the first `4 * limit` nodes that contain it, in file order."""
        needle = " ".join(query.lower().split())
        if not needle:
            return []
        owners, rank = self.owners, self._rank
        words = needle.split(" ")
        best = self._substring(needle, limit * 4 if len(needle) < FUZZY_FROM else len(self._starts))
        if len(words) > 1:
            for node, (score, choice) in self._every_word(words, limit).items():
                if node not in best or score > best[node][0]:
                    best[node] = (score, choice)
        elif len(best) < limit and len(needle) >= FUZZY_FROM:
            for _text, fuzzy, choice in process.extract(needle, self.choices, scorer=fuzz.WRatio, processor=None,
                                                        limit=limit * 3, score_cutoff=FUZZY_CUTOFF):
                node = owners[choice][0]
                score = min(float(fuzzy), 89.0)
                if node not in best or score > best[node][0]:
                    best[node] = (score, choice)
        top = heapq.nsmallest(limit, best.values(), key=lambda item: (-item[0], *rank[item[1]]))
        return [SearchHit(owners[choice][0], score, owners[choice][1], owners[choice][2]) for score, choice in top]

    def _substring(self, needle: str, enough: int) -> dict[str, tuple[float, int]]:
        """The nodes with a field holding `needle` as typed (its first `enough`), each with its best score and
        choice: an id scores 100 (equal), 99 (its start) or 97; another field 95 at a word start, else 90."""
        owners, rank, joined, starts = self.owners, self._rank, self._joined, self._starts
        best: dict[str, tuple[float, int]] = {}  # node -> (score, choice)
        found = joined.find(needle)
        while found >= 0 and len(best) < enough:  # the first occurrence in each choice that has one
            choice = bisect.bisect_right(starts, found) - 1
            at = found - starts[choice]
            text = self.choices[choice]
            if rank[choice][0] == 0:  # the id
                score = 100.0 if text == needle else 99.0 if at == 0 else 97.0
            else:
                score = 95.0 if at == 0 or not text[at - 1].isalnum() else 90.0
            node = owners[choice][0]
            if node not in best or score > best[node][0]:
                best[node] = (score, choice)
            found = joined.find(needle, starts[choice] + len(text) + 1) if choice + 1 < len(starts) else -1
        return best

    def _every_word(self, words: list[str], limit: int) -> dict[str, tuple[float, int]]:
        """The nodes matching every one of `words`, scored by the mean of each word's best score (as a substring,
        or fuzzily, below any substring, for a word fewer than `limit` nodes hold as typed), a little below a match
        of the whole query; the choice shown is the one of the best word."""
        owners = self.owners
        per_word: list[dict[str, tuple[float, int]]] = []
        for word in dict.fromkeys(words):
            found = self._substring(word, len(self._starts))
            if len(word) >= FUZZY_FROM and len(found) < limit:  # a typo, or a rare word: forgiven fuzzily
                for _text, fuzzy, choice in process.extract(word, self.choices, scorer=fuzz.partial_ratio,
                                                            processor=None, limit=None, score_cutoff=WORD_CUTOFF):
                    node = owners[choice][0]
                    score = min(float(fuzzy) * 0.85, 85.0)
                    if node not in found or score > found[node][0]:
                        found[node] = (score, choice)
            if not found:
                return {}
            per_word.append(found)
        common = set(per_word[0]).intersection(*per_word[1:])
        result: dict[str, tuple[float, int]] = {}
        for node in common:
            scores = [found[node] for found in per_word]
            mean = sum(score for score, _ in scores) / len(scores)
            result[node] = (mean - 1.0, max(scores, key=lambda item: item[0])[1])
        return result
