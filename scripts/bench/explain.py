"""Where a page's time goes: each SQL statement it runs, its time alone, and its query plan.

Run:
    .venv/bin/python scripts/bench/explain.py --members 200000 --database sqlite /wins/mechanisms

For finding what to fix when pages.py shows a slow page; the statements are the page's own,
timed on a bare Core connection (median of 3), slowest first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdb import add_arguments, database_from_args  # noqa: E402
from pages import Recorder, in_process_client  # noqa: E402

from arena.db import make_engine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--top", type=int, default=4, help="Plans of the slowest N statements.")
    args = parser.parse_args()
    url = database_from_args(args)
    app, client = in_process_client(url)
    recorder = Recorder(app.extensions["arena_db"].engine)
    engine = make_engine(url)  # the app's own settings, e.g. no JIT on PostgreSQL
    postgres = url.startswith("postgresql")
    for page in args.urls:
        statements = recorder.run(client, page)
        timed = []
        with engine.connect() as conn:
            for statement, parameters in statements:
                if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                runs = []
                for _ in range(3):
                    start = time.perf_counter()
                    conn.exec_driver_sql(statement, parameters).all()
                    runs.append((time.perf_counter() - start) * 1000)
                timed.append((statistics.median(runs), statement, parameters))
            timed.sort(key=lambda t: -t[0])
            total = sum(t[0] for t in timed)
            print(f"\n{page}: {len(statements)} statements, reads {total:.1f} ms")
            for ms, statement, parameters in timed[: args.top]:
                print(f"\n--- {ms:.1f} ms\n{statement}\n{parameters!r}"[:3000])
                explain = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
                plan = conn.exec_driver_sql(explain + statement, parameters).all()
                for row in plan:
                    print("   ", row[-1])
            conn.rollback()
    engine.dispose()


if __name__ == "__main__":
    main()
