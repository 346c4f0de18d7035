"""Benchmark the collaboration graph on a 40,000-member demo network.

Prints side by side: our build-and-metrics time against plain NetworkX calls on the same graph
(the overhead ratio), the graph page with stored metrics (response time and payload size), and
the time until a 2,000-node drawing is stable in headless Chromium against a default pyvis page
(its own write_html in "in_line" mode, served locally) of the same nodes and edges.

    .venv/bin/python scripts/bench/graph.py [--members 40000] [--database /tmp/x.sqlite3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PASSWORD = "bench password for graph"  # noqa: S105 - a throwaway demo database
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]  # fmt: skip


def ensure_database(path: Path, members: int) -> str:
    url = f"sqlite:///{path}"
    if not path.exists():
        env = {**os.environ, "ARENA_DATABASE_URL": url, "ARENA_DEMO_PASSWORD": PASSWORD}
        arena = str(ROOT / ".venv" / "bin" / "arena")
        subprocess.run([arena, "init"], env=env, check=True)  # noqa: S603
        subprocess.run([arena, "demo", "--members", str(members)], env=env, check=True)  # noqa: S603
    return url


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    value = func(*args, **kwargs)
    return value, time.perf_counter() - start


def bench_build(session) -> dict:
    import networkx as nx

    from arena.graph import metrics
    from arena.graph.analysis import build_graph
    from arena.graph.queries import Scope, load_rows

    rows, t_rows = timed(load_rows, session, Scope())
    graph, t_build = timed(build_graph, rows, "organisations")
    (values, how), t_metrics = timed(metrics.node_metrics, graph)
    plain = nx.Graph()
    plain.add_nodes_from(graph)
    plain.add_weighted_edges_from(graph.edges(data="weight"))
    start = time.perf_counter()
    dict(plain.degree())
    dict(plain.degree(weight="weight"))
    if how["sampled"]:
        nx.betweenness_centrality(plain, k=how["k"], normalized=True, seed=metrics.SEED)
    else:
        nx.betweenness_centrality(plain, normalized=True)
    nx.community.louvain_communities(plain, weight="weight", seed=metrics.SEED)
    t_plain = time.perf_counter() - start
    return {
        "graph": graph,
        "rows": t_rows,
        "build": t_build,
        "metrics": t_metrics,
        "plain": t_plain,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "how": how,
        "min_shared": graph.graph.get("min_shared"),
    }


def bench_pages(app, kinds=("organisations", "people")) -> dict:
    client = app.test_client()
    client.post("/auth/login", data={"email": "lead@example.org", "password": PASSWORD})
    result = {}
    for kind in kinds:
        url = "/graph/" if kind == "organisations" else f"/graph/{kind}"
        client.get(url)
        times, size = [], 0
        for _ in range(7):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            size = len(response.data)
        assert response.status_code == 200, response.status_code
        result[kind] = (statistics.median(times), size)
    return result


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
        page.route("**/*", lambda route: route.abort() if "127.0.0.1" not in route.request.url
                   else route.continue_())  # fmt: skip
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=40_000)
    parser.add_argument("--database", default="/tmp/bench40k-graph.sqlite3")  # noqa: S108
    parser.add_argument("--pyvis-limit", type=int, default=60, help="seconds to wait for pyvis")
    args = parser.parse_args()
    url = ensure_database(Path(args.database), args.members)

    from werkzeug.serving import make_server

    from arena import create_app
    from arena.auth.models import UserAccount
    from arena.db import get_session
    from arena.graph.services import View, compute_view

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        session = get_session()
        for account in session.query(UserAccount).all():
            account.set_password(PASSWORD)
        session.commit()
        b = bench_build(session)
        _, t_org_job = timed(compute_view, session, View("organisations"))
        _, t_people_job = timed(compute_view, session, View("people"))
        session.commit()
        drawing = compute_view(session, View("people")).data["drawing"]
        session.rollback()
    pages = bench_pages(app)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        pyvis_file = pyvis_default_page(drawing, Path(tmp))
        static, pyvis_url = serve(pyvis_file.parent)
        draw = bench_drawing(f"http://127.0.0.1:{server.server_port}", pyvis_url,
                             args.pyvis_limit * 1000)  # fmt: skip
        static.shutdown()
    server.shutdown()

    ours_bm = b["build"] + b["metrics"]
    print(f"\nOrganisation graph: {b['nodes']:,} nodes, {b['edges']:,} edges "
          f"(shared sessions from {b['min_shared']}; betweenness {b['how']})")  # fmt: skip
    print(f"  load rows (SQL)              {b['rows']:7.2f} s")
    print(f"  ours build + metrics         {ours_bm:7.2f} s   (build {b['build']:.2f}, metrics "
          f"{b['metrics']:.2f})   goal < 15 s")  # fmt: skip
    print(
        f"  plain NetworkX metrics       {b['plain']:7.2f} s   overhead ratio "
        f"metrics {b['metrics'] / b['plain']:.2f}x, build+metrics {ours_bm / b['plain']:.2f}x"
    )
    print(
        f"  whole background job (organisations: rows, build, metrics, layout, drawing, "
        f"store) {t_org_job:.2f} s; people {t_people_job:.2f} s"
    )
    for kind, (seconds, size) in pages.items():
        print(f"Page /graph {kind:13s} median {seconds * 1000:6.0f} ms   payload "
              f"{size / 1024:8.0f} KiB   goal < 300 ms")  # fmt: skip
    pyvis = "not stable" if draw["pyvis"] is None else f"{draw['pyvis']:.2f} s"
    print(
        f"Drawing {drawing['drawn_nodes']:,} nodes / {drawing['drawn_edges']:,} edges: ours "
        f"stable {draw['ours']:.2f} s (goal < 2 s) | default pyvis page: {pyvis}"
        + (f" after {args.pyvis_limit} s" if draw["pyvis"] is None else "")
    )


if __name__ == "__main__":
    main()
