"""How map files lay their values out, read by loading and editing alike: `yaml_loader` (the YAML dialect argmap
reads), `yaml_scan` (top-level keys, block sequences and items found by their lines, styles detected), `yaml_emit`
(fragments written in a file's own style), `json_scan` (JSON values located by the scanner or by lines), `lines`
and `values` (offsets of lines, type-strict comparison of data). This package imports nothing above `model`.
"""
