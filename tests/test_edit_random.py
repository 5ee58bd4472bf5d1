"""Random sequences of edits on hand-styled maps: the text always reads as the intended data, every edit stays
inside what it changes, and undoing everything gives back the file byte for byte."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.edit.session import EditSession
from argmap.errors import EditError, LayoutError
from argmap.io import load
from argmap.io.parse import parse_text
from support import MAPS, SOURCE_TEXT, copy_map, decorate
from test_edit_format import STYLES

WORDS = st.text(alphabet="abc xyz:#'\"-é\n", min_size=1, max_size=24).filter(lambda s: s.strip() != "")
SLUGS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
FIELDS = {"note": WORDS, "text": WORDS.filter(lambda s: "\n" not in s), "credibility": st.sampled_from([0.1, 0.55, 1]),
          "tags": st.lists(st.sampled_from(["army", "city"]), max_size=2), "actors": st.just([]),
          "probability": st.sampled_from([0.2, 0.9])}


def _step(session: EditSession, draw: Any) -> None:
    ids = session.node_ids()
    relations = [r for r in session.data.get("relations") or [] if isinstance(r, dict)]
    choice = draw(st.sampled_from(["set", "set", "unset", "add", "remove", "link", "unlink", "retype", "rename"]))
    node = draw(st.sampled_from(ids)) if ids else None
    if choice == "set" and node:
        name = draw(st.sampled_from(sorted(FIELDS)))
        session.set_field(node, name, draw(FIELDS[name]))
    elif choice == "unset" and node:
        session.set_field(node, draw(st.sampled_from(["note", "tags", "quotes", "actors", "themes"])), None)
    elif choice == "add":
        after = draw(st.sampled_from([None, *ids]))
        session.add_node({"id": draw(SLUGS), "kind": "claim", "text": draw(WORDS)}, after=after)
    elif choice == "remove" and node:
        session.remove_node(node)
    elif choice == "link" and len(ids) > 1:
        session.add_relation(node or ids[0], draw(st.sampled_from(["supports", "attacks"])), draw(st.sampled_from(ids)))
    elif choice in ("unlink", "retype") and relations:
        rel = draw(st.sampled_from(relations))
        if choice == "unlink":
            session.remove_relation(rel["source"], rel["type"], rel["target"])
        else:
            session.retype_relation(rel["source"], rel["type"], rel["target"], draw(st.sampled_from(
                ["supports", "attacks", "condition"])))
    elif choice == "rename" and node:
        session.rename_node(node, draw(SLUGS))


def _same_document(session: EditSession) -> None:
    """The document the session keeps up to date equals a full load of its text."""
    patched, loaded = session.document(), load(session.path, text=session.text)
    assert patched.map == loaded.map and patched.node_index == loaded.node_index
    assert patched.matches == loaded.matches and patched.diagnostics == loaded.diagnostics


def _map_texts() -> list[tuple[str, str]]:
    texts = [("styles.yaml", STYLES)]
    texts += [(m.name, decorate(m.read_text(encoding="utf-8"))) for m in MAPS]
    example = parse_text(MAPS[0].read_text(encoding="utf-8"), "yaml", "x")[0]
    texts.append(("example.json", json.dumps(example, indent=2, ensure_ascii=False) + "\n"))
    texts.append(("compact.json", json.dumps(example) + "\n"))
    return texts


@settings(max_examples=int(os.environ.get("EDIT_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), which=st.sampled_from(range(len(_map_texts()))), full=st.booleans())
def test_random_edits_read_back_and_undo_exactly(data: st.DataObject, which: int, full: bool) -> None:
    name, text = _map_texts()[which]
    with tempfile.TemporaryDirectory() as folder:
        if name == "styles.yaml":
            (Path(folder) / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
        else:
            source = next((m for m in MAPS if m.name == name), MAPS[0].with_name(name))
            path = copy_map(source, Path(folder), text)
        fmt = "json" if name.endswith(".json") else "yaml"
        session = EditSession.open(path, full_check=full, journal=False)
        session.document()
        texts = [session.text]
        for _ in range(data.draw(st.integers(1, 6))):
            try:
                _step(session, data.draw)
            except LayoutError:
                raise
            except EditError:
                assert session.text == texts[-1]
                continue
            assert parse_text(session.text, fmt, "x")[0] == session.data
            texts.append(session.text)
            _same_document(session)
        while session.undo():
            pass
        assert session.text == text and not session.dirty
        while session.redo():
            pass
        assert session.text == texts[-1]
