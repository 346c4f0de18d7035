"""Weaving the network (June Holley): who hangs loose, and whether it all rests on one hub.

Pure functions of a graph whose betweenness is known. A weaver's first questions: who has no
tie yet, who hangs on a single tie (lose it and they are gone), and whether the paths between
everyone else run through one node, so the network falls apart without it; worse when that
node is the organisers' own organisation or person, since a network that needs its organisers
to meet is not yet weaving itself.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

from arena.graph.arrays import Shape
from arena.graph.untied import Untied, attributes_of

#: a hub carrying this share of the shortest paths or more is a dependency worth a warning
HUB_WARNING_SHARE = 0.25
#: how many unconnected and one-tie nodes are listed (all are counted)
LISTED = 50


def hub_dependency(
    graph: nx.Graph,
    betweenness: dict[Hashable, float],
    shape: Shape | None = None,
    untied: Untied | None = None,
) -> dict | None:
    """The top node by betweenness and the share of shortest paths that run through it.

    Normalised betweenness is the share over all pairs of other nodes; pairs with no path
    between them cannot run through anyone, so the share here is over connected pairs only:
    a star's hub carries all of them (1.0) however many unconnected nodes lie around it.
    (`shape`: the graph's, when the caller has it; with `untied`, the nodes kept apart, the
    whole's.)
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    shape = shape or Shape.of(graph)
    n = len(shape.nodes)
    if n < 3 or not betweenness or not undirected.number_of_edges():
        return None
    top = min(shape.nodes, key=lambda node: (-betweenness.get(node, 0.0), str(node)))
    through = betweenness.get(top, 0.0) * (n - 1) * (n - 2) / 2
    labels = shape.parts
    sizes = np.bincount(labels).tolist()
    connected = sum(size * (size - 1) // 2 for size in sizes)
    connected -= sizes[labels[shape.nodes.index(top)]] - 1
    share = min(1.0, through / connected) if connected else 0.0
    data = attributes_of(undirected, untied, top)
    return {
        "id": top,
        "label": str(data.get("label", top)),
        "share": round(share, 4),
        "is_organisers": bool(data.get("is_organisers")),
        "warning": share >= HUB_WARNING_SHARE,
    }


def loose_ends(graph: nx.Graph, shape: Shape | None = None) -> dict:
    """Nodes without a tie, and nodes with one tie only (with whom), both counted in full.
    (`shape`: the graph's, when the caller has it: then only those nodes are looked at.)"""
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    if shape is None:
        degrees = dict(undirected.degree())
    else:
        loose = np.flatnonzero(shape.undirected_degree <= 1)
        found = shape.undirected_degree[loose].tolist()
        degrees = dict(zip([shape.nodes[i] for i in loose.tolist()], found, strict=True))
    alone, one_tie = [], []
    for node in sorted(degrees, key=str):
        degree = degrees[node]
        if degree == 0:
            alone.append(node)
        elif degree == 1:
            one_tie.append((node, next(iter(undirected[node]))))
    return {
        "unconnected": alone[:LISTED],
        "unconnected_count": len(alone),
        "one_tie": one_tie[:LISTED],
        "one_tie_count": len(one_tie),
    }
