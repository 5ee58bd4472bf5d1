"""Fuzzy search over a map's nodes: ids, paraphrases, quotes and notes, as the user types.

The index is built once per map (one lower-cased choice per id, text, quote and note). A query is matched first as
a plain substring (ids and word starts rank highest), then, from three characters on, fuzzily with RapidFuzz so
that typos still find their node. Results are one per node, best first, ties in file order.

>>> from argmap.model import ArgMap
>>> amap = ArgMap.model_validate({"title": "t", "nodes": [
...     {"id": "army-fled", "kind": "evidence", "text": "The army fled Mosul."},
...     {"id": "isis-gains", "kind": "forecast", "text": "ISIS will take more towns.", "words": "likely"}]})
>>> [hit.node for hit in SearchIndex(amap).search("mosul")]
['army-fled']
>>> SearchIndex(amap).search("isis-gians")[0].node
'isis-gains'
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
        owners, rank, joined, starts = self.owners, self._rank, self._joined, self._starts
        best: dict[str, tuple[float, int]] = {}  # node -> (score, choice)
        enough = limit * 4 if len(needle) < FUZZY_FROM else len(starts)  # one or two letters: the first nodes only
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
        if len(best) < limit and len(needle) >= FUZZY_FROM:
            for _text, fuzzy, choice in process.extract(needle, self.choices, scorer=fuzz.WRatio, processor=None,
                                                        limit=limit * 3, score_cutoff=FUZZY_CUTOFF):
                node = owners[choice][0]
                score = min(float(fuzzy), 89.0)
                if node not in best or score > best[node][0]:
                    best[node] = (score, choice)
        top = heapq.nsmallest(limit, best.values(), key=lambda item: (-item[0], *rank[item[1]]))
        return [SearchHit(owners[choice][0], score, owners[choice][1], owners[choice][2]) for score, choice in top]
