"""Run the graph job from scratch on a database and hash everything it stores.

A change meant to make the job faster must leave what it stores as it was: every result row
(key, fingerprint, data, the gzipped parts byte for byte), every row of the tables and
unconnected lists, and every order's pages. This prints one hash over all of them, one per
table, and the job's wall and CPU time and peak memory (before hashing). Run it with the old
code (PYTHONPATH at a checkout of main) and the new, on the same copy of a database:

    PYTHONHASHSEED=0 ARENA_DATABASE_URL=... .venv/bin/python scripts/bench/graph_hash.py
    [--no-run] [--profile FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import time


def run_job(profile: str | None) -> None:
    """`arena graph compute` after forgetting every stored result, as the CLI runs it."""
    from sqlalchemy import create_engine, delete

    from arena.graph.models import GraphResult, GraphRow, GraphRowOrder

    engine = create_engine(os.environ["ARENA_DATABASE_URL"])
    with engine.begin() as connection:
        for table in (GraphRowOrder, GraphRow, GraphResult):
            connection.execute(delete(table))
    engine.dispose()
    from arena.__main__ import main

    sys.argv = ["arena", "graph", "compute"]
    wall, cpu = time.perf_counter(), time.process_time()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    try:
        main()
    except SystemExit as exc:
        if exc.code:
            raise
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"job wall {wall:.1f} s cpu {cpu:.1f} s peak {peak:.0f} MB", flush=True)


def stored_hashes() -> dict[str, str]:
    from sqlalchemy import create_engine, select

    from arena.graph.models import GraphResult, GraphRow, GraphRowOrder

    engine = create_engine(os.environ["ARENA_DATABASE_URL"])
    found = {}
    with engine.connect() as connection:
        keys = dict(connection.execute(select(GraphResult.id, GraphResult.key)).all())
        digest = hashlib.sha256()
        for key, fingerprint, data in connection.execute(
            select(GraphResult.key, GraphResult.source_fingerprint, GraphResult.data).order_by(
                GraphResult.key
            )
        ):
            text = json.dumps(data, sort_keys=True, ensure_ascii=False)
            digest.update(f"{key}\t{fingerprint}\t{text}\n".encode())
        found["results"] = digest.hexdigest()
        digest = hashlib.sha256()
        rows = connection.execute(
            select(
                GraphRow.result_id,
                GraphRow.part,
                GraphRow.position,
                GraphRow.data,
                GraphRow.sector,
                GraphRow.policy_domain,
                GraphRow.mechanisms,
            )  # fmt: skip
        ).all()
        for result_id, *rest in sorted(rows, key=lambda r: (keys[r[0]], r[1], r[2])):
            digest.update(repr((keys[result_id], *rest)).encode())
        found["rows"] = f"{digest.hexdigest()} ({len(rows)})"
        del rows
        digest = hashlib.sha256()
        orders = connection.execute(
            select(
                GraphRowOrder.result_id,
                GraphRowOrder.part,
                GraphRowOrder.sort,
                GraphRowOrder.page,
                GraphRowOrder.total,
                GraphRowOrder.positions,
            )  # fmt: skip
        ).all()
        for result_id, *rest in sorted(orders, key=lambda r: (keys[r[0]], r[1], r[2], r[3])):
            rest[-1] = bytes(rest[-1]).hex()
            digest.update(repr((keys[result_id], *rest)).encode())
        found["orders"] = f"{digest.hexdigest()} ({len(orders)})"
    engine.dispose()
    everything = hashlib.sha256("|".join(found.values()).encode()).hexdigest()
    return {"all": everything, **found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-run", action="store_true", help="only hash what is stored")
    parser.add_argument("--profile", help="write cProfile statistics of the job here")
    args = parser.parse_args()
    if os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit("set PYTHONHASHSEED=0")
    import arena

    print("code", os.path.dirname(os.path.dirname(arena.__file__)))
    if not args.no_run:
        run_job(args.profile)
    for name, value in stored_hashes().items():
        print(f"{name:8} {value}")


if __name__ == "__main__":
    main()
