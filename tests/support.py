"""Helpers shared by the tests: where the repository is, the standard source text, bundled maps copied beside their
sources and decorated with comments, line diffs, a rich map for the diagram tests, and the explorer's Pilot runs.

Textual is imported only by the explorer helpers, when they are called."""

from __future__ import annotations

import asyncio
import difflib
import json
import re
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import ArgmapError
from argmap.io import load
from argmap.io.document import MapDocument

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from argmap.tui.app import ArgmapApp

REPO = Path(__file__).resolve().parent.parent
SOURCE_TEXT = (
    "The army left the city. Residents were hostile to the army.\n"
    "The flight may indicate the city was not worth dying for.\n"
    "Further violence is likely. \u201cSacred\u201d war, they said; it\u2019s over.\n"
)

DATA = REPO / "tests" / "tui" / "data"
MAPS = [path for path in (REPO / "maps" / "example.yaml", REPO / "maps" / "mosul-2014.yaml") if path.exists()]


# -- editing --------------------------------------------------------------------------------------------------------


def copy_map(source: Path, folder: Path, text: str | None = None) -> Path:
    """Copy a bundled map to `folder/maps/` with the seeds beside it, so its relative source paths still work."""
    (folder / "maps").mkdir(parents=True, exist_ok=True)
    if not (folder / "seeds").exists():
        shutil.copytree(REPO / "seeds", folder / "seeds")
    target = folder / "maps" / source.name
    target.write_text(source.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return target


def decorate(text: str) -> str:
    """The same map with what people add by hand: full-line and inline comments inside and outside nodes, blank
    lines between nodes, double- and single-quoted strings, a trailing comment. Reads as the same data."""
    out: list[str] = []
    texts = 0
    for line in text.splitlines():
        node = re.match(r"^  - id: (\S+)$", line)
        if node:
            out += ["", f"  # ---- {node.group(1)}", f"{line}  # id comment"]
            continue
        kind = re.match(r"^    kind: (\w+)$", line)
        if kind:
            out.append(f"{line}    # a {kind.group(1)}")
            continue
        body = re.match(r"^    text: ([^\"'#\\\n][^\"#\\\n]*)$", line)
        if body and ": " not in body.group(1):
            texts += 1
            value = body.group(1)
            out.append(f'    text: "{value}"' if texts % 2 else "    text: '" + value.replace("'", "''") + "'")
            continue
        if re.match(r"^    quotes:$", line):
            out += [line, "      # verbatim from the source"]
            continue
        if re.match(r"^  - \{source: .*\}$", line):
            out.append(f"{line}   # link")
            continue
        if line.startswith(("nodes:", "relations:", "scenarios:")):
            out += ["", f"# ===== {line.rstrip(':')}", line]
            continue
        out.append(line)
    return "\n".join(out) + "\n# end of map\n"


def changed(old: str, new: str) -> list[str]:
    """The lines that differ, as `-line` and `+line`."""
    return [line.rstrip("\n") for line in difflib.unified_diff(old.splitlines(True), new.splitlines(True), n=0)
            if line[:1] in "+-" and not line.startswith(("---", "+++"))]


def changed_old_lines(old: str, new: str) -> list[int]:
    """1-based numbers of the old lines touched (for an insertion: the line it goes before)."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(True), new.splitlines(True), autojunk=False)
    touched: list[int] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            touched += list(range(i1 + 1, i2 + 1)) if i2 > i1 else [i1 + 1]
    return touched


# -- diagrams -------------------------------------------------------------------------------------------------------

RICH_SOURCE = (
    "The garrison abandoned the fortress at dawn. The townspeople had long resented the garrison.\n"
    "The flight suggests the soldiers saw nothing worth defending. Some officers say they were ordered out.\n"
    "The rebels are likely to march on the capital. If the militias mobilise, the capital will hold.\n"
    "The militias will mobilise within days. Reinforcements may arrive by spring.\n"
)

RICH_MAP = """\
argmap: 1
title: The fall of Fort Amber
sources:
  - id: gazette
    title: Fort Amber falls
    url: https://example.org/gazette
    path: source.txt
tags:
  morale: Morale
actors:
  garrison: The garrison
  rebels: The rebels
  militias: The militias
themes:
  security: Security
  politics: Politics
nodes:
  - id: garrison-fled
    kind: evidence
    text: The garrison abandoned the fortress at dawn.
    quotes: [The garrison abandoned the fortress at dawn]
    actors: [garrison]
    themes: [security]
    tags: [morale]
  - id: town-resented
    kind: evidence
    text: The townspeople had long resented the garrison.
    quotes: [The townspeople had long resented the garrison]
    actors: [garrison]
    themes: [politics]
  - id: flight-shows-motive
    kind: inference
    text: A flight at dawn suggests the soldiers saw nothing worth defending.
    scheme: abduction
    warrant: Soldiers who flee are best explained by units that see nothing worth defending.
    quotes: [The flight suggests the soldiers saw nothing worth defending]
    themes: [security]
  - id: nothing-to-defend
    kind: claim
    text: The soldiers saw nothing in Fort Amber worth defending.
    themes: [security]
    tags: [morale]
    note: The author's central judgement.
  - id: ordered-out
    kind: evidence
    text: Some officers say they were ordered out.
    quotes: [Some officers say they were ordered out]
    actors: [garrison]
    themes: [security]
  - id: rebels-march
    kind: forecast
    text: The rebels will march on the capital.
    words: likely
    quotes: [The rebels are likely to march on the capital]
    actors: [rebels]
    themes: [security]
    resolution:
      outcome: happened
      sources: [{title: Chronicle, url: "https://example.org/chronicle"}]
  - id: capital-holds
    kind: forecast
    text: The capital will hold.
    probability: 0.7
    quotes: [the capital will hold]
    themes: [politics]
    resolution: {outcome: partly}
  - id: militias-mobilise
    kind: forecast
    text: The militias will mobilise within days.
    words: will
    quotes: [The militias will mobilise within days]
    actors: [militias]
    themes: [politics]
  - id: reinforcements
    kind: forecast
    text: Reinforcements may arrive by spring.
    words: may
    quotes: [Reinforcements may arrive by spring]
relations:
  - {source: garrison-fled, target: flight-shows-motive, type: supports}
  - {source: town-resented, target: flight-shows-motive, type: supports}
  - {source: flight-shows-motive, target: nothing-to-defend, type: supports}
  - {source: ordered-out, target: flight-shows-motive, type: undercuts, note: Another explanation of the flight.}
  - {source: reinforcements, target: rebels-march, type: attacks, weight: 0.4}
  - {source: nothing-to-defend, target: rebels-march, type: supports}
  - {source: militias-mobilise, target: capital-holds, type: condition}
scenarios:
  - id: officers-believed
    title: The officers are believed
    assume: {ordered-out: true}
"""


def write_rich_map(folder: Path, text: str = RICH_MAP, source: str = RICH_SOURCE, name: str = "fort.yaml") -> Path:
    """Write the map and its source text into `folder`; return the map's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.txt").write_text(source, encoding="utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load_rich_map(folder: Path) -> MapDocument:
    """The rich map, loaded; fails loudly if it stops loading cleanly."""
    doc = load(write_rich_map(folder))
    assert doc.map is not None, [d.format() for d in doc.diagnostics]
    return doc


# -- the explorer ---------------------------------------------------------------------------------------------------
SIZE = (120, 40)


Scenario = Callable[["ArgmapApp", "Pilot[Any]"], Awaitable[None]]


def run(app: ArgmapApp, scenario: Scenario, size: tuple[int, int] = SIZE) -> None:
    """Run `scenario(app, pilot)` against the app in a headless terminal of `size`."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


def open_app(path: Path | str, **options: Any) -> ArgmapApp:
    """The explorer on `path`, with the cursor not blinking (so screenshots are stable) unless told otherwise."""
    from argmap.tui.app import create_app

    options.setdefault("cursor_blink", False)
    return create_app(path, **options)


def notes_of(app: ArgmapApp) -> list[str]:
    """Collect the message of every notification the app posts from now on."""
    notes: list[str] = []
    original = app.notify

    def notify(message: str, **kw: Any) -> None:
        notes.append(message)
        original(message, **kw)

    app.notify = notify  # type: ignore[method-assign]
    return notes


def fake_svg(doc: Any, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """A stand-in SVG exporter (registered by tests): records the options it was given."""
    return ("<svg><!-- " + json.dumps(options, sort_keys=True) + " --></svg>").encode()


def failing_svg(doc: Any, options: dict[str, Any], *, capture_stderr: bool = True) -> bytes:
    """An exporter that refuses, as the real one does for a map with errors."""
    raise ArgmapError("harbour.yaml has errors; fix them before drawing it")


def tree_lines(app: ArgmapApp) -> list[str]:
    """The outline's visible rows as `key` strings, top to bottom."""
    from argmap.tui.outline import OutlineTree

    tree = app.query_one(OutlineTree)
    lines = []
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        if node is not None and node.data is not None:
            lines.append(node.data.key)
    return lines
