"""The RSVP burst after a mass invitation: answers per second through the signed links.

Run:
    .venv/bin/python scripts/bench/rsvp_burst.py --database postgresql --members 200000 \\
        [--rate 300] [--seconds 60] [--worker-class gthread --gunicorn-threads 2] [--skip-max]

A new session in the future gets an invitation for each of (rate x seconds x 1.3) members of
the benchmark network. wrk (Debian's package) then answers them on loopback with
scripts/bench/rsvp_burst.lua, each invitation once, as a member does: GET the link from the
mail, then POST the confirmation with the page's CSRF token and cookie. First paced at
``--rate`` answers per second for ``--seconds`` (the goal: the rate held, p95 under 200 ms, no
error), then as fast as it goes for 15 s; both beside a minimal Flask view with the same
protocol under the same gunicorn (burst_ceiling.py) as the ceiling, as ratios. Afterwards the
database must hold exactly one answer per answered invitation; the session is then removed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

from benchdb import add_arguments, database_from_args, load_average  # noqa: E402
from cache import cache_path  # noqa: E402
from server import SECRET_KEY, Server  # noqa: E402
from sqlalchemy import delete, func, insert, select  # noqa: E402

from arena import create_app  # noqa: E402
from arena.models import Attendance, Meeting, Member  # noqa: E402

TITLE = "RSVP burst benchmark"


def prepare(url: str, invitations: int) -> tuple[int, Path]:
    """A planned session next month with `invitations` fresh invitations; their links."""
    from arena.invitations.links import rsvp_token

    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": url, "SECRET_KEY": SECRET_KEY})
    factory = app.extensions["arena_db"].sessionmaker
    with factory() as session:
        for old in session.scalars(select(Meeting.id).where(Meeting.title == TITLE)).all():
            remove(session, old)
        series_id = session.scalar(select(Meeting.series_id).limit(1))
        start = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
        meeting = Meeting(series_id=series_id, title=TITLE, starts_dt=start,
                          ends_dt=start + timedelta(hours=3), location="Utrecht")  # fmt: skip
        session.add(meeting)
        session.flush()
        members = session.scalars(
            select(Member.id).where(Member.erased_at.is_(None)).order_by(Member.id)
            .limit(invitations)
        ).all()  # fmt: skip
        if len(members) < invitations:
            print(f"  (only {len(members):,} members to invite; {invitations:,} wanted)")
        now = datetime.now(UTC)
        session.execute(insert(Attendance), [
            {"meeting_id": meeting.id, "member_id": m, "invited_dt": now, "is_attended": False,
             "is_walk_in": False} for m in members
        ])  # fmt: skip
        session.commit()
        ids = session.scalars(select(Attendance.id).where(Attendance.meeting_id == meeting.id))
        with app.app_context():
            paths = [f"/rsvp/{rsvp_token(i)}" for i in ids]
    links = cache_path("rsvp-burst-links.txt")
    links.write_text("\n".join(paths) + "\n")
    app.extensions["arena_db"].engine.dispose()
    return meeting.id, links


def remove(session, meeting_id: int) -> None:
    session.execute(delete(Attendance).where(Attendance.meeting_id == meeting_id))
    session.execute(delete(Meeting).where(Meeting.id == meeting_id))
    session.commit()


def recorded(url: str, meeting_id: int) -> tuple[int, int]:
    """(answered invitations, invitations) of the session, straight from the database."""
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": url})
    with app.extensions["arena_db"].sessionmaker() as session:
        rows = session.execute(
            select(func.count(Attendance.responded_dt), func.count())
            .where(Attendance.meeting_id == meeting_id)
        ).one()  # fmt: skip
    app.extensions["arena_db"].engine.dispose()
    return rows[0], rows[1]


def workers_cpu(server: Server) -> float:
    """CPU seconds the gunicorn workers have used: per answer, a figure the other work on a
    shared machine hardly changes (unlike the rate and the latencies)."""
    pid = server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0
    for child in children:
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def wrk(port: int, links: Path, rate: int, seconds: int, threads: int) -> dict:
    env = {**os.environ, "LINKS": str(links), "RATE": str(rate), "THREADS": str(threads)}
    command = ["wrk", "-t", str(threads), "-c", str(threads), "-d", f"{seconds}s", "--timeout",
               "5s", "-s", str(HERE / "rsvp_burst.lua"), f"http://127.0.0.1:{port}"]  # fmt: skip
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(x for x in output.splitlines() if x.startswith("RESULT"))
    result = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
    result["statuses"] = " ".join(re.findall(r"\[[^\]]+\]=\d+", line))
    result["rate"] = result["answered"] / result["seconds"]
    return result


def show(label: str, r: dict) -> None:
    print(f"  {label:34} {r['rate']:7.1f}/s  p50 {r['p50']:6.1f}  p95 {r['p95']:6.1f}  "
          f"p99 {r['p99']:6.1f}  max {r['max']:7.1f} ms  failed {int(r['failed'])}, socket "
          f"errors {int(r['socket_errors'])}  {r['statuses']}")  # fmt: skip
    print(f"  {'':34} workers' CPU {r['cpu']:.2f} ms per answer; load average {r['load']:.2f}")


def burst(url: str, app: str, rate: int, seconds: int, threads: int, workers: int,
          label: str, options: tuple[str, ...] = (),
          skip_max: bool = False) -> tuple[dict, dict | None]:  # fmt: skip
    """Paced at `rate`, then flat out (unless ``skip_max``), against a fresh set of
    invitations each; ``options`` go to gunicorn (the worker class)."""
    results = []
    for pace, length in ((rate, seconds), (0, 15))[: 1 if skip_max else 2]:
        meeting_id, links = prepare(url, int((pace or 1200) * length * 1.3))
        with Server(url, workers=workers, app=app, pythonpath=str(HERE),
                    options=options) as server:  # fmt: skip
            before = workers_cpu(server)
            result = wrk(server.port, links, pace, length, threads)
            result["cpu"] = (workers_cpu(server) - before) * 1000 / max(result["answered"], 1)
        result["load"] = os.getloadavg()[0]
        answered, invited = recorded(url, meeting_id)
        result["recorded"] = answered
        # wrk stops with up to one answer per connection in flight: recorded, not confirmed
        if app == "wsgi:app" and not 0 <= answered - result["answered"] <= threads:
            print(f"  !! {label}: {int(result['answered'])} answers confirmed, {answered} "
                  "recorded")  # fmt: skip
        results.append(result)
        app_ = create_app({"ENV_NAME": "testing", "DATABASE_URL": url})
        with app_.extensions["arena_db"].sessionmaker() as session:
            remove(session, meeting_id)
        app_.extensions["arena_db"].engine.dispose()
    return results[0], (results[1] if len(results) > 1 else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.set_defaults(database="postgresql")
    parser.add_argument("--rate", type=int, default=300, help="Answers per second.")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--threads", type=int, default=16, help="wrk connections (= threads).")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers.")
    parser.add_argument(
        "--worker-class",
        default="sync",
        help="gunicorn's worker class for ours and the ceiling alike: sync "
        "(scripts/run's; a connection per request) or gthread (kept alive)",
    )
    parser.add_argument(
        "--gunicorn-threads", type=int, default=1, help="threads per gthread worker"
    )
    parser.add_argument(
        "--skip-max",
        action="store_true",
        help="only the paced run, not the 15 s as fast as it goes",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    url = database_from_args(args)
    kind = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    options = ("--worker-class", args.worker_class, "--threads", str(args.gunicorn_threads))
    print(f"RSVP burst on {kind} ({args.members:,} members), gunicorn {args.workers} "
          f"{args.worker_class} workers ({args.gunicorn_threads} thread(s) each), wrk "
          f"{args.threads} connections; {load_average()}")  # fmt: skip
    run = dict(rate=args.rate, seconds=args.seconds, threads=args.threads,
               workers=args.workers, options=options, skip_max=args.skip_max)  # fmt: skip
    ours_paced, ours_max = burst(url, "wsgi:app", label="ours", **run)
    ceiling_paced, ceiling_max = burst(url, "burst_ceiling:app", label="ceiling", **run)
    print(f"Paced at {args.rate} answers/s for {args.seconds} s (an answer = GET + POST):")
    show("ours", ours_paced)
    show("minimal Flask view (ceiling)", ceiling_paced)
    print(f"  ratio ours/ceiling p95: {ours_paced['p95'] / ceiling_paced['p95']:.1f}; "
          f"answers recorded: {int(ours_paced['recorded'])} for "
          f"{int(ours_paced['answered'])} confirmed (+ any in flight as wrk stopped)")  # fmt: skip
    print(f"  ratio ours/ceiling workers' CPU per answer: "
          f"{ours_paced['cpu'] / ceiling_paced['cpu']:.1f}")  # fmt: skip
    if ours_max and ceiling_max:
        print("As fast as it goes, 15 s:")
        show("ours", ours_max)
        show("minimal Flask view (ceiling)", ceiling_max)
        print(f"  ratio ours/ceiling throughput: {ours_max['rate'] / ceiling_max['rate']:.2f}; "
              f"recorded {int(ours_max['recorded'])} of {int(ours_max['answered'])}")  # fmt: skip
    goal = (ours_paced["rate"] >= 0.98 * args.rate and ours_paced["p95"] < 200
            and ours_paced["failed"] == 0 and ours_paced["socket_errors"] == 0
            and 0 <= ours_paced["recorded"] - ours_paced["answered"] <= args.threads)  # fmt: skip
    print(f"Goal ({args.rate}/s held, p95 < 200 ms, no error, each recorded once): "
          f"{'met' if goal else 'NOT met'}; {load_average()}")  # fmt: skip


if __name__ == "__main__":
    main()
