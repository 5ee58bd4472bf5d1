"""Ids proposed for new nodes: the slug of the first significant words of the text, unique in the map.

>>> proposed_id("ISIS seizes Mosul, Iraq's second city", {"isis-seizes-mosul-iraq"})
'isis-seizes-mosul-iraq-2'
>>> proposed_id("The army will not fight for the city.", set())
'army-not-fight-city'
>>> proposed_id("", set(), "claim")
'claim'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

#: Words an id can do without (articles, auxiliaries, prepositions, conjunctions).
_STOP = """
a an the of to in on at by for from with into onto over under about as and or but nor so than then that this these
those is are was were be been being am will would shall should can could may might must do does did has have had
it its it's their there they them he she his her we our you your i s which who whom whose what when where while
"""
STOP_WORDS = frozenset(_STOP.split())
#: How many significant words an id is made of.
ID_WORDS = 4


def proposed_id(text: str, taken: Collection[str], fallback: str = "node") -> str:
    """A slug of the first `ID_WORDS` significant words of `text` (all its words when every one is a stop word;
    `fallback` when it has none), with `-2`, `-3`... when the map has it already."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", plain)
    significant = [w for w in words if w not in STOP_WORDS and w.split("'")[0] not in STOP_WORDS]
    chosen = [w[:-2] if w.endswith("'s") else w.replace("'", "") for w in (significant or words)[:ID_WORDS]]
    base = "-".join(chosen) or fallback
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)
