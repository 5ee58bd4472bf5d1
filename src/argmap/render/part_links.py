"""The links between the parts of an overview, and which of them it draws. Pure (no Graphviz).

A link joins two parts: every relation from a node of one to a node of the other, counted by type. A few dozen
parts of a big map can be joined by hundreds of links (393 between 24 parts at 50,000 synthetic nodes), which,
drawn all, criss-cross the whole picture. The overview draws:

* every part's *line*: the links that carry its conclusion's own relations (a part split off under a conclusion
  bears on that conclusion's part through its head); these rank the layout, each part below (or, left to right,
  left of) the part it bears on;
* each part's `top` strongest links (by relations; ties: the link first met in the view), in or out;
* any link that carries at least `SHARE` of all the relations between parts;
* the strongest link between any two groups of parts the others leave apart (the bridges of a maximum spanning
  forest), so that parts joined by relations are joined in the drawing.

The rest are counted, never dropped silently: the overview's caption says how many links and relations it leaves
out, and each part's own diagram lists its links to the other parts (`part_summary`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from argmap.model import Relation
from argmap.render.options import ALL_LINKS
from argmap.render.parts import Part

#: Each part's strongest links drawn by default (`--overview-links`).
TOP = 1
#: A link with at least this share of all the relations between parts is always drawn.
SHARE = 0.05
#: `--overview-links all`: every link drawn.
ALL = ALL_LINKS


@dataclass(frozen=True)
class Link:
    """The relations from part `source` to part `target`: counts by type (most common first), and whether
    they include a relation of the source part's conclusion (its line)."""

    source: str
    target: str
    types: tuple[tuple[str, int], ...]
    line: bool

    @property
    def total(self) -> int:
        return sum(n for _, n in self.types)

    @property
    def main(self) -> str:
        return self.types[0][0]

    @property
    def text(self) -> str:
        """`12 supports, 3 attacks`."""
        return ", ".join(f"{n} {t}" for t, n in self.types)


def part_links(parts: Sequence[Part], relations: Sequence[Relation]) -> list[Link]:
    """Every link between two parts, in the order of its first relation in the view."""
    part_of = {node_id: part.key for part in parts for node_id in part.nodes}
    heads = {part.head: part.key for part in parts if part.head is not None}
    between: dict[tuple[str, str], Counter[str]] = {}
    lines: set[tuple[str, str]] = set()
    for rel in relations:
        a, b = part_of.get(rel.source), part_of.get(rel.target)
        if a and b and a != b:
            between.setdefault((a, b), Counter())[rel.type] += 1
            if heads.get(rel.source) == a:
                lines.add((a, b))
    return [Link(a, b, tuple(types.most_common()), (a, b) in lines) for (a, b), types in between.items()]


def drawn_links(links: Sequence[Link], top: int = TOP, share: float = SHARE) -> list[bool]:
    """Which links the overview draws (see the module's docstring), one flag per link."""
    if top >= ALL:
        return [True] * len(links)
    total = sum(link.total for link in links)
    drawn = [link.line or (total > 0 and link.total >= share * total) for link in links]
    ends: dict[str, list[int]] = {}
    for index, link in enumerate(links):
        ends.setdefault(link.source, []).append(index)
        ends.setdefault(link.target, []).append(index)
    for indices in ends.values():
        for index in sorted(indices, key=lambda i: (-links[i].total, i))[:top]:
            drawn[index] = True
    joined = Joined(ends)
    for index in sorted(range(len(links)), key=lambda i: (not drawn[i], -links[i].total, i)):
        if joined.join(links[index].source, links[index].target):
            drawn[index] = True
    return drawn


class Joined:
    """Which of `keys` the links seen so far join into one group (disjoint sets, with path halving).

    >>> joined = Joined("abc")
    >>> joined.join("a", "b"), joined.join("b", "a"), joined.find("a") == joined.find("b") != joined.find("c")
    (True, False, True)
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self._group = {key: key for key in keys}

    def find(self, key: str) -> str:
        """The key that stands for `key`'s group."""
        group = self._group
        while group[key] != key:
            group[key] = group[group[key]]
            key = group[key]
        return key

    def join(self, a: str, b: str) -> bool:
        """Put `a`'s group into `b`'s; whether they were apart."""
        first, second = self.find(a), self.find(b)
        if first == second:
            return False
        self._group[first] = second
        return True


def left_out(links: Sequence[Link], drawn: Sequence[bool]) -> tuple[int, int]:
    """How many links the overview leaves out, and how many relations they stand for."""
    hidden = [link for link, shown in zip(links, drawn, strict=True) if not shown]
    return len(hidden), sum(link.total for link in hidden)


def part_summary(key: str, links: Sequence[Link], drawn: Sequence[bool], names: Mapping[str, str],
                 listed: int = 8) -> list[str]:
    """The lines a part's own diagram shows about its links to other parts (`names`: part key -> `part 3 (its
    title)`):
    what it bears on and what bears on it, strongest first, at most `listed` of each, and how many of these
    links the overview leaves out. Empty for a part with no links."""
    out: list[str] = []
    mine = [(link, shown) for link, shown in zip(links, drawn, strict=True) if key in (link.source, link.target)]
    for outgoing, words in ((True, "bears on"), (False, "borne on by")):
        side = sorted((pair for pair in mine if (pair[0].source == key) == outgoing), key=lambda p: -p[0].total)
        if not side:
            continue
        items = [f"{names[link.target if outgoing else link.source]}: {link.text}" for link, _ in side[:listed]]
        rest = side[listed:]
        if rest:
            items.append(f"{len(rest)} more part{'s' if len(rest) != 1 else ''} "
                         f"({sum(link.total for link, _ in rest)} relations)")
        out.append(f"{words} " + "; ".join(items))
    hidden = [link for link, shown in mine if not shown]
    if hidden:
        count = sum(link.total for link in hidden)
        out.append(f"{len(hidden)} of these {len(mine)} links ({count} relation{'s' if count != 1 else ''}) "
                   "are not drawn in the overview")
    return out
