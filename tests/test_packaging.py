"""The bundled maps and seed texts ship in the wheel, and the default map opens from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
                   check=True, capture_output=True)
    [built] = out.glob("argmap-*.whl")
    return built


def test_wheel_holds_maps_seeds_and_styles(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "maps").glob("*.yaml"):
        assert f"argmap/data/maps/{path.name}" in names
    assert "argmap/data/seeds/chatham-house-2014-06-11-mosul.txt" in names
    assert not any(name.startswith("tests/") for name in names)


def test_default_map_opens_from_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    script = (
        "import argmap, argmap.paths as p\n"
        "from argmap.io import load\n"
        "from argmap.analysis.check import check\n"
        "assert 'site' in argmap.__file__, argmap.__file__\n"
        "doc = load(p.default_map())\n"
        "assert doc.map is not None and doc.map.nodes\n"
        "print(len(doc.map.nodes), len([d for d in check(doc) if d.severity == 'error']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    nodes, errors = result.stdout.split()
    assert int(nodes) > 0 and errors == "0"
