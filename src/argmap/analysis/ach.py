"""Analysis of competing hypotheses (Heuer 1999, ch. 8; PARC's ACH 2.0): scores, diagnosticity and sensitivity of
one group of mutually exclusive hypotheses and the evidence rated against them.

**Weighted inconsistency score.** ACH looks for the hypothesis with the least evidence against it, not the most
for it. Each rating counts by how inconsistent it is, and each item by its credibility and relevance, with ACH 2.0's
weights (PARC's technical description: high = √2, medium = 1, low = 1/√2):

    inconsistency(I) = 1, inconsistency(II) = 2, CC, C, N, NA and unrated 0
    score(H) = Σ over items of inconsistency(rating of the item against H) × credibility × relevance

(ACH 2.0 prints the same numbers negated; argmap prints them positive: the lower, the better.) The unweighted count
(`inconsistency`, every weight 1) is Heuer's original score. Hypotheses are ranked by the weighted score, lowest
first; a tie keeps the group's order and shares the rank.

**Diagnosticity.** An item helps only if it discriminates between the hypotheses (Heuer: evidence consistent with
every hypothesis has no diagnostic value). On the scale CC = 2, C = 1, N = 0, I = -1, II = -2 (NA and unrated left
out), an item's diagnosticity is the spread of its ratings, max - min (0 to 4; 0 when fewer than two hypotheses are
rated), times its credibility and relevance weights. This measure is argmap's; ACH 2.0 ranks items the same way in
spirit but does not publish a formula.

**Sensitivity.** For each item, the scores are recomputed without it (the item wrong, or not there): the item
*changes the ranking* when the order of the hypotheses changes, and *changes the leader* when the set of
hypotheses with the lowest score changes. These are the items to check first (Heuer's step 6).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from argmap.analysis.tables import text_table
from argmap.errors import ArgmapError, suggest
from argmap.model import ArgMap, HypothesisGroup

#: ACH 2.0's weights for credibility and relevance.
LEVEL_WEIGHTS: dict[str, float] = {"high": math.sqrt(2), "medium": 1.0, "low": 1 / math.sqrt(2)}
#: How much a rating counts against a hypothesis.
INCONSISTENCY: dict[str, int] = {"CC": 0, "C": 0, "N": 0, "NA": 0, "I": 1, "II": 2}
#: The consistency scale diagnosticity spreads over (NA left out).
SCALE: dict[str, int] = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}


@dataclass
class ItemRow:
    """One item of evidence: its label, weights, ratings (hypothesis id -> rating) and diagnosticity."""

    item: str
    text: str
    node: str | None
    credibility: str
    relevance: str
    ratings: dict[str, str]
    diagnosticity: float = 0.0
    spread: int = 0
    changes_ranking: bool = False
    changes_leader: bool = False

    @property
    def weight(self) -> float:
        return LEVEL_WEIGHTS[self.credibility] * LEVEL_WEIGHTS[self.relevance]


@dataclass
class HypothesisScore:
    """One hypothesis: its weighted and unweighted inconsistency and its rank (1 is the least inconsistent)."""

    id: str
    text: str
    node: str | None
    weighted: float
    inconsistency: int
    rank: int = 0


@dataclass
class AchResult:
    """One ACH matrix computed: hypotheses (in the group's order), items, the ranking and the sensitive items."""

    group: HypothesisGroup
    hypotheses: list[HypothesisScore]
    items: list[ItemRow]
    ranking: list[str] = field(default_factory=list)

    @property
    def leaders(self) -> list[str]:
        return [h.id for h in self.hypotheses if h.rank == 1]

    def sorted_items(self, by: str = "map") -> list[ItemRow]:
        """The items in the group's order, or by diagnosticity (most diagnostic first)."""
        if by == "diagnosticity":
            return sorted(self.items, key=lambda r: -round(r.diagnosticity, 9))
        return list(self.items)

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group.id, "title": self.group.title,
                "hypotheses": [{"id": h.id, "text": h.text, "node": h.node, "weighted_inconsistency":
                                round(h.weighted, 6), "inconsistency": h.inconsistency, "rank": h.rank}
                               for h in self.hypotheses],
                "ranking": self.ranking, "leaders": self.leaders,
                "items": [{"item": r.item, "text": r.text, "node": r.node, "credibility": r.credibility,
                           "relevance": r.relevance, "weight": round(r.weight, 6), "ratings": r.ratings,
                           "diagnosticity": round(r.diagnosticity, 6), "spread": r.spread,
                           "changes_ranking": r.changes_ranking, "changes_leader": r.changes_leader}
                          for r in self.items]}


def scores(group: HypothesisGroup, skip: str | None = None) -> tuple[dict[str, float], dict[str, int]]:
    """Weighted and unweighted inconsistency of each hypothesis, leaving out item `skip`."""
    weighted = {h.id: 0.0 for h in group.hypotheses}
    plain = {h.id: 0 for h in group.hypotheses}
    for item in group.evidence:
        if item.item == skip:
            continue
        w = LEVEL_WEIGHTS[item.credibility] * LEVEL_WEIGHTS[item.relevance]
        for hyp, rating in item.ratings.items():
            if hyp in weighted:
                weighted[hyp] += INCONSISTENCY[rating] * w
                plain[hyp] += INCONSISTENCY[rating]
    return weighted, plain


