"""CPU per RSVP answer in process: the figure the burst's rate follows from, without HTTP noise.

Run:
    .venv/bin/python scripts/bench/rsvp_cpu.py --database postgresql --members 200000 \\
        [--answers 2000] [--profile 30]

Answers fresh invitations of a new session as rsvp_burst.py does (GET the signed link, then
POST the answer with the page's CSRF token and session cookie, a new visitor each time), with
the production settings, through Flask's test client in this process. Prints the process's CPU
time per answer (GET and POST apart), the SQL statements per answer, and with ``--profile N``
the N costliest functions by cumulative time, for the GETs and the POSTs apart. On a 2-core
machine with the load generator and PostgreSQL beside it, 300 answers/s leaves about 4 ms of
worker CPU per answer. The same loop
over the minimal Flask view (burst_ceiling.py) is printed beside it, as the ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

from benchdb import add_arguments, database_from_args, load_average  # noqa: E402
from rsvp_burst import prepare, recorded, remove  # noqa: E402
from server import SECRET_KEY  # noqa: E402
from sqlalchemy import event  # noqa: E402

from arena import create_app  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def answer_all(app, paths: list[str], profilers=(None, None)) -> tuple[float, float]:
    """CPU seconds of the GETs and of the POSTs, each answer from a new visitor; with
    ``profilers`` (GET's, POST's), each request is profiled by its own."""
    get_cpu = post_cpu = 0.0
    on_get, on_post = (p.enable if p else _nothing for p in profilers)
    off_get, off_post = (p.disable if p else _nothing for p in profilers)
    for path in paths:
        client = app.test_client()
        start = time.process_time()
        on_get()
        page = client.get(path + "?answer=yes", base_url="https://localhost")
        off_get()
        middle = time.process_time()
        token = CSRF.search(page.get_data(as_text=True))
        assert page.status_code == 200 and token, page.status_code
        middle2 = time.process_time()
        on_post()
        # https for the production session cookie (Secure); Flask-WTF then checks the Referer
        done = client.post(path, data={"csrf_token": token.group(1), "answer": "yes"},
                           base_url="https://localhost",
                           headers={"Referer": "https://localhost" + path})  # fmt: skip
        off_post()
        end = time.process_time()
        assert done.status_code == 200, done.status_code
        get_cpu += middle - start
        post_cpu += end - middle2
    return get_cpu, post_cpu


def _nothing() -> None:
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.set_defaults(database="postgresql")
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--profile", type=int, default=0, help="Show the N costliest calls.")
    args = parser.parse_args()
    url = database_from_args(args)
    warm = 100
    meeting_id, links = prepare(url, args.answers + warm)
    paths = links.read_text().split()
    app = create_app({"ENV_NAME": "production", "DATABASE_URL": url, "SECRET_KEY": SECRET_KEY})
    statements = []
    engine = app.extensions["arena_db"].engine
    for counted in {engine, app.extensions["arena_db"].statements.engine}:
        event.listen(counted, "before_cursor_execute", lambda *a: statements.append(a[2]))
    try:
        answer_all(app, paths[:warm])
        statements.clear()
        profilers = (None, None)
        if args.profile:
            profilers = (cProfile.Profile(time.process_time), cProfile.Profile(time.process_time))
        get_cpu, post_cpu = answer_all(app, paths[warm:], profilers)
        answered, _invited = recorded(url, meeting_id)
    finally:
        with app.extensions["arena_db"].sessionmaker() as session:
            remove(session, meeting_id)
        engine.dispose()
    from burst_ceiling import app as ceiling

    ceiling_paths = [f"/rsvp/ceiling{i}" for i in range(args.answers)]
    answer_all(ceiling, ceiling_paths[:warm])
    c_get, c_post = answer_all(ceiling, ceiling_paths)
    n = args.answers
    ours = (get_cpu + post_cpu) * 1000 / n
    plain = (c_get + c_post) * 1000 / n
    print(f"RSVP answers in process ({n} answers{', profiled' if args.profile else ''}); "
          f"{load_average()}")  # fmt: skip
    print(f"  ours     {ours:6.2f} ms CPU per answer (GET {get_cpu * 1000 / n:.2f}, POST "
          f"{post_cpu * 1000 / n:.2f}); {len(statements) / n:.1f} SQL statements per "
          "answer")  # fmt: skip
    print(f"  ceiling  {plain:6.2f} ms CPU per answer (GET {c_get * 1000 / n:.2f}, POST "
          f"{c_post * 1000 / n:.2f}); ratio ours/ceiling {ours / plain:.1f}")  # fmt: skip
    print(f"  recorded {answered} answers for {n + warm} sent")
    for name, profiler in zip(("GET", "POST"), profilers, strict=True):
        if profiler:
            print(f"The {name}s' {args.profile} costliest calls, by cumulative time:")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
