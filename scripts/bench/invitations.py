"""Benchmark: 10,000 invitations with calendar files to a local aiosmtpd server.

Ours: from "send" (resolving the audience, rendering, queuing 10,000 outbox rows and
attendances, commit) to the last message accepted by `deliver_due_messages`.
Plain: a straightforward script that builds the same messages with
email.message.EmailMessage and icalendar (a calendar per message) and sends them over one
smtplib connection. Both send to the same aiosmtpd server, run in its own process.

    .venv/bin/python scripts/bench/invitations.py [--members 10000] [--database URL]
        [--rate 120 --rate-messages 61]

Each invitation's calendar names its recipient as ATTENDEE (RFC 5546); the shared part of the
calendar is still built once per session. Then a run under a sending limit: ``--rate-messages``
more messages with ``ARENA_SMTP_RATE=--rate``, the measured rate (from the times the server
accepted the first and the last) beside the limit; it must stay within 2% of it.

Here --members is the number of members invited (10,000); the database (``sqlite`` by default,
or ``postgresql``, or a URL) holds just them and the session, made anew for each run, since
the run sends to all of them.
"""

from __future__ import annotations

import argparse
import smtplib
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchdb import create_postgres_database, load_average, resolve_url  # noqa: E402
from icalendar import Calendar, Event  # noqa: E402
from network_data import drop_scratch  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from arena import create_app  # noqa: E402
from arena.arenas.models import ArenaSeries, Meeting  # noqa: E402
from arena.invitations.delivery import deliver_due_messages  # noqa: E402
from arena.invitations.models import MessageKind, OutboxMessage  # noqa: E402
from arena.invitations.outbox import queue_many  # noqa: E402
from arena.invitations.services import send_invitations  # noqa: E402
from arena.members.models import Member  # noqa: E402
from arena.migrate import upgrade  # noqa: E402

