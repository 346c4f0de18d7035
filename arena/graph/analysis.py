"""One place that turns rows into a graph of a kind and a graph into the stored result.

Shared by the background job, the exports and the CLI, so a page, a download and a command
all describe the same graph the same way. The result comes in parts stored apart, so each
page reads only what it shows: the findings (small, every page view), the map (gzipped, sent
as stored), the table of tied nodes and the list of unconnected ones.
"""

from __future__ import annotations

import heapq

import networkx as nx
import numpy as np

from arena.graph import metrics as m
from arena.graph import ordering
from arena.graph.arrays import Shape
from arena.graph.bridging import bridges_by
from arena.graph.build import build_organisation_graph, build_people_graph, build_wins_graph
from arena.graph.changes import what_changed
from arena.graph.drawing import drawing_data
from arena.graph.filters import GraphFilter, filter_graph
from arena.graph.legend import LEGEND_SHOWN
from arena.graph.mechanisms import mechanism_overview
from arena.graph.queries import GraphRows
from arena.graph.stage import graph_signs, graph_stage_per_year
from arena.graph.suggestions import introduction_suggestions, introductions_for_isolated
from arena.graph.transport import compress, pack, pack_columns
from arena.graph.untied import Untied, values_at
from arena.graph.weaving import hub_dependency, loose_ends

KINDS = ("organisations", "people", "wins")
EDGE_KINDS = ("collaboration", "co-presenting", "co-attendance", "inspired")
#: caps that keep metrics within seconds on a 40,000-member network (the threshold rises)
MAX_CO_ATTENDANCE_EDGES = {"organisations": 30_000, "people": 60_000}
MIN_SHARED = {"organisations": 1, "people": 2}
TABLE_COLUMNS = [
    "id", "label", "record_id", "sector", "policy_domain", "degree", "weighted_degree",
    "betweenness", "community", "step", "day", "mechanisms", "small_win_mechanisms",
]  # fmt: skip
#: `day`: the day of the node's first session, so a page shows it without every session
ALONE_COLUMNS = ["id", "label", "record_id", "sector", "policy_domain", "step", "day"]
#: the columns a page can sort the table (and the unconnected list) by, either way
SORTABLE = (
    "label", "sector", "policy_domain", "degree", "weighted_degree", "betweenness",
    "community", "step",
)  # fmt: skip
#: the table's order when a page does not ask for another (brokers first)
DEFAULT_ORDER = ("betweenness", True)


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


def build_apart(rows: GraphRows, kind: str) -> tuple[nx.Graph, Untied]:
    """The job's graph of a kind: the organisations or members without a tie kept apart
    (arena.graph.untied). The small-wins graph keeps all its wins: its untied ones are not
    last in its order."""
    untied = Untied()
    if kind == "organisations":
        graph = build_organisation_graph(
            rows, MIN_SHARED[kind], MAX_CO_ATTENDANCE_EDGES[kind], untied
        )
    elif kind == "people":
        graph = build_people_graph(rows, MIN_SHARED[kind], MAX_CO_ATTENDANCE_EDGES[kind], untied)
    else:
        graph = build_graph(rows, kind)
    return graph, untied


