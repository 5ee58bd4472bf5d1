"""Nodes of an argument map: claims, evidence, inferences and forecasts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, GetCoreSchemaHandler, model_validator
from pydantic_core import CoreSchema, core_schema

from argmap.model.base import By, Slug, Strict, Url
from argmap.model.techniques import Assumption, Confidence, Grade, ProbabilityUpdate, Signpost
from argmap.model.wep import band_for

NodeKind = Literal["claim", "evidence", "inference", "forecast"]
NODE_KINDS: tuple[str, ...] = ("claim", "evidence", "inference", "forecast")
STATEMENT_KINDS: tuple[str, ...] = ("claim", "evidence", "forecast")

Outcome = Literal["happened", "partly", "did-not-happen", "unclear"]
OUTCOMES: tuple[str, ...] = ("happened", "partly", "did-not-happen", "unclear")

#: Argumentation schemes an inference may name as its warrant's type (Walton's, shortened). Free text
#: is refused so that maps stay comparable; `other` plus a warrant covers the rest.
Scheme = Literal[
    "abduction", "causal", "analogy", "authority", "sign", "example", "consequences", "generalisation",
    "practical", "deduction", "precedent", "other",
]
SCHEMES: tuple[str, ...] = (
    "abduction", "causal", "analogy", "authority", "sign", "example", "consequences", "generalisation",
    "practical", "deduction", "precedent", "other",
)


class Quote(Strict):
    """A verbatim passage of a source. `start` and `end` are character offsets, filled in when the map is
    loaded (and, when given in the file, used to choose between several occurrences of the same words)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    text: str = Field(min_length=1, description="The passage, exactly as the source has it.")
    source: Slug | None = Field(None, description="Source id; may be left out when the map has one source.")
    start: int | None = Field(None, ge=0, description="Offset of the first character in the source text.")
    end: int | None = Field(None, ge=0, description="Offset just past the last character.")


#: Tags of the shorthand branches below, and what each accepts. `argmap.io.schema_errors` keeps only the errors of
#: the branch that fits the value's type, so a mistake reads as one message. A colon keeps them apart from any id
#: or key a map may use.
SHORTHAND_TAGS: dict[str, str] = {
    "quote:mapping": "a mapping {text, source}", "quote:text": "the passage as text",
    "quotes:list": "a list of quotes", "quotes:text": "one passage as text",
}


def _quote_of(text: str) -> Quote:
    return Quote(text=text)


def _quotes_of(text: str) -> list[Quote]:
    return [Quote(text=text)]


class _PassageOrText:
    """A quote given as `{text, source, ...}` or, when the map has one source, as the bare passage. Both branches
    run inside pydantic-core: Python is called only for the string form, not once per node."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        text = core_schema.no_info_after_validator_function(_quote_of, core_schema.str_schema(min_length=1))
        return core_schema.union_schema([(handler(source), "quote:mapping"), (text, "quote:text")],
                                        mode="left_to_right")


class _ListOrOne:
    """`quotes:` as a list, or a single passage written as a string."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        one = core_schema.no_info_after_validator_function(_quotes_of, core_schema.str_schema(min_length=1))
        return core_schema.union_schema([(handler(source), "quotes:list"), (one, "quotes:text")],
                                        mode="left_to_right")


QuoteIn = Annotated[Quote, _PassageOrText, Field(description="A passage, as a string or {text, source}.")]


class ResolutionSource(Strict):
    """A public source that records what happened."""

    title: str = Field(min_length=1)
    url: Url | None = None
    date: dt.date | None = None


class Resolution(Strict):
    """What became of a forecast."""

    outcome: Outcome | None = Field(
        None, description="What happened; left out while the forecast is open (criteria may be written before).")
    date: dt.date | None = Field(None, description="When the outcome was known or happened.")
    note: str | None = None
    criteria: str | None = Field(None, description="What counts as happening, written before resolving.")
    condition_held: bool | None = Field(
        None, description="For a conditional forecast: whether its condition came true (scoring voids it if not).")
    sources: list[ResolutionSource] = Field(default_factory=list)


class Horizon(Strict):
    """When a forecast is due. Authors rarely say: `stated` keeps their words (or stays empty), `resolve_by`
    is the date used to resolve it."""

    stated: str | None = Field(None, description="The author's own words for the time frame, if any.")
    resolve_by: dt.date | None = Field(None, description="The date by which the forecast is judged.")
    note: str | None = None


