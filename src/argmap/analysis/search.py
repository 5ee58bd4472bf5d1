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
        self.order: dict[str, int] = {}
        for index, node in enumerate(amap.by_id.values()):
            self.order[node.id] = index
            entries = [("id", node.id), ("text", node.text)]
            entries += [("quote", quote.text) for quote in node.quotes]
            entries += [("note", node.note)] if node.note else []
            for field_name, text in entries:
                self.choices.append(" ".join(text.lower().split()))
                self.owners.append((node.id, field_name, text))

    def __len__(self) -> int:
        return len(self.order)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """The nodes best matching `query`, at most `limit`, best first."""
        needle = " ".join(query.lower().split())
        if not needle:
            return []
        best: dict[str, tuple[float, int]] = {}  # node -> (score, choice index)

        def offer(choice: int, score: float) -> None:
            node = self.owners[choice][0]
            if node not in best or score > best[node][0]:
                best[node] = (score, choice)

        for choice, text in enumerate(self.choices):
            at = text.find(needle)
            if at < 0:
                continue
            if self.owners[choice][1] == "id":
                score = 100.0 if text == needle else 99.0 if at == 0 else 97.0
            else:
                score = 95.0 if at == 0 or not text[at - 1].isalnum() else 90.0
            offer(choice, score)
        if len(needle) >= FUZZY_FROM:
            for _text, score, choice in process.extract(needle, self.choices, scorer=fuzz.WRatio, processor=None,
                                                        limit=limit * 3, score_cutoff=FUZZY_CUTOFF):
                offer(choice, min(float(score), 89.0))
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], FIELDS.index(self.owners[item[1][1]][1]),
                                                         self.order[item[0]]))
        hits = []
        for node, (score, choice) in ranked[:limit]:
            _node, field_name, text = self.owners[choice]
            hits.append(SearchHit(node, score, field_name, text))
        return hits
