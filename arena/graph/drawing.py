"""The map's data: pyvis builds nodes, edges and options; our own page draws them.

We never use pyvis's HTML templates (no autoescape, a CDN, and an innerHTML popup when a title
mentions `href`). Labels stay plain strings, which vis-network shows as text, never as HTML.

Every tied node is drawn, at positions computed here (in the background job) with physics off,
communities apart; the page groups each community into one cluster node when the map is big
and opens it on click or zoom. Nodes without a tie are not drawn as a ring but counted and
listed beside the map. Colours (per sector, policy domain and community), edge widths (by
weight) and the lighter colour of ties between communities are decided here once; the page
only picks the column for the colouring a reader chose.
"""

from __future__ import annotations

import json
import math

import networkx as nx
from pyvis.network import Network

from arena.graph.arrays import Shape
from arena.graph.layout import layout_key, positions
from arena.graph.legend import COLOURINGS, clusters, colour_of, colour_table
from arena.graph.metrics import NodeMetrics
from arena.graph.transport import pack

#: drawings with more tied nodes than this are grouped into one cluster node per community
CLUSTER_FROM = 400
#: the map draws each node's strongest ties, at most this many per node (the union of both
#: ends' choices) ...
TIES_PER_NODE = 4
#: ... and at most this many ties between any two communities: vis-network's clustering
#: compares every tie leaving a cluster with every other (quadratic), and 30,000 weak shared
#: sessions drawn at once read as a grey fog anyway. The table and downloads hold every tie.
TIES_PER_COMMUNITY_PAIR = 3
#: nodes whose names are always shown (most ties), and brokers marked (highest betweenness)
CENTRAL = 10
BROKERS = 5
WITHIN_COLOUR = "#5f6b78"
BETWEEN_COLOUR = "rgba(140,150,162,0.3)"
#: node attributes sent to the page (figures on click, filters, titles)
NODE_FIELDS = (
    "record_id", "sector", "policy_domain", "role", "organisation", "place", "mechanisms",
    "small_wins", "small_win_mechanisms", "happened_on", "step", "degree", "weighted_degree",
    "betweenness", "community",
)  # fmt: skip
EDGE_FIELDS = (
    "kind", "weight", "step", "collaborations", "co_presented", "shared_sessions", "width",
    "color",
)  # fmt: skip


def tied_nodes(graph: nx.Graph, shape: Shape | None = None) -> list:
    """The nodes with at least one tie: what the map draws (with all ties, which only they
    have). A list rather than a subgraph: copying every tie and its figures, or filtering a
    view on every pass, took longer than everything the drawing does with them."""
    if shape is not None:
        return shape.tied()
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    return [n for n, degree in undirected.degree() if degree]


def map_ties(graph: nx.Graph, community: dict) -> list[tuple]:
    """The ties the map draws: each node's strongest, and the strongest between communities.

    One pass over all ties, strongest first: a tie is among a node's TIES_PER_NODE strongest
    while fewer than that many of the node's ties came before it.
    """

    def strength(edge):
        a, b, data = edge
        sa, sb = str(a), str(b)
        ends = (sa, sb) if sa <= sb else (sb, sa)
        return (-(data.get("weight") or 1), -data.get("collaborations", 0), *ends)

    taken: dict = {}
    between: dict = {}
    kept = []
    for edge in sorted(graph.edges(data=True), key=strength):
        a, b, _data = edge
        count_a, count_b = taken.get(a, 0), taken.get(b, 0)
        taken[a], taken[b] = count_a + 1, count_b + 1
        if count_a >= TIES_PER_NODE and count_b >= TIES_PER_NODE:
            continue
        ca, cb = community.get(a), community.get(b)
        if ca != cb:  # a tie between two communities (a tuple, not a frozenset per tie)
            pair = (ca, cb) if str(ca) <= str(cb) else (cb, ca)
            between[pair] = between.get(pair, 0) + 1
            if between[pair] > TIES_PER_COMMUNITY_PAIR:
                continue
        kept.append(edge)
    return kept


def _stored_positions(previous: dict | None, key: str) -> dict | None:
    """The previous drawing's positions when it drew the same nodes, ties and communities."""
    if not previous or previous.get("layout_key") != key:
        return None
    return {node: (x, y) for node, x, y in previous.get("positions", [])}


def _width(weight) -> float:
    """Edge width grows with the log of the weight, so a heavy tie stands out without a bar."""
    return round(1 + min(5.0, math.log2(max(1, weight or 1))), 2)


def _plain(value):
    if isinstance(value, (list, tuple, set)):
        return ";".join(str(v) for v in value) or None
    if isinstance(value, float):
        return round(value, 6)
    return value


def _record(graph: nx.Graph, metrics: NodeMetrics | dict[str, dict], node) -> dict:
    """A drawn node's fields: its own attribute, else its figure (the metrics)."""
    data, figures = graph.nodes[node], metrics[node]
    record = {k: _plain(data[k] if k in data else figures.get(k)) for k in NODE_FIELDS}
    record.update(id=node, label=str(data.get("label", node)))
    return record


