"""'Did it stick?': asked at 3, 6 and 12 months, once each; answers show on the win and overview."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from arena.auth.models import Role
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, OutboxMessage
from arena.jobs import JOBS
from arena.wins.models import Mechanism, SmallWinFollowUp, StickAnswer
from arena.wins.reflections import reflection_token
from arena.wins.stick import add_months, due_milestone, send_stick_checks

LOGGED = datetime(2024, 1, 31, 10, 0, tzinfo=UTC)
CONSENT = {"consent_given_at": datetime(2023, 1, 1, tzinfo=UTC)}


def test_milestones_fall_at_three_six_and_twelve_months():
    assert add_months(LOGGED, 1) == datetime(2024, 2, 29, 10, 0, tzinfo=UTC)
    assert add_months(LOGGED, -14) == datetime(2022, 11, 30, 10, 0, tzinfo=UTC)
    assert due_milestone(LOGGED, LOGGED + timedelta(days=80)) is None
    assert due_milestone(LOGGED, datetime(2024, 4, 30, 10, tzinfo=UTC)) == 3
    assert due_milestone(LOGGED, datetime(2024, 8, 1, tzinfo=UTC)) == 6
    assert due_milestone(LOGGED, datetime(2025, 2, 1, tzinfo=UTC)) == 12
    assert due_milestone(LOGGED, datetime(2025, 6, 1, tzinfo=UTC)) is None  # too late to ask


def test_each_milestone_is_asked_once(app, db, make_win, make_member):
    author = make_member(**CONSENT)
    win = make_win(author_id=author.id, created_dt=LOGGED)
    make_win(author_id=make_member().id, created_dt=LOGGED)  # no consent: not asked
    with app.app_context():
        for days, expected in [(50, 0), (95, 1), (100, 0), (190, 1), (370, 1), (380, 0)]:
            assert send_stick_checks(db, LOGGED + timedelta(days=days)) == expected, days
            db.commit()
    follow_ups = db.scalars(select(SmallWinFollowUp).order_by(SmallWinFollowUp.months_after))
    assert [(f.small_win_id, f.months_after) for f in follow_ups] == [
        (win.id, 3),
        (win.id, 6),
        (win.id, 12),
    ]
    keys = sorted(m.key for m in db.scalars(select(OutboxMessage)))
    assert keys == [f"stick-check:win={win.id}:months={n}" for n in (12, 3, 6)]


def test_the_author_answers_by_email_link_once_and_it_shows(
    app, db, client, make_win, make_member, make_account, login, smtp_server
):
    author = make_member(name="Dirk Dekker", **CONSENT)
    win = make_win(
        title="Shared desk",
        author_id=author.id,
        created_dt=LOGGED,
        mechanisms=[Mechanism.ROBUSTNESS, Mechanism.CONNECTION],
    )
    with app.app_context():
        send_stick_checks(db, LOGGED + timedelta(days=95))
        db.commit()
    config = dict(app.config, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)
    (message,) = smtp_server.wait_for(1)
    assert message["Subject"] == "Did it stick? “Shared desk”"
    assert db.scalar(select(OutboxMessage.kind)) == MessageKind.STICK_CHECK
    text = message.get_body(("plain",)).get_content()
    assert "3 months ago you logged this small win:" in text
    path = re.search(r"https?://[^/\s]+(/answer/stick/\S+)", text).group(1)

    assert "Did your small win stick?" in client.get(path).get_data(as_text=True)
    assert "Choose one answer." in client.post(path, data={}).get_data(as_text=True)
    assert (
        client.post(path, data={"answer": "spread", "note": "Two teams copied it"}).status_code
        == 200
    )
    assert client.post(path, data={"answer": "reversed"}).status_code == 409
    follow_up = db.scalar(select(SmallWinFollowUp))
    db.refresh(follow_up)
    assert (follow_up.answer, follow_up.note) == (StickAnswer.SPREAD, "Two teams copied it")

    with app.test_request_context():
        foreign = reflection_token(1, author.id)
    assert client.get(f"/answer/stick/{foreign}").status_code == 400

    reader = login(make_account(role=Role.PROGRAMME_LEAD))
    page = reader.get(f"/wins/{win.id}").get_data(as_text=True)
    assert "After 3 months" in page and "It spread to others" in page
    overview = reader.get("/wins/mechanisms").get_data(as_text=True)
    assert 'data-stuck="robustness-spread">1<' in overview
    assert 'data-stuck="connection-spread">1<' in overview
    assert 'data-stuck="energizing-spread">0<' in overview


def test_the_jobs_are_registered_and_run_without_arguments(app, db, make_win, make_member):
    from arena.wins import tasks

    funcs = {spec.func for spec in JOBS}
    assert {"arena.wins.tasks:send_reflections", "arena.wins.tasks:send_stick_questions"} <= funcs
    with app.app_context():
        assert tasks.send_reflections() == 0
        assert tasks.send_stick_questions() == 0


def test_the_overview_counts_each_wins_latest_answer_once(app, db, make_win, make_account, login):
    from arena.wins.browse import WinFilters, stick_by_mechanism

    grew_later = make_win(mechanisms=[Mechanism.ROBUSTNESS])
    reversed_win = make_win(mechanisms=[Mechanism.ROBUSTNESS])
    answered = LOGGED + timedelta(days=100)
    db.add_all(
        [
            SmallWinFollowUp(
                small_win_id=grew_later.id, months_after=3, answer="holds", answered_dt=answered
            ),
            SmallWinFollowUp(
                small_win_id=grew_later.id, months_after=6, answer="grew", answered_dt=answered
            ),
            SmallWinFollowUp(small_win_id=grew_later.id, months_after=12),  # asked, no answer
            SmallWinFollowUp(
                small_win_id=reversed_win.id,
                months_after=3,
                answer="reversed",
                answered_dt=answered,
            ),
        ]
    )
    db.commit()
    counts = stick_by_mechanism(db, WinFilters())[Mechanism.ROBUSTNESS]
    assert counts == {StickAnswer.GREW: 1, StickAnswer.REVERSED: 1}
    page = login(make_account(role=Role.ORGANISER)).get("/wins/mechanisms").get_data(as_text=True)
    assert 'data-stuck="robustness-holds">0<' in page
    assert 'data-stuck="robustness-grew">1<' in page


def test_a_title_carrying_html_stays_text_in_both_parts_of_the_email(
    app, db, make_win, make_member
):
    author = make_member(name="Eva <b>Evers</b>", **CONSENT)
    make_win(title="<script>x()</script> Desk", author_id=author.id, created_dt=LOGGED)
    with app.app_context():
        send_stick_checks(db, LOGGED + timedelta(days=95))
        db.commit()
    message = db.scalar(select(OutboxMessage))
    assert "<script>" not in message.body_html and "<b>" not in message.body_html
    assert "&lt;script&gt;x()&lt;/script&gt; Desk" in message.body_html
    assert "Dear Eva," in message.body_text
    assert "<script>x()</script> Desk" in message.body_text  # plain text: shown, never run
