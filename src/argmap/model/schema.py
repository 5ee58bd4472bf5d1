"""The JSON Schema of the map format, for editors (yaml-language-server) and tools."""

from __future__ import annotations

from typing import Any

from argmap.model.map import ArgMap

SCHEMA_ID = "https://argmap.dev/schema/map-v1.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a map file (the authoring form, as written by people)."""
    schema = ArgMap.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "argmap map"
    return schema
