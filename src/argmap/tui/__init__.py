"""The terminal explorer: a Textual application over a loaded map (`argmap [MAP]`, `argmap serve [MAP]`).

Build it with `argmap.tui.app.create_app(path_or_document)`. Logic lives below, in `argmap.analysis`
(outline, search, navigation); this package only shows it.
"""
