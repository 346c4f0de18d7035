"""The network's stage of growth (Krebs and Holley), from signs anyone can check.

Krebs and Holley describe four stages a woven network goes through: scattered fragments, a
single hub with spokes, several hubs tied together, and a core with a periphery. Each label
here follows from three measured signs, shown beside it so a reader can disagree:

- components: the share of all nodes in the largest connected part. Below one half the network
  is still scattered fragments (unconnected nodes count: they are fragments of one).
- degree centralisation (Freeman) of the largest part: 1 for a star, near 0 when ties are
  spread evenly. From one half up, one hub holds the network together.
- core-periphery fit (Borgatti and Everett's discrete model, the variant that ignores ties
  between core and periphery): the best correlation between the ties and a pattern with a
  dense core and a periphery not tied among itself, over cores of the best-connected nodes.
  A fit from 0.6 with a core of at least three nodes, itself dense, is a core and periphery;
  otherwise several hubs.

Arrays, not NetworkX objects: the signs are taken once per year on graphs of 40,000 nodes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import asdict, dataclass

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from arena.graph.arrays import Shape
from arena.graph.untied import Untied

STAGES = ("fragmented", "single-hub", "multi-hub", "core-periphery")
FRAGMENTED_BELOW = 0.5
SINGLE_HUB_FROM = 0.5
CORE_FIT_FROM = 0.6
CORE_DENSITY_FROM = 0.6
MIN_CORE = 3


@dataclass(frozen=True)
class Signs:
    nodes: int
    ties: int
    components: int
    largest_share: float
    centralisation: float
    core_fit: float
    core_size: int
    core_density: float
    stage: str

    def as_dict(self) -> dict:
        return asdict(self)


def signs_of_edges(count: int, a: np.ndarray, b: np.ndarray) -> Signs:
    """The signs and stage of an undirected simple graph of `count` nodes (0..count-1)."""
    ties = len(a)
    if count == 0:
        return Signs(0, 0, 0, 0.0, 0.0, 0.0, 0, 0.0, "fragmented")
    adjacency = sparse.coo_matrix(
        (np.ones(ties, dtype=np.int8), (a, b)), shape=(count, count)
    ).tocsr()
    n_parts, part = connected_components(adjacency, directed=False)
    sizes = np.bincount(part)
    largest = int(sizes.argmax())
    degree = np.bincount(a, minlength=count) + np.bincount(b, minlength=count)
    in_largest = part == largest
    centralisation = _centralisation(degree[in_largest])
    fit, core_size, core_density = _core_fit(count, a, b, degree)
    share = float(sizes[largest]) / count
    if share < FRAGMENTED_BELOW or ties == 0:
        stage = "fragmented"
    elif centralisation >= SINGLE_HUB_FROM:
        stage = "single-hub"
    elif fit >= CORE_FIT_FROM and core_size >= MIN_CORE and core_density >= CORE_DENSITY_FROM:
        stage = "core-periphery"
    else:
        stage = "multi-hub"
    return Signs(
        nodes=count,
        ties=ties,
        components=int(n_parts),
        largest_share=round(share, 4),
        centralisation=round(centralisation, 4),
        core_fit=round(fit, 4),
        core_size=core_size,
        core_density=round(core_density, 4),
        stage=stage,
    )


def _centralisation(degree: np.ndarray) -> float:
    """Freeman's degree centralisation: 1 for a star, 0 when every node has the same ties."""
    m = len(degree)
    if m < 3:
        return 0.0
    return float((degree.max() - degree).sum()) / ((m - 1) * (m - 2))


