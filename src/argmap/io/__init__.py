"""Files: loading maps with positioned errors, canonical output, safe saving."""

from argmap.io.diagnostics import ArgmapError, Diagnostic
from argmap.io.document import MapDocument, SourceText, load

__all__ = ["ArgmapError", "Diagnostic", "MapDocument", "SourceText", "load"]