def drawing_data(
    graph: nx.Graph,
    metrics: NodeMetrics | dict[str, dict],
    steps: list[dict],
    previous: dict | None = None,
    finer: dict | None = None,
    shape: Shape | None = None,
) -> dict:
    """The map (packed for the page), its legend, clusters and table rows, and its layout.

    The layout is the costliest part after the metrics; when only figures changed (a renamed
    organisation, another shared session for a pair already tied) the previous drawing's
    positions are reused, which also keeps the picture steady for readers. (`shape`: the
    graph's, when the caller has it.)
    """
    drawn = tied_nodes(graph, shape)
    community = {n: metrics[n]["community"] for n in drawn}
    key = layout_key(graph, community, drawn)
    where = _stored_positions(previous, key)
    if where is None or any(node not in where for node in drawn):
        where = positions(graph, community, drawn, finer, shape)
    records = [_record(graph, metrics, node) for node in drawn]
    legend = {c: colour_table([r.get(c) for r in records]) for c in COLOURINGS}
    colours = {c: colour_of(table) for c, table in legend.items()}
    ranked = sorted(records, key=lambda r: (-r["degree"], -r["betweenness"], str(r["id"])))
    central = [r["id"] for r in ranked[:CENTRAL]]
    by_betweenness = sorted(records, key=lambda r: (-r["betweenness"], str(r["id"])))
    brokers = [r["id"] for r in by_betweenness[:BROKERS] if r["betweenness"] > 0]
    # pyvis keeps the options and their format (the product owner's choice), but its
    # add_node/add_edge build each dict through a class, check the id against a list and
    # copy keyword arguments: about 2 s of the job for 12,000 nodes with nothing gained, as
    # our ids are unique and every edge's ends are drawn. The dicts below are the ones pyvis
    # makes (Node: the fields, color, id, label or the id, shape "dot"; Edge: the fields,
    # from, to), set on the Network as add_node/add_edge would.
    net = Network(directed=True)
    for record in records:
        x, y = where.get(record["id"], (0.0, 0.0))
        node = {k: v for k, v in record.items() if k not in ("id", "label") and v is not None}
        for colouring in ("policy_domain", "community"):
            node[f"color_{colouring}"] = colours[colouring][record.get(colouring)]
        node.update(
            x=x,
            y=y,
            color=colours["sector"][record.get("sector")],
            id=record["id"],
            label=record["label"] or record["id"],
            shape="dot",
        )
        net.nodes.append(node)
    ties = map_ties(graph, community)
    for a, b, data in ties:
        cross = community.get(a) != community.get(b)
        fields = {**data, "width": _width(data.get("weight")), "color": _edge_colour(cross)}
        edge = {k: fields[k] for k in EDGE_FIELDS if fields.get(k) not in (None, 0)}
        edge.update({"from": a, "to": b})
        net.edges.append(edge)
    net.set_options(json.dumps(_options(graph.is_directed())))
    nodes, edges, _heading, _height, _width_, options = net.get_network_data()
    index = {node["id"]: i for i, node in enumerate(nodes)}
    for edge in edges:  # the page refers to nodes by their place in the columns
        edge["from"], edge["to"] = index[edge["from"]], index[edge["to"]]
    node_columns = ["id", "label", "x", "y", "color", "color_policy_domain", "color_community"]
    node_columns += [f for f in NODE_FIELDS if f not in node_columns]
    return {
        "map": {
            "nodes": pack(nodes, node_columns),
            "edges": pack(edges, ["from", "to", *EDGE_FIELDS]),
            "options": json.loads(options),
            "directed": graph.is_directed(),
            "clustered": len(drawn) > CLUSTER_FROM,
            "clusters": clusters(records, colours),
            "central": [index[n] for n in central],
            "brokers": [index[n] for n in brokers],
            "steps": steps,
        },
        "legend": legend,
        "central": central,
        "brokers": brokers,
        "table": records,
        # every tie (drawn or not) by its ends' places in the table, for "what changed"
        "ties": [
            [index[a], index[b], data.get("step", 0)] for a, b, data in graph.edges(data=True)
        ],
        "layout_key": key,
        "positions": [[n, *where[n]] for n in drawn],
        "drawn_nodes": len(drawn),
        "drawn_edges": len(ties),
        "total_nodes": graph.number_of_nodes() if shape is None else len(shape.nodes),
        "total_edges": graph.number_of_edges(),
        "clustered": len(drawn) > CLUSTER_FROM,
    }


def _edge_colour(cross: bool) -> str:
    return BETWEEN_COLOUR if cross else WITHIN_COLOUR


def _options(directed: bool) -> dict:
    """Physics off: positions come from the job, so the drawing never moves by itself."""
    return {
        "autoResize": True,
        "nodes": {
            "shape": "dot",
            "scaling": {"min": 5, "max": 36, "label": {"enabled": False}},
            "font": {"size": 12, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "smooth": False,
            "color": {"inherit": False},
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": True,
            "hideEdgesOnZoom": True,
        },
        "layout": {"improvedLayout": False},
    }
