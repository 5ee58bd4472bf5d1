"""Relations between nodes."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from argmap.model.base import By, Slug, Strict

RelationType = Literal["supports", "attacks", "undercuts", "condition", "requires"]

#: Each relation type and what it means; the README and `argmap schema` repeat these.
RELATION_TYPES: dict[str, str] = {
    "supports": "the source gives a reason for the target; a premise supports an inference, an inference "
    "supports its conclusion, or (shorthand) one statement supports another",
    "attacks": "the source gives a reason against the target (a rebuttal); an inference may attack its "
    "conclusion, which makes it a con argument",
    "undercuts": "the source denies that an inference's premises bear on its conclusion; the target must be "
    "an inference",
    "condition": "the target, a forecast, is expected only if the source holds (a conditional forecast)",
    "requires": "the target presupposes the source (the event a claim is about): it stands only while the "
    "source stands",
}


class Relation(Strict):
    """A typed, directed link: `source` --type--> `target`."""

    source: Slug
    target: Slug
    type: RelationType
    note: str | None = None
    weight: float | None = Field(None, ge=0, le=1, description="Strength of the link, for gradual semantics.")
    by: By = Field("author", description="Who made the link: the source's author, or the analyst mapping it.")
    drafted: bool = Field(False, description="Proposed by `argmap draft` and not reviewed yet; accepting it in "
                          "the explorer's review removes the mark.")

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of a relation: source, type, target."""
        return (self.source, self.type, self.target)
