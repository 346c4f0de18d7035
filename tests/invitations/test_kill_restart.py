"""Delivery processes killed mid-batch or running side by side: nothing lost, nothing doubled.

On PostgreSQL two delivery processes run side by side (claiming with SKIP LOCKED); on SQLite
too (one UPDATE claims a batch under the write lock). Each process sends from its own envelope
address, so the test sees which one sent what; both wait at a start line, so neither can empty
the queue before the other has begun, and small batches make their claims interleave.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from arena.db import utcnow
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.invitations.outbox import queue_many

TOTAL = 400
BATCH = 5
DELIVER = """
import sys, time
from pathlib import Path
from arena import create_app
from arena.invitations.delivery import deliver_due_messages
url, port, instance, name, start = sys.argv[1:6]
app = create_app({"ENV_NAME": "testing", "DATABASE_URL": url, "SECRET_KEY": "k",
                  "INSTANCE_PATH": instance, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": int(port),
                  "OUTBOX_BATCH_SIZE": int(sys.argv[6]), "MAIL_FROM": f"{name}@arena.test"})
Path(start, name).touch()
while not Path(start, "go").exists():
    time.sleep(0.005)
with app.app_context():
    report = deliver_due_messages(app.extensions["arena_db"].sessionmaker, app.config)
print(report.sent, flush=True)
"""


def _queue(db) -> dict[str, str]:
    queue_many(
        db,
        [
            {"key": f"kill:{i}", "kind": MessageKind.TEST, "recipient": f"p{i}@example.nl",
             "subject": f"Message {i}", "body_text": f"Body {i}\n"}
            for i in range(TOTAL)
        ],
    )  # fmt: skip
    db.commit()
    return dict(db.execute(select(OutboxMessage.key, OutboxMessage.message_id)).all())


def _start_together(app_config, smtp_server, tmp_path: Path, names: list[str]):
    """Start one delivery process per name and let them go at the same moment."""
    start = tmp_path / "start"
    start.mkdir()
    processes = {
        name: subprocess.Popen(
            [
                sys.executable,
                "-c",
                DELIVER,
                app_config["DATABASE_URL"],
                str(smtp_server.port),
                str(tmp_path / "instance"),
                name,
                str(start),
                str(BATCH),
            ],
            cwd=os.getcwd(),
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for name in names
    }
    deadline = time.monotonic() + 60
    while not all((start / name).exists() for name in names):
        assert time.monotonic() < deadline, "the delivery processes did not start"
        time.sleep(0.01)
    (start / "go").touch()
    return processes


def _sent_by(smtp_server) -> Counter:
    return Counter(sender.partition("@")[0] for sender, _ in list(smtp_server.handler.envelopes))


def test_killed_delivery_loses_nothing_and_repeats_at_most_the_message_in_flight(
    app, db, app_config, smtp_server, tmp_path
):
    ids = _queue(db)
    processes = _start_together(app_config, smtp_server, tmp_path, ["victim", "partner"])
    deadline = time.monotonic() + 60
    while _sent_by(smtp_server)["victim"] < 20 and time.monotonic() < deadline:
        time.sleep(0.002)
    processes["victim"].send_signal(signal.SIGKILL)
    processes["victim"].wait()
    partner = processes["partner"]
    out, _ = partner.communicate(timeout=90)
    assert partner.returncode == 0
    by_sender = _sent_by(smtp_server)
    assert 20 <= by_sender["victim"] < TOTAL, "the kill came too late to test anything"
    assert int(out.split()[-1]) == by_sender["partner"] > 0

    # a row the killed process held waits for the claim timeout, then goes out again
    config = dict(app.config, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    factory = app.extensions["arena_db"].sessionmaker
    deliver_due_messages(factory, config, now=utcnow() + timedelta(minutes=11))

    received = Counter(m["Message-ID"] for m in smtp_server.wait_for(TOTAL, timeout=30))
    assert set(received) == set(ids.values())
    copies = {mid: n for mid, n in received.items() if n > 1}
    assert len(copies) <= 1 and all(n == 2 for n in copies.values())
    db.expire_all()
    statuses = Counter(db.scalars(select(OutboxMessage.status)))
    assert statuses == {MessageStatus.SENT: TOTAL}


def test_two_delivery_processes_side_by_side_share_the_work_and_send_each_message_once(
    app, db, app_config, smtp_server, tmp_path
):
    ids = _queue(db)
    processes = _start_together(app_config, smtp_server, tmp_path, ["first", "second"])
    reported = {}
    for name, process in processes.items():
        out, _ = process.communicate(timeout=120)
        assert process.returncode == 0
        reported[name] = int(out.split()[-1])
    received = Counter(m["Message-ID"] for m in smtp_server.wait_for(TOTAL))
    assert set(received) == set(ids.values())
    assert max(received.values()) == 1
    # both processes claimed and sent batches: the claims interleaved rather than one
    # process taking everything, and what each says it sent is what the server got from it
    by_sender = _sent_by(smtp_server)
    assert by_sender == Counter(reported)
    assert reported["first"] > 0 and reported["second"] > 0
    assert reported["first"] + reported["second"] == TOTAL
    assert deliver_due_messages(app.extensions["arena_db"].sessionmaker, app.config).claimed == 0
