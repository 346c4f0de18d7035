"""The map finds planted structure: two groups drawn apart, the broker marked and named, every
node placed once, and nodes without a tie summarised instead of drawn."""

from __future__ import annotations

import math
from datetime import date

from arena.auth.models import Role
from arena.graph.build import org_node
from arena.graph.services import View, refresh_stale_views, stored_part, stored_view
from arena.graph.transport import decompress, unpack


def _map(db, kind="organisations") -> dict:
    return decompress(stored_part(db, View(kind), "drawing").data["map"])


def test_two_communities_are_drawn_apart_and_the_broker_is_marked(db, broker_network):
    refresh_stale_views(db)
    db.commit()
    data = _map(db)
    nodes = unpack(data["nodes"])
    broker = org_node(broker_network["broker"].id)
    assert nodes[data["brokers"][0]]["id"] == broker
    groups: dict[int, list] = {}
    for node in nodes:
        if node["id"] != broker:
            groups.setdefault(node["community"], []).append((node["x"], node["y"]))
    assert len(groups) == 2 and sorted(map(len, groups.values())) == [6, 6]
    (one, a), (two, b) = [(_centre(p), p) for p in groups.values()]
    spread = max(math.dist(one, q) for q in a) + max(math.dist(two, q) for q in b)
    assert math.dist(one, two) > spread  # the discs do not overlap
    assert {c["count"] for c in data["clusters"]} <= {6, 7}
    edges = unpack(data["edges"])
    crossing = [e for e in edges if nodes[e["from"]]["community"] != nodes[e["to"]]["community"]]
    within = [e for e in edges if e not in crossing]
    assert crossing and {e["color"] for e in crossing}.isdisjoint({e["color"] for e in within})


def _centre(points):
    return (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))


def test_the_page_names_the_broker_and_summarises_the_unconnected(
    db, client, make_account, login, broker_network, plant
):
    for i in range(3):
        plant.org(f"Quiet {i}")
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    data = _map(db)
    assert len(unpack(data["nodes"])) == 13  # the quiet ones are not drawn
    login(make_account(role=Role.PROGRAMME_LEAD))
    page = client.get("/graph/").get_data(as_text=True)
    legend = page[page.index('id="legend-heading"') :]
    assert "Thick dark ring: a broker" in legend and "Broker Foundation" in legend
    assert "3 organisations without a tie yet are not drawn" in page
    listed = client.get("/graph/?show=unconnected").get_data(as_text=True)
    table = listed[listed.index('id="graph-table"') :].split("</table>")[0]
    assert "Quiet 0" in table and "Care 0" not in table


def test_weights_widen_ties_and_the_stage_and_hub_are_stored(db, plant):
    hub = plant.org("Hub")
    spokes = [plant.org(f"Spoke {i}") for i in range(6)]
    for spoke in spokes:
        plant.collaborate(date(2021, 1, 1), hub, spoke)
    plant.collaborate(date(2021, 2, 1), hub, spokes[0])
    plant.collaborate(date(2021, 3, 1), hub, spokes[0])
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    page = stored_view(db, View("organisations")).result.data
    assert page["stage"]["stage"] == "single-hub"
    assert page["hub"]["label"] == "Hub" and page["hub"]["share"] == 1.0
    edges = unpack(_map(db)["edges"])
    widths = sorted(e["width"] for e in edges)
    assert widths[-1] > widths[0]
