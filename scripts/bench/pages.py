"""Every page of the benchmark, through gunicorn, beside the same reads in plain SQLAlchemy Core.

Run:
    .venv/bin/python scripts/bench/pages.py --members 200000 --database postgresql [--runs 15] \
        [--beside 40000]

For each page: the median time of repeated GETs through gunicorn (2 workers on SQLite, 4 on
PostgreSQL; signed in as the organiser), the median time of the same reads in plain Core (the
SELECT statements the page ran, executed on a bare Core connection and fetched, with no ORM,
template or HTTP), their ratio, the bytes sent, and the number of SQL statements. Where a page
comes in a small and a large form (25 or 200 per page, a quiet member or the busiest one, a
small or the biggest session, organisation or series) both counts are printed: they must be
equal, so the count is flat in page size and history. Goal: every page under 150 ms.
With ``--beside 40000`` the same pages are measured on a 40,000-member network too and one
table shows both sizes and how much each page grew.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[2]))

from benchdb import PASSWORD, add_arguments, database_from_args, load_average  # noqa: E402
from server import Client, Server  # noqa: E402
from sqlalchemy import event, text  # noqa: E402

from arena import create_app  # noqa: E402
from arena.db import make_engine  # noqa: E402

ORGANISER = "organiser@example.org"


@dataclass
class Page:
    label: str
    url: str
    #: the same page in its large form (more rows, a longer history), for the query count
    large: str | None = None
    #: requested once before its reads are recorded: a page that stores what it counted (the
    #: report) is replayed as every later reader runs it, reading the stored figures and the
    #: data version; counting afresh is what `explain.py` of an unstored period shows
    warm: bool = False


def _most(conn, table: str, column: str, fewest: bool = False) -> int:
    """The value of `column` with the most (or fewest) rows in `table`; lowest first on ties."""
    order = "count(*)" if fewest else "count(*) DESC"
    sql = f"SELECT {column} FROM {table} GROUP BY {column} ORDER BY {order}, {column} LIMIT 1"  # noqa: S608
    return conn.execute(text(sql)).scalar()


def choose_pages(conn) -> list[Page]:
    """The pages to time, with ids picked from the data: the busiest and the quietest."""
    busy = _most(conn, "attendances", "member_id")
    quiet = _most(conn, "attendances", "member_id", fewest=True)
    big_org = _most(conn, "memberships", "organisation_id")
    small_org = _most(conn, "memberships", "organisation_id", fewest=True)
    big_meeting = _most(conn, "attendances", "meeting_id")
    small_meeting = _most(conn, "attendances", "meeting_id", fewest=True)
    big_series = _most(conn, "meetings", "series_id")
    example = _most(conn, "example_presenters", "example_id")
    win = _most(conn, "small_win_inspirations", "inspiring_id")
    held = _most(conn, "reflections", "meeting_id")
    return [
        Page("dashboard", "/"),
        Page("member list", "/members/", "/members/?per_page=200"),
        Page("member list, 200 per page", "/members/?per_page=200"),
        Page("member list, role + mailable", "/members/?role=municipality&consent=mailable"),
        Page("member list, attended last year", "/members/?attended=last-year"),
        Page("member list, searched 'jan'", "/members/?q=jan"),
        Page("member list, searched 'ozturk'", "/members/?q=ozturk"),
        Page("member profile (quiet / busiest)", f"/members/{quiet}", f"/members/{busy}"),
        Page("member profile, busiest", f"/members/{busy}"),
        Page("organisation list", "/organisations/"),
        Page(
            "organisation (small / biggest)",
            f"/organisations/{small_org}",
            f"/organisations/{big_org}",
        ),  # fmt: skip
        Page("organisation, biggest", f"/organisations/{big_org}"),
        Page("series list", "/series/"),
        Page("series, most sessions", f"/series/{big_series}"),
        Page("session list", "/sessions/"),
        Page(
            "session (small / biggest)", f"/sessions/{small_meeting}", f"/sessions/{big_meeting}"
        ),  # fmt: skip
        Page("session, biggest", f"/sessions/{big_meeting}"),
        Page("check-in, biggest session", f"/sessions/{big_meeting}/check-in"),
        Page("practice-example board", "/examples/"),
        Page("practice examples waiting for review", "/examples/?status=submitted"),
        Page("practice example", f"/examples/{example}"),
        Page("examples per year", "/examples/balance"),
        Page("small wins", "/wins/"),
        Page("small win, most inspiring", f"/wins/{win}"),
        Page("small wins per mechanism", "/wins/mechanisms"),
        Page("reflections", "/reflections/"),
        Page("reflections of a session", f"/reflections/sessions/{held}"),
        Page("reflections of a series over time", f"/reflections/series/{big_series}"),
        Page("collaborations", "/collaborations/"),
        Page("learning agenda", "/learning/"),
        Page("learning agenda of a series", f"/learning/series/{big_series}"),
        Page("polls", "/polls/"),
        Page("change stories", "/stories/"),
        Page("report of what emerged", "/reports/", warm=True),
        Page("report of what emerged, biggest series", f"/reports/?series={big_series}", warm=True),
        Page("graph: organisations", "/graph/"),
        Page("graph: people", "/graph/people"),
        Page(
            "graph: people by name (page 1 / 100)",
            "/graph/people?sort=label&order=asc",
            "/graph/people?sort=label&order=asc&page=100",
        ),  # fmt: skip
        Page("graph: people by name, page 100", "/graph/people?sort=label&order=asc&page=100"),
        Page("graph: people unconnected", "/graph/people?show=unconnected"),
        Page(
            "graph: unconnected by name (page 1 / 400)",
            "/graph/people?show=unconnected&sort=label&order=asc",
            "/graph/people?show=unconnected&sort=label&order=asc&page=400",
        ),  # fmt: skip
        Page(
            "graph: unconnected by name, page 400",
            "/graph/people?show=unconnected&sort=label&order=asc&page=400",
        ),  # fmt: skip
        Page("graph: organisations by first session", "/graph/?sort=step&order=desc"),
        Page("graph API: people findings", "/api/graph/people"),
        Page("graph: mechanisms", "/graph/mechanisms"),
    ]


class Recorder:
    """The statements an in-process request runs, to count them and to replay its reads."""

    def __init__(self, engine) -> None:
        self.seen: list[tuple[str, object]] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
        self.seen.append((statement, parameters))

    def run(self, client, url: str) -> list[tuple[str, object]]:
        self.seen = []
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url}: {response.status_code}")
        return self.seen


def core_median_ms(engine, statements, runs: int) -> float:
    """The page's reads on a bare Core connection: execute and fetch every row."""
    reads = [(s, p) for s, p in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    times = []
    with engine.connect() as conn:
        for attempt in range(runs + 1):
            start = time.perf_counter()
            for statement, parameters in reads:
                conn.exec_driver_sql(statement, parameters).all()
            if attempt:
                times.append((time.perf_counter() - start) * 1000)
        conn.rollback()
    return statistics.median(times)


def in_process_client(url: str):
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    response = client.post("/auth/login", data={"email": ORGANISER, "password": PASSWORD})
    assert response.status_code == 302, "sign-in failed: was the database built by benchdb?"
    return app, client


@dataclass
class Timing:
    ours: float | None
    core: float | None
    size: int
    queries: str


def measure(url: str, runs: int, only: str, title: str) -> dict[str, Timing]:
    """Every page of one database: printed as it goes, and returned by label."""
    engine = make_engine(url)  # the app's own settings, e.g. no JIT on PostgreSQL
    with engine.connect() as conn:
        pages = [p for p in choose_pages(conn) if only in p.label]
    app, local = in_process_client(url)
    recorder = Recorder(app.extensions["arena_db"].engine)
    kind = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    found: dict[str, Timing] = {}
    with Server(url) as server:
        client = Client(server.port)
        client.sign_in(ORGANISER, PASSWORD)
        print(f"\n{title} on {kind}, gunicorn with {server.workers} workers; "
              f"median of {runs}; {load_average()}")  # fmt: skip
        print(f"{'page (goal: ours < 150 ms)':38} {'ours ms':>8} {'Core ms':>8} {'ratio':>6} "
              f"{'KB':>6} {'queries':>9}")  # fmt: skip
        for page in pages:
            if page.warm:
                recorder.run(local, page.url)
            statements = recorder.run(local, page.url)
            count = str(len(statements))
            if page.large:
                count += f"/{len(recorder.run(local, page.large))}"
            try:
                ours, size = client.median_ms(page.url, runs)
            except RuntimeError as exc:  # a server error or a worker killed after 30 s
                found[page.label] = Timing(None, None, 0, count)
                print(f"{page.label:38} FAILED: {exc}", flush=True)
                continue
            core = core_median_ms(engine, statements, runs)
            found[page.label] = Timing(ours, core, size, count)
            flag = "" if ours < 150 else "  SLOW"
            print(f"{page.label:38} {ours:8.1f} {core:8.1f} {ours / core:6.1f} "
                  f"{size / 1024:6.0f} {count:>9}{flag}")  # fmt: skip
    engine.dispose()
    return found


def growth_table(smaller: int, small: dict, larger: int, large: dict) -> None:
    """One table: each page at both sizes, ours and Core, and how much ours grew."""
    print(f"\nGrowth from {smaller:,} to {larger:,} members (ms, median; growth = ours at "
          f"{larger:,} / ours at {smaller:,})")  # fmt: skip
    print(f"{'page':38} {'ours':>7} {'Core':>7} | {'ours':>7} {'Core':>7} {'ratio':>6} "
          f"{'growth':>7}")  # fmt: skip
    for label, big in large.items():
        little = small.get(label)
        if not little or little.ours is None or big.ours is None:
            print(f"{label:38} (not measured at both sizes)")
            continue
        grew = big.ours / little.ours
        print(f"{label:38} {little.ours:7.1f} {little.core:7.1f} | {big.ours:7.1f} "
              f"{big.core:7.1f} {big.ours / big.core:6.1f} {grew:6.1f}x")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", default="", help="Only pages whose label contains this.")
    parser.add_argument(
        "--beside",
        type=int,
        metavar="N",
        help="Also measure a network of N members (e.g. 40000) and print one table of both.",
    )
    args = parser.parse_args()
    timings = measure(database_from_args(args), args.runs, args.only, f"{args.members:,} members")
    if args.beside:
        smaller = argparse.Namespace(**{**vars(args), "members": args.beside})
        beside = measure(
            database_from_args(smaller), args.runs, args.only, f"{args.beside:,} members"
        )
        small, large = sorted([(args.beside, beside), (args.members, timings)])
        growth_table(small[0], small[1], large[0], large[1])
    slow = [label for label, t in timings.items() if t.ours is None or t.ours >= 150]
    print(f"{load_average()}; over 150 ms at {args.members:,}: {', '.join(slow) or 'none'}")


if __name__ == "__main__":
    main()
