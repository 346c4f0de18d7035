"""The browser half of scripts/bench/graph.py: the map in headless Chromium, beside baselines.

Three pages of the same organisation graph, each in a fresh browser context (nothing cached):
ours (the clustered map as the app serves it, compressed), the drawing as it was before the
readable map (the 2,000 best-connected nodes and 6,000 strongest ties at stored positions,
physics off, data embedded in the page, nothing compressed), and pyvis's own default page of
the whole graph (write_html, "in_line", physics on; served locally, nothing from a CDN).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PASSWORD = "bench password for graph"  # noqa: S105 - a throwaway demo database
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
CUT_NODES, CUT_EDGES = 2000, 6000
SENT = """() => {
  const all = [...performance.getEntriesByType('navigation'),
               ...performance.getEntriesByType('resource')];
  return all.reduce((sum, e) => sum + (e.transferSize || 0), 0);
}"""
STABLE_OURS = """() => new Promise(resolve => {
  const done = () => document.body.getAttribute('data-graph-state') === 'stable';
  const report = () => resolve(performance.getEntriesByName('graph-stable')[0].startTime);
  if (done()) { report(); return; }
  new MutationObserver((_m, watch) => { if (done()) { watch.disconnect(); report(); } })
    .observe(document.body, {attributes: true});
})"""
OPEN_CLUSTER = """() => new Promise(resolve => {
  const net = document.getElementById('graph-canvas').graphNetwork;
  const clusters = Object.keys(net.body.nodes).filter(id => net.isCluster(id));
  const biggest = clusters.sort((a, b) =>
    net.clustering.getNodesInCluster(b).length - net.clustering.getNodesInCluster(a).length)[0];
  const size = net.clustering.getNodesInCluster(biggest).length;
  const start = performance.now();
  net.once('afterDrawing', () => resolve({ms: performance.now() - start, size}));
  // what a click on it does: the page's own handler opens it and adds its ties
  net.emit('click', {nodes: [biggest], edges: [], event: {}, pointer: {}});
  net.redraw();
})"""
STABLE_PLAIN = """(limit) => new Promise(resolve => {
  const poll = () => {
    if (typeof network !== 'undefined' && network) {
      if (network.physics && network.physics.physicsEnabled === false) {
        network.once('afterDrawing', () => resolve(performance.now())); network.redraw();
      } else { network.once('stabilized', () => resolve(performance.now())); }
    } else if (performance.now() < limit) { setTimeout(poll, 20); }
  };
  poll();
  setTimeout(() => resolve(null), limit);
})"""


def cut_page(nodes: list[dict], edges: list[dict], vis_dir: Path, directory: Path) -> Path:
    """The drawing before the readable map: best-connected nodes, strongest ties, one page."""
    ranked = sorted(nodes, key=lambda n: (-n.get("degree", 0), -n.get("betweenness", 0), n["id"]))
    keep = {n["id"] for n in ranked[:CUT_NODES]}
    ties = [e for e in edges if e["from"] in keep and e["to"] in keep]
    ties = sorted(ties, key=lambda e: -e.get("weight", 1))[:CUT_EDGES]
    data = {
        "nodes": [
            {k: v for k, v in n.items() if not k.startswith("color_")} for n in ranked[:CUT_NODES]
        ],
        "edges": ties,
        "options": {"physics": {"enabled": False}, "edges": {"smooth": False}},
    }
    script = (vis_dir / "vis-network.min.js").read_text(encoding="utf-8")
    style = (vis_dir / "vis-network.css").read_text(encoding="utf-8")
    page = (
        f"<!doctype html><html><head><style>{style}</style></head><body>"
        '<div id="c" style="height:640px"></div>'
        f'<script type="application/json" id="d">{json.dumps(data)}</script>'
        f"<script>{script}</script><script>const d = JSON.parse("
        "document.getElementById('d').textContent); var network = new vis.Network("
        "document.getElementById('c'), d, d.options);</script></body></html>"
    )
    target = directory / "cut.html"
    target.write_text(page, encoding="utf-8")
    return target


def pyvis_default_page(nodes: list[dict], ties: list[tuple], directory: Path) -> Path:
    """pyvis's own page for the same nodes and every tie, with its default options."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", directed=True)
    for node in nodes:
        net.add_node(node["id"], label=node["label"])
    for a, b in ties:
        net.add_edge(a, b)
    target = directory / "pyvis.html"
    cwd = os.getcwd()
    os.chdir(directory)  # write_html may write a lib/ folder into the working directory
    try:
        net.write_html(str(target))
    finally:
        os.chdir(cwd)
    return target


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = partial(SimpleHTTPRequestHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def _context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "**/*",
        lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.continue_(),
    )
    return context


def bench_browser(
    base_url: str, static_url: str, static_dir: Path, limit_ms: int, runs: int = 3
) -> dict:
    from playwright.sync_api import sync_playwright

    result: dict = {"ours": [], "open": [], "sent": [], "cut": [], "cut_sent": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for _ in range(runs):
            context = _context(browser)
            page = context.new_page()
            page.goto(f"{base_url}/auth/login")
            page.get_by_label("Email").fill("lead@example.org")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
            page.goto(f"{base_url}/graph/", wait_until="commit")
            result["ours"].append(page.evaluate(STABLE_OURS) / 1000)
            page.wait_for_load_state("load")
            result["sent"].append(page.evaluate(SENT))
            opened = page.evaluate(OPEN_CLUSTER)
            result["open"].append(opened["ms"] / 1000)
            result["open_size"] = opened["size"]
            context.close()
            context = _context(browser)
            page = context.new_page()
            page.goto(f"{static_url}/cut.html", wait_until="commit")
            result["cut"].append(page.evaluate(STABLE_PLAIN, limit_ms) / 1000)
            page.wait_for_load_state("load")
            result["cut_sent"].append(page.evaluate(SENT))
            context.close()
        browser.close()
    result["pyvis_sent"] = (Path(static_dir) / "pyvis.html").stat().st_size  # not compressed
    result["pyvis"] = pyvis_stable(f"{static_url}/pyvis.html", limit_ms)
    for key in ("ours", "open", "sent", "cut", "cut_sent"):
        result[key] = statistics.median(result[key])
    return result


def pyvis_stable(url: str, limit_ms: int) -> float | None:
    """Seconds until pyvis's page is stable, in a process of its own: its inline script can
    hold the page's only thread for minutes, and then nothing in the page answers."""
    try:
        out = subprocess.run(  # noqa: S603
            [sys.executable, __file__, url, str(limit_ms)],
            capture_output=True,
            text=True,
            timeout=limit_ms / 1000 + 30,
            check=True,
        ).stdout.strip()
    except subprocess.TimeoutExpired:
        return None
    return None if out in ("", "None") else float(out) / 1000


if __name__ == "__main__":  # the pyvis page on its own: print ms until stable, or None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = _context(browser).new_page()
        page.goto(sys.argv[1], wait_until="commit", timeout=int(sys.argv[2]))
        print(page.evaluate(STABLE_PLAIN, int(sys.argv[2])))
        browser.close()
