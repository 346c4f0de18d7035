"""One place that turns rows into a graph of a kind and a graph into the stored result.

Shared by the background job, the exports and the CLI, so a page, a download and a command
all describe the same graph the same way.
"""

from __future__ import annotations

import networkx as nx

from arena.graph import metrics as m
from arena.graph.build import build_organisation_graph, build_people_graph, build_wins_graph
from arena.graph.drawing import drawing_data
from arena.graph.filters import GraphFilter, filter_graph
from arena.graph.mechanisms import mechanism_overview
from arena.graph.queries import GraphRows
from arena.graph.suggestions import introduction_suggestions, introductions_for_isolated

KINDS = ("organisations", "people", "wins")
EDGE_KINDS = ("collaboration", "co-presenting", "co-attendance", "inspired")
#: caps that keep metrics within seconds on a 40,000-member network (the threshold rises)
MAX_CO_ATTENDANCE_EDGES = {"organisations": 30_000, "people": 60_000}
MIN_SHARED = {"organisations": 1, "people": 2}


def build_graph(rows: GraphRows, kind: str) -> nx.Graph:
    if kind == "organisations":
        return build_organisation_graph(rows, MIN_SHARED[kind], MAX_CO_ATTENDANCE_EDGES[kind])
    if kind == "people":
        return build_people_graph(rows, MIN_SHARED[kind], MAX_CO_ATTENDANCE_EDGES[kind])
    if kind == "wins":
        return build_wins_graph(rows)
    raise ValueError(f"unknown graph kind {kind!r}")


def only_edges_of_kind(graph: nx.Graph, edge_kind: str | None) -> nx.Graph:
    """The same nodes with only the edges of one kind (all nodes stay, so isolates show)."""
    return filter_graph(graph, GraphFilter(edge_kind=edge_kind or ""))


def steps_of(rows: GraphRows) -> list[dict]:
    return [
        {"day": r.day.isoformat(), "title": r.title, "series": r.series_name} for r in rows.meetings
    ]


def analyse(graph: nx.Graph, rows: GraphRows, previous_drawing: dict | None = None) -> dict:
    """Everything the page shows, computed once and stored as JSON.

    `previous_drawing` is the view's stored drawing, whose positions are reused when the
    drawn nodes, ties and communities did not change.
    """
    node_metrics, how = m.node_metrics(graph)
    m.attach(graph, node_metrics)
    steps = steps_of(rows)
    labels = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}

    def named(nodes):
        return [{"id": n, "label": labels[n]} for n in nodes]

    suggestions = introduction_suggestions(graph)
    for s in suggestions:
        s["a_label"], s["b_label"] = labels[s["a"]], labels[s["b"]]
        s["shared_contacts"] = named(s["shared_contacts"])
    lonely = introductions_for_isolated(graph) if graph.graph.get("kind") == "people" else []
    for s in lonely:
        s["a_label"], s["b_label"] = labels[s["a"]], labels[s["b"]]
    isolated = m.isolated(graph)
    newcomers = m.newcomers(graph, len(steps) - 1) if steps else []
    brokers = sorted(graph, key=lambda n: (-node_metrics[n]["betweenness"], n))[:15]
    sector_bridges = m.bridges(graph, "sector")
    domain_bridges = m.bridges(graph, "policy_domain")
    for bridge in (sector_bridges, domain_bridges):
        bridge["carriers"] = [
            {"id": n, "label": labels[n], "ties": count} for n, count in bridge["carriers"]
        ]
    return {
        "kind": graph.graph.get("kind"),
        "summary": m.summary(graph),
        "betweenness": how,
        "min_shared": graph.graph.get("min_shared"),
        "brokers": [{"id": n, "label": labels[n], **_figures(node_metrics[n])} for n in brokers],
        "communities": m.community_mix(graph, node_metrics, "sector"),
        "community_count": len({v["community"] for v in node_metrics.values()} - {-1}),
        "sector_bridges": sector_bridges,
        "domain_bridges": domain_bridges,
        "newcomers": named(newcomers[:50]),
        "newcomer_count": len(newcomers),
        "last_step": steps[-1] if steps else None,
        "isolated": named(isolated[:50]),
        "isolated_count": len(isolated),
        "suggestions": suggestions,
        "isolated_suggestions": lonely,
        "drawing": drawing_data(graph, node_metrics, steps, previous_drawing),
        "mechanisms": mechanism_overview(graph) if graph.graph.get("kind") == "wins" else None,
    }


def _figures(values: dict) -> dict:
    return {
        "degree": values["degree"],
        "weighted_degree": values["weighted_degree"],
        "betweenness": values["betweenness"],
        "community": values["community"],
    }
