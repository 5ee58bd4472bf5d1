"""argmap: typed argument maps of analytical writing, checked, explored, drawn and scored."""

__version__ = "0.1.0"