SERVER = """
import sys, time
from aiosmtpd.controller import Controller
class Count:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"
c = Controller(Count(), hostname="127.0.0.1", port=int(sys.argv[1]))
c.start()
print("ready", flush=True)
sys.stdin.read()
c.stop()
"""
BODY = """Dear {{ member.first_name }},

You are warmly invited to {{ session.title }} on {{ session_date }} at {{ place }}.

{{ programme }}

Yes: {{ rsvp_yes_url }}
No: {{ rsvp_no_url }}
Maybe: {{ rsvp_maybe_url }}

Unsubscribe: {{ unsubscribe_url }}"""


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(url: str, members: int):
    if url.startswith("postgresql"):
        create_postgres_database(url)  # made anew: the run sends to every member
    else:
        drop_scratch(url)
    upgrade(url)
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": url, "SECRET_KEY": "bench",
                      "BASE_URL": "https://arena.example.org"})  # fmt: skip
    factory = app.extensions["arena_db"].sessionmaker
    consent = datetime(2024, 1, 1, tzinfo=UTC)
    with factory() as session:
        session.execute(
            insert(Member),
            [{"name": f"Person {i} Jansen", "email": f"person{i}@example.nl",
              "consent_given_at": consent, "time_zone": "Europe/Amsterdam", "themes": [],
              "role": "provider", "is_former": False} for i in range(members)],
        )  # fmt: skip
        series = ArenaSeries(
            name="Waardevol Werk", theme="An inclusive labour market", invitation_body=BODY,
            invitation_subject="Invitation: {{ session.title }} on {{ session_date }}",
            header_text="A transition arena.",
        )  # fmt: skip
        start = (datetime.now(UTC) + timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
        meeting = Meeting(
            series=series, title="Job carving in care", starts_dt=start,
            ends_dt=start + timedelta(hours=3), location="Utrecht, Jaarbeurs",
            programme="1. Introduction\n2. Two practice examples\n3. Reflection",
        )  # fmt: skip
        session.add(meeting)
        session.commit()
        return app, meeting.id


def ours(app, meeting_id: int, port: int) -> float:
    factory = app.extensions["arena_db"].sessionmaker
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    started = time.perf_counter()
    with app.test_request_context(), factory() as session:
        meeting = session.get(Meeting, meeting_id)
        result = send_invitations(session, meeting, {"kind": "network"}, now=datetime.now(UTC))
        session.commit()
    queued = time.perf_counter()
    report = deliver_due_messages(factory, app.config)
    done = time.perf_counter()
    print(f"  ours: queued {result.queued} in {queued - started:.1f} s, "
          f"sent {report.sent} in {done - queued:.1f} s")  # fmt: skip
    return done - started


def rate_run(app, meeting_id: int, port: int, rate: float, count: int) -> float:
    """Send ``count`` messages under ``SMTP_RATE=rate``; the measured messages per minute."""
    factory = app.extensions["arena_db"].sessionmaker
    with factory() as session:
        queue_many(
            session,
            [{"key": f"bench-rate:{i}", "kind": MessageKind.TEST, "meeting_id": meeting_id,
              "recipient": f"rate{i}@example.nl", "subject": "Rate", "body_text": "Rate\n"}
             for i in range(count)],
        )  # fmt: skip
        session.commit()
    config = dict(app.config, SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_RATE=rate)
    report = deliver_due_messages(factory, config)
    with factory() as session:
        first, last = session.execute(
            select(func.min(OutboxMessage.sent_dt), func.max(OutboxMessage.sent_dt)).where(
                OutboxMessage.key.like("bench-rate:%")
            )
        ).one()
    measured = (report.sent - 1) * 60 / (last - first).total_seconds()
    print(
        f"  rate limit {rate:g}/min: sent {report.sent} in {(last - first).total_seconds():.1f} s"
    )
    return measured


def plain(members: int, port: int, start: datetime) -> float:
    started = time.perf_counter()
    build = 0.0
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(members):
            t0 = time.perf_counter()
            message = EmailMessage()
            message["From"] = "Arena <arena@localhost>"
            message["To"] = f"person{i}@example.nl"
            message["Subject"] = f"Invitation: Job carving in care on {start:%A %d %B %Y}"
            message["Message-ID"] = f"<plain-{i}@localhost>"
            message["List-Unsubscribe"] = f"<https://arena.example.org/unsubscribe/{i}>"
            text = (
                f"Dear Person,\n\nYou are warmly invited to Job carving in care on "
                f"{start:%A %d %B %Y %H:%M}.\n\n"
                f"Yes: https://arena.example.org/rsvp/{i}?answer=yes\n"
            )
            message.set_content(text)
            message.add_alternative(f"<p>{text}</p>", subtype="html")
            calendar = Calendar()
            calendar.add("prodid", "-//plain//EN")
            calendar.add("version", "2.0")
            calendar.add("method", "REQUEST")
            event = Event()
            event.add("uid", "session-1@localhost")
            event.add("sequence", 0)
            event.add("dtstamp", datetime.now(UTC))
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(hours=3))
            event.add("summary", "Job carving in care")
            event.add("location", "Utrecht, Jaarbeurs")
            calendar.add_component(event)
            message.add_attachment(calendar.to_ical(), maintype="text", subtype="calendar",
                                   params={"method": "REQUEST"}, filename="invite.ics")  # fmt: skip
            t1 = time.perf_counter()
            build += t1 - t0
            smtp.send_message(message)
    total = time.perf_counter() - started
    print(f"  plain: built in {build:.1f} s, sent in {total - build:.1f} s")
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--database", default="sqlite", help="sqlite, postgresql or a URL.")
    parser.add_argument("--rate", type=float, default=120, help="Messages a minute (limit run).")
    parser.add_argument("--rate-messages", type=int, default=61, help="0 skips the limit run.")
    args = parser.parse_args()
    url = resolve_url(args.database, args.members).replace("arena_bench_", "arena_invitations_")
    print(load_average())
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)],  # noqa: S603
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        server.stdout.readline()
        print(f"Preparing {args.members} members ...")
        app, meeting_id = prepare(url, args.members)
        with app.extensions["arena_db"].sessionmaker() as session:
            start = session.get(Meeting, meeting_id).starts_dt
        ours_s = ours(app, meeting_id, port)
        plain_s = plain(args.members, port, start)
        measured = None
        if args.rate_messages > 1:
            measured = rate_run(app, meeting_id, port, args.rate, args.rate_messages)
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    print(f"{args.members} invitations with calendar files to a local aiosmtpd server")
    print(f"  ours  (send -> last accepted): {ours_s:6.1f} s")
    print(f"  plain (EmailMessage+smtplib) : {plain_s:6.1f} s")
    print(f"  ratio ours/plain: {ours_s / plain_s:.2f} (goal < 0.6; ours under 60 s)")
    if measured is not None:
        off = measured / args.rate - 1
        print(f"  under ARENA_SMTP_RATE={args.rate:g}: measured {measured:.2f} a minute "
              f"({off:+.1%}; goal within 2%)")  # fmt: skip


if __name__ == "__main__":
    main()
