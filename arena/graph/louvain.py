"""NetworkX's Louvain (`louvain_partitions`), step for step, on integer node numbers.

NetworkX copies the graph into a new one, keeps a dict of dicts per level, builds each next
level's graph edge by edge through `add_edge` and measures modularity per level with set
lookups: most of a Louvain run at 200,000 members went to that bookkeeping rather than to
moving nodes. This does the same moves in the same order (the same `random.Random(seed)`
shuffle, each node's neighbouring communities in the same order, the same gain formula, the
same floating-point operations in the same order) on lists, so the communities are the same;
tests compare it with NetworkX on many graphs. Weights must be integers (ours are counts):
then every sum is exact and only the formula's divisions round, as they do in NetworkX.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterator

import networkx as nx

#: NetworkX's default: a level that gains less modularity than this ends the run
THRESHOLD = 0.0000001


def louvain_partitions(
    graph: nx.Graph, seed: int, nodes: list | None = None
) -> Iterator[list[set]]:
    """What `nx.community.louvain_partitions(graph, seed=seed)` yields, for an undirected
    graph whose weights ("weight", default 1) are integers; given `nodes` (in the graph's
    order), for the graph of those nodes and the ties among them, without making it."""
    nodes = list(graph) if nodes is None else nodes
    index = {node: i for i, node in enumerate(nodes)}
    # NetworkX's copy of the graph lists each node's neighbours in the order the graph's
    # edges list them: the earlier nodes first (in order), then the later ones as the node's
    # own adjacency has them
    adjacency: list[dict[int, int]] = [{} for _ in nodes]
    for i, node in enumerate(nodes):
        for other, data in graph.adj[node].items():
            j = index.get(other)
            if j is None or j < i:
                continue
            weight = data.get("weight", 1)
            if not isinstance(weight, int):
                raise TypeError("integer weights only")
            adjacency[i][j] = weight
            adjacency[j][i] = weight
    partition = [[i] for i in range(len(nodes))]  # original nodes per community
    if not any(adjacency):
        yield [{node} for node in nodes]
        return
    rng = random.Random(seed)  # noqa: S311 - what NetworkX's py_random_state makes of an int
    # NetworkX measures the first level against the input graph, whose adjacency may list
    # neighbours in another order: no matter, with integer weights every sum is exact
    mod = _modularity(adjacency, [[i] for i in range(len(nodes))])
    degrees = _degrees(adjacency)
    m = sum(degrees) / 2
    partition, inner, improvement = _one_level(adjacency, degrees, m, partition, rng)
    improvement = True
    while improvement:
        yield [{nodes[i] for i in part} for part in partition]
        new_mod = _modularity(adjacency, inner)
        if new_mod - mod <= THRESHOLD:
            return
        mod = new_mod
        adjacency = _next_level(adjacency, inner)
        partition, inner, improvement = _one_level(
            adjacency, _degrees(adjacency), m, partition, rng
        )


def louvain_communities(
    graph: nx.Graph, seed: int, nodes: list | None = None
) -> list[set[Hashable]]:
    """The last level, as `nx.community.louvain_communities(graph, seed=seed)` gives it."""
    last: list[set] = []
    for last in louvain_partitions(graph, seed, nodes):  # noqa: B007
        pass
    return last


def _degrees(adjacency: list[dict[int, int]]) -> list[int]:
    """Weighted degrees as NetworkX counts them: a self-loop twice."""
    return [sum(nbrs.values()) + nbrs.get(u, 0) for u, nbrs in enumerate(adjacency)]


def _one_level(adjacency, degrees, m, partition, rng):
    """NetworkX's `_one_level` for an undirected graph with resolution 1."""
    count = len(adjacency)
    node2com = list(range(count))
    neighbours = [[(v, w) for v, w in nbrs.items() if v != u] for u, nbrs in enumerate(adjacency)]
    stot = list(degrees)
    order = list(range(count))
    rng.shuffle(order)
    two_m2 = 2 * m**2
    moves, improvement = 1, False
    while moves > 0:
        moves = 0
        for u in order:
            best_mod = 0
            best_com = own = node2com[u]
            weights: dict[int, float] = {}
            for v, w in neighbours[u]:
                c = node2com[v]
                weights[c] = weights.get(c, 0.0) + w
            degree = degrees[u]
            stot[own] -= degree
            own_weight = weights.setdefault(own, 0.0)  # NetworkX's defaultdict adds it too
            remove_cost = -own_weight / m + (stot[own] * degree) / two_m2
            for com, wt in weights.items():
                gain = remove_cost + wt / m - (stot[com] * degree) / two_m2
                if gain > best_mod:
                    best_mod = gain
                    best_com = com
            stot[best_com] += degree
            if best_com != own:
                improvement = True
                moves += 1
                node2com[u] = best_com
    members: list[list[int]] = [[] for _ in range(count)]
    for u in range(count):
        members[node2com[u]].append(u)
    inner = [part for part in members if part]
    outer = [[node for u in part for node in partition[u]] for part in inner]
    return outer, inner, improvement


def _modularity(adjacency: list[dict[int, int]], communities: list[list[int]]) -> float:
    """NetworkX's `modularity` (resolution 1), the communities summed in the same order."""
    degrees = _degrees(adjacency)
    deg_sum = sum(degrees)
    m = deg_sum / 2
    norm = 1 / deg_sum**2
    community_of = [0] * len(adjacency)
    for c, part in enumerate(communities):
        for u in part:
            community_of[u] = c
    internal = [0] * len(communities)
    for u, nbrs in enumerate(adjacency):
        c = community_of[u]
        for v, w in nbrs.items():
            if v >= u and community_of[v] == c:  # each tie once, a self-loop once
                internal[c] += w
    total = 0
    for c, part in enumerate(communities):
        out_degree_sum = sum(degrees[u] for u in part)
        total += internal[c] / m - 1 * out_degree_sum * out_degree_sum * norm
    return total


def _next_level(adjacency: list[dict[int, int]], inner: list[list[int]]) -> list[dict[int, int]]:
    """NetworkX's `_gen_graph`: one node per community, ties summed, in the same order
    (its edges are added in the order the level's graph lists them)."""
    community_of = [0] * len(adjacency)
    for c, part in enumerate(inner):
        for u in part:
            community_of[u] = c
    result: list[dict[int, int]] = [{} for _ in inner]
    for u, nbrs in enumerate(adjacency):
        cu = community_of[u]
        for v, w in nbrs.items():
            if v < u:  # listed from the other end already
                continue
            cv = community_of[v]
            total = w + result[cu].get(cv, 0)
            result[cu][cv] = total
            result[cv][cu] = total
    return result
