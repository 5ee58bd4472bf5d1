"""Reading maps: parsing, the loaded document with positioned diagnostics, quotes, canonical output, safe saving."""

from argmap.io.document import MapDocument, SourceText, load

__all__ = ["MapDocument", "SourceText", "load"]
