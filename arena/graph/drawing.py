"""The drawing's data: pyvis builds nodes, edges and options; our own page draws them.

We never use pyvis's HTML templates (no autoescape, a CDN, and an innerHTML popup when a title
mentions `href`). Titles stay plain strings, which vis-network shows as text, never as HTML.
Big graphs are cut to the best-connected MAX_DRAWN nodes and the strongest MAX_DRAWN_EDGES
edges between them, drawn at stored positions with physics off.
"""

from __future__ import annotations

import json

import networkx as nx
from pyvis.network import Network

from arena.graph.layout import PHYSICS_LIMIT, layout_key, positions

MAX_DRAWN = 2000
MAX_DRAWN_EDGES = 6000
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939",
)  # fmt: skip

#: node attributes copied to the page (figures shown on click, filters, the table)
NODE_FIELDS = (
    "record_id", "sector", "policy_domain", "role", "organisation", "place", "size",
    "mechanisms", "small_wins", "small_win_mechanisms", "happened_on", "series", "step",
    "degree", "weighted_degree", "betweenness", "community", "sectors_reached",
    "domains_reached",
)  # fmt: skip
EDGE_FIELDS = ("kind", "weight", "step", "collaborations", "co_presented", "shared_sessions")


class _IdList(list):
    """pyvis checks `id in list` for every node and edge: O(n) each. A set makes it O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set = set()

    def append(self, value) -> None:
        super().append(value)
        self._seen.add(value)

    def __contains__(self, value) -> bool:
        return value in self._seen


def drawn_subgraph(graph: nx.Graph, metrics: dict[str, dict]) -> nx.Graph:
    """The part that is drawn: everything when small, else the best-connected nodes.

    Built as a new graph in one pass over the edges: NetworkX's subgraph views check every
    node of every edge through filters, which took most of a second at 8,000 nodes.
    """
    keep = None
    if graph.number_of_nodes() > MAX_DRAWN:
        ranked = sorted(graph, key=lambda n: (-metrics[n]["degree"], -metrics[n]["betweenness"], n))
        keep = set(ranked[:MAX_DRAWN])
    edges = [
        (a, b, d) for a, b, d in graph.edges(data=True) if keep is None or (a in keep and b in keep)
    ]
    if keep is None and len(edges) <= MAX_DRAWN_EDGES:
        return graph
    if len(edges) > MAX_DRAWN_EDGES:
        edges = sorted(edges, key=lambda e: (-e[2].get("weight", 1), e[0], e[1]))[:MAX_DRAWN_EDGES]
    kept = graph.__class__()
    kept.graph.update(graph.graph)
    kept.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if keep is None or n in keep)
    kept.add_edges_from(edges)
    return kept


def _title(node: str, data: dict) -> str:
    lines = [str(data.get("label", node))]
    for key in ("organisation", "sector", "policy_domain", "role"):
        if data.get(key):
            lines.append(str(data[key]))
    return "\n".join(lines)


def _colour_key(data: dict) -> str:
    return str(data.get("sector") or data.get("organisation") or "")


def _stored_positions(previous: dict | None, key: str) -> dict | None:
    """The previous drawing's positions when it drew the same nodes, ties and communities."""
    if not previous or previous.get("layout_key") != key:
        return None
    return {n["id"]: (n["x"], n["y"]) for n in previous["nodes"] if "x" in n and "y" in n}


def drawing_data(
    graph: nx.Graph, metrics: dict[str, dict], steps: list[dict], previous: dict | None = None
) -> dict:
    """Nodes, edges and options for vis-network, plus what the page says about the view.

    The layout is the costliest part after the metrics; when only figures changed (a renamed
    organisation, another shared session for a pair already tied) the previous drawing's
    positions are reused, which also keeps the picture steady for readers.
    """
    drawn = drawn_subgraph(graph, metrics)
    community = {n: metrics[n]["community"] for n in drawn}
    key = layout_key(drawn, community)
    where = _stored_positions(previous, key)
    if where is None or any(node not in where for node in drawn):
        where = positions(drawn, community)
    physics = drawn.number_of_nodes() <= PHYSICS_LIMIT
    groups = sorted({_colour_key(d) for _n, d in drawn.nodes(data=True)})
    colour = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    net = Network(directed=True)  # unique edges already: skips pyvis's O(E) duplicate scan
    net.node_ids = _IdList()
    for node, data in drawn.nodes(data=True):
        x, y = where.get(node, (0.0, 0.0))
        extra = {k: _plain(data.get(k, metrics[node].get(k))) for k in NODE_FIELDS}
        extra = {k: v for k, v in extra.items() if v is not None}
        net.add_node(
            node,
            label=str(data.get("label", node)),
            title=_title(node, data),
            color=colour[_colour_key(data)],
            value=metrics[node]["degree"] + 1,
            x=x,
            y=y,
            **extra,
        )
    for a, b, data in drawn.edges(data=True):
        net.add_edge(
            a,
            b,
            arrows="to" if graph.is_directed() else "",
            **{k: data[k] for k in EDGE_FIELDS if data.get(k) not in (None, 0)},
        )
    net.set_options(json.dumps(_options(physics)))
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "physics": physics,
        "steps": steps,
        "palette": list(PALETTE),
        "drawn_nodes": drawn.number_of_nodes(),
        "drawn_edges": drawn.number_of_edges(),
        "total_nodes": graph.number_of_nodes(),
        "total_edges": graph.number_of_edges(),
        "directed": graph.is_directed(),
        "layout_key": key,
    }


def _plain(value):
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return value


def _options(physics: bool) -> dict:
    return {
        "autoResize": True,
        "nodes": {"shape": "dot", "scaling": {"min": 6, "max": 40}, "font": {"size": 12}},
        "edges": {"smooth": False, "color": {"inherit": False, "color": "#9aa5b1"}},
        "physics": {
            "enabled": physics,
            "stabilization": {"enabled": physics, "iterations": 200},
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 120},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics},
    }
