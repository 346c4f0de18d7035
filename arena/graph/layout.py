"""Node positions, computed in the background job and stored with the result.

A plain `spring_layout` of 2,000 nodes takes 10 s here. Laying out the communities first (a
small graph of communities) and then each community on its own is far cheaper, and puts
every community in its own patch of the drawing, which is what readers look for anyway.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from arena.graph.metrics import SEED

#: drawings with more nodes than this are sent with physics off
PHYSICS_LIMIT = 300
#: the drawing's coordinate range, in vis-network's pixels
SCALE = 1000.0


def positions(graph: nx.Graph, community: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Positions for every node: communities placed apart, each laid out on its own."""
    if graph.number_of_nodes() == 0:
        return {}
    undirected = graph.to_undirected() if graph.is_directed() else graph
    if undirected.number_of_nodes() <= PHYSICS_LIMIT:
        raw = nx.spring_layout(undirected, seed=SEED, weight=None)
        return {n: _scaled(p, SCALE) for n, p in raw.items()}
    groups: dict[int, list[str]] = defaultdict(list)
    for node in undirected:
        groups[community.get(node, -1)].append(node)
    for index in [i for i, nodes in groups.items() if len(nodes) == 1 and i != -1]:
        groups[-1].extend(groups.pop(index))
    community = {node: index for index, nodes in groups.items() for node in nodes}
    centres = _community_centres(undirected, groups, community)
    total = undirected.number_of_nodes()
    result = {}
    for index, nodes in groups.items():
        radius = SCALE * math.sqrt(len(nodes) / total) * 0.9
        local = _circle(nodes) if index == -1 else _local_layout(undirected.subgraph(nodes))
        cx, cy = centres[index]
        for node, (x, y) in local.items():
            result[node] = (round(cx + x * radius, 1), round(cy + y * radius, 1))
    return result


def _scaled(point, scale: float) -> tuple[float, float]:
    return (round(float(point[0]) * scale, 1), round(float(point[1]) * scale, 1))


def _community_centres(graph: nx.Graph, groups: dict, community: dict) -> dict:
    between = nx.Graph()
    between.add_nodes_from(groups)
    for a, b in graph.edges():
        ca, cb = community.get(a, -1), community.get(b, -1)
        if ca != cb:
            weight = between.get_edge_data(ca, cb, {"weight": 0})["weight"]
            between.add_edge(ca, cb, weight=weight + 1)
    spread = 3.0 * SCALE
    if between.number_of_nodes() == 1:
        return {n: (0.0, 0.0) for n in between}
    raw = nx.spring_layout(between, seed=SEED, weight="weight", k=2 / math.sqrt(len(groups)))
    return {n: _scaled(p, spread) for n, p in raw.items()}


def _local_layout(subgraph: nx.Graph) -> dict:
    n = subgraph.number_of_nodes()
    if n == 1:
        return {next(iter(subgraph)): (0.0, 0.0)}
    iterations = 50 if n <= 300 else 15
    raw = nx.spring_layout(subgraph, seed=SEED, iterations=iterations, weight=None)
    return {node: (float(p[0]), float(p[1])) for node, p in raw.items()}


def _circle(nodes: list[str]) -> dict:
    """Nodes without a community of their own (mostly isolated ones) on a ring."""
    count = len(nodes)
    return {
        node: (math.cos(2 * math.pi * i / count), math.sin(2 * math.pi * i / count))
        for i, node in enumerate(sorted(nodes))
    }