def analyse(
    graph: nx.Graph,
    rows: GraphRows,
    previous_drawing: dict | None = None,
    untied: Untied | None = None,
) -> dict:
    """Everything the pages show, computed once: {"page", "drawing", "table", "alone", "head"}.

    What grows with the network is kept out of the findings every page view reads: the
    sessions (12,000 at 200,000 members) and the colour legend past what the page lists go
    with the drawing; the table and the unconnected nodes (160,000 at 200,000 members) are
    stored gzipped, read only for a later page or a filter, and their first rows in every
    order a page offers are the head. `previous_drawing` is the view's stored drawing part, whose
    positions are reused when the drawn nodes, ties and communities did not change.
    `untied`: the nodes without a tie kept apart from `graph` (build_apart); the result is
    that of the whole graph.
    """
    finer: dict = {}
    # ties, degrees and connected parts (of the whole), read once for all below
    shape = Shape.of(graph, untied.nodes if untied else ())
    # the figures stay in their columns: written onto 200,000 node dicts they were the
    # largest part of the job's peak, and only the exports need them there
    node_metrics, how = m.node_metrics(graph, finer, shape, untied)
    between = dict(zip(node_metrics, node_metrics.column("betweenness"), strict=True))
    steps = steps_of(rows)
    labels = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    if untied:
        labels.update(zip(untied.nodes, map(str, untied.column("label")), strict=True))

    def named(nodes):
        return [{"id": n, "label": labels[n]} for n in nodes]

    suggestions = introduction_suggestions(graph)
    for s in suggestions:
        s["a_label"], s["b_label"] = labels[s["a"]], labels[s["b"]]
        s["shared_contacts"] = named(s["shared_contacts"])
    people = graph.graph.get("kind") == "people"
    lonely = introductions_for_isolated(graph, untied=untied) if people else []
    for s in lonely:
        s["a_label"], s["b_label"] = labels[s["a"]], labels[s["b"]]
    newcomers = m.newcomers(graph, len(steps) - 1, untied) if steps else []
    brokers = heapq.nsmallest(15, shape.nodes, key=lambda n: (-between[n], n))
    found = bridges_by(graph, ("sector", "policy_domain"), shape=shape, untied=untied)
    sector_bridges, domain_bridges = found["sector"], found["policy_domain"]
    for bridge in (sector_bridges, domain_bridges):
        bridge["carriers"] = [
            {"id": n, "label": labels[n], "ties": count} for n, count in bridge["carriers"]
        ]
    drawing = drawing_data(graph, node_metrics, steps, previous_drawing, finer, shape)
    loose = loose_ends(graph, shape)
    days = [s["day"] for s in steps]
    for record in drawing["table"]:
        record["day"] = _day_of(days, record.get("step"))
    places = sorted(np.flatnonzero(shape.degree == 0).tolist(), key=lambda i: str(shape.nodes[i]))
    alone = [shape.nodes[i] for i in places]
    alone_columns = {  # a list per column, not a dict per node: 160,000 at 200,000 members
        "id": alone,
        "label": [labels[n] for n in alone],
        **{k: values_at(graph, untied, shape.nodes, places, k) for k in ALONE_COLUMNS[2:-1]},
    }
    del places
    alone_columns["day"] = [_day_of(days, step) for step in alone_columns["step"]]
    table = ordering.with_ranks(pack(drawing["table"], TABLE_COLUMNS))
    alone_packed = ordering.with_ranks(pack_columns(len(alone), alone_columns))
    page = {
        "kind": graph.graph.get("kind"),
        "summary": m.summary(graph, shape),
        "betweenness": how,
        "min_shared": graph.graph.get("min_shared"),
        "brokers": [{"id": n, "label": labels[n], **_figures(node_metrics[n])} for n in brokers],
        "communities": m.community_mix(graph, node_metrics, "sector", untied),
        "community_count": len(set(node_metrics.column("community")) - {-1}),
        "sector_bridges": sector_bridges,
        "domain_bridges": domain_bridges,
        "newcomers": named(newcomers[:50]),
        "newcomer_count": len(newcomers),
        "last_step": steps[-1] if steps else None,
        "step_count": len(steps),
        "isolated": named(loose["unconnected"]),
        "isolated_count": loose["unconnected_count"],
        "one_tie": [
            {"id": a, "label": labels[a], "tied_to": {"id": b, "label": labels[b]}}
            for a, b in loose["one_tie"]
        ],
        "one_tie_count": loose["one_tie_count"],
        "suggestions": suggestions,
        "isolated_suggestions": lonely,
        "hub": hub_dependency(graph, between, shape, untied),
        "stage": graph_signs(graph, shape).as_dict(),
        "stage_per_year": graph_stage_per_year(graph, days, untied),
        "changes": _since_last_session(drawing["table"], drawing["ties"], steps),
        "legend": {c: table[:LEGEND_SHOWN] for c, table in drawing["legend"].items()},
        "legend_count": {c: len(table) for c, table in drawing["legend"].items()},
        "choices": {c: choices(drawing["legend"][c]) for c in ("sector", "policy_domain")},
        "clusters": drawing["map"]["clusters"],
        "central": named(drawing["central"]),
        "marked_brokers": named(drawing["brokers"]),
        "drawing": {k: drawing[k] for k in _DRAWING_FIGURES},
        "mechanisms": mechanism_overview(graph) if graph.graph.get("kind") == "wins" else None,
    }
    return {
        "page": page,
        "drawing": {
            "layout_key": drawing["layout_key"],
            "positions": compress(drawing["positions"]),
            "map": compress(drawing["map"]),
            "ties": compress(drawing["ties"]),
            "steps": compress(steps),
            "legend": compress(drawing["legend"]),
        },
        # kept whole for comparing two dates; its rows, and the unconnected list's, are
        # stored apart by the caller (arena/graph/tables.py) for the pages
        "table": table,
        "alone": alone_packed,
    }


def _day_of(days: list[str], step: int | None) -> str | None:
    return days[step] if step is not None and 0 <= step < len(days) else None


def choices(legend_table: list[dict]) -> list[str]:
    """The values a filter offers: every sector (policy domain) of the drawn nodes."""
    return sorted(str(e["value"]) for e in legend_table if e["value"] is not None)


def sorted_rows(nodes: list[dict], column: str, descending: bool) -> list[dict]:
    """Table rows by one column (text case-blind), rows without a value last."""

    def key(node):
        value = node.get(column)
        return value.lower() if isinstance(value, str) else value

    with_values = [n for n in nodes if n.get(column) is not None]
    without = [n for n in nodes if n.get(column) is None]
    return sorted(with_values, key=key, reverse=descending) + without


_DRAWING_FIGURES = ("drawn_nodes", "drawn_edges", "total_nodes", "total_edges", "clustered")


def _since_last_session(records: list[dict], ties: list, steps: list[dict]) -> dict | None:
    if not steps:
        return None
    last = len(steps) - 1
    return what_changed(records, ties, last - 1, last)


def _figures(values: dict) -> dict:
    return {
        "degree": values["degree"],
        "weighted_degree": values["weighted_degree"],
        "betweenness": values["betweenness"],
        "community": values["community"],
    }
