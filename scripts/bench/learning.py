"""Benchmark of the report of what emerged and of polls on a 40,000-member network.

Run: ARENA_BENCH_DIR=... .venv/bin/python scripts/bench/learning.py [--runs 5] [--year 2025]

Prints, each beside a plain baseline as a ratio:
- the report's figures for a year (our queries, one definition per figure) against the same
  figures counted with hand-written SQL through the DB-API cursor, and whether they agree;
- the report page through the Flask test client (target < 1 s), its PDF (target < 10 s), and
  the spreadsheet, against the plain SQL counts;
- a poll to the whole network queued in the outbox (target < 5 s) against inserting the same
  number of outbox and recipient rows with plain executemany (no rendering, no signed links).
The graph views the report's growth figures read are computed once first (the job's work).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cache import cache_path  # noqa: E402
from learning_sql import PLAIN_FIGURES, plain_counts  # noqa: E402
from sqlalchemy import select, text  # noqa: E402

from arena import create_app  # noqa: E402
from arena.auth.models import UserAccount  # noqa: E402
from arena.members.models import Member  # noqa: E402
from arena.polls.models import PollRecipient  # noqa: E402
from arena.polls.sending import send_poll  # noqa: E402
from arena.polls.services import PollInput, QuestionInput, create_poll  # noqa: E402
from arena.reports.figures import count, counts_by_group  # noqa: E402
from arena.reports.network import compute_network_growth, network_growth  # noqa: E402
from arena.reports.period import Period  # noqa: E402

DATABASE = cache_path("bench40k-learning.sqlite3")
ARENA = str(ROOT / ".venv" / "bin" / "arena")
PASSWORD = "bench password learning"  # noqa: S105 - the throwaway benchmark database


def _ensure_database() -> str:
    url = f"sqlite:///{DATABASE}"
    env = dict(os.environ, ARENA_DATABASE_URL=url)
    subprocess.run([ARENA, "init"], env=env, check=True)  # noqa: S603 - migrates a cached copy
    if not DATABASE.exists() or os.path.getsize(DATABASE) < 10_000_000:
        subprocess.run([ARENA, "demo", "--members", "40000"], env=env, check=True)  # noqa: S603
    return url


class Timing:
    """Wall-clock and CPU milliseconds of one piece of work (medians over the runs).

    The machine is shared: CPU time of this process says what the work costs when other
    processes take the cores, and both are printed.
    """

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = wall, cpu


def _measure(work, runs: int) -> tuple[Timing, object]:
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return Timing(statistics.median(walls), statistics.median(cpus)), result


def _line(label: str, ours: Timing, plain: Timing, target: str = "") -> None:
    def ratio(a: float, b: float) -> str:
        return f"{a / b:>6.1f}x" if b else "     -"

    print(
        f"  {label:<44} {ours.wall:>9.0f} {ours.cpu:>9.0f} {plain.wall:>9.0f} {plain.cpu:>9.0f}"
        f" {ratio(ours.wall, plain.wall)} {ratio(ours.cpu, plain.cpu)}  {target}"
    )


def _our_counts(session, period: Period) -> dict:
    values = {}
    for key, grouped in PLAIN_FIGURES.items():
        if grouped:
            for group, n in counts_by_group(session, period, key).items():
                values[(key, group)] = n
        else:
            values[(key, None)] = count(session, period, key)
    return values


def _figures(app, period: Period, runs: int) -> Timing:
    engine = app.extensions["arena_db"].engine
    with app.app_context():
        session = app.extensions["arena_db"].sessionmaker()
        ours_ms, ours = _measure(lambda: _our_counts(session, period), runs)
        raw = engine.raw_connection()
        try:
            plain_ms, plain = _measure(lambda: plain_counts(raw.cursor(), period), runs)
        finally:
            raw.close()
        session.close()
    differ = {k: (ours.get(k), plain.get(k)) for k in set(ours) | set(plain)
              if ours.get(k, 0) != plain.get(k, 0)}  # fmt: skip
    _line(f"report figures ({len(ours)} numbers)", ours_ms, plain_ms)
    print(f"  {'':<46} figures agree with plain SQL: {differ or 'yes'}")
    return plain_ms


def _sign_in(app):
    with app.app_context():
        session = app.extensions["arena_db"].sessionmaker()
        lead = session.scalar(select(UserAccount).where(UserAccount.email == "lead@example.org"))
        lead.set_password(PASSWORD)
        session.commit()
        session.close()
    client = app.test_client()
    client.post("/auth/login", data={"email": "lead@example.org", "password": PASSWORD})
    return client


def _pages(app, period: Period, plain_ms: Timing, runs: int) -> None:
    client = _sign_in(app)
    query = "&".join(f"{k}={v}" for k, v in period.query().items())
    targets = {"/reports/": "(target < 1000 ms)", "/reports/report.pdf": "(target < 10000 ms)",
               "/reports/report.csv": ""}  # fmt: skip
    for path, target in targets.items():
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, response.status_code)
        ms, response = _measure(lambda path=path: client.get(f"{path}?{query}"), runs)
        _line(f"GET {path} ({len(response.data):,} bytes)", ms, plain_ms, target)


def _plain_queue(connection, member_ids: list[int], now: datetime) -> None:
    """The baseline: the same rows, bodies made with str.format, no signed links."""
    body = "Dear {name},\nAnswer here: https://arena.example/polls/answer/{id}\n"
    stamp = now.replace(tzinfo=None)
    poll_id = connection.execute(
        text(
            "INSERT INTO polls (title, introduction, audience, state, created_dt, updated_dt)"
            " VALUES ('Needs', '', '{}', 'open', :t, :t)"
        ),
        {"t": stamp},
    ).lastrowid
    connection.execute(
        text("INSERT INTO poll_recipients (poll_id, member_id, asked_dt) VALUES (:p, :m, :t)"),
        [{"p": poll_id, "m": m, "t": stamp} for m in member_ids],
    )
    connection.execute(
        text(
            "INSERT INTO outbox_messages (key, kind, member_id, recipient, sequence, subject,"
            " body_text, body_html, headers, message_id, status, due_dt, attempts, created_dt,"
            " updated_dt) VALUES (:k, 'poll', :m, :r, 0, 'A short poll', :b, :b, '{}', :k,"
            " 'pending', :t, 0, :t, :t)"
        ),
        [{"k": f"plain:{m}", "m": m, "r": f"m{m}@example.org", "b": body.format(name=m, id=m),
          "t": stamp} for m in member_ids],
    )  # fmt: skip


def _send_and_flush(session, poll, now):
    result = send_poll(session, poll, now)
    session.flush()
    return result


def _poll(app) -> None:
    now = datetime.now(UTC)
    engine = app.extensions["arena_db"].engine
    with app.app_context(), app.test_request_context():
        session = app.extensions["arena_db"].sessionmaker()
        data = PollInput("Needs for next year", audience={"kind": "network"},
                         closes_dt=now + timedelta(days=14),
                         questions=[QuestionInput("scale", "How useful was the last session?"),
                                    QuestionInput("free-text", "What should we ask?")])  # fmt: skip
        poll = create_poll(session, data, None)
        ours_ms, result = _measure(lambda: _send_and_flush(session, poll, now), 1)
        asked = session.scalar(select(PollRecipient.poll_id).limit(1)) is not None
        session.rollback()  # keep the cached database as it was
        session.close()
    ids = [row[0] for row in engine.connect().execute(select(Member.id).limit(result.queued))]
    with engine.connect() as connection:
        plain_ms, _ = _measure(lambda: _plain_queue(connection, ids, now), 1)
        connection.rollback()
    assert asked
    _line(f"poll to the whole network ({result.queued:,} queued)", ours_ms, plain_ms,
          "(target < 5000 ms)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=date.today().year - 1)
    args = parser.parse_args()
    app = create_app({"DATABASE_URL": _ensure_database(), "SECRET_KEY": "bench",
                      "WTF_CSRF_ENABLED": False, "BASE_URL": "https://arena.example"})  # fmt: skip
    period = Period(date(args.year, 1, 1), date(args.year, 12, 31))
    with app.app_context():
        session = app.extensions["arena_db"].sessionmaker()
        if not network_growth(session, period).is_known:
            start = time.perf_counter()
            compute_network_growth(session, period, datetime.now(UTC))
            session.commit()
            print(f"graph views for the growth figures computed once: "
                  f"{time.perf_counter() - start:.1f} s (the scheduler's job)")  # fmt: skip
        session.close()
    print(f"load: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores; year {args.year}")
    print(f"  {'(milliseconds)':<44} {'ours':>9} {'ours':>9} {'plain':>9} {'plain':>9}"
          f" {'ratio':>7} {'ratio':>7}")  # fmt: skip
    print(f"  {'':<44} {'wall':>9} {'CPU':>9} {'wall':>9} {'CPU':>9} {'wall':>7} {'CPU':>7}")
    plain_ms = _figures(app, period, args.runs)
    _pages(app, period, plain_ms, args.runs)
    _poll(app)


if __name__ == "__main__":
    main()
