"""What changed in a period: the nodes and ties that are new, and the sector pairs tied anew.

Works on the map's own node and tie records (each with the `step`, the session index at which
it first appeared), so the job can store "since the last session" and a page can answer any
two dates from the stored map without the graph.
"""

from __future__ import annotations

from collections.abc import Iterable

LISTED = 30


def step_after(steps: list[dict], day: str | None) -> int:
    """The index of the last session on or before `day` (ISO); -1 when before the first."""
    if not day:
        return -1
    before = [i for i, step in enumerate(steps) if step["day"] <= day]
    return before[-1] if before else -1


def what_changed(
    nodes: list[dict],
    ties: Iterable[tuple[int, int, int]],
    after_step: int,
    until_step: int,
    attribute: str = "sector",
) -> dict:
    """New nodes and ties with `after_step` < step <= `until_step`, and new sector pairs.

    `ties` are (node index, node index, step). A tie between two sectors (or policy domains)
    that had no tie between them before the period is counted apart: such ties are what a
    transition arena hopes to grow.
    """
    ties = list(ties)
    before: set[tuple] = set()
    for a, b, step in ties:
        pair = _pair(nodes, a, b, attribute)
        if step <= after_step and pair:
            before.add(pair)
    new_nodes = [n for n in nodes if after_step < n.get("step", 0) <= until_step]
    new_ties, opening, pairs = [], 0, []
    for a, b, step in sorted(ties, key=lambda t: (t[2], t[0], t[1])):
        if not after_step < step <= until_step:
            continue
        pair = _pair(nodes, a, b, attribute)
        opens = bool(pair) and pair not in before
        if opens:
            opening += 1
            if list(pair) not in pairs:
                pairs.append(list(pair))
        new_ties.append(
            {"a": nodes[a]["label"], "b": nodes[b]["label"], "step": step, "opens": opens}
        )
    return {
        "after_step": after_step,
        "until_step": until_step,
        "new_nodes": len(new_nodes),
        "nodes": [n["label"] for n in new_nodes[:LISTED]],
        "new_ties": len(new_ties),
        "ties": sorted(new_ties, key=lambda t: (not t["opens"], t["step"]))[:LISTED],
        "opening_ties": opening,
        "new_pairs": pairs[:LISTED],
    }


def _pair(nodes: list[dict], a: int, b: int, attribute: str) -> tuple | None:
    one, other = nodes[a].get(attribute), nodes[b].get(attribute)
    if one is None or other is None or one == other:
        return None
    return tuple(sorted((one, other)))
