"""`color_by`: what the fill of a node says. `kind` (the default) leaves the kind colours; `acceptance` fills each
node by its label (in / out / undec / unsupported) with its strength and, apart, its probability as a
badge; `scenario:NAME` does the same under a
scenario of the map and notes where the label differs from the baseline and which nodes the scenario assumes."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.errors import ArgmapError
from argmap.model import ArgMap
from argmap.render import colours
from argmap.render.style import NodeStyle

LABEL_WORDS: dict[str, str] = {"in": "accepted", "out": "rejected", "undec": "undecided",
                               "unsupported": "every reason failed"}


@dataclass(frozen=True)
class LegendEntry:
    """One swatch of the legend: fill and border colours and what they mean."""

    fill: str
    border: str
    text: str


@dataclass(frozen=True)
class Colouring:
    """Per-node style overrides and the legend section that explains them (none for `kind`)."""

    name: str = "kind"
    title: str = ""
    overrides: dict[str, NodeStyle] = field(default_factory=dict)
    entries: tuple[LegendEntry, ...] = ()


def _label_entries() -> tuple[LegendEntry, ...]:
    return tuple(LegendEntry(colours.ACCEPTANCE_FILLS[label], colours.ACCEPTANCE_COLOURS[label],
                             f"{label}: {LABEL_WORDS[label]}") for label in ("in", "out", "undec", "unsupported"))


def _badge(label: str, strength: float | None, probability: object = None) -> str:
    """`in · strength 0.62`, then ` · p 0.675` (or ` · p 0.000–1.000`) for a node with a probability: the two
    quantities side by side, never merged."""
    text = label if strength is None else f"{label} · strength {strength:.2f}"
    if probability is not None:
        text += f" · p {probability.text(3)}"  # type: ignore[attr-defined]
    return text


def resolve_colouring(amap: ArgMap, color_by: str | None) -> Colouring:
    """The colouring named by `color_by`: `kind`, `acceptance` or `scenario:NAME`."""
    choice = (color_by or "kind").strip()
    if choice.lower() == "kind":
        return Colouring()
    if choice.lower() not in ("acceptance",) and not choice.lower().startswith("scenario:"):
        raise ArgmapError(f"color_by must be kind, acceptance or scenario:NAME, not '{color_by}'")
    try:
        from argmap.analysis.semantics import evaluate
    except ImportError:  # pragma: no cover - the reasoning module ships with argmap
        raise ArgmapError("colouring by acceptance needs the reasoning module (argmap.analysis.semantics)") from None
    if choice.lower() == "acceptance":
        result = evaluate(amap)
        overrides = {node_id: NodeStyle(fill=colours.ACCEPTANCE_FILLS.get(label),
                                        badge=_badge(label, result.strength.get(node_id),
                                                     result.probability_of(node_id)))
                     for node_id, label in result.labels.items()}
        return Colouring("acceptance", "Acceptance (grounded)", overrides, _label_entries())
    from argmap.analysis.scenarios import find_scenario

    name = choice.split(":", 1)[1].strip()
    if not name:
        raise ArgmapError("color_by scenario:NAME needs the scenario's id, for example scenario:fall-of-baghdad")
    scenario = find_scenario(amap, name)
    baseline = evaluate(amap)
    result = evaluate(amap, scenario)
    overrides = {}
    for node_id, label in result.labels.items():
        badge = _badge(label, result.strength.get(node_id), result.probability_of(node_id))
        assumed = result.assumed.get(node_id)
        if assumed is not None:
            badge += f" · assumed {'true' if assumed else 'false'}"
        elif baseline.labels.get(node_id) not in (None, label):
            badge += f" · was {baseline.labels[node_id]}"
        overrides[node_id] = NodeStyle(fill=colours.ACCEPTANCE_FILLS.get(label), badge=badge)
    return Colouring(f"scenario:{scenario.id}", f"Scenario: {scenario.title}", overrides, _label_entries())
