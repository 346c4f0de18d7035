"""A programme lead reads a big map in a real browser: communities closed into named circles
that open on click, every node reachable exactly once, central names readable at first view.

Runs its own server on a planted network (twelve communities of forty organisations and one
broker between them), so the shared demo's graph stays as the other journeys expect it.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from playwright.sync_api import expect

from arena import create_app
from arena.auth.models import Role, UserAccount
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.db import make_engine
from arena.graph.services import View, refresh_stale_views, stored_part
from arena.graph.transport import decompress, unpack
from arena.members.models import Organisation
from arena.migrate import upgrade
from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser
PASSWORD = "map journey password"
GROUPS, SIZE = 12, 40
DAY = date(2024, 1, 1)

EVERY_NODE_ONCE = """() => {
  const net = document.getElementById('graph-canvas').graphNetwork;
  const ids = net.body.data.nodes.getIds();
  const seen = new Map();
  const top = new Set(ids.map(id => net.clustering.findNode(id)[0]));
  for (const id of top) {
    const members = net.isCluster(id) ? net.clustering.getNodesInCluster(id) : [id];
    for (const m of members) seen.set(m, (seen.get(m) || 0) + 1);
  }
  return {nodes: ids.length, clusters: [...top].filter(id => net.isCluster(id)).length,
          once: ids.every(id => seen.get(id) === 1), extra: seen.size - ids.length};
}"""
OPENED_NODES = """(cluster) => {
  const net = document.getElementById('graph-canvas').graphNetwork;
  const community = Number(cluster.replace('cluster-', ''));
  const ids = net.body.data.nodes.getIds({filter: n => n.community === community});
  const nodes = ids.filter(id => !net.isCluster(net.clustering.findNode(id)[0]))
    .map(id => ({id, ...net.getPosition(id)}));
  const inside = new Set(nodes.map(n => n.id));
  const ties = net.body.data.edges.get({filter: e => inside.has(e.from) && inside.has(e.to)});
  return {nodes, ties: ties.length};
}"""
EVIL = '<img src=x onerror="window.pwned=1">'
CENTRAL_ON_SCREEN = """(labels) => {
  const net = document.getElementById('graph-canvas').graphNetwork;
  const box = document.getElementById('graph-canvas').getBoundingClientRect();
  return labels.map(label => {
    const node = net.body.data.nodes.get({filter: n => n.label === label})[0];
    const drawn = net.body.nodes[node.id];
    const at = net.canvasToDOM(net.getPosition(node.id));
    return {label, px: drawn.options.font.size * net.getScale(), hidden: !!drawn.options.hidden,
            inside: at.x >= 0 && at.y >= 0 && at.x <= box.width && at.y <= box.height};
  });
}"""
LABEL_PIXELS = """(label) => {
  const net = document.getElementById('graph-canvas').graphNetwork;
  const node = net.body.data.nodes.get({filter: n => n.label === label})[0];
  const drawn = net.body.nodes[node.id];
  return drawn.options.font.size * net.getScale();
}"""


@pytest.fixture(scope="module")
def map_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url)
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("map-instance")),
            "SECRET_KEY": "map-journey-secret",
        }
    )
    with app.extensions["arena_db"].sessionmaker() as session:
        account = UserAccount(email="mapper@example.org", role=Role.PROGRAMME_LEAD)
        account.set_password(PASSWORD)
        broker = Organisation(name="Broker <b>Bridge</b>", sector="government")
        session.add_all([account, broker])
        for g in range(GROUPS):
            orgs = [
                Organisation(name=f"Group {g} member {i}", sector=f"sector {g % 4}")
                for i in range(SIZE)
            ]
            orgs[0].name = f"{EVIL} Group {g} lead"  # names clusters: must stay text
            session.add_all(orgs)
            session.flush()
            pairs = [(a, b) for a, b in itertools.combinations(orgs, 2) if (a.id + b.id) % 7 == 0]
            pairs += list(zip(orgs, orgs[1:], strict=False)) + [(broker, orgs[0])]
            for a, b in pairs:
                together = Collaboration(title=f"{a.name} with {b.name}", started_on=DAY)
                together.participants = [
                    CollaborationParticipant(organisation_id=a.id),
                    CollaborationParticipant(organisation_id=b.id),
                ]
                session.add(together)
        session.commit()
        refresh_stale_views(session)
        session.commit()
    make_engine(url).dispose()
    server = LiveServer(app).start()
    yield server
    server.stop()


def test_a_big_map_opens_in_named_circles_with_every_node_once(page, map_server, assert_accessible):
    page.goto(f"{map_server.url}/auth/login")
    page.get_by_label("Email").fill("mapper@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{map_server.url}/graph/")
    expect(page.locator("body")).to_have_attribute("data-graph-state", "stable")
    assert_accessible(page)
    expect(page.locator("#graph-status")).to_contain_text("communities closed into circles")
    counts = page.evaluate(EVERY_NODE_ONCE)
    assert counts["nodes"] == GROUPS * SIZE + 1
    assert counts["once"] and counts["extra"] == 0
    assert counts["clusters"] == GROUPS
    assert page.evaluate(LABEL_PIXELS, "Broker <b>Bridge</b>") >= 10  # named at first view
    with map_server.app.extensions["arena_db"].sessionmaker() as session:
        stored = decompress(stored_part(session, View("organisations"), "drawing").data["map"])
    records = unpack(stored["nodes"])
    central = [records[i]["label"] for i in stored["central"]]
    assert len(central) == 10
    for shown in page.evaluate(CENTRAL_ON_SCREEN, central):  # the ten most central, unzoomed
        assert shown["px"] >= 10 and shown["inside"] and not shown["hidden"], shown
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src=x]").count() == 0
    legend = page.locator(".graph-legend")
    expect(legend).to_contain_text("Thick dark ring: a broker")
    expect(legend).to_contain_text("Broker <b>Bridge</b>")
    assert page.locator(".graph-legend b").count() == 0

    cluster = page.evaluate(
        """() => Object.keys(document.getElementById('graph-canvas').graphNetwork.body.nodes)
             .find(id => id.startsWith('cluster-'))"""
    )
    page.locator("#graph-canvas").scroll_into_view_if_needed()
    spot = page.evaluate(
        """(id) => { const net = document.getElementById('graph-canvas').graphNetwork;
                     return net.canvasToDOM(net.getPosition(id)); }""",
        cluster,
    )
    box = page.locator("#graph-canvas").bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    expect(page.locator("#graph-status")).to_contain_text(f"{GROUPS - 1} communities closed")
    opened = page.evaluate(EVERY_NODE_ONCE)
    assert opened["once"] and opened["clusters"] == GROUPS - 1
    where = {r["id"]: (r["x"], r["y"]) for r in records}
    inside = page.evaluate(OPENED_NODES, cluster)
    assert len(inside["nodes"]) >= SIZE - 2 and inside["ties"] >= SIZE - 3  # a chain at least
    for node in inside["nodes"]:  # each at its stored place, not piled on the circle's centre
        assert (node["x"], node["y"]) == pytest.approx(where[node["id"]], abs=1), node
    page.get_by_role("button", name="Close the open communities").click()
    expect(page.locator("#graph-status")).to_contain_text(f"{GROUPS} communities closed")