def _core_fit(count: int, a: np.ndarray, b: np.ndarray, degree: np.ndarray):
    """Best fit over cores made of the best-connected tied nodes (at most half of them)."""
    tied = np.flatnonzero(degree > 0)
    n = len(tied)
    if n < 4 or len(a) == 0:
        return 0.0, 0, 0.0
    order = tied[np.lexsort((tied, -degree[tied]))]
    rank = np.full(count, -1)
    rank[order] = np.arange(n)
    ra, rb = rank[a], rank[b]
    # a tie joins the core when its later end does: count ties by that end
    within = np.cumsum(np.bincount(np.maximum(ra, rb), minlength=n))
    summed = np.cumsum(degree[order])
    c = np.arange(1, n + 1)
    e_cc = within.astype(float)
    e_cp = summed - 2 * e_cc
    e_pp = len(a) - e_cc - e_cp
    core_pairs = c * (c - 1) / 2
    peri_pairs = (n - c) * (n - c - 1) / 2
    pairs = core_pairs + peri_pairs
    observed = e_cc + e_pp
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = (pairs * e_cc - observed * core_pairs) / np.sqrt(
            observed * (pairs - observed) * core_pairs * (pairs - core_pairs)
        )
    phi = np.nan_to_num(phi, nan=-1.0, posinf=-1.0, neginf=-1.0)
    allowed = (c >= 2) & (c <= n // 2)
    if not allowed.any():
        return 0.0, 0, 0.0
    phi[~allowed] = -1.0
    best = int(phi.argmax())
    size = best + 1
    density = e_cc[best] / core_pairs[best] if core_pairs[best] else 0.0
    return max(0.0, float(phi[best])), size, float(density)


def graph_signs(graph: nx.Graph, shape: Shape | None = None) -> Signs:
    """The signs of a NetworkX graph (directed ties count as undirected, self-ties ignored).
    From its `shape` when the caller has it: the matrix's upper triangle holds each pair."""
    if shape is not None:
        pairs = sparse.triu(shape.matrix, k=1, format="coo")
        return signs_of_edges(len(shape.nodes), pairs.row.astype(np.int64),
                              pairs.col.astype(np.int64))  # fmt: skip
    index = {node: i for i, node in enumerate(graph)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v}
    a = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    b = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    return signs_of_edges(len(index), a, b)


def stage_per_year(
    nodes: list[Hashable],
    node_steps: Iterable[int],
    edges: Iterable[tuple[Hashable, Hashable, int]],
    step_days: list[str],
) -> list[dict]:
    """The signs at the end of each year with sessions, replaying the graph's `step`s.

    `node_steps` gives each node's first session index, `edges` (a, b, first session index),
    `step_days` each session's ISO day, oldest first.
    """
    if not step_days:
        return []
    index = {node: i for i, node in enumerate(nodes)}
    first = np.fromiter(node_steps, dtype=np.int64, count=len(nodes))
    edge_list = [(index[x], index[y], s) for x, y, s in edges if x != y]
    a = np.array([e[0] for e in edge_list], dtype=np.int64)
    b = np.array([e[1] for e in edge_list], dtype=np.int64)
    edge_step = np.array([e[2] for e in edge_list], dtype=np.int64)
    last_of_year: dict[str, int] = {}
    for step, day in enumerate(step_days):
        last_of_year[day[:4]] = step
    result = []
    for year, step in last_of_year.items():
        keep_nodes = np.flatnonzero(first <= step)
        renumber = np.full(len(nodes), -1)
        renumber[keep_nodes] = np.arange(len(keep_nodes))
        keep = (edge_step <= step) & (renumber[a] >= 0) & (renumber[b] >= 0)
        signs = signs_of_edges(len(keep_nodes), renumber[a[keep]], renumber[b[keep]])
        result.append({"year": year, "step": step, **signs.as_dict()})
    return result


def graph_stage_per_year(
    graph: nx.Graph, step_days: list[str], untied: Untied | None = None
) -> list[dict]:
    """stage_per_year over a graph whose nodes and ties carry `step` (and the nodes kept
    apart from it, `untied`, after its own)."""
    nodes = list(graph)
    steps = [int(step) for _node, step in graph.nodes(data="step", default=0)]
    if untied:
        nodes += untied.nodes
        steps += [0 if step is None else int(step) for step in untied.column("step")]
    return stage_per_year(
        nodes,
        steps,
        ((u, v, int(step)) for u, v, step in graph.edges(data="step", default=0)),
        step_days,
    )
