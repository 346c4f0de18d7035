"""The product's analysis of any network: the same metrics, communities, brokers, weaving
checks and stage that Arena's own graphs get, as one JSON-ready dict.

Used by `arena graph analyse FILE`, so a programme can check its own network data, and so the
analysis can be checked on well-known networks (Zachary's karate club, the Florentine families,
Davis' southern women).
"""

from __future__ import annotations

import unicodedata

import networkx as nx

from arena.graph import metrics as m
from arena.graph.stage import graph_signs
from arena.graph.suggestions import introduction_suggestions
from arena.graph.weaving import hub_dependency, loose_ends

BROKERS = 10


def _key(node) -> str:
    return str(node)


def _printable(text: str) -> str:
    """A label without control or invisible characters (they would steer a terminal)."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


def analyse_network(graph: nx.Graph) -> dict:
    """Metrics per node, brokers strongest first, communities largest first, stage, weaving."""
    values, how = m.node_metrics(graph)
    between = {node: v["betweenness"] for node, v in values.items()}
    brokers = sorted(graph, key=lambda n: (-between[n], _key(n)))[:BROKERS]
    groups: dict[int, list] = {}
    for node, v in values.items():
        groups.setdefault(v["community"], []).append(node)
    communities = sorted(
        (sorted(nodes, key=_key) for index, nodes in groups.items() if index >= 0),
        key=lambda c: (-len(c), _key(c[0])),
    )
    number = {node: i for i, members in enumerate(communities) for node in members}
    hub = hub_dependency(graph, between)
    loose = loose_ends(graph)
    signs = graph_signs(graph)
    labels = {n: _printable(str(d.get("label", n))) for n, d in graph.nodes(data=True)}
    return {
        "summary": m.summary(graph),
        "betweenness_method": how,
        "nodes": [
            {
                "id": _key(node),
                "label": labels[node],
                "degree": values[node]["degree"],
                "weighted_degree": values[node]["weighted_degree"],
                "betweenness": values[node]["betweenness"],
                "community": number.get(node, -1),
            }
            for node in sorted(graph, key=_key)
        ],
        "brokers": [_key(n) for n in brokers],
        "communities": [[_key(n) for n in members] for members in communities],
        "stage": signs.stage,
        "stage_signs": signs.as_dict(),
        "hub_share": hub["share"] if hub else 0.0,
        "hub": _key(hub["id"]) if hub else None,
        "unconnected": [_key(n) for n in loose["unconnected"]],
        "unconnected_count": loose["unconnected_count"],
        "one_tie": [[_key(a), _key(b)] for a, b in loose["one_tie"]],
        "one_tie_count": loose["one_tie_count"],
        "introductions": [
            {
                "a": _key(s["a"]),
                "b": _key(s["b"]),
                "shared_contacts": [_key(c) for c in s["shared_contacts"]],
                "score": s["score"],
            }
            for s in introduction_suggestions(graph, limit=10)
        ],
    }


def readable_summary(result: dict, labels: dict[str, str] | None = None) -> str:
    """A few lines a person reads before opening the JSON."""
    labels = labels or {n["id"]: n["label"] for n in result["nodes"]}

    def name(node_id: str) -> str:
        label = labels.get(node_id, node_id)
        return label if label == node_id else f"{label} ({node_id})"

    s, signs = result["summary"], result["stage_signs"]
    lines = [
        f"{s['nodes']} nodes, {s['edges']} ties, {s['components']} component(s), "
        f"{s['isolated']} without a tie.",
        f"Stage: {result['stage']} (largest part {signs['largest_share']:.0%} of the nodes, "
        f"degree centralisation {signs['centralisation']:.2f}, core-periphery fit "
        f"{signs['core_fit']:.2f} with a core of {signs['core_size']}).",
    ]
    if result["hub"] is not None:
        lines.append(
            f"Hub: {name(result['hub'])} carries {result['hub_share']:.0%} of the shortest "
            "paths between connected pairs."
        )
    brokers = ", ".join(name(b) for b in result["brokers"][:5])
    lines.append(f"Brokers (highest betweenness first): {brokers}.")
    lines.append(f"{len(result['communities'])} communities; the largest:")
    for index, members in enumerate(result["communities"][:5]):
        shown = ", ".join(labels.get(n, n) for n in members[:6])
        more = f" and {len(members) - 6} more" if len(members) > 6 else ""
        lines.append(f"  {index}: {len(members)} nodes: {shown}{more}")
    lines.append(
        f"Weaving: {result['unconnected_count']} without a tie, {result['one_tie_count']} "
        "hanging on one tie."
    )
    for s in result["introductions"][:5]:
        lines.append(
            f"  introduce {name(s['a'])} to {name(s['b'])}: "
            f"{len(s['shared_contacts'])} shared contact(s)"
        )
    return "\n".join(lines)
