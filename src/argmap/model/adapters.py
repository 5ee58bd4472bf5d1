"""Validators of one part of a map (a source, a node, a relation, a scenario), built once and shared by loading and
editing: building a pydantic `TypeAdapter` for the node union takes milliseconds."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from argmap.model.map import Scenario, Source
from argmap.model.nodes import Node
from argmap.model.relations import Relation

NODE_ADAPTER: TypeAdapter[Any] = TypeAdapter(Node)
RELATION_ADAPTER: TypeAdapter[Any] = TypeAdapter(Relation)
SCENARIO_ADAPTER: TypeAdapter[Any] = TypeAdapter(Scenario)
SOURCE_ADAPTER: TypeAdapter[Any] = TypeAdapter(Source)
