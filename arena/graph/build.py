"""Pure builders: from fetched rows to NetworkX graphs, no Flask and no database.

One simple (undirected) graph per view, one edge per pair. What connects a pair is kept as
counts per kind on that one edge (`collaborations`, `co_presented`, `shared_sessions`) and
`kind` names the strongest of them (collaboration > co-presenting > co-attendance). A simple
graph rather than a MultiGraph keeps betweenness honest (a pair is one tie, however many ways
it is tied) and round-trips through GEXF, GraphML, CSV and JSON unchanged.

Organisation and member nodes carry `small_wins` and `small_win_mechanisms` (the wins they
recorded in the scope), so the mechanism filter means something on every graph.

Every node and edge carries `step`: the index of the session (oldest first) at which it first
appeared, so the page can replay growth session by session.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
import numpy as np

from arena.graph.coattendance import attendance_arrays
from arena.graph.queries import GraphRows
from arena.graph.ties import add_co_attendance, add_collaborations, edge_steps, finish_edges, tie
from arena.graph.untied import Untied


def org_node(org_id: int) -> str:
    return f"org-{org_id}"


def member_node(member_id: int) -> str:
    return f"member-{member_id}"


def win_node(win_id: int) -> str:
    return f"win-{win_id}"


def _quiet_nodes_belong(rows: GraphRows) -> bool:
    """Nodes without activity are shown only for the whole network (whom to introduce)."""
    return rows.scope.series_id is None and rows.scope.since is None


def _visible(rows: GraphRows, created) -> bool:
    return rows.scope.as_of is None or created <= rows.scope.as_of


def _wins_of(rows: GraphRows, node_of_win) -> dict[str, tuple[int, list[str]]]:
    """Per node: how many small wins it recorded in the scope, and their mechanisms."""
    counts: dict[str, int] = defaultdict(int)
    mechanisms: dict[str, set[str]] = defaultdict(set)
    for win_id, _title, happened, author_id, org_id, _reach, _meeting in rows.wins:
        node = node_of_win(author_id, org_id, happened)
        if node is not None:
            counts[node] += 1
            mechanisms[node].update(rows.mechanisms.get(win_id, []))
    return {node: (count, sorted(mechanisms[node])) for node, count in counts.items()}


def build_organisation_graph(
    rows: GraphRows,
    min_shared: int = 1,
    max_co_attendance_edges: int | None = None,
    untied: Untied | None = None,
) -> nx.Graph:
    """Organisations, tied by recorded collaborations and by their people's shared sessions.
    Given `untied`, organisations without a tie go there instead of into the graph."""
    graph = nx.Graph(kind="organisations", scope=rows.scope.key())
    day_of_meeting = {m.id: m.day for m in rows.meetings}

    def org_at(member_id, day):
        org_id = rows.organisation_of(member_id, day)
        return None if org_id is None else org_node(org_id)

    def sides(member_id, org_id, started):
        node = org_node(org_id) if org_id is not None else org_at(member_id, started)
        return {node} if node else set()

    add_collaborations(graph, rows, sides)

    def organisations(meeting_ids, member_ids):
        """Each attendance's organisation (id, -1 for none): a member's only job gives it
        whatever the day; members who changed jobs are looked up row by row."""
        table = np.full(int(member_ids.max(initial=0)) + 1, -1, dtype=np.int64)
        for member_id, jobs in rows.jobs.items():
            if member_id < len(table):
                table[member_id] = -2 if len(jobs) > 1 else _org_id(jobs[0][2])
        found = table[member_ids]
        for i in np.flatnonzero(found == -2).tolist():
            day = day_of_meeting[int(meeting_ids[i])]
            found[i] = _org_id(rows.organisation_of(int(member_ids[i]), day))
        return found, org_node

    nodes, places, steps, first = attendance_arrays(rows, organisations)
    graph.graph.update(
        add_co_attendance(graph, nodes, places, steps, min_shared, max_co_attendance_edges)
    )
    finish_edges(graph)

    def win_org(author_id, org_id, happened):
        return org_node(org_id) if org_id is not None else org_at(author_id, happened)

    wins = _wins_of(rows, win_org)
    people = defaultdict(int)
    for member in rows.members:
        org_id = rows.organisation_of(member[0], rows.scope.as_of)
        if org_id is not None:
            people[org_node(org_id)] += 1
    quiet = _quiet_nodes_belong(rows)
    edge_step = edge_steps(graph)
    organisers = {rows.organisation_of(m, rows.scope.as_of) for m in rows.organisers}
    for oid, name, sector, domain, place, created in rows.organisations:
        node = org_node(oid)
        active = node in graph or node in first
        if not active and not (quiet and _visible(rows, created)):
            continue
        attributes = dict(
            label=name,
            record_id=oid,
            sector=sector,
            policy_domain=domain,
            place=place,
            size=people[node],
            is_organisers=oid in organisers,
            small_wins=wins.get(node, (0, []))[0],
            small_win_mechanisms=wins.get(node, (0, []))[1],
            step=min(first.get(node, rows.step_of(created)), edge_step.get(node, 10**9)),
        )
        _add(graph, untied, node, attributes)
    graph.remove_nodes_from([n for n in list(graph) if "label" not in graph.nodes[n]])
    return graph


def _add(graph: nx.Graph, untied: Untied | None, node: str, attributes: dict) -> None:
    """A node into the graph, or into `untied` when it has no tie and the caller keeps those
    apart (the builders add untied nodes after every tied one, so the order is the same)."""
    if untied is not None and node not in graph:
        untied.add(node, attributes)
    else:
        graph.add_node(node, **attributes)


def _members(_meeting_ids, member_ids):
    """Each attendance's member: the people graph's node."""
    return member_ids, member_node


def _org_id(org_id: int | None) -> int:
    return -1 if org_id is None else org_id


def build_people_graph(
    rows: GraphRows,
    min_shared: int = 2,
    max_co_attendance_edges: int | None = None,
    untied: Untied | None = None,
) -> nx.Graph:
    """Members, tied by collaborations, presenting at the same session, and shared sessions.
    Given `untied`, members without a tie go there instead of into the graph."""
    graph = nx.Graph(kind="people", scope=rows.scope.key())
    step_of_meeting = {m.id: i for i, m in enumerate(rows.meetings)}

    def sides(member_id, _org_id, _started):
        return {member_node(member_id)} if member_id is not None else set()

    add_collaborations(graph, rows, sides)
    presenters: dict[int, set[str]] = defaultdict(set)
    for meeting_id, _example_id, member_id in rows.presenters:
        presenters[meeting_id].add(member_node(member_id))
    for meeting_id, nodes in presenters.items():
        for a, b in combinations(sorted(nodes), 2):
            tie(graph, a, b, step_of_meeting.get(meeting_id, 0))["co_presented"] += 1
    nodes, places, steps, first = attendance_arrays(rows, _members)
    graph.graph.update(
        add_co_attendance(graph, nodes, places, steps, min_shared, max_co_attendance_edges)
    )
    finish_edges(graph)
    wins = _wins_of(
        rows, lambda author, _org, _day: None if author is None else member_node(author)
    )
    orgs = {o[0]: o for o in rows.organisations}
    quiet = _quiet_nodes_belong(rows)
    edge_step = edge_steps(graph)
    for mid, name, role, themes, is_former, is_erased, created in rows.members:
        node = member_node(mid)
        active = node in graph or node in first
        if not active and not (quiet and _visible(rows, created) and not is_erased):
            continue
        org = orgs.get(rows.organisation_of(mid, rows.scope.as_of))
        attributes = dict(
            label=f"Member {mid}" if is_erased else name,
            record_id=mid,
            role=role,
            organisation=org[1] if org else None,
            organisation_id=org[0] if org else None,
            sector=org[2] if org else None,
            policy_domain=org[3] if org else None,
            themes=[] if is_erased else themes,
            is_former=is_former,
            is_organisers=mid in rows.organisers,
            small_wins=wins.get(node, (0, []))[0],
            small_win_mechanisms=wins.get(node, (0, []))[1],
            step=min(first.get(node, rows.step_of(created)), edge_step.get(node, 10**9)),
        )
        _add(graph, untied, node, attributes)
    graph.remove_nodes_from([n for n in list(graph) if "label" not in graph.nodes[n]])
    return graph


def build_wins_graph(rows: GraphRows) -> nx.DiGraph:
    """Small wins, with an edge from each win to the wins it inspired, grouped by organisation."""
    graph = nx.DiGraph(kind="wins", scope=rows.scope.key())
    orgs = {o[0]: o for o in rows.organisations}
    for win_id, title, happened, author_id, org_id, reach, meeting_id in rows.wins:
        if org_id is None and author_id is not None:
            org_id = rows.organisation_of(author_id, happened)
        org = orgs.get(org_id)
        graph.add_node(
            win_node(win_id),
            label=title,
            record_id=win_id,
            happened_on=happened.isoformat(),
            mechanisms=sorted(rows.mechanisms.get(win_id, [])),
            organisation=org[1] if org else None,
            organisation_id=org[0] if org else None,
            sector=org[2] if org else None,
            policy_domain=org[3] if org else None,
            reach=reach,
            series=rows.meeting_series.get(meeting_id),
            step=rows.step_of(happened),
        )
    for inspired, inspiring in rows.inspirations:
        a, b = win_node(inspiring), win_node(inspired)
        graph.add_edge(
            a,
            b,
            kind="inspired",
            weight=1,
            step=max(graph.nodes[a]["step"], graph.nodes[b]["step"]),
            cross_organisation=graph.nodes[a]["organisation_id"]
            != graph.nodes[b]["organisation_id"],
        )
    return graph
