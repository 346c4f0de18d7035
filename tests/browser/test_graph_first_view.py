"""A programme lead opens the organisation map and reads it at first sight: the map comes
before the filters, and the always-shown names are readable without zooming."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from arena.graph.services import View, stored_part
from arena.graph.transport import decompress, unpack
from tests.browser.conftest import follow_nav

pytestmark = pytest.mark.browser
#: every name vis-network draws at a readable size now, as boxes on screen: the label sits
#: below its node (vis-network's dot: top at y + radius + size / 2 + 4, moved by vadjust),
#: as wide as the canvas measures the text in the label's font
SHOWN_NAMES = """() => {
  const net = document.getElementById('graph-canvas').graphNetwork;
  const scale = net.getScale();
  const measure = document.createElement('canvas').getContext('2d');
  const boxes = [];
  for (const [id, node] of Object.entries(net.body.nodes)) {
    const font = node.options.font;
    if (node.options.hidden || !node.options.label || font.size * scale < 8) continue;
    if (net.clustering.findNode(id).length > 1) continue;  // inside a closed community
    measure.font = `${font.size}px ${font.face || 'arial'}`;
    const width = measure.measureText(String(node.options.label)).width;
    const top = node.y + node.options.size + font.size / 2 + 4 + (font.vadjust || 0);
    const a = net.canvasToDOM({x: node.x - width / 2, y: top});
    const b = net.canvasToDOM({x: node.x + width / 2, y: top + font.size});
    boxes.push({label: String(node.options.label), left: a.x, top: a.y, right: b.x,
                bottom: b.y});
  }
  return boxes;
}"""


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def test_the_map_comes_first_and_its_central_names_do_not_overlap(
    page, live_server, sign_in, assert_accessible
):
    sign_in(page, "programme-lead")
    follow_nav(page, "Graph")
    compute = page.get_by_role("button", name=re.compile(r"^(Compute|Recompute) now$"))
    if compute.count():
        compute.click()
    expect(page.locator("body")).to_have_attribute("data-graph-state", "stable")
    assert_accessible(page)
    canvas = page.locator("#graph-canvas").bounding_box()
    assert canvas["y"] + canvas["height"] / 2 < 900  # most of the map at first sight
    expect(page.locator("details.graph-filters summary")).to_contain_text("none active")
    with live_server.app.extensions["arena_db"].sessionmaker() as session:
        stored = decompress(stored_part(session, View("organisations"), "drawing").data["map"])
    records = unpack(stored["nodes"])
    central = {records[i]["label"] for i in stored["central"]}

    boxes = page.evaluate(SHOWN_NAMES)
    shown = {box["label"] for box in boxes}
    assert central <= shown, central - shown
    for box in boxes:
        assert box["bottom"] - box["top"] >= 10, box  # readable without zooming
    for i, one in enumerate(boxes):
        for other in boxes[i + 1 :]:
            assert not _overlap(one, other), (one, other)