class NodeBase(Strict):
    """Fields every node has."""

    id: Slug
    kind: NodeKind
    text: str = Field(min_length=1, description="A short faithful paraphrase, shown in diagrams.")
    quotes: Annotated[list[QuoteIn], _ListOrOne] = Field(default_factory=list)
    tags: list[Slug] = Field(default_factory=list)
    actors: list[Slug] = Field(default_factory=list)
    themes: list[Slug] = Field(default_factory=list)
    note: str | None = None
    by: By = Field("author", description="Who made the node: the source's author, or the analyst mapping it.")
    silence: dict[str, Annotated[str, Field(min_length=1)]] = Field(
        default_factory=dict, description="Check rules silenced for this node: rule id and the reason.")
    drafted: bool = Field(False, description="Proposed by `argmap draft` and not reviewed yet; accepting the node "
                          "in the explorer's review removes the mark.")


class Claim(NodeBase):
    """An assertion or judgement of the author."""

    kind: Literal["claim"] = "claim"
    credibility: float | None = Field(None, ge=0, le=1, description="Base score for acceptance.")
    probability: float | None = Field(None, ge=0, le=1, description="Its probability (an assumption's "
                                      "plausibility), apart from the argument's strength.")
    assumption: Assumption | None = Field(None, description="Marks a key assumption, with its status.")
    confidence: Confidence | None = Field(None, description="The analyst's confidence in the judgement (ICD 203), "
                                          "apart from its likelihood.")


class Evidence(NodeBase):
    """A reported fact or event."""

    kind: Literal["evidence"] = "evidence"
    credibility: float | None = Field(None, ge=0, le=1, description="How far the report is to be trusted.")
    reported_by: str | None = Field(None, description="Who reports it, when the author relays a report.")
    probability: float | None = Field(None, ge=0, le=1, description="Probability that the report is true.")
    grade: Grade | None = Field(None, description="NATO/Admiralty grade: source reliability A-F, information "
                                "credibility 1-6 (`B2`); sets the base score when `credibility` is not given.")


class Inference(NodeBase):
    """A reasoning step from premises (nodes that `supports` it) to a conclusion (the node it `supports` or
    `attacks`). Its warrant is the general rule that licenses the step; `undercuts` attack it."""

    kind: Literal["inference"] = "inference"
    scheme: Scheme | None = Field(None, description="The type of reasoning.")
    warrant: str | None = Field(None, description="The rule that licenses the step, in words.")
    strength: float | None = Field(None, ge=0, le=1, description="How strongly the premises bear on it.")
    assumption: Assumption | None = Field(None, description="Marks its warrant as a key assumption, with its status.")


class Forecast(NodeBase):
    """A statement about the future, with the author's hedge, a probability, a horizon and a resolution."""

    kind: Literal["forecast"] = "forecast"
    words: str | None = Field(None, description="The author's words of estimative probability, verbatim.")
    probability: float | None = Field(None, ge=0, le=1)
    probability_basis: Literal["stated", "scale"] = Field(
        "stated", description="'scale' when the probability was derived from `words` (not written in files)."
    )
    probability_if_not: float | None = Field(
        None, ge=0, le=1, description="For a conditional forecast, P(forecast | its condition fails); "
        "`probability` is then P(forecast | condition).")
    group: Slug | None = Field(None, description="Forecasts of one group track one variable and are scored once.")
    horizon: Horizon | None = None
    signposts: list[str | Signpost] = Field(
        default_factory=list, description="Indicators that would show it coming: a text, or {watch, points_to, "
        "observations}.")
    resolution: Resolution | None = None
    updates: list[ProbabilityUpdate] = Field(default_factory=list, description="Dated revisions of the probability.")
    confidence: Confidence | None = Field(None, description="The analyst's confidence (ICD 203), apart from "
                                          "likelihood.")

    @model_validator(mode="after")
    def _derive_probability(self) -> Forecast:
        if self.probability_basis == "scale" or self.probability is None:
            band = band_for(self.words) if self.words else None
            derived = band.point if band else None
            if derived is not None:
                object.__setattr__(self, "probability", derived)
                object.__setattr__(self, "probability_basis", "scale")
            elif self.probability_basis == "scale":
                object.__setattr__(self, "probability", None)
                object.__setattr__(self, "probability_basis", "stated")
        return self

    @property
    def assessed(self) -> bool:
        """False when the probability comes from words that only state a possibility ("may", "could")."""
        if self.probability_basis != "scale" or not self.words:
            return True
        band = band_for(self.words)
        return band is None or band.assessed


Node = Annotated[Claim | Evidence | Inference | Forecast, Field(discriminator="kind")]
NODE_CLASSES: dict[str, type[NodeBase]] = {
    "claim": Claim, "evidence": Evidence, "inference": Inference, "forecast": Forecast,
}
