"""The JSON API and the calendar feeds at scale, beside the same reads in plain SQLAlchemy Core.

Run:
    .venv/bin/python scripts/bench/api.py [--members 40000] [--database sqlite|postgresql]

Through the app in process (Flask's test client, a real Bearer token, so the token check and
its throttle count are part of every request):
- a page of 100 members: median of repeated GETs, and the SQL statement count for pages of
  10, 100 and 200 (they must be equal: flat in page size; counted after a first request, as
  the throttle writes once per few requests). Goal: under 100 ms.
- a full sync of every member by cursor, 200 per page. Goal: under 30 s.
- the public feed of a series of 200 sessions (a series of that length is added once to the
  benchmark database when the demo has none), built (as after a change) and unchanged (kept
  per process). Goal: under 200 ms.
Baselines: the same rows read with Core (keyset pages of members with their organisations;
the series' sessions), no ORM, no serialisation, no HTTP.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[2]))

from benchdb import add_arguments, database_from_args, load_average  # noqa: E402
from sqlalchemy import create_engine, event, func, select  # noqa: E402

from arena import create_app  # noqa: E402
from arena.arenas.models import ArenaSeries, Meeting  # noqa: E402
from arena.auth.api_tokens import create_api_token, revoke_api_token  # noqa: E402
from arena.auth.models import UserAccount  # noqa: E402
from arena.members.models import Member, Membership, Organisation  # noqa: E402

ORGANISER = "organiser@example.org"
FEED_SERIES = "Benchmark: a series of 200 sessions"


def median_ms(fn, runs: int) -> float:
    fn()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def feed_series(session) -> int:
    """The id of a series with 200 sessions, made once in the benchmark database."""
    series = session.scalar(select(ArenaSeries).where(ArenaSeries.name == FEED_SERIES))
    if series is None:
        series = ArenaSeries(name=FEED_SERIES, theme="Benchmark")
        session.add(series)
        session.flush()
        start = datetime(2014, 1, 15, 13, tzinfo=UTC)
        for n in range(200):
            begins = start + timedelta(weeks=3 * n)
            session.add(
                Meeting(
                    series_id=series.id,
                    title=f"Session {n + 1}",
                    starts_dt=begins,
                    ends_dt=begins + timedelta(hours=3),
                    location="Utrecht",
                    programme="1. Introduction\n2. Two practice examples\n3. Reflection",
                )
            )
        session.commit()
    return series.id


def core_member_page(conn, after: int, size: int) -> int:
    rows = conn.execute(
        select(Member.__table__)
        .where(Member.erased_at.is_(None), Member.id > after)
        .order_by(Member.id)
        .limit(size)
    ).all()
    ids = [r.id for r in rows]
    if ids:
        conn.execute(
            select(Membership.__table__, Organisation.name)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(Membership.member_id.in_(ids))
        ).all()
    return ids[-1] if ids else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    add_arguments(parser)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    url = database_from_args(args)
    app = create_app(
        {"DATABASE_URL": url, "ENV_NAME": "testing", "API_RATE_LIMIT": 10**9, "SERVER_NAME": None}
    )
    engine = app.extensions["arena_db"].engine
    statements = [0]
    event.listen(
        engine,
        "before_cursor_execute",
        lambda *a, **k: statements.__setitem__(0, statements[0] + 1),
    )
    maker = app.extensions["arena_db"].sessionmaker
    with app.app_context(), maker() as session:
        account = session.scalar(select(UserAccount).where(UserAccount.email == ORGANISER))
        token = create_api_token(session, account, "benchmark")
        session.commit()
        series_id = feed_series(session)
        total = session.scalar(select(func.count(Member.id)).where(Member.erased_at.is_(None)))
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token.secret}"}

    def get(path: str):
        response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.status_code, response.data[:300])
        return response

    counts = {}
    get("/api/v1/members?limit=1")  # the token's first lease of its throttle window (one write)
    for size in (10, 100, 200):
        statements[0] = 0
        get(f"/api/v1/members?limit={size}")
        counts[size] = statements[0]
    page_ms = median_ms(lambda: get("/api/v1/members?limit=100"), args.runs)

    def sync() -> int:
        seen, cursor = 0, None
        while True:
            page = get(
                "/api/v1/members?limit=200" + (f"&cursor={cursor}" if cursor else "")
            ).get_json()
            seen += len(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return seen

    started = time.perf_counter()
    synced = sync()
    sync_s = time.perf_counter() - started
    feed_url = f"/api/v1/feeds/series/{series_id}.ics"

    def feed_built():
        app.extensions.get("arena_series_feeds", {}).clear()  # as after a change
        get(feed_url)

    built_ms = median_ms(feed_built, args.runs)
    feed_ms = median_ms(lambda: get(feed_url), args.runs)

    core = create_engine(url)
    with core.connect() as conn:
        base_page = median_ms(lambda: core_member_page(conn, 0, 100), args.runs)
        started = time.perf_counter()
        after = -1
        while after:
            after = core_member_page(conn, max(after, 0), 200)
        base_sync = time.perf_counter() - started
        base_feed = median_ms(
            lambda: conn.execute(
                select(Meeting.__table__)
                .where(Meeting.series_id == series_id)
                .order_by(Meeting.starts_dt)
            ).all(),
            args.runs,
        )
    core.dispose()
    with app.app_context(), maker() as session:
        from arena.auth.api_tokens import ApiToken

        revoke_api_token(session.get(ApiToken, token.row.id))
        session.commit()

    where = url.split(":")[0]
    print(f"API at {args.members:,} members ({total:,} not erased), {where}; {load_average()}")
    print(f"{'read':40} {'ours':>10} {'Core':>10} {'ratio':>7}  goal")
    rows = [
        ("a page of 100 members (median)", page_ms, base_page, "ms", "< 100 ms"),
        ("full sync by cursor, 200 per page", sync_s, base_sync, "s", "< 30 s"),
        ("series feed of 200 sessions, built", built_ms, base_feed, "ms", "< 200 ms"),
        ("series feed of 200 sessions, unchanged", feed_ms, base_feed, "ms", "< 200 ms"),
    ]
    for label, ours, base, unit, goal in rows:
        print(f"{label:40} {ours:8.2f}{unit:2} {base:8.2f}{unit:2} {ours / base:6.1f}x  {goal}")
    sizes = " / ".join(str(counts[n]) for n in (10, 100, 200))
    print(f"statements for a page of 10 / 100 / 200 members: {sizes}")
    print(f"members synced: {synced:,} of {total:,}")
    assert counts[10] == counts[100] == counts[200], "query count grows with page size"
    assert synced == total


if __name__ == "__main__":
    main()
