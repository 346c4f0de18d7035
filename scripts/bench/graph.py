"""Benchmark the collaboration graph on a 40,000-member demo network.

Prints side by side: our build-and-metrics time against plain NetworkX calls on the same graph
(the ratio; our betweenness beside NetworkX's, same sources), the background job per view and
again with its layout reused, downloads from the stored result beside computing them, the
graph page with stored metrics (response time with the data check reused and fresh, payload
size), and the time until a 2,000-node drawing is stable in headless Chromium against a
default pyvis page (its own write_html in "in_line" mode, served locally) of the same graph.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from cache import cache_path  # noqa: E402
from graph_drawing import PASSWORD, bench_drawing, pyvis_default_page, serve  # noqa: E402


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


def bench_job(session) -> dict:
    """The scheduler's job from scratch (three default views, data read once), per view, and
    again with nothing structural changed (stored layouts reused)."""
    from sqlalchemy import delete, func, select

    from arena.graph.analysis import KINDS
    from arena.graph.fingerprint import source_fingerprint
    from arena.graph.models import GraphResult
    from arena.graph.queries import Scope, load_rows
    from arena.graph.services import View, compute_view

    session.execute(delete(GraphResult))
    session.commit()
    fingerprint, t_fingerprint = timed(source_fingerprint, session)
    rows, t_rows = timed(load_rows, session, Scope())
    first = {k: timed(compute_view, session, View(k), None, rows, fingerprint)[1] for k in KINDS}
    session.commit()
    again, t_again = timed(compute_view, session, View("organisations"), None, rows, fingerprint)
    session.commit()
    sizes = dict(session.execute(select(GraphResult.key, func.length(GraphResult.data))).all())
    return {
        "fingerprint": t_fingerprint,
        "rows": t_rows,
        "first": first,
        "again": t_again,
        "sizes": sizes,
    }


def bench_exports(session) -> dict:
    """A download of a fresh default view from the stored result, beside computing it."""
    from arena.graph.analysis import build_graph
    from arena.graph.downloads import export_view
    from arena.graph.exports import export
    from arena.graph.queries import Scope, load_rows
    from arena.graph.services import View

    result = {}
    for kind in ("organisations", "people"):
        stored, t_stored = timed(export_view, session, View(kind), "gexf")
        assert stored.stored_dt is not None, "the stored result should be fresh"
        _, t_computed = timed(
            lambda kind=kind: export(build_graph(load_rows(session, Scope()), kind), "gexf")
        )
        result[kind] = (t_stored, t_computed, len(stored.content))
    return result


def bench_pages(app, kinds=("organisations", "people")) -> dict:
    """Median page time with the fingerprint reused (as pages do) and with a fresh check."""
    client = app.test_client()
    client.post("/auth/login", data={"email": "lead@example.org", "password": PASSWORD})
    result = {}
    for kind in kinds:
        url = "/graph/" if kind == "organisations" else f"/graph/{kind}"
        client.get(url)
        reused, checked, size = [], [], 0
        for _ in range(7):
            start = time.perf_counter()
            response = client.get(url)
            reused.append(time.perf_counter() - start)
            app.extensions.pop("graph_fingerprint", None)
            start = time.perf_counter()
            response = client.get(url)
            checked.append(time.perf_counter() - start)
            size = len(response.data)
        assert response.status_code == 200, response.status_code
        result[kind] = (statistics.median(reused), statistics.median(checked), size)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=40_000)
    parser.add_argument("--database", default=str(cache_path("bench40k-graph.sqlite3")))
    parser.add_argument("--pyvis-limit", type=int, default=60, help="seconds to wait for pyvis")
    args = parser.parse_args()
    url = ensure_database(Path(args.database), args.members)

    from werkzeug.serving import make_server

    from arena import create_app
    from arena.auth.models import UserAccount
    from arena.db import get_session
    from arena.graph.services import View, stored_view

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        session = get_session()
        for account in session.query(UserAccount).all():
            account.set_password(PASSWORD)
        session.commit()
        b = bench_build(session)
        job = bench_job(session)
        exports = bench_exports(session)
        drawing = stored_view(session, View("people")).result.data["drawing"]
        session.rollback()
    pages = bench_pages(app)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        pyvis_file = pyvis_default_page(drawing, Path(tmp))
        static, pyvis_url = serve(pyvis_file.parent)
        draw = bench_drawing(
            f"http://127.0.0.1:{server.server_port}", pyvis_url, args.pyvis_limit * 1000
        )
        static.shutdown()
    server.shutdown()
    report(b, job, exports, pages, drawing, draw, args.pyvis_limit)


def report(b, job, exports, pages, drawing, draw, pyvis_limit) -> None:
    ours_bm = b["build"] + b["metrics"]
    ours_bc, plain_bc, difference = b["betweenness"]
    print(
        f"\nOrganisation graph: {b['nodes']:,} nodes, {b['edges']:,} edges "
        f"(shared sessions from {b['min_shared']}; betweenness {b['how']})"
    )
    print(f"  load rows (SQL)              {b['rows']:7.2f} s")
    print(
        f"  ours build + metrics         {ours_bm:7.2f} s   (build {b['build']:.2f}, metrics "
        f"{b['metrics']:.2f})   goal < 15 s"
    )
    print(
        f"  plain NetworkX metrics       {b['plain']:7.2f} s   ratio ours/plain: "
        f"metrics {b['metrics'] / b['plain']:.2f}x, build+metrics {ours_bm / b['plain']:.2f}x"
    )
    print(
        f"  betweenness: ours {ours_bc:.2f} s vs NetworkX {plain_bc:.2f} s "
        f"({plain_bc / ours_bc:.1f}x faster; largest difference {difference:.1e})"
    )
    first = job["first"]
    whole = job["fingerprint"] + job["rows"] + sum(first.values())
    org_job = job["fingerprint"] + job["rows"] + first["organisations"]
    print(
        f"Background job from scratch: {whole:.2f} s for all three views (fingerprint "
        f"{job['fingerprint']:.2f}, rows read once {job['rows']:.2f}, organisations "
        f"{first['organisations']:.2f}, people {first['people']:.2f}, wins {first['wins']:.2f}); "
        f"organisations alone {org_job:.2f} s"
    )
    print(f"  organisations again, same structure (stored layout reused): {job['again']:.2f} s")
    sizes = ", ".join(f"{key} {size / 1e6:.1f} MB" for key, size in sorted(job["sizes"].items()))
    print(f"  stored JSON: {sizes}")
    for kind, (stored, computed, size) in exports.items():
        print(
            f"Download {kind:13s} GEXF {size / 1e6:5.1f} MB: from the stored result "
            f"{stored:5.2f} s vs computed {computed:6.2f} s ({computed / stored:.1f}x)"
        )
    for kind, (reused, checked, size) in pages.items():
        print(
            f"Page /graph {kind:13s} median {reused * 1000:5.0f} ms (fresh data check "
            f"{checked * 1000:5.0f} ms)   payload {size / 1024:6.0f} KiB   goal < 300 ms"
        )
    pyvis = "not stable" if draw["pyvis"] is None else f"{draw['pyvis']:.2f} s"
    print(
        f"Drawing {drawing['drawn_nodes']:,} nodes / {drawing['drawn_edges']:,} edges: ours "
        f"stable {draw['ours']:.2f} s (goal < 2 s) | default pyvis page: {pyvis}"
        + (f" after {pyvis_limit} s" if draw["pyvis"] is None else "")
    )


if __name__ == "__main__":
    main()
