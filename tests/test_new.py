"""`argmap new`: a valid map for a text, its source declared relative to the map, metadata from options or asked
on a terminal (never without one), HTML and Markdown reduced to stored text, standard input, nothing overwritten;
and the README's format snippet checks clean."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from argmap.analysis.check import check
from argmap.cli import main, new_cmd
from argmap.edit.session import EditSession
from argmap.formats.plain_text import html_to_text, markdown_to_text
from argmap.io import load
from support import REPO

TEXT = "The army fled the city. Residents stayed behind.\n\nISIS will likely push south.\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(new_cmd, "_interactive", lambda: False)
    return tmp_path


def test_a_text_file_gets_a_valid_map_beside_it(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "texts").mkdir()
    (folder / "maps").mkdir()
    (folder / "texts" / "oped.txt").write_text(TEXT, encoding="utf-8")
    assert main(["new", "texts/oped.txt", "-o", "maps/oped.yaml", "--title", "An op-ed", "--author", "A. Writer",
                 "--publisher", "The Paper", "--date", "2014-06-11", "--url", "https://example.org/oped",
                 "--no-open"]) == 0
    err = capsys.readouterr().err
    assert "created maps/oped.yaml: source 'oped' (../texts/oped.txt)" in err
    text = (folder / "maps" / "oped.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=argmap.schema.json\nargmap: 1\ntitle: An op-ed\n")
    assert "    date: 2014-06-11\n" in text and "    path: ../texts/oped.txt\n" in text
    doc = load(folder / "maps" / "oped.yaml")
    assert doc.map is not None and check(doc) == []
    source = doc.map.sources[0]
    assert (source.author, source.publisher, str(source.date), source.url) == (
        "A. Writer", "The Paper", "2014-06-11", "https://example.org/oped")
    assert doc.sources["oped"].text == TEXT
    assert main(["fmt", "--check", "maps/oped.yaml"]) == 0
    session = EditSession.open(folder / "maps" / "oped.yaml")  # the explorer's engine can add the first node
    session.add_node({"id": "army-fled", "kind": "evidence", "text": "The army fled.",
                      "quotes": ["The army fled the city."]})
    session.save()
    assert [d.rule for d in check(load(folder / "maps" / "oped.yaml"))] == ["isolated-node"]  # quote found
    assert sorted(p.name for p in (folder / "maps").iterdir()) == ["oped.yaml", "oped.yaml~"]


def test_the_schema_line_points_at_the_nearest_schema(folder: Path) -> None:
    (folder / "docs").mkdir()
    (folder / "docs" / "argmap.schema.json").write_text("{}", encoding="utf-8")
    (folder / "maps").mkdir()
    (folder / "oped.txt").write_text(TEXT, encoding="utf-8")
    assert main(["new", "oped.txt", "-o", "maps/x.yaml", "--no-open"]) == 0
    assert (folder / "maps" / "x.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../docs/argmap.schema.json\n")


def test_defaults_without_a_terminal_never_prompt(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "oped.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr("builtins.input", lambda *_: pytest.fail("asked without a terminal"))
    assert main(["new", "oped.txt"]) == 0  # --open is the default, but nothing opens without a terminal
    doc = load(folder / "oped.yaml")
    assert doc.map is not None and doc.map.title == "The army fled the city. Residents stayed behind."
    assert doc.map.sources[0].path == "oped.txt" and doc.map.sources[0].author is None


def test_missing_metadata_is_asked_on_a_terminal(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "oped.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(new_cmd, "_interactive", lambda: True)
    answers = iter(["", "A. Writer", "11 June", "2014-06-11", "https://example.org"])
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    assert main(["new", "oped.txt", "--publisher", "The Paper", "--no-open"]) == 0
    assert asked == ["Title [The army fled the city. Residents stayed behind.]: ", "Author: ",
                     "Date (YYYY-MM-DD): ", "Date (YYYY-MM-DD): ", "URL: "]
    assert "'11 June' is not a date" in capsys.readouterr().err
    source = load(folder / "oped.yaml").map.sources[0]  # type: ignore[union-attr]
    assert (source.title, source.author, source.publisher, str(source.date)) == (
        "The army fled the city. Residents stayed behind.", "A. Writer", "The Paper", "2014-06-11")


def test_standard_input_is_stored_beside_the_map(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    assert main(["new", "-", "-o", "piped.yaml", "--title", "Piped", "--no-open"]) == 0
    assert (folder / "piped.txt").read_text(encoding="utf-8") == TEXT
    doc = load(folder / "piped.yaml")
    assert doc.map is not None and doc.map.sources[0].path == "piped.txt" and check(doc) == []


def test_html_and_markdown_are_reduced_and_quotes_count_against_the_stored_text(folder: Path) -> None:
    (folder / "page.html").write_text(
        "<html><head><title>Op-ed &amp; more</title><style>p {}</style></head><body><nav>Home</nav>"
        "<h1>The fall</h1><p>The army fled the city &amp; left its\nweapons behind.</p><script>x=1</script>"
        "<p>ISIS <em>will</em> likely push south.</p></body></html>", encoding="utf-8")
    assert main(["new", "page.html", "-o", "page.yaml", "--no-open"]) == 0
    stored = (folder / "page.txt").read_text(encoding="utf-8")
    assert stored == "The fall\n\nThe army fled the city & left its weapons behind.\n\nISIS will likely push south.\n"
    doc = load(folder / "page.yaml")
    assert doc.map is not None and doc.map.title == "Op-ed & more" and doc.map.sources[0].path == "page.txt"
    session = EditSession.open(folder / "page.yaml")
    session.add_node({"id": "push-south", "kind": "forecast", "text": "ISIS pushes south.", "words": "likely",
                      "quotes": ["ISIS will likely push south."]})
    session.save()
    quote = load(folder / "page.yaml").map.nodes[0].quotes[0]  # type: ignore[union-attr]
    assert stored[quote.start:quote.end] == "ISIS will likely push south."  # type: ignore[misc]
    text, title = markdown_to_text("Why\n===\n\nThe *army* fled\nthe [city](http://x).\n\n- **ISIS** moves.\n"
                                   "```\ncode  kept\n```\n")
    assert (text, title) == ("Why\n\nThe army fled the city.\n\nISIS moves.\n\ncode  kept\n", "Why")
    assert html_to_text("<p>a</p><p>b<br>c</p>")[0] == "a\n\nb\n\nc\n"


@pytest.mark.parametrize(("argv", "message"), [
    (["new", "-"], "give the map's name with -o"),
    (["new", "missing.txt"], "no such source text"),
    (["new", "oped.txt", "-o", "nowhere/x.yaml"], "the folder nowhere does not exist"),
    (["new", "oped.txt", "-o", "x.json"], "a new map is a YAML file"),
    (["new", "oped.txt", "--date", "11/06/2014"], "'11/06/2014' is not a date"),
    (["new", "oped.txt", "--url", "example.org"], "'example.org' is not a web address"),
    (["new", "oped.txt", "-o", "taken.yaml"], "taken.yaml exists already"),
    (["new", "empty.txt"], "the text is empty"),
])
def test_bad_input_is_one_line_and_writes_nothing(folder: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                                                  message: str) -> None:
    (folder / "oped.txt").write_text(TEXT, encoding="utf-8")
    (folder / "empty.txt").write_text(" \n", encoding="utf-8")
    (folder / "taken.yaml").write_text("keep me\n", encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())
    assert main([*argv, "--no-open"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == before
    assert (folder / "taken.yaml").read_text(encoding="utf-8") == "keep me\n"


def test_stored_text_is_never_overwritten(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "page.md").write_text("# T\n\nText.\n", encoding="utf-8")
    (folder / "page.txt").write_text("mine\n", encoding="utf-8")
    assert main(["new", "page.md", "--no-open"]) == 2
    assert "page.txt exists already" in capsys.readouterr().err
    assert (folder / "page.txt").read_text(encoding="utf-8") == "mine\n" and not (folder / "page.yaml").exists()


def test_readme_format_snippet_checks_clean(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The map format"):]
    snippet = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert snippet is not None and "argmap: 1" in snippet.group(1)
    (tmp_path / "maps").mkdir()
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copy(REPO / "docs" / "argmap.schema.json", tmp_path / "argmap.schema.json")
    path = tmp_path / "maps" / "snippet.yaml"
    path.write_text(snippet.group(1), encoding="utf-8")
    doc = load(path)
    assert [d.format() for d in check(doc)] == []
    assert main(["check", str(path)]) == 0


def test_the_explorer_opens_a_new_map(folder: Path) -> None:
    import asyncio

    from argmap.tui.app import create_app

    (folder / "oped.txt").write_text(TEXT, encoding="utf-8")
    assert main(["new", "oped.txt", "--no-open"]) == 0

    async def opened() -> str:
        app = create_app(str(folder / "oped.yaml"))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.doc.map is not None and app.doc.map.nodes == []
            return app.doc.map.title

    assert asyncio.run(opened()) == "The army fled the city. Residents stayed behind."
