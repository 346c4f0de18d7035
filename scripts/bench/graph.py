"""Benchmark the collaboration graph on a demo network (40,000 members, or --members N).

Prints side by side: our build-and-metrics time against plain NetworkX calls on the same graph
(the ratio; our betweenness beside NetworkX's, same sources); the background job for all
views from scratch, in a process of its own, with its CPU time and peak memory (goals: 15 s
at 40,000 members, 60 s and 1 GB at 200,000), and again with the stored layout reused; the
graph page (response time, payload); and in headless Chromium the clustered organisation map
with every organisation reachable (time to stable, opening the biggest community, bytes as
sent) beside the drawing as it was before (cut to 2,000 nodes) and pyvis's default page of the
same graph, as ratios. The load average is printed before and after: the machine is shared,
so repeat a run whose load was high.

    .venv/bin/python scripts/bench/graph.py [--members 40000] [--skip-browser]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from cache import cache_path  # noqa: E402
from graph_drawing import (  # noqa: E402
    PASSWORD,
    bench_browser,
    cut_page,
    pyvis_default_page,
    serve,
)


def ensure_database(path: Path, members: int) -> str:
    """Build the demo database once; bring a cached one up to the current schema."""
    url = f"sqlite:///{path}"
    if path.exists():
        from arena.migrate import upgrade

        upgrade(url)
    else:
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
    k = how["k"] if how["sampled"] else None
    reference = nx.betweenness_centrality(plain, k=k, normalized=True, seed=metrics.SEED)
    t_plain_betweenness = time.perf_counter() - start
    nx.community.louvain_communities(plain, weight="weight", seed=metrics.SEED)
    t_plain = time.perf_counter() - start
    ours, t_ours_betweenness = timed(metrics.betweenness, graph)
    difference = max(abs(ours[0][n] - reference[n]) for n in graph)
    return {
        "graph": graph,
        "rows": t_rows,
        "build": t_build,
        "metrics": t_metrics,
        "plain": t_plain,
        "betweenness": (t_ours_betweenness, t_plain_betweenness, difference),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "how": how,
        "min_shared": graph.graph.get("min_shared"),
    }


JOB = """
import resource, sys, time
from arena import create_app
from arena.db import get_session
from arena.graph.models import GraphResult
from arena.graph.services import refresh_stale_views
from sqlalchemy import delete
app = create_app({"DATABASE_URL": sys.argv[1], "SECRET_KEY": "bench"})
with app.app_context():
    session = get_session()
    session.execute(delete(GraphResult))
    session.commit()
    for label in ("scratch", "again"):
        if label == "again":  # the data changed a little: fingerprints differ, layouts reused
            session.execute(delete(GraphResult).where(GraphResult.key.not_like("drawing|%")))
            session.commit()
        wall, cpu = time.perf_counter(), time.process_time()
        refresh_stale_views(session)
        session.commit()
        print(label, time.perf_counter() - wall, time.process_time() - cpu)
print("peak", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def bench_job(url: str) -> dict:
    """The scheduler's job from scratch in a fresh process: wall and CPU time, peak memory."""
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", JOB, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    values = {line.split()[0]: [float(v) for v in line.split()[1:]] for line in out if line}
    return {"scratch": values["scratch"], "again": values["again"], "peak": values["peak"][0]}


def stored_sizes(session) -> dict:
    from sqlalchemy import func, select

    from arena.graph.models import GraphResult

    return dict(session.execute(select(GraphResult.key, func.length(GraphResult.data))).all())


def bench_pages(app) -> dict:
    """Median time of the organisation page and its map data, and their sizes as sent."""
    client = app.test_client()
    client.post("/auth/login", data={"email": "lead@example.org", "password": PASSWORD})
    result = {}
    for url in ("/graph/", "/graph/organisations/map"):
        headers = {"Accept-Encoding": "gzip"}
        client.get(url, headers=headers)
        times, size = [], 0
        for _ in range(7):
            start = time.perf_counter()
            response = client.get(url, headers=headers)
            times.append(time.perf_counter() - start)
            size = len(response.data)
        assert response.status_code == 200, (url, response.status_code)
        result[url] = (statistics.median(times), size)
    return result


def browser_pages(session, app, tmp: Path, limit_s: int) -> dict:
    """Ours beside the cut drawing and pyvis's default page of the same organisation graph."""
    import logging

    from werkzeug.serving import make_server

    from arena.graph.services import View, stored_part
    from arena.graph.transport import decompress, unpack
    from arena.graph.views import VIS_DIRECTORY

    drawing = stored_part(session, View("organisations"), "drawing").data
    data = decompress(drawing["map"])
    nodes = unpack(data["nodes"])
    edges = unpack(data["edges"])
    for edge in edges:
        edge["from"], edge["to"] = nodes[edge["from"]]["id"], nodes[edge["to"]]["id"]
    every_tie = [(nodes[a]["id"], nodes[b]["id"]) for a, b, _step in decompress(drawing["ties"])]
    cut_page(nodes, edges, VIS_DIRECTORY, tmp)
    pyvis_default_page(nodes, every_tie, tmp)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    static, static_url = serve(tmp)
    try:
        return {
            **bench_browser(
                f"http://127.0.0.1:{server.server_port}", static_url, tmp, limit_s * 1000
            ),
            "nodes": len(nodes),
            "drawn_edges": len(edges),
            "all_edges": len(every_tie),
        }
    finally:
        static.shutdown()
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=40_000)
    parser.add_argument("--database", help="a demo database (default: built once and cached)")
    parser.add_argument("--pyvis-limit", type=int, default=60, help="seconds to wait for pyvis")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    default = cache_path(f"bench{args.members // 1000}k-graph.sqlite3")
    url = ensure_database(Path(args.database or default), args.members)
    load_before = os.getloadavg()

    from arena import create_app
    from arena.auth.models import UserAccount
    from arena.db import get_session

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        session = get_session()
        for account in session.query(UserAccount).all():
            account.set_password(PASSWORD)
        session.commit()
        b = bench_build(session)
        session.rollback()
    job = bench_job(url)
    with app.app_context():
        session = get_session()
        sizes = stored_sizes(session)
        pages = bench_pages(app)
        report(args.members, b, job, sizes, pages, None, args.pyvis_limit, load_before)
        if not args.skip_browser:
            with tempfile.TemporaryDirectory() as tmp:
                draw = browser_pages(session, app, Path(tmp), args.pyvis_limit)
            report_browser(draw, args.pyvis_limit)
        session.rollback()


