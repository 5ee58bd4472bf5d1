"""The editing engine: `session` (`EditSession`: edits, undo, saving, conflicts, journal), `operations` (edits of a
map's data), `scenario_ops`, `source_ops`, `vocab_ops` (edits of scenarios, sources and vocabularies),
`node_update` (a node replaced in one step), `part_update` (a map's title, source, relation or scenario replaced in
one step), `part_values` (typed values of those forms), `planning` (the new text of the data, through one
`Planner` per format: `yaml_planner`, `json_planner`), `matching`, `splice`, `patch` (the loaded document
patched), `journal`, `node_draft` (the node form's fields) and `editor_cmd` (the `$EDITOR` command).
"""
