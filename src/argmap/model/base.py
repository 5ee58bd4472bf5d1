"""Shared pieces of the map model: the strict base class, slugs and links."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
_SLUG = re.compile(SLUG_PATTERN)
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


class Strict(BaseModel):
    """Base of every map model: unknown fields are refused, values are checked on assignment too."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=False)


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )
    return value


def _check_url(value: str) -> str:
    if not _SAFE_URL.match(value):
        raise ValueError(f"'{value}' is not an http or https address")
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
"""A readable stable id: `army-abandoned-posts`."""

Url = Annotated[str, AfterValidator(_check_url)]
"""A link: only http and https are accepted, so no `javascript:` ever reaches a diagram or report."""
