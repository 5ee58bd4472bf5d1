"""Diagrams of argument maps: DOT built from a view of the map, laid out and drawn by Graphviz.

`colours` (shared with the explorer), `style` (the visual language), `text` (escaping), `view` (which nodes),
`colouring` (what fills mean), `legend`, `dot` (the DOT source), `engine` (Graphviz), `pack` (parallel layouts
packed into one), `layout` (a view laid out whole), `parts`, `part_links` and `overview` (a large view drawn by
its parts and the strongest links between them), `html` (the interactive page) and `diagram` (a document's
diagram as DOT or drawn, for the writers of `argmap.formats`). Modules are imported on use; this package imports
nothing.
"""
