"""The map model: pure pydantic types, no I/O."""

from argmap.model.base import SLUG_PATTERN, Slug, Strict, Url
from argmap.model.map import FORMAT_VERSION, TOP_ORDER, VOCABULARIES, ArgMap, Scenario, Source
from argmap.model.nodes import (
    NODE_CLASSES,
    NODE_KINDS,
    OUTCOMES,
    SCHEMES,
    STATEMENT_KINDS,
    Claim,
    Evidence,
    Forecast,
    Horizon,
    Inference,
    Node,
    NodeBase,
    NodeKind,
    Quote,
    Resolution,
    ResolutionSource,
)
from argmap.model.relations import RELATION_TYPES, Relation, RelationType

__all__ = [
    "FORMAT_VERSION", "NODE_CLASSES", "NODE_KINDS", "OUTCOMES", "RELATION_TYPES", "SCHEMES", "SLUG_PATTERN",
    "STATEMENT_KINDS", "TOP_ORDER", "VOCABULARIES", "ArgMap", "Claim", "Evidence", "Forecast", "Horizon",
    "Inference", "Node", "NodeBase", "NodeKind", "Quote", "Relation", "RelationType", "Resolution",
    "ResolutionSource", "Scenario", "Slug", "Source", "Strict", "Url",
]
