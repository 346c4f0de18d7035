"""Which nodes and ties a filter keeps: one rule for the page's drawing and for the downloads.

Nodes are kept by sector, policy domain and mechanism; a small win by its own mechanisms, an
organisation or member by those of the small wins it recorded. Ties are kept between kept
nodes, and by kind when one is chosen; kept nodes stay even when no tie of that kind touches
them, so whoever is not yet tied that way still shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

#: edge kinds counted per edge (an edge holds all the ways a pair is tied)
EDGE_COUNTS = {
    "collaboration": "collaborations",
    "co-presenting": "co_presented",
    "co-attendance": "shared_sessions",
}


def edge_has_kind(data: dict, kind: str | None) -> bool:
    """Whether a tie is (also) of `kind`; every tie is when no kind is given."""
    if not kind:
        return True
    count = EDGE_COUNTS.get(kind)
    return (data.get(count) or 0) > 0 if count else data.get("kind") == kind


def node_mechanisms(data: dict) -> list[str]:
    """A small win's mechanisms, or those of the small wins an organisation or member recorded.

    Stored table rows hold them as one "a;b" text; graphs as lists.
    """
    value = data.get("mechanisms") or data.get("small_win_mechanisms") or []
    return value.split(";") if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class GraphFilter:
    sector: str = ""
    domain: str = ""
    mechanism: str = ""
    edge_kind: str = ""

    @property
    def narrows(self) -> bool:
        return bool(self.sector or self.domain or self.mechanism or self.edge_kind)

    def keeps_node(self, data: dict) -> bool:
        if self.sector and data.get("sector") != self.sector:
            return False
        if self.domain and data.get("policy_domain") != self.domain:
            return False
        return not self.mechanism or self.mechanism in node_mechanisms(data)

    def keeps_edge(self, data: dict) -> bool:
        return edge_has_kind(data, self.edge_kind)


def edge_count_field(kind: str | None) -> str | None:
    """The tie field the page's map checks for a kind of tie (None: every tie counts)."""
    return EDGE_COUNTS.get(kind or "")


def filter_graph(graph: nx.Graph, rule: GraphFilter) -> nx.Graph:
    """A copy of the graph narrowed to the filter, attributes and graph data kept."""
    if not rule.narrows:
        return graph
    kept = graph.__class__()
    kept.graph.update(graph.graph)
    kept.graph.update({name: value for name, value in vars(rule).items() if value})
    kept.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if rule.keeps_node(d))
    kept.add_edges_from(
        (a, b, d)
        for a, b, d in graph.edges(data=True)
        if a in kept and b in kept and rule.keeps_edge(d)
    )
    return kept
