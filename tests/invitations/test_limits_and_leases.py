"""Sending limits kept across senders and restarts, leases that a live sender renews, and
what the session page says about both."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.invitations.outbox import queue_many


def _queue(db, n: int, meeting_id: int | None = None, prefix: str = "limit") -> list[str]:
    queue_many(
        db,
        [
            {"key": f"{prefix}:{i}", "kind": MessageKind.TEST, "recipient": f"p{i}@example.nl",
             "subject": f"Message {i}", "body_text": f"Body {i}\n", "meeting_id": meeting_id}
            for i in range(n)
        ],
    )  # fmt: skip
    db.commit()
    return list(db.scalars(select(OutboxMessage.message_id)))


def _factory(app):
    return app.extensions["arena_db"].sessionmaker


def _side_by_side(app, config, starts: list[float]) -> list:
    """Run one delivery per start delay (seconds), each in its own thread; their reports."""
    reports: list = [None] * len(starts)

    def run(index: int, delay: float) -> None:
        time.sleep(delay)
        reports[index] = deliver_due_messages(_factory(app), config)

    threads = [threading.Thread(target=run, args=(i, d)) for i, d in enumerate(starts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return reports


def test_two_senders_together_keep_to_the_rate_limit(app, db, smtp_config, smtp_server):
    ids = _queue(db, 9)
    config = dict(smtp_config, SMTP_RATE=300)  # one message every 0.2 s
    reports = _side_by_side(app, config, [0, 0])
    assert sum(r.sent for r in reports) == 9
    received = Counter(m["Message-ID"] for m in smtp_server.wait_for(9))
    assert set(received) == set(ids) and max(received.values()) == 1
    times = sorted(smtp_server.handler.accepted_at)
    # 9 messages at 300 a minute take 8 intervals, whoever sends them; a sender late on its
    # booked times catches up at most a tenth faster (and the server's clock adds jitter)
    assert times[-1] - times[0] >= 8 * 0.2 * 0.85


def test_the_daily_limit_holds_across_runs_and_the_page_says_when_the_rest_goes(
    app, db, smtp_config, smtp_server, make_meeting, make_account, login, client
):
    meeting = make_meeting()
    _queue(db, 8, meeting_id=meeting.id)
    config = dict(smtp_config, SMTP_DAILY_LIMIT=5)
    first = deliver_due_messages(_factory(app), config)
    assert first.sent == 5 and first.held_until is not None
    # a restarted scheduler (a new run) sends nothing more the same day
    again = deliver_due_messages(_factory(app), config)
    assert again.sent == 0 and again.held_until == first.held_until
    assert len(smtp_server.wait_for(5)) == 5

    app.config.update(SMTP_DAILY_LIMIT=5)
    login(make_account(Role.ORGANISER))
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert "the last waiting message goes out around" in page
    day_later = first.held_until.astimezone(UTC)
    assert f"{day_later:%H:%M}" in page or f"{day_later + timedelta(hours=1):%H:%M}" in page

    tomorrow = deliver_due_messages(
        _factory(app), config, now=utcnow() + timedelta(days=1, minutes=1)
    )
    assert tomorrow.sent == 3
    assert len(smtp_server.wait_for(8)) == 8


def test_without_limits_nothing_is_booked(app, db, smtp_config, smtp_server):
    _queue(db, 4)
    assert deliver_due_messages(_factory(app), smtp_config).sent == 4
    from arena.invitations.models import OutboxPacing

    assert db.scalars(select(OutboxPacing)).all() == []


def test_a_second_sender_beside_a_send_longer_than_the_claim_timeout_doubles_nothing(
    app, db, smtp_config, smtp_server
):
    """The operator's rolling restart: the first run has lasted longer than the claim timeout
    when the second starts; the first keeps renewing its claims, so the second takes only
    what nobody holds."""
    ids = _queue(db, 100)
    smtp_server.handler.delay = 0.05  # a slow provider: the run takes 5 s or more
    config = dict(smtp_config, OUTBOX_CLAIM_TIMEOUT=3, OUTBOX_BATCH_SIZE=10)
    reports = _side_by_side(app, config, [0, 3.5])
    received = Counter(m["Message-ID"] for m in smtp_server.wait_for(100, timeout=60))
    assert set(received) == set(ids)
    assert max(received.values()) == 1, "a message went out twice"
    assert sum(r.sent for r in reports) == 100
    assert reports[1].sent > 0, "the second sender started after the first had finished"


def test_a_live_sender_keeps_its_claims_through_a_mail_server_slower_than_the_lease(
    app, db, smtp_config, smtp_server
):
    """The lease is renewed from a thread of its own, so a sender waiting on a slow server
    longer than the whole lease keeps its rows; a second sender started meanwhile doubles
    nothing."""
    ids = _queue(db, 4)
    smtp_server.handler.delay = 2  # each message takes twice the 1 s lease
    config = dict(smtp_config, OUTBOX_CLAIM_TIMEOUT=1, OUTBOX_BATCH_SIZE=4)
    reports = _side_by_side(app, config, [0, 3.3])  # while the second message is under way
    received = Counter(m["Message-ID"] for m in smtp_server.wait_for(4, timeout=60))
    assert set(received) == set(ids)
    assert max(received.values()) == 1, "a message went out twice"
    assert reports[0].sent == 4 and reports[1].sent == 0


def test_a_stopped_senders_claim_is_named_on_the_page_and_released_after_the_short_lease(
    app, db, smtp_config, smtp_server, make_meeting, make_account, login, client
):
    """With the default settings a stopped sender's unsent rows wait 15 seconds, not a minute."""
    meeting = make_meeting()
    ids = _queue(db, 3, meeting_id=meeting.id)
    login(make_account(Role.ORGANISER))
    stopped = utcnow() - timedelta(seconds=12)  # it stopped renewing: the page names it
    db.execute(
        update(OutboxMessage).values(
            status=MessageStatus.SENDING, claimed_dt=stopped, claim_token="gone"
        )
    )
    db.commit()
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    back = (stopped + timedelta(seconds=15)).astimezone(datetime.now().astimezone().tzinfo)
    assert "3 messages are held for a stopped sender, go out again at" in page
    assert any(f"{(stopped + timedelta(seconds=15, hours=h)):%H:%M}" in page for h in (0, 1, 2)), (
        back
    )
    # within the lease nobody takes them; after it, the next run sends them
    within = stopped + timedelta(seconds=14)
    assert deliver_due_messages(_factory(app), smtp_config, now=within).sent == 0
    after = stopped + timedelta(seconds=16)
    assert deliver_due_messages(_factory(app), smtp_config, now=after).sent == 3
    assert sorted(m["Message-ID"] for m in smtp_server.wait_for(3)) == sorted(ids)
