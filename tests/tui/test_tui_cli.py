"""`argmap [MAP]` and `argmap serve [MAP]`: argument handling and the command they build (no server starts)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import pytest

from argmap.cli import _parser_for, main, serve_cmd
from argmap.tui import app as tui_app


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    """Record what the CLI asks the app factory for, and do not run the app."""
    calls: list[tuple[Any, dict[str, Any]]] = []
    real = tui_app.create_app

    def create(source: Any, **options: Any) -> tui_app.ArgmapApp:
        calls.append((source, options))
        app = real(source, **options)
        monkeypatch.setattr(app, "run", lambda **kw: None)
        return app

    monkeypatch.setattr(tui_app, "create_app", create)
    return calls


def test_open_builds_the_app_through_the_factory(harbour: Path, opened: list[tuple[Any, dict[str, Any]]]) -> None:
    assert main([str(harbour)]) == 0
    (harbour.parent / "out").mkdir()
    assert main(["open", str(harbour), "--group", "actor", "--focus", "momentum", "--export-dir",
                 str(harbour.parent / "out")]) == 0
    (first, _), (second, options) = opened
    assert first.path == harbour == second.path  # loaded once, to check the options against it
    assert options["grouping"] == "actor" and options["focus"] == "momentum"
    assert options["export_dir"] == harbour.parent / "out"


def test_an_unknown_focus_or_a_missing_export_folder_fails_in_one_line(
        harbour: Path, opened: list[tuple[Any, dict[str, Any]]], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open", str(harbour), "--focus", "momentm"]) == 2
    assert capsys.readouterr().err == ("argmap: error: no node 'momentm' to focus on; did you mean 'momentum'?; "
                                       "`argmap check` lists the ids\n")
    (harbour.parent / "exports").mkdir()
    assert main(["open", str(harbour), "--export-dir", str(harbour.parent / "exprots")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "exprots: no such folder (create it first); did you mean 'exports'?" in err
    assert main(["open", str(harbour), "--export-dir", str(harbour)]) == 2
    assert "harbour.yaml: not a folder" in capsys.readouterr().err
    assert not opened  # the explorer never opened


def test_open_defaults_to_the_bundled_map(opened: list[tuple[Any, dict[str, Any]]],
                                          monkeypatch: pytest.MonkeyPatch, harbour: Path) -> None:
    monkeypatch.setattr("argmap.cli.open_cmd.default_map", lambda: harbour)
    assert main([]) == 0
    assert opened[0][0].path == harbour


def test_open_a_file_that_cannot_be_read_exits_2_in_one_line(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such map file" in err
    assert main([str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_open_an_unknown_grouping_is_a_usage_error(harbour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open", str(harbour), "--group", "colour"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_open_under_a_scenario_and_an_unknown_one_in_one_line(harbour: Path, opened: list[tuple[Any, dict[str, Any]]],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["open", str(harbour), "--scenario", "The police leave the gate"]) == 0
    assert opened[0][1]["scenario"] == "The police leave the gate"  # the factory resolves the title to its id
    assert main(["open", str(harbour), "--scenario", "gate-closed"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no scenario 'gate-closed'" in err and "gate-reopened" in err


def parse_serve(*argv: str) -> Any:
    return _parser_for("serve").parse_args(list(argv))


def test_serve_command_runs_the_explorer_on_the_absolute_map(harbour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(harbour.parent)
    spaced = harbour.parent / "my maps"
    spaced.mkdir()
    args = parse_serve("harbour.yaml", "--focus", "momentum", "--group", "theme")
    assert shlex.split(serve_cmd.app_command(args)) == [
        sys.executable, "-m", "argmap", "open", str(harbour), "--group", "theme", "--focus", "momentum"]
    args = parse_serve("harbour.yaml", "--scenario", "The police leave the gate")
    assert shlex.split(serve_cmd.app_command(args))[-2:] == ["--scenario", "The police leave the gate"]
    args = parse_serve(str(spaced / "a map.yaml"), "--export-dir", "out")
    words = shlex.split(serve_cmd.app_command(args))
    assert words[4] == str(spaced / "a map.yaml")
    assert words[-2:] == ["--export-dir", str(harbour.parent / "out")]


def test_serve_binds_to_loopback_unless_told(harbour: Path) -> None:
    server = serve_cmd.build_server(parse_serve(str(harbour)))
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    assert server.public_url == "http://127.0.0.1:8000"
    assert "harbour.yaml" in server.title
    server = serve_cmd.build_server(parse_serve(str(harbour), "--host", "0.0.0.0", "--port", "9001",
                                                "--public-url", "https://maps.example.org"))
    assert (server.host, server.port, server.public_url) == ("0.0.0.0", 9001, "https://maps.example.org")
    assert serve_cmd.is_loopback("localhost") and serve_cmd.is_loopback("::1")
    assert not serve_cmd.is_loopback("0.0.0.0") and not serve_cmd.is_loopback("example.org")


def test_serve_run_checks_then_serves(harbour: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    served: list[Any] = []
    monkeypatch.setattr("textual_serve.server.Server.serve", lambda self, debug=False: served.append(self))
    assert main(["serve", str(harbour)]) == 0
    assert served and served[0].host == "127.0.0.1"
    assert "http://127.0.0.1:8000" in capsys.readouterr().err
    assert main(["serve", str(harbour), "--host", "0.0.0.0"]) == 0
    assert "anyone who can reach" in capsys.readouterr().err
    assert main(["serve", str(harbour), "--port", "70000"]) == 2
    assert main(["serve", str(harbour.parent / "absent.yaml")]) == 2
    assert "no such map file" in capsys.readouterr().err
    assert len(served) == 2
