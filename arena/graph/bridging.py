"""Ties between sectors (or policy domains): which pairs, and who carries most of them.

`bridges_by` counts them in arrays when it can (`bridges_in_arrays`): a pass over the ties
in Python took 0.6 s a view at 200,000 members; there the counting is NumPy's, in the same
order as the loop's Counters give (most first, then as they came).
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

import networkx as nx
import numpy as np

from arena.graph.arrays import Shape
from arena.graph.untied import Untied
from arena.graph.untied import values as untied_values


def bridges_in_arrays(
    graph: nx.Graph, attributes: tuple, limit: int, shape: Shape, untied: Untied | None = None
):
    """bridges_by's answer from arrays, or None when an attribute's values are not all
    strings (they are then compared as Python compares them, in bridges_by's loop).

    The ties come in `graph.edges()` order (each tie at the first of its ends, neighbours
    in the order they were added), which decides the order of equal counts, as Counter's
    most_common keeps the order of first counting. (`untied`: nodes kept apart, last in the
    shape's nodes, without ties.)"""
    lists = graph._succ if graph.is_directed() else graph._adj  # noqa: SLF001 - read only
    inside = len(shape.nodes) - len(untied or ())
    index = {node: i for i, node in enumerate(shape.nodes[:inside])}
    neighbours = [lists[node] for node in shape.nodes[:inside]]
    b = np.fromiter(map(index.__getitem__, chain.from_iterable(neighbours)), dtype=np.int64)
    a = np.repeat(np.arange(len(neighbours), dtype=np.int64), list(map(len, neighbours)))
    if not graph.is_directed():  # each tie once, from its end that comes first
        keep = b >= a
        a, b = a[keep], b[keep]
    result = {}
    for attribute in attributes:
        values = untied_values(graph, untied, attribute)
        distinct = set(values) - {None}
        if not all(isinstance(value, str) for value in distinct):
            return None
        names = sorted(distinct)  # codes in the strings' order, so min/max compare as they do
        codes = {name: i for i, name in enumerate(names)}
        code = np.array([-1 if v is None else codes[v] for v in values], dtype=np.int64)
        ca, cb = code[a], code[b]
        cross = (ca >= 0) & (cb >= 0) & (ca != cb)
        ea, eb, ca, cb = a[cross], b[cross], ca[cross], cb[cross]
        keys = np.minimum(ca, cb) * len(names) + np.maximum(ca, cb)
        pairs = _most_first(keys, np.arange(len(keys)), limit)
        ends = np.column_stack([ea, eb]).ravel()  # a tie's first end, then its second
        carriers = _most_first(ends, np.arange(len(ends)), limit)
        result[attribute] = {
            "pairs": [[names[k // len(names)], names[k % len(names)], n] for k, n in pairs],
            "carriers": [[shape.nodes[node], n] for node, n in carriers],
            "cross_edges": len(keys),
        }
    return result


def _most_first(keys: np.ndarray, order: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """(key, count) of the `limit` most frequent keys, equal counts in order of first
    appearance (`order`: each key's place as it comes)."""
    if not len(keys):
        return []
    found, first, counts = np.unique(keys, return_index=True, return_counts=True)
    chosen = np.lexsort((order[first], -counts))[:limit]
    return list(zip(found[chosen].tolist(), counts[chosen].tolist(), strict=True))


def bridges(graph: nx.Graph, attribute: str = "sector", limit: int = 15) -> dict:
    """Ties between sectors (or policy domains): which pairs, and who carries most of them."""
    return bridges_by(graph, (attribute,), limit)[attribute]


def bridges_by(
    graph: nx.Graph,
    attributes: tuple[str, ...],
    limit: int = 15,
    shape: Shape | None = None,
    untied: Untied | None = None,
) -> dict:
    """`bridges` for several attributes in one pass over the ties (37,000 on the 40,000-member
    organisation graph): each node's values are read once, not twice per tie and attribute.
    Given the graph's `shape`, the counting is done in arrays (0.6 s a view at 200,000
    members in Python); the order is the same: most first, then as the ties come."""
    if shape is not None:
        found = bridges_in_arrays(graph, attributes, limit, shape, untied)
        if found is not None:
            return found
    values = {n: tuple(d.get(a) for a in attributes) for n, d in graph.nodes(data=True)}
    pairs: list[Counter] = [Counter() for _ in attributes]
    carriers: list[Counter] = [Counter() for _ in attributes]
    for a, b in graph.edges():
        for i, (sa, sb) in enumerate(zip(values[a], values[b], strict=True)):
            if sa is None or sb is None or sa == sb:
                continue
            pairs[i][(sa, sb) if sa < sb else (sb, sa)] += 1
            carriers[i][a] += 1
            carriers[i][b] += 1
    return {
        attribute: {
            "pairs": [[a, b, n] for (a, b), n in pairs[i].most_common(limit)],
            "carriers": [[node, n] for node, n in carriers[i].most_common(limit)],
            "cross_edges": sum(pairs[i].values()),
        }
        for i, attribute in enumerate(attributes)
    }
