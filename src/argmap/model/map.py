"""The argument map: sources, vocabularies, nodes, relations and scenarios."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal

from pydantic import Field, field_validator

from argmap.model.base import Slug, Strict, Url
from argmap.model.nodes import Node, NodeBase
from argmap.model.relations import Relation
from argmap.model.techniques import HypothesisGroup

FORMAT_VERSION = 1
RuleLevel = Literal["off", "error", "warning", "info"]


class Coverage(Strict):
    """What `argmap coverage` leaves out of a source, and the share of it the quotes should cover."""

    exclude: list[str] = Field(default_factory=list, description="Lines of the source left out on purpose "
                               "(captions, bylines, date lines): a line's text, or its beginning followed by '...'.")
    minimum: float | None = Field(None, ge=0, le=1, description="Share of the source's words (outside the excluded "
                                  "lines) that quotes should cover; `argmap check --strict` warns below it.")


class Source(Strict):
    """A text the map draws on. `path` is relative to the map file."""

    id: Slug
    title: str = Field(min_length=1)
    author: str | None = None
    publisher: str | None = None
    date: dt.date | None = None
    url: Url | None = None
    path: str | None = Field(None, description="Local copy of the text, relative to the map file.")
    coverage: Coverage | None = Field(None, description="Lines left out of `argmap coverage` and the share to reach "
                                      "(added to the map's own `coverage`).")


class Scenario(Strict):
    """A named set of assumptions: nodes held true or false, probabilities overridden."""

    id: Slug
    title: str = Field(min_length=1)
    description: str | None = None
    assume: dict[Slug, bool] = Field(default_factory=dict, description="Node id: held true or false.")
    probabilities: dict[Slug, float] = Field(default_factory=dict, description="Node id: overriding probability.")

    @field_validator("probabilities")
    @classmethod
    def _in_unit_range(cls, value: dict[str, float]) -> dict[str, float]:
        for key, p in value.items():
            if not 0 <= p <= 1:
                raise ValueError(f"probability for '{key}' must be between 0 and 1, not {p}")
        return value


Vocabulary = dict[Slug, str]
#: The map's vocabularies: the top-level keys that declare tags, actors and themes.
VOCABULARIES = ("tags", "actors", "themes")


class ArgMap(Strict):
    """A whole map, as a file holds it."""

    argmap: int = Field(FORMAT_VERSION, description="Format version of the file.")
    title: str = Field(min_length=1)
    description: str | None = None
    sources: list[Source] = Field(default_factory=list)
    default_source: Slug | None = Field(None, description="The source of quotes written as plain text (default: the "
                                        "first source), so that adding a source leaves existing quotes as they are.")
    coverage: Coverage | None = Field(None, description="For every source: lines `argmap coverage` leaves out, and "
                                      "the share of words quotes should cover.")
    tags: Vocabulary = Field(default_factory=dict, description="Declared tags: id and meaning.")
    actors: Vocabulary = Field(default_factory=dict, description="Declared actors: id and name.")
    themes: Vocabulary = Field(default_factory=dict, description="Declared themes: id and meaning.")
    nodes: list[Node] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
    hypotheses: list[HypothesisGroup] = Field(default_factory=list, description="ACH matrices: groups of mutually "
                                              "exclusive hypotheses and the evidence rated against them.")
    rules: dict[str, RuleLevel] = Field(default_factory=dict, description="Check rules turned off or given another "
                                        "severity for this map: rule id and off, error, warning or info.")

    @field_validator("argmap")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(f"format version {value} is not one this argmap reads; write `argmap: {FORMAT_VERSION}`")
        return value

    @field_validator("rules", mode="before")
    @classmethod
    def _off_is_off(cls, value: object) -> object:
        """YAML 1.1 reads a bare `off` as false: it means off."""
        if isinstance(value, dict):
            return {key: "off" if level is False else level for key, level in value.items()}
        return value

    @field_validator(*VOCABULARIES, mode="before")
    @classmethod
    def _list_is_vocabulary(cls, value: object) -> object:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return {item: item for item in value}
        return value

    @cached_property
    def by_id(self) -> dict[str, NodeBase]:
        """Nodes by id (the first of duplicates wins; `check` reports the rest)."""
        index: dict[str, NodeBase] = {}
        for node in self.nodes:
            index.setdefault(node.id, node)
        return index

    def node(self, node_id: str) -> NodeBase | None:
        """The node with this id, or None."""
        return self.by_id.get(node_id)

    @property
    def default_source_id(self) -> str | None:
        """The source of quotes that name none: `default_source`, else the first source (None without sources)."""
        if self.default_source is not None:
            return self.default_source
        return self.sources[0].id if self.sources else None

    def source(self, source_id: str | None) -> Source | None:
        """The source with this id; with None, the default source."""
        if source_id is None:
            source_id = self.default_source_id
        return next((s for s in self.sources if s.id == source_id), None)

    def coverage_of(self, source: Source) -> Coverage:
        """The coverage settings of a source: the map's, with the source's own exclusions added and its minimum
        taking precedence."""
        top, own = self.coverage or Coverage(), source.coverage or Coverage()
        return Coverage(exclude=[*top.exclude, *own.exclude],
                        minimum=own.minimum if own.minimum is not None else top.minimum)

    def invalidate(self) -> None:
        """Forget cached indexes after the node list changed."""
        self.__dict__.pop("by_id", None)


#: The order of a map's top-level keys, as the model declares them (and a canonical file writes them).
TOP_ORDER: tuple[str, ...] = tuple(ArgMap.model_fields)
