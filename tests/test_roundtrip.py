"""YAML -> model -> JSON -> model and YAML -> canonical YAML -> model give equal maps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from argmap.io import load
from argmap.io.canonical import dump_json, dump_yaml
from argmap.model import ArgMap
from support import REPO

MAPS = sorted((REPO / "maps").glob("*.yaml"))


@pytest.fixture(params=MAPS, ids=[p.name for p in MAPS])
def bundled(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A bundled map copied beside a copy of the seeds, so written siblings resolve the same sources."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "maps").mkdir()
    target = tmp_path / "maps" / request.param.name
    shutil.copy(request.param, target)
    return target


def test_yaml_json_model_round_trip(bundled: Path) -> None:
    original = load(bundled)
    assert original.map is not None
    json_path = bundled.with_suffix(".json")
    json_path.write_text(dump_json(original.map), encoding="utf-8")
    again = load(json_path)
    assert again.diagnostics == []
    assert again.map == original.map
    assert ArgMap.model_validate(json.loads(json_path.read_text(encoding="utf-8"))) == original.map


def test_canonical_yaml_round_trip(bundled: Path) -> None:
    original = load(bundled)
    assert original.map is not None
    canonical = bundled.with_name("canonical.yaml")
    canonical.write_text(dump_yaml(original.map), encoding="utf-8")
    again = load(canonical)
    assert again.diagnostics == []
    assert again.map == original.map
    # canonical output is a fixed point
    assert dump_yaml(again.map) == canonical.read_text(encoding="utf-8")


def test_canonical_yaml_leaves_out_derived_values(bundled: Path) -> None:
    doc = load(bundled)
    assert doc.map is not None
    data = yaml.safe_load(dump_yaml(doc.map))
    quotes = [q for node in data["nodes"] for q in node.get("quotes", [])]
    assert quotes and not any(isinstance(q, dict) and ("start" in q or "end" in q) for q in quotes)
    assert not any("probability_basis" in node for node in data["nodes"])
    derived = [n for n in doc.map.nodes if getattr(n, "probability_basis", None) == "scale"]
    assert all("probability" not in node for node in data["nodes"] if node["id"] in {n.id for n in derived})
