"""Whom to introduce: pairs not yet tied who have much in common, with the reason shown.

Candidates are pairs two steps apart (a shared contact). Hubs with more than HUB_DEGREE ties
are skipped as go-betweens: they tie everyone to everyone and tell little (Adamic-Adar weighs
them down for the same reason), and skipping them keeps the candidate count bounded on big
graphs. The pairs are scored with NetworkX's Adamic-Adar index; shared themes, when known, are
named in the reason too.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx

HUB_DEGREE = 60
MAX_CANDIDATES = 200_000


def introduction_suggestions(graph: nx.Graph, limit: int = 15) -> list[dict]:
    """The best-scoring unconnected pairs, each with its shared contacts as the reason."""
    undirected = graph.to_undirected() if graph.is_directed() else graph
    candidates: set[tuple[str, str]] = set()
    for middle in sorted(undirected, key=undirected.degree):
        neighbours = sorted(undirected[middle])
        if len(neighbours) > HUB_DEGREE:
            break
        for a, b in combinations(neighbours, 2):
            if not undirected.has_edge(a, b):
                candidates.add((a, b))
        if len(candidates) >= MAX_CANDIDATES:
            break
    scored = sorted(
        nx.adamic_adar_index(undirected, sorted(candidates)),
        key=lambda t: (-t[2], t[0], t[1]),
    )
    result = []
    for a, b, score in scored[:limit]:
        shared = sorted(nx.common_neighbors(undirected, a, b))
        themes = sorted(_themes(undirected, a) & _themes(undirected, b))
        result.append(
            {
                "a": a,
                "b": b,
                "score": round(score, 4),
                "shared_contacts": shared[:5],
                "shared_count": len(shared),
                "shared_themes": themes[:5],
                "different_sectors": undirected.nodes[a].get("sector")
                != undirected.nodes[b].get("sector"),
            }
        )
    return result


def introductions_for_isolated(graph: nx.Graph, limit: int = 15) -> list[dict]:
    """For members not tied to anyone: the tied member sharing most of their themes."""
    themed = [
        (n, set(d.get("themes") or [])) for n, d in graph.nodes(data=True) if graph.degree(n) > 0
    ]
    result = []
    for node in sorted(nx.isolates(graph))[: limit * 4]:
        own = set(graph.nodes[node].get("themes") or [])
        if not own:
            continue
        best = max(
            ((len(own & themes), -len(themes), other) for other, themes in themed if own & themes),
            default=None,
        )
        if best is not None:
            other = best[2]
            shared = sorted(own & _themes(graph, other))
            result.append({"a": node, "b": other, "shared_themes": shared})
        if len(result) >= limit:
            break
    return result


def _themes(graph: nx.Graph, node: str) -> set[str]:
    return set(graph.nodes[node].get("themes") or [])