def _order(group: HypothesisGroup, weighted: dict[str, float]) -> list[str]:
    position = {h.id: i for i, h in enumerate(group.hypotheses)}
    return sorted(weighted, key=lambda h: (round(weighted[h], 9), position[h]))


def _leaders(weighted: dict[str, float]) -> set[str]:
    low = min((round(v, 9) for v in weighted.values()), default=0.0)
    return {h for h, v in weighted.items() if round(v, 9) == low}


def analyse(amap: ArgMap, group: HypothesisGroup) -> AchResult:
    """Scores, ranking, diagnosticity and sensitivity of one group (module docstring)."""
    weighted, plain = scores(group)
    ranking = _order(group, weighted)
    hyps = []
    for h in group.hypotheses:
        node = amap.node(h.id) if h.text is None else None
        hyps.append(HypothesisScore(h.id, h.text or (node.text if node else h.id), node.id if node else None,
                                    weighted[h.id], plain[h.id]))
    rank, previous = 0, None
    by_id = {h.id: h for h in hyps}
    for i, hyp_id in enumerate(ranking):
        value = round(weighted[hyp_id], 9)
        if value != previous:
            rank, previous = i + 1, value
        by_id[hyp_id].rank = rank
    leaders = _leaders(weighted)
    items = []
    for item in group.evidence:
        node = amap.node(item.item) if item.text is None else None
        row = ItemRow(item.item, item.text or (node.text if node else item.item), node.id if node else None,
                      item.credibility, item.relevance, dict(item.ratings))
        values = [SCALE[r] for h, r in item.ratings.items() if r in SCALE and h in weighted]
        row.spread = max(values) - min(values) if len(values) >= 2 else 0
        row.diagnosticity = row.spread * row.weight
        without, _ = scores(group, skip=item.item)
        row.changes_ranking = _order(group, without) != ranking
        row.changes_leader = _leaders(without) != leaders
        items.append(row)
    return AchResult(group, hyps, items, ranking)


def find_group(amap: ArgMap, name: str) -> HypothesisGroup:
    """The ACH group with this id or title; a clear error naming the known ones otherwise."""
    for group in amap.hypotheses:
        if name in (group.id, group.title):
            return group
    ids = [g.id for g in amap.hypotheses]
    if not ids:
        raise ArgmapError(f"the map has no ACH groups (asked for '{name}'); add them under 'hypotheses:'")
    hint = suggest(name, ids).removeprefix("; ")
    raise ArgmapError(f"no ACH group '{name}'" + (f" ({hint})" if hint else "") + f"; the map has: {', '.join(ids)}")


def ach_lines(result: AchResult, *, sort: str = "map") -> list[str]:
    """The matrix as a terminal table (rows evidence, columns hypotheses H1..Hn), the scores, the ranking and the
    items the ranking is sensitive to."""
    group, hyps = result.group, result.hypotheses
    short = {h.id: f"H{i + 1}" for i, h in enumerate(hyps)}
    lines = [f"ACH '{group.id}': {group.title}"]
    if group.description:
        lines.append(f"  {' '.join(group.description.split())}")
    lines.append("")
    lines += [f"  {short[h.id]}  {h.id}" + (f": {h.text}" if h.text != h.id else "") for h in hyps]
    lines.append("")
    rows: list[list[object]] = []
    for r in result.sorted_items(sort):
        mark = "*" if r.changes_leader else ("+" if r.changes_ranking else "")
        rows.append([r.item + mark, r.credibility[0].upper(), r.relevance[0].upper(),
                     *(r.ratings.get(h.id, "·") for h in hyps), f"{r.diagnosticity:.2f}"])
    rows.append(["weighted inconsistency", "", "", *(f"{h.weighted:.2f}" for h in hyps), ""])
    rows.append(["inconsistency (count)", "", "", *(h.inconsistency for h in hyps), ""])
    rows.append(["rank", "", "", *(h.rank for h in hyps), ""])
    lines += text_table(["evidence", "cred", "rel", *(short[h.id] for h in hyps), "diag"], rows,
                        right=list(range(3, 4 + len(hyps))), widths={0: 40})
    lines.append("")
    weights = {h.id: h.weighted for h in hyps}
    order = result.ranking[0] + f" ({weights[result.ranking[0]]:.2f})" if result.ranking else "–"
    for before, hyp in zip(result.ranking, result.ranking[1:], strict=False):
        sign = "=" if round(weights[hyp], 9) == round(weights[before], 9) else "<"
        order += f" {sign} {hyp} ({weights[hyp]:.2f})"
    lines.append(f"Least inconsistent first: {order}")
    leader_items = [r.item for r in result.items if r.changes_leader]
    ranking_items = [r.item for r in result.items if r.changes_ranking and not r.changes_leader]
    lines.append("Without one item the leader changes (*): " + (", ".join(leader_items) or "none") + ".")
    lines.append("Without one item the order changes (+): " + (", ".join(ranking_items) or "none") + ".")
    lines.append("Ratings: CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent, NA not "
                 "applicable, · unrated; cred/rel H, M, L weigh √2, 1, 1/√2; I counts 1, II 2.")
    return lines
