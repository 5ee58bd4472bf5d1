"""A small map for the diagram tests: every node kind and relation type, resolved and open forecasts, two themes,
tags and actors, a scenario, and its own source text."""

from __future__ import annotations

from pathlib import Path

from argmap.io import load
from argmap.io.document import MapDocument

SOURCE = (
    "The garrison abandoned the fortress at dawn. The townspeople had long resented the garrison.\n"
    "The flight suggests the soldiers saw nothing worth defending. Some officers say they were ordered out.\n"
    "The rebels are likely to march on the capital. If the militias mobilise, the capital will hold.\n"
    "The militias will mobilise within days. Reinforcements may arrive by spring.\n"
)

MAP = """\
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


def write_rich_map(folder: Path, text: str = MAP, source: str = SOURCE, name: str = "fort.yaml") -> Path:
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