def report(members, b, job, sizes, pages, _draw, _pyvis_limit, load_before) -> None:
    ours_bm = b["build"] + b["metrics"]
    ours_bc, plain_bc, difference = b["betweenness"]
    print(
        f"\n{members:,} members. Load average before {load_before[0]:.1f}, after "
        f"{os.getloadavg()[0]:.1f} (2 cores; repeat when high)"
    )
    print(
        f"Organisation graph: {b['nodes']:,} nodes, {b['edges']:,} edges "
        f"(shared sessions from {b['min_shared']}; betweenness {b['how']})"
    )
    print(
        f"  ours build + metrics {ours_bm:6.2f} s | plain NetworkX metrics {b['plain']:6.2f} s | "
        f"ratio {ours_bm / b['plain']:.2f}x; betweenness ours {ours_bc:.2f} s vs NetworkX "
        f"{plain_bc:.2f} s ({plain_bc / ours_bc:.1f}x faster, largest difference {difference:.1e})"
    )
    wall, cpu = job["scratch"]
    goal_time, goal_memory = (60, 1024) if members >= 200_000 else (15, None)
    print(
        f"Background job, all views from scratch: {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"(goal < {goal_time} s); peak memory {job['peak'] / 2**20:.0f} MB"
        + (f" (goal < {goal_memory} MB)" if goal_memory else "")
    )
    print(f"  again, layouts reused: {job['again'][0]:.1f} s wall, {job['again'][1]:.1f} s CPU")
    total = sum(sizes.values())
    print(
        f"  stored: {total / 1e6:.1f} MB in all; the map of organisations "
        f"{sizes.get('drawing|organisations:all', 0) / 1e3:.0f} KB"
    )
    by_part: dict[str, int] = {}
    for key, size in sizes.items():
        part = key.split("|")[0] if "|" in key else "findings"
        by_part[part] = by_part.get(part, 0) + size
    print(
        "  stored per part (all views): "
        + ", ".join(f"{part} {size / 1e3:.0f} KB" for part, size in sorted(by_part.items()))
    )
    for url, (seconds, size) in pages.items():
        print(f"Page {url:28s} median {seconds * 1000:5.0f} ms, {size / 1024:5.0f} KiB sent")
    sys.stdout.flush()


def report_browser(draw, pyvis_limit) -> None:
    pyvis = draw["pyvis"]
    print(
        f"Map in headless Chromium, {draw['nodes']:,} organisations with ties (all reachable), "
        f"{draw['drawn_edges']:,} of {draw['all_edges']:,} ties drawn:"
    )
    print(
        f"  ours (clustered)  stable {draw['ours']:5.2f} s (goal < 1.5 s), opening the biggest "
        f"community ({draw['open_size']:,} nodes) {draw['open']:.2f} s (goal < 0.5 s), "
        f"{draw['sent'] / 1024:5.0f} KiB as sent (goal < 800 KB)"
    )
    print(
        f"  before (cut to 2,000) stable {draw['cut']:5.2f} s, "
        f"{draw['cut_sent'] / 1024:5.0f} KiB"
        f" | ratio ours/before: time {draw['ours'] / draw['cut']:.2f}x, bytes "
        f"{draw['sent'] / draw['cut_sent']:.2f}x"
    )
    sent = draw["pyvis_sent"] / 1024
    if pyvis is None:
        print(f"  pyvis default page: not stable after {pyvis_limit} s, {sent:.0f} KiB")
    else:
        print(
            f"  pyvis default page: stable {pyvis:.2f} s, {sent:.0f} KiB | ratio ours/pyvis: "
            f"time {draw['ours'] / pyvis:.2f}x, bytes {draw['sent'] / draw['pyvis_sent']:.2f}x"
        )


if __name__ == "__main__":
    main()
