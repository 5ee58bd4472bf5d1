"""Labels: which nodes stand. A grounded labelling in which support counts.

A node *fails* when it is defeated or loses every reason; the labelling is the least fixed point of

    x is in      when every attacker of x has failed, every requirement of x is in, and, if x rests on reasons,
                 at least one reason is in;
    x fails      when some attacker of x is in, or some requirement of x has failed, or x rests on reasons and
                 every one of them has failed;
    x is undec   otherwise.

A statement *rests on reasons* when it has supporters (`supports` into a claim or forecast) and is not evidence.
Evidence, and statements without supporters, are taken as given until attacked; nodes a scenario holds true are
in and nodes it holds false are out, whatever points at them.

A failed node is `out` when it is defeated: some attacker is in, or some requirement is `out`. Otherwise it is
`unsupported`: it stands on nothing, because every reason it had failed (or a requirement is unsupported).

With no supporters this is exactly Dung's grounded semantics (1995) of the attack graph; with premises it is the
grounded semantics of the extended attack relation (support by necessity). The computation propagates from the
decided nodes, each edge read a bounded number of times: linear time, no recursion.
"""

from __future__ import annotations

from collections import deque
from typing import Literal

from argmap.analysis.framework import Framework

Label = Literal["in", "out", "undec", "unsupported"]
IN: Label = "in"
OUT: Label = "out"
UNDEC: Label = "undec"
UNSUPPORTED: Label = "unsupported"
LABELS: tuple[Label, ...] = (IN, OUT, UNDEC, UNSUPPORTED)
FAILED = frozenset({OUT, UNSUPPORTED})
_FAIL = "failed"


def grounded_labels(fw: Framework, fixed: dict[str, bool] | None = None, *, scope: set[str] | None = None,
                    known: dict[str, str] | None = None) -> dict[str, str]:
    """The labelling of the module docstring.

    With `scope` (a set closed under `Framework.dependents`), only its nodes are labelled, reading the labels of the
    nodes outside it from `known`; the result then holds the scope's labels only."""
    fixed = fixed or {}
    known = known or {}
    attacks, required_by, reason_for = fw.attacked_by(), fw.required_by(), fw.supported_by()
    nodes = fw.ids if scope is None else fw.in_order(scope)
    pending_att: dict[str, int] = {}
    pending_req: dict[str, int] = {}
    pending_why: dict[str, int] = {}
    has_reason: set[str] = set()
    label: dict[str, str] = {}
    queue: deque[str] = deque()
    for node_id in nodes:
        if node_id in fixed:
            label[node_id] = IN if fixed[node_id] else OUT
            queue.append(node_id)
            continue
        failed = False
        attackers = fw.attackers.get(node_id, ())
        requirements = fw.requirements(node_id)
        reasons = fw.supporters.get(node_id, ()) if fw.rests_on_reasons(node_id) else ()
        if scope is None:
            pending_att[node_id], pending_req[node_id] = len(attackers), len(requirements)
            pending_why[node_id] = len(reasons)
        else:
            # outside the scope, an in attacker or a failed requirement decides; an undec one never resolves
            att = req = why = 0
            for source, _ in attackers:
                outside = None if source in scope else known[source]
                failed = failed or outside == IN
                att += outside is None or outside == UNDEC
            for source, _ in requirements:
                outside = None if source in scope else known[source]
                failed = failed or outside in FAILED
                req += outside is None or outside == UNDEC
            for source, _ in reasons:
                outside = None if source in scope else known[source]
                if outside == IN:
                    has_reason.add(node_id)
                why += outside is None or outside == UNDEC
            pending_att[node_id], pending_req[node_id], pending_why[node_id] = att, req, why
        if reasons and not pending_why[node_id] and node_id not in has_reason:
            failed = True
        if failed:
            label[node_id] = _FAIL
            queue.append(node_id)
        elif _stands(node_id, pending_att, pending_req, reasons, has_reason):
            label[node_id] = IN
            queue.append(node_id)
    while queue:
        node_id = queue.popleft()
        if label[node_id] == IN:
            for target in attacks.get(node_id, ()):
                if target not in label and target in pending_att:
                    label[target] = _FAIL
                    queue.append(target)
            for target in required_by.get(node_id, ()):
                if target not in label and target in pending_req:
                    pending_req[target] -= 1
                    _settle(fw, target, label, queue, pending_att, pending_req, has_reason)
            for target in reason_for.get(node_id, ()):
                if target not in label and target in pending_why and fw.rests_on_reasons(target):
                    has_reason.add(target)
                    _settle(fw, target, label, queue, pending_att, pending_req, has_reason)
        else:
            for target in attacks.get(node_id, ()):
                if target not in label and target in pending_att:
                    pending_att[target] -= 1
                    _settle(fw, target, label, queue, pending_att, pending_req, has_reason)
            for target in required_by.get(node_id, ()):
                if target not in label and target in pending_req:
                    label[target] = _FAIL
                    queue.append(target)
            for target in reason_for.get(node_id, ()):
                if target not in label and target in pending_why and fw.rests_on_reasons(target):
                    pending_why[target] -= 1
                    if pending_why[target] == 0 and target not in has_reason:
                        label[target] = _FAIL
                        queue.append(target)
    return _classify(fw, nodes, label, fixed, scope, known)


def _stands(node_id: str, pending_att: dict[str, int], pending_req: dict[str, int], reasons: object,
            has_reason: set[str]) -> bool:
    return pending_att[node_id] == 0 and pending_req[node_id] == 0 and (not reasons or node_id in has_reason)


def _settle(fw: Framework, node_id: str, label: dict[str, str], queue: deque[str], pending_att: dict[str, int],
            pending_req: dict[str, int], has_reason: set[str]) -> None:
    reasons = fw.rests_on_reasons(node_id)
    if _stands(node_id, pending_att, pending_req, reasons, has_reason):
        label[node_id] = IN
        queue.append(node_id)


def _classify(fw: Framework, nodes: list[str], label: dict[str, str], fixed: dict[str, bool],
              scope: set[str] | None, known: dict[str, str]) -> dict[str, str]:
    """Split failed nodes into `out` (defeated: an attacker in, or a requirement out) and `unsupported`."""
    def final(node_id: str) -> str | None:
        return label.get(node_id) if scope is None or node_id in scope else known.get(node_id)

    result = {node_id: label.get(node_id, UNDEC) for node_id in nodes}
    queue: deque[str] = deque()
    for node_id in nodes:
        if result[node_id] == OUT:
            queue.append(node_id)
            continue
        if result[node_id] != _FAIL:
            continue
        if any(final(s) == IN for s, _ in fw.attackers.get(node_id, ())) or any(
                scope is not None and s not in scope and known.get(s) == OUT for s, _ in fw.requirements(node_id)):
            result[node_id] = OUT
            queue.append(node_id)
    required_by = fw.required_by()
    while queue:
        for target in required_by.get(queue.popleft(), ()):
            if result.get(target) == _FAIL:
                result[target] = OUT
                queue.append(target)
    for node_id in nodes:
        if result[node_id] == _FAIL:
            result[node_id] = UNSUPPORTED
    return result
