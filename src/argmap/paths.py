"""Where the bundled maps and seed texts are, in a source tree and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

DEFAULT_MAP = "mosul-2014.yaml"
_PACKAGE = Path(__file__).resolve().parent


def maps_dir() -> Path:
    """The folder of bundled maps: `argmap/data/maps` in a wheel, the repository's `maps/` in a checkout."""
    for candidate in (_PACKAGE / "data" / "maps", _PACKAGE.parent.parent / "maps"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE / "data" / "maps"


def default_map() -> Path:
    """The map `argmap` opens when given none."""
    return maps_dir() / DEFAULT_MAP
