"""`argmap lsp`: a language server over standard input and output (pygls), for any editor with an LSP client.

Diagnostics as `argmap check` gives them, completion, hover, navigation, renaming through the editing engine,
symbols, folding and quick fixes. The features are plain functions of a map's text and a position (`completion`,
`hover`, `navigation`, `actions`, over an `Analysis` of the text); `server` wires them to the protocol, with
diagnostics debounced and computed in a worker thread.
"""
