"""A programme lead explores the collaboration graph in a real browser; user text stays inert."""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
from playwright.sync_api import expect

from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.graph.services import refresh_stale_views
from arena.members.models import Organisation
from tests.browser.conftest import follow_nav

pytestmark = pytest.mark.browser
#: how many nodes and ties the drawing shows now (the growth slider hides later ones)
VISIBLE = """() => {
  const data = document.getElementById('graph-canvas').graphNetwork.body.data;
  return {nodes: data.nodes.get({filter: n => !n.hidden}).length,
          edges: data.edges.get({filter: e => !e.hidden}).length};
}"""


def _watch_csp(page) -> list[str]:
    """Collect what the browser's Content-Security-Policy refused on this page."""
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return refused


def _open_graph(page, live_server, sign_in, assert_accessible):
    sign_in(page, "programme-lead")
    follow_nav(page, "Graph")
    compute = page.get_by_role("button", name=re.compile(r"^(Compute|Recompute) now$"))
    if compute.count():
        compute.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation graph")
    expect(page.locator("body")).to_have_attribute("data-graph-state", "stable")
    assert_accessible(page)


def _click_node(page, label: str) -> None:
    """Find the node by name (which centres it), then click it on the canvas."""
    page.get_by_label("Find a node").fill(label)
    page.get_by_label("Find a node").press("Enter")
    box = page.locator("#graph-canvas").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_a_programme_lead_filters_replays_growth_clicks_a_broker_and_downloads(
    page, live_server, sign_in, assert_accessible
):
    refused = _watch_csp(page)
    _open_graph(page, live_server, sign_in, assert_accessible)
    broker = page.locator("#brokers-heading + p + table tbody th").first.inner_text()
    broker_sector = page.evaluate(
        """(name) => document.getElementById('graph-canvas').graphNetwork.body.data.nodes
              .get({filter: n => n.label === name})[0].sector""",
        broker,
    )
    filters = page.locator("details.graph-filters")
    expect(filters).not_to_have_attribute("open", "")  # folded: the map comes first
    filters.locator("summary").click()
    page.get_by_label("Sector", exact=True).select_option(broker_sector)
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator('[data-note="filtered"]')).to_be_visible()
    expect(filters).to_have_attribute("open", "")  # open while a filter is active, and says so
    expect(filters.locator("summary")).to_contain_text(f"Sector: {broker_sector}")
    expect(page.locator("body")).to_have_attribute("data-graph-state", "stable")
    assert_accessible(page)
    sectors = page.locator("#graph-table tbody tr td:nth-child(2)").all_inner_texts()
    assert sectors and set(sectors) == {broker_sector}

    slider = page.get_by_label("Growth, session by session")
    last = slider.get_attribute("max")
    slider.fill("0")
    expect(page.locator("#graph-growth-text")).to_contain_text("Session 1 of")
    expect(page.locator("#graph-growth-text")).to_contain_text("new:")
    page.wait_for_timeout(400)  # the map replays growth a moment after the slider stops
    at_first = page.evaluate(VISIBLE)
    slider.fill(last)
    expect(page.locator("#graph-growth-text")).to_contain_text(f"Session {int(last) + 1} of")
    page.wait_for_timeout(400)
    at_last = page.evaluate(VISIBLE)
    assert at_first["nodes"] < at_last["nodes"] and at_first["edges"] < at_last["edges"]

    _click_node(page, broker)
    details = page.locator("#graph-details")
    expect(details).to_contain_text(broker)
    expect(details).to_contain_text("Betweenness")
    expect(details.get_by_role("link", name="Open profile")).to_have_attribute(
        "href", re.compile(r"^/organisations/\d+$")
    )
    with page.expect_download() as download_info:
        page.get_by_role("link", name="GEXF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".gexf")
    with open(download.path(), encoding="utf-8") as handle:
        assert "<gexf" in handle.read(2000)

    page.get_by_role("link", name="Mechanisms").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mechanisms of small wins")
    assert_accessible(page)
    assert refused == []


def test_names_with_script_and_href_stay_inert_in_the_drawing(
    page, live_server, sign_in, assert_accessible
):
    tag = uuid.uuid4().hex[:6]
    evil = f'<script>window.pwned="{tag}"</script><a href="javascript:window.pwned=1">x{tag}</a>'
    with live_server.app.extensions["arena_db"].sessionmaker() as session:
        one = Organisation(name=evil, sector="care", policy_domain="Wmo")
        other = Organisation(name=f"Plain partner {tag}", sector="care", policy_domain="Wmo")
        session.add_all([one, other])
        session.flush()
        together = Collaboration(title=f"Inert {tag}", started_on=date(2025, 1, 1))
        together.participants = [
            CollaborationParticipant(organisation_id=one.id),
            CollaborationParticipant(organisation_id=other.id),
        ]
        session.add(together)
        session.commit()
        refresh_stale_views(session)  # what the scheduler's job does after a change
        session.commit()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _open_graph(page, live_server, sign_in, assert_accessible)
    page.goto(f"{live_server.url}/graph/?sector=care")
    expect(page.locator("body")).to_have_attribute("data-graph-state", "stable")
    _click_node(page, evil)
    expect(page.locator("#graph-details .card-title")).to_have_text(evil)
    assert page.locator("#graph-details script, #graph-details a[href^=javascript]").count() == 0
    box = page.locator("#graph-canvas").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    canvas = page.locator("#graph-canvas canvas")
    for dx in (0, 2, 3, 2):
        canvas.hover(position={"x": box["width"] / 2 + dx, "y": box["height"] / 2})
        page.wait_for_timeout(250)
    tooltip = page.locator("div.vis-tooltip")
    expect(tooltip).to_contain_text("<script>")
    assert tooltip.locator("script, a").count() == 0
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
