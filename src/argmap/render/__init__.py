"""Diagrams of argument maps: DOT built from a view of the map, laid out and drawn by Graphviz.

`palette` (colours, shared with the explorer), `style` (the visual language), `text` (escaping), `view` (which
nodes), `colouring` (what fills mean), `legend`, `dot` (the DOT source), `engine` (Graphviz) and `export` (the
svg, png, pdf and dot exporters of `argmap export`). Modules are imported on use; this package imports nothing.
"""
