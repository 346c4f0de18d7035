"""A delivery process killed mid-batch: nothing lost, only the message in flight may repeat.

On PostgreSQL two delivery processes run side by side (claiming with SKIP LOCKED) and one of
them is killed; on SQLite one process is.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

from sqlalchemy import select

from arena.db import utcnow
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.invitations.outbox import queue_many

TOTAL = 400
DELIVER = """
import sys
from arena import create_app
from arena.invitations.delivery import deliver_due_messages
app = create_app({"ENV_NAME": "testing", "DATABASE_URL": sys.argv[1], "SECRET_KEY": "k",
                  "INSTANCE_PATH": sys.argv[3], "SMTP_HOST": "127.0.0.1",
                  "SMTP_PORT": int(sys.argv[2]), "OUTBOX_BATCH_SIZE": 25})
with app.app_context():
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, app.config)
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


def _start(app_config, smtp_server, tmp_path):
    return subprocess.Popen(
        [sys.executable, "-c", DELIVER, app_config["DATABASE_URL"], str(smtp_server.port),
         str(tmp_path / "instance")],
        cwd=os.getcwd(),
    )  # fmt: skip


def test_killed_delivery_loses_nothing_and_repeats_at_most_the_message_in_flight(
    app, app_config, db, smtp_server, tmp_path
):
    ids = _queue(db)
    postgres = app_config["DATABASE_URL"].startswith("postgresql")
    victim = _start(app_config, smtp_server, tmp_path)
    partner = _start(app_config, smtp_server, tmp_path) if postgres else None
    deadline = time.monotonic() + 60
    while len(smtp_server.messages) < 60 and time.monotonic() < deadline:
        time.sleep(0.002)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    if partner is not None:
        assert partner.wait(timeout=60) == 0
    received_before = len(smtp_server.messages)
    assert received_before < TOTAL, "the kill came too late to test anything"

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


def test_two_delivery_processes_side_by_side_send_each_message_once(
    app, app_config, db, smtp_server, tmp_path
):
    ids = _queue(db)
    first = _start(app_config, smtp_server, tmp_path)
    second = _start(app_config, smtp_server, tmp_path)
    assert first.wait(timeout=90) == 0 and second.wait(timeout=90) == 0
    received = Counter(m["Message-ID"] for m in smtp_server.wait_for(TOTAL))
    assert set(received) == set(ids.values())
    assert max(received.values()) == 1
    assert deliver_due_messages(app.extensions["arena_db"].sessionmaker, app.config).claimed == 0
