"""Shared pieces of the map model: the strict base class, slugs and links."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
_SLUG = re.compile(SLUG_PATTERN)
URL_PATTERN = r"^[hH][tT][tT][pP][sS]?://[^\s<>\"']+$"


class Strict(BaseModel):
    """Base of every map model: unknown fields are refused, values are checked on assignment too."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=False)


def is_slug(value: str) -> bool:
    """Whether `value` is a valid id.

    >>> is_slug("army-abandoned-posts"), is_slug("Army fled")
    (True, False)
    """
    return bool(_SLUG.match(value))


# Patterns are checked by pydantic-core itself (no Python call per value: maps of 10,000 nodes load fast);
# `argmap.io.schema_errors` turns a mismatch into a message that says what a valid value looks like.
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""A readable stable id: `army-abandoned-posts`."""

Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
"""A link: only http and https are accepted, so no `javascript:` ever reaches a diagram or report."""

By = Literal["author", "analyst"]
"""Who made a node or relation: the source's author (the default) or the analyst who mapped it."""
