"""Synthetic maps for benchmarks: realistic shape, valid, deterministic for a seed.

`make_map(n, seed)` gives the map's data (a dict as a file holds it); `make_sources(n, seed)` the source texts it
quotes, by path relative to the map file; `write_map(folder, n, seed, fmt)` writes both and returns the map path.
Nodes: about 40% evidence, 30% claims, 15% inferences, 15% forecasts, quoting one sentence each from 100-sentence
sources; relations mostly supports, with attacks, undercuts and conditions; every node linked, no support cycles.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import yaml

WORDS = ("army", "city", "militia", "government", "province", "border", "council", "offensive", "ceasefire",
         "election", "budget", "refugees", "oil", "alliance", "rival", "cleric", "reform", "supply", "convoy", "court")
HEDGES = ("likely", "very likely", "may", "could", "will", "unlikely", "almost certain", "roughly even chance")
SENTENCES_PER_SOURCE = 100


def _sentence(rng: random.Random, k: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))
    return f"Sentence {k} says the {words}."


def make_sources(n_nodes: int, seed: int = 0) -> dict[str, str]:
    """Source texts by relative path: one sentence per node, 100 sentences per source."""
    rng = random.Random(seed)
    texts: dict[str, str] = {}
    for s in range((n_nodes + SENTENCES_PER_SOURCE - 1) // SENTENCES_PER_SOURCE):
        sentences = [_sentence(rng, s * SENTENCES_PER_SOURCE + i) for i in range(SENTENCES_PER_SOURCE)]
        texts[f"sources/s{s}.txt"] = " ".join(sentences) + "\n"
    return texts


def make_map(n_nodes: int, seed: int = 0) -> dict[str, Any]:
    """A valid map with `n_nodes` nodes that quotes the texts of `make_sources(n_nodes, seed)`."""
    rng = random.Random(seed + 1)
    texts = make_sources(n_nodes, seed)
    sentences = [sentence + "." for text in texts.values() for sentence in text.strip().split(". ")]
    actors = {f"actor-{i}": f"Actor {i}" for i in range(20)}
    themes = {f"theme-{i}": f"Theme {i}" for i in range(8)}
    nodes: list[dict[str, Any]] = []
    relations: list[dict[str, str]] = []
    kinds = ["evidence"] * 8 + ["claim"] * 6 + ["inference"] * 3 + ["forecast"] * 3
    for i in range(n_nodes):
        kind = "claim" if i == 0 else rng.choice(kinds)
        quote = sentences[i].rstrip(".") + "."
        if not quote.endswith(".."):
            quote = quote.replace("..", ".")
        node: dict[str, Any] = {
            "id": f"{kind}-{i}", "kind": kind, "text": f"Paraphrase {i} of the {rng.choice(WORDS)}",
            "quotes": [{"text": quote.rstrip("."), "source": f"s{i // SENTENCES_PER_SOURCE}"}],
            "actors": [rng.choice(list(actors))], "themes": [rng.choice(list(themes))],
        }
        if kind == "forecast":
            node["words"] = rng.choice(HEDGES)
            node["horizon"] = {"resolve_by": "2016-12-31"}
            if rng.random() < 0.5:
                node["resolution"] = {"outcome": rng.choice(["happened", "partly", "did-not-happen"]),
                                      "sources": [{"title": "Report", "url": "https://example.org/r"}]}
        if kind == "inference":
            node["scheme"] = rng.choice(["causal", "abduction", "analogy", "sign"])
            node["warrant"] = "A general rule links the premises to the conclusion."
        nodes.append(node)
        if i == 0:
            continue
        # Link to an earlier node, so supports never cycle.
        target = nodes[rng.randrange(0, i)]
        if kind == "inference":
            if target["kind"] == "inference":
                target = nodes[0]
            relations.append({"source": node["id"], "target": target["id"], "type": "supports"})
            continue
        roll = rng.random()
        if roll < 0.12:
            relations.append({"source": node["id"], "target": target["id"], "type": "attacks"})
        elif roll < 0.16 and target["kind"] == "inference":
            relations.append({"source": node["id"], "target": target["id"], "type": "undercuts"})
        elif roll < 0.20 and target["kind"] == "forecast":
            relations.append({"source": node["id"], "target": target["id"], "type": "condition"})
        else:
            relations.append({"source": node["id"], "target": target["id"], "type": "supports"})
    # Every inference needs a premise: a later statement (links always run from later to earlier nodes, so
    # supports never cycle); an inference with no later statement becomes a claim.
    premised = {r["target"] for r in relations if r["type"] == "supports"}
    for index, node in enumerate(nodes):
        if node["kind"] == "inference" and node["id"] not in premised:
            donor = next((n for n in nodes[index + 1:] if n["kind"] != "inference"), None)
            if donor is not None:
                relations.append({"source": donor["id"], "target": node["id"], "type": "supports"})
            else:
                node["kind"] = "claim"
                del node["scheme"], node["warrant"]
    sources = [{"id": f"s{k}", "title": f"Source {k}", "path": path} for k, path in enumerate(texts)]
    return {"argmap": 1, "title": f"Synthetic map of {n_nodes} nodes", "sources": sources, "actors": actors,
            "themes": themes, "nodes": nodes, "relations": relations}


def write_map(folder: Path, n_nodes: int, seed: int = 0, fmt: str = "yaml") -> Path:
    """Write the map (YAML or JSON) and its sources under `folder`; return the map's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for rel, text in make_sources(n_nodes, seed).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    data = make_map(n_nodes, seed)
    path = folder / f"synthetic-{n_nodes}.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return path
