"""The analyst's structured techniques, as a map records them: key assumptions, signposts with dated observations,
dated probability updates, graded sources, stated confidence and ACH matrices (Heuer and Pherson's structured
analytic techniques). Pure data: what argmap computes from them lives in `argmap.analysis`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from argmap.model.base import Slug, Strict, Url

AssumptionStatus = Literal["solid", "caveated", "unsupported", "failed"]
ASSUMPTION_STATUSES: tuple[str, ...] = ("solid", "caveated", "unsupported", "failed")

Confidence = Literal["high", "moderate", "low"]
CONFIDENCES: tuple[str, ...] = ("high", "moderate", "low")

Rating = Literal["CC", "C", "N", "I", "II", "NA"]
RATINGS: tuple[str, ...] = ("CC", "C", "N", "I", "II", "NA")

Level = Literal["high", "medium", "low"]
LEVELS: tuple[str, ...] = ("high", "medium", "low")

GRADE_PATTERN = r"^[A-F][1-6]$"
Grade = Annotated[str, StringConstraints(pattern=GRADE_PATTERN)]
"""A NATO/Admiralty grade: the source's reliability A-F and the information's credibility 1-6, as in `B2`."""

PointsTo = Literal["happens", "does-not-happen"]


class Assumption(Strict):
    """A key assumption: the unstated premise an argument needs, with the status a key assumptions check gives it.
    `status` is left optional so that `argmap check` can say what is missing rather than refuse the file."""

    status: AssumptionStatus | None = Field(
        None, description="solid, caveated (true only with caveats), unsupported (no evidence either way) or failed.")
    reason: str | None = Field(None, description="Why it has this status.")
    would_fail_if: str | None = Field(None, description="What would make it wrong (what to watch).")
    assessed: dt.date | None = Field(None, description="When the status was judged (a status in hindsight is later "
                                     "than the source).")


class Observation(Strict):
    """What was seen of a signpost on a date. `date` is optional in the file so that `check` names what is missing."""

    date: dt.date | None = Field(None, description="When it was observed (or looked for and not seen).")
    observed: bool = Field(True, description="Whether the signpost was seen (false: looked for and absent).")
    source: str | None = Field(None, description="Who reports it: a title.")
    url: Url | None = None
    note: str | None = None


class Signpost(Strict):
    """An indicator watched over time: what is watched, which outcome it points to, and dated observations."""

    watch: str = Field(min_length=1, description="What is watched.")
    points_to: PointsTo = Field("happens", description="Seeing it points to the forecast happening, or not.")
    observations: list[Observation] = Field(default_factory=list)


class ProbabilityUpdate(Strict):
    """A dated revision of a forecast's probability (the analyst's, unless `by` says otherwise)."""

    date: dt.date | None = Field(None, description="When the probability was revised.")
    probability: float = Field(ge=0, le=1)
    reason: str | None = None
    source: str | None = Field(None, description="What prompted it: a title.")
    url: Url | None = None
    by: Literal["author", "analyst"] = Field("analyst", description="Who revised it.")


class Hypothesis(Strict):
    """One hypothesis of an ACH group: a node of the map (give only `id`), or a rival the map states only here
    (give `text` too)."""

    id: Slug
    text: str | None = Field(None, min_length=1, description="The hypothesis, when it is not a node of the map.")


class AchItem(Strict):
    """One row of an ACH matrix: an item of evidence (a node, or an item stated here with `text`), its credibility
    and relevance, and its rating against each hypothesis (CC, C, N, I, II, NA; a hypothesis left out is unrated)."""

    item: Slug = Field(description="A node id, or the id of an item given here with `text`.")
    text: str | None = Field(None, min_length=1, description="The item, when it is not a node of the map.")
    credibility: Level = Field("medium", description="How far the item is to be believed (ACH 2.0's credibility).")
    relevance: Level = Field("medium", description="How much it bears on the question (ACH 2.0's relevance).")
    ratings: dict[Slug, Rating] = Field(default_factory=dict, description="Hypothesis id: rating.")
    source: str | None = Field(None, description="Where the item comes from, when it is not a node.")
    note: str | None = None


class HypothesisGroup(Strict):
    """Mutually exclusive hypotheses (rival explanations or alternative futures) and the evidence rated against
    them: one ACH matrix."""

    id: Slug
    title: str = Field(min_length=1)
    description: str | None = None
    hypotheses: list[Hypothesis] = Field(default_factory=list)
    evidence: list[AchItem] = Field(default_factory=list)

    @field_validator("hypotheses", mode="before")
    @classmethod
    def _ids_are_hypotheses(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"id": item} if isinstance(item, str) else item for item in value]
        return value
