"""The ties of the organisation and people graphs: one edge per pair, counts per kind.

What connects a pair is kept as counts per kind on its one edge (`collaborations`,
`co_presented`, `shared_sessions`); `kind` names the strongest of them and `weight` sums
them (arena.graph.build describes the graphs).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from arena.graph.coattendance import shared_sessions_of
from arena.graph.queries import GraphRows

KIND_ORDER = ("collaboration", "co-presenting", "co-attendance")
STATUS_ORDER = ("active", "exploring", "ended")


def tie(graph: nx.Graph, a: str, b: str, step: int) -> dict:
    if not graph.has_edge(a, b):
        graph.add_edge(a, b, collaborations=0, co_presented=0, shared_sessions=0, step=step)
    data = graph.edges[a, b]
    data["step"] = min(data["step"], step)
    return data


def finish_edges(graph: nx.Graph) -> None:
    for _a, _b, data in graph.edges(data=True):
        counts = (data["collaborations"], data["co_presented"], data["shared_sessions"])
        data["kind"] = next(k for k, n in zip(KIND_ORDER, counts, strict=True) if n)
        data["weight"] = sum(counts)


def add_collaborations(graph: nx.Graph, rows: GraphRows, side_nodes) -> None:
    """Each collaboration ties every pair of its sides; `side_nodes` maps a participant."""
    sides: dict[int, set[str]] = defaultdict(set)
    collab = {c[0]: c for c in rows.collaborations}
    for collab_id, member_id, org_id in rows.participants:
        started = collab[collab_id][2]
        sides[collab_id] |= side_nodes(member_id, org_id, started)
    for collab_id, nodes in sides.items():
        _id, title, started, status, meeting_id = collab[collab_id]
        step = rows.step_of(started)
        for a, b in combinations(sorted(nodes), 2):
            data = tie(graph, a, b, step)
            data["collaborations"] += 1
            since = data.get("since")
            if since is None or started.isoformat() < since:
                data["since"] = started.isoformat()
                data["grew_from"] = rows.meeting_titles.get(meeting_id)
                data["collaboration"] = title
            status = str(status)
            old = data.get("status")
            if old is None or STATUS_ORDER.index(status) < STATUS_ORDER.index(old):
                data["status"] = status


#: at most this many shared-session ties per node on average (the threshold rises to match)
CO_ATTENDANCE_PAIRS_PER_NODE = 5


def add_co_attendance(
    graph: nx.Graph, nodes: list, places, steps, min_shared: int, max_pairs
) -> dict:
    """Ties of shared sessions, from the attendances as arrays (see shared_sessions_of)."""
    result = shared_sessions_of(
        nodes,
        places,
        steps,
        min_shared=min_shared,
        max_pairs=max_pairs,
        max_pairs_per_node=CO_ATTENDANCE_PAIRS_PER_NODE,
    )
    for pair in result.pairs:
        data = tie(graph, pair.a, pair.b, pair.step)
        data["shared_sessions"] = pair.shared
        data["first_shared_step"] = pair.first_step
    return {"min_shared": result.min_shared, "co_attendance_pairs": result.candidates}


def edge_steps(graph: nx.Graph) -> dict[str, int]:
    """Each tied node's earliest tie step, in one pass over the ties (not one per node)."""
    first: dict[str, int] = {}
    for a, b, step in graph.edges(data="step"):
        for node in (a, b):
            if step < first.get(node, 10**9):
                first[node] = step
    return first
