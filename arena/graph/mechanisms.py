"""The mechanism overview: small wins per mechanism by series and year, and how far chains
of oil-spot and connection wins spread (organisations, sectors, policy domains reached).

Pure: reads the small-wins graph, whose nodes carry their mechanisms, organisation and series.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from arena.wins.models import Mechanism

SPREAD_MECHANISMS = (Mechanism.OIL_SPOT.value, Mechanism.CONNECTION.value)
NO_SERIES = ""


def wins_per_mechanism(graph: nx.DiGraph) -> list[dict]:
    """Rows of (series, year) with a count per mechanism, newest year first."""
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for _node, data in graph.nodes(data=True):
        key = (data.get("series") or NO_SERIES, data["happened_on"][:4])
        counts[key]["total"] += 1
        for mechanism in data.get("mechanisms") or []:
            counts[key][mechanism] += 1
    return [
        {"series": series, "year": year, "counts": dict(counter)}
        for (series, year), counter in sorted(
            counts.items(), key=lambda i: (i[0][0], -int(i[0][1]))
        )
    ]


def chain_spread(graph: nx.DiGraph, limit: int = 10) -> dict[str, list[dict]]:
    """Per spreading mechanism: the chains (wins linked by 'inspired') that reached furthest."""
    result: dict[str, list[dict]] = {m: [] for m in SPREAD_MECHANISMS}
    for chain in nx.weakly_connected_components(graph):
        if len(chain) < 2:
            continue
        nodes = [graph.nodes[n] for n in chain]
        tagged = {m for d in nodes for m in d.get("mechanisms") or []}
        first = min(chain, key=lambda n: (graph.nodes[n]["happened_on"], n))
        spread = {
            "first": first,
            "first_label": graph.nodes[first].get("label", first),
            "started": graph.nodes[first]["happened_on"],
            "wins": len(chain),
            "organisations": _distinct(nodes, "organisation_id"),
            "sectors": _distinct(nodes, "sector"),
            "policy_domains": _distinct(nodes, "policy_domain"),
        }
        for mechanism in SPREAD_MECHANISMS:
            if mechanism in tagged:
                result[mechanism].append(spread)
    for mechanism, chains in result.items():
        chains.sort(key=lambda c: (-c["organisations"], -c["wins"], c["started"]))
        result[mechanism] = chains[:limit]
    return result


def _distinct(nodes: list[dict], key: str) -> int:
    return len({d.get(key) for d in nodes} - {None})


def mechanism_overview(graph: nx.DiGraph) -> dict:
    return {"per_series": wins_per_mechanism(graph), "spread": chain_spread(graph)}
