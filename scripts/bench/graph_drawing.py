"""The drawing half of scripts/bench/graph.py: time to a stable drawing in headless Chromium.

Ours (stored positions, physics off) beside pyvis's own default page of the same nodes and
edges (its write_html in "in_line" mode, served locally; nothing is fetched from a CDN).
"""

from __future__ import annotations

import os
import statistics
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


def pyvis_default_page(drawing: dict, directory: Path) -> Path:
    """pyvis's own page for the same nodes and edges, with its default options (physics on)."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", directed=True)
    for node in drawing["nodes"]:
        net.add_node(node["id"], label=node["label"], title=node["title"])
    for edge in drawing["edges"]:
        net.add_edge(edge["from"], edge["to"])
    target = directory / "pyvis.html"
    cwd = os.getcwd()
    os.chdir(directory)  # write_html may write a lib/ folder into the working directory
    try:
        net.write_html(str(target))
    finally:
        os.chdir(cwd)
    return target


STABLE_OURS = """() => new Promise(resolve => {
  const done = () => document.body.getAttribute('data-graph-state') === 'stable';
  if (done()) { resolve(performance.now()); return; }
  const watch = new MutationObserver(() => {
    if (done()) { watch.disconnect(); resolve(performance.now()); }
  });
  watch.observe(document.body, {attributes: true});
})"""
STABLE_PYVIS = """(limit) => new Promise(resolve => {
  const start = performance.now();
  const poll = () => {
    if (typeof network !== 'undefined' && network) {
      network.once('stabilized', () => resolve(performance.now()));
    } else if (performance.now() - start < limit) { setTimeout(poll, 20); }
  };
  poll();
  setTimeout(() => resolve(null), limit);
})"""


def bench_drawing(base_url: str, pyvis_url: str, limit_ms: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route(
            "**/*",
            lambda route: (
                route.abort() if "127.0.0.1" not in route.request.url else route.continue_()
            ),
        )
        page.goto(f"{base_url}/auth/login")
        page.get_by_label("Email").fill("lead@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        ours = []
        for _ in range(3):
            page.goto(f"{base_url}/graph/people", wait_until="commit")
            ours.append(page.evaluate(STABLE_OURS) / 1000)
        page.goto(pyvis_url, wait_until="commit", timeout=120_000)
        stable = page.evaluate(STABLE_PYVIS, limit_ms)
        browser.close()
    return {"ours": statistics.median(ours), "pyvis": None if stable is None else stable / 1000}


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = partial(SimpleHTTPRequestHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/pyvis.html"
