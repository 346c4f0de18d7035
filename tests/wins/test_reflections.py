"""Reflections: asked once per attendee after a session is held, answerable once, no login."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from arena.arenas.models import MeetingState
from arena.auth.models import Role
from arena.invitations.delivery import deliver_due_messages
from arena.invitations.models import MessageKind, OutboxMessage
from arena.wins.models import Reflection
from arena.wins.reflections import reflection_token, send_reflection_requests
from arena.wins.stick import stick_token

CONSENT = {"consent_given_at": datetime(2024, 1, 1, tzinfo=UTC)}
HELD_AT = datetime(2025, 3, 1, 14, 0, tzinfo=UTC)
NOW = HELD_AT + timedelta(hours=5)


def _held(make_meeting, **kw):
    return make_meeting(starts=HELD_AT, state=MeetingState.HELD, **kw)


def test_each_attendee_is_asked_once(app, db, make_meeting, make_member, attend):
    meeting = _held(make_meeting, title="Waardevol <b>Werk</b>")
    came = [make_member(**CONSENT) for _ in range(3)]
    for member in came:
        attend(member, meeting)
    attend(make_member(), meeting)  # no consent: never mailed
    attend(make_member(**CONSENT), make_meeting(starts=HELD_AT))  # not held
    stayed_home = make_member(**CONSENT)
    with app.app_context():
        assert send_reflection_requests(db, NOW) == 3
        db.commit()
        assert send_reflection_requests(db, NOW + timedelta(hours=1)) == 0
        db.commit()
        other = _held(make_meeting)
        attend(make_member(**CONSENT), other)
        assert send_reflection_requests(db, NOW, meeting_id=meeting.id) == 0  # only that one
        assert send_reflection_requests(db, NOW, meeting_id=other.id) == 1
        db.commit()
    messages = db.scalars(select(OutboxMessage)).all()
    assert sorted(m.member_id for m in messages if m.meeting_id == meeting.id) == sorted(
        m.id for m in came
    )
    assert {m.kind for m in messages} == {MessageKind.REFLECTION}
    assert stayed_home.id not in {m.member_id for m in messages}


def test_sessions_held_long_ago_are_not_asked_about(app, db, make_meeting, make_member, attend):
    attend(make_member(**CONSENT), _held(make_meeting))
    with app.app_context():
        assert send_reflection_requests(db, NOW + timedelta(days=60)) == 0


def test_the_email_arrives_with_a_link_that_works_once(
    app, db, client, make_meeting, make_member, attend, smtp_server
):
    meeting = _held(make_meeting, title="Session <script>x()</script>")
    member = make_member(name="Bram Bakker", **CONSENT)
    attend(member, meeting)
    with app.app_context():
        send_reflection_requests(db, NOW)
        db.commit()
    config = dict(app.config, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port)
    deliver_due_messages(app.extensions["arena_db"].sessionmaker, config)
    (message,) = smtp_server.wait_for(1)
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "What was of value to you today?" in text
    assert f"/wins/quick?meeting={meeting.id}" in text
    assert "<script>x()" not in html and "&lt;script&gt;" in html
    path = re.search(r"https?://[^/\s]+(/answer/reflection/\S+)", text).group(1)

    form = client.get(path)
    assert form.status_code == 200
    assert "What will you do differently tomorrow?" in form.get_data(as_text=True)
    answers = {
        "of_value": "Meeting the employer",
        "want_more_of": "Openness",
        "do_differently": "Call the job coach",
    }
    assert client.post(path, data=answers).status_code == 200
    again = client.post(path, data=dict(answers, of_value="Changed my mind"))
    assert again.status_code == 409
    assert "You already answered" in again.get_data(as_text=True)
    assert client.get(path).status_code == 409
    (reflection,) = db.scalars(select(Reflection)).all()
    assert reflection.of_value == "Meeting the employer"


def test_empty_answers_are_refused(app, db, client, make_meeting, make_member):
    meeting, member = _held(make_meeting), make_member()
    with app.test_request_context():
        path = f"/answer/reflection/{reflection_token(meeting.id, member.id)}"
    response = client.post(path, data={"of_value": "x", "want_more_of": "", "do_differently": ""})
    assert "This field is required." in response.get_data(as_text=True)
    assert db.scalar(select(func.count(Reflection.id))) == 0


def test_foreign_and_broken_tokens_get_a_clear_page(app, db, client, make_meeting, make_member):
    with app.test_request_context():
        foreign = stick_token(1)
        good = reflection_token(_held(make_meeting).id, make_member().id)
    for token in (foreign, good[:-3] + "abc", "nonsense"):
        response = client.get(f"/answer/reflection/{token}")
        assert response.status_code == 400
        assert "This link is not valid" in response.get_data(as_text=True)
    assert client.get(f"/answer/stick/{good}").status_code == 400


def test_organisers_see_answers_per_session_and_per_series_over_time(
    app, db, make_meeting, make_member, make_series, attend, make_account, login
):
    series = make_series(name="Waardevol Werk")
    first = _held(make_meeting, series=series, title="Spring session")
    second = make_meeting(
        series=series,
        title="Autumn session",
        state=MeetingState.HELD,
        starts=HELD_AT + timedelta(days=180),
    )
    member = make_member(name="Carla Smit")
    for meeting in (first, second):
        attend(member, meeting)
    db.add_all(
        [
            Reflection(
                meeting_id=first.id,
                member_id=member.id,
                of_value="The <i>stories</i>",
                want_more_of="Employers",
                do_differently="Ask for help",
            ),
            Reflection(
                meeting_id=second.id,
                member_id=member.id,
                of_value="Peers",
                want_more_of="Time",
                do_differently="Visit a practice",
            ),
        ]
    )
    db.commit()
    client = login(make_account(role=Role.ORGANISER))
    body = client.get(f"/reflections/sessions/{first.id}").get_data(as_text=True)
    assert "The &lt;i&gt;stories&lt;/i&gt;" in body and "Carla Smit" in body
    body = client.get(f"/reflections/series/{series.id}").get_data(as_text=True)
    assert body.index("Spring session") < body.index("Autumn session")
    assert "Visit a practice" in body and "100%" in body
    assert "Spring session" in client.get("/reflections/").get_data(as_text=True)
    client.post("/auth/logout")
    member_client = login(make_account(role=Role.MEMBER))
    assert member_client.get(f"/reflections/sessions/{first.id}").status_code == 403


def test_a_long_series_shows_every_sessions_figures_and_the_latest_answers(
    app, db, make_meeting, make_member, make_series, attend, make_account, login, monkeypatch
):
    from arena.wins import reflections

    monkeypatch.setattr(reflections, "ANSWERS_SHOWN", 1)
    series = make_series()
    member = make_member()
    for n, answer in enumerate(("Early answer", "Late answer")):
        meeting = make_meeting(
            series=series, title=f"Session {n}", state=MeetingState.HELD,
            starts=HELD_AT + timedelta(days=90 * n),
        )  # fmt: skip
        attend(member, meeting)
        db.add(Reflection(meeting_id=meeting.id, member_id=member.id, of_value=answer))
    db.commit()
    body = login(make_account(role=Role.ORGANISER)).get(f"/reflections/series/{series.id}")
    body = body.get_data(as_text=True)
    assert "Session 0" in body and body.count("100%") == 2  # both sessions' figures
    assert "Late answer" in body and "Early answer" not in body
    assert "The answers of the latest 1 sessions are shown here" in body


def test_an_oversized_answer_is_refused_and_the_link_still_works(
    app, db, client, make_meeting, make_member
):
    meeting, member = _held(make_meeting), make_member()
    with app.test_request_context():
        path = f"/answer/reflection/{reflection_token(meeting.id, member.id)}"
    answers = {"of_value": "x" * 10_001, "want_more_of": "More", "do_differently": "Less"}
    response = client.post(path, data=answers)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Field cannot be longer than 10000 characters." in body
    assert "More" in body  # what was typed is kept
    assert db.scalar(select(func.count(Reflection.id))) == 0
    assert client.post(path, data=dict(answers, of_value="Fine")).status_code == 200
    assert db.scalar(select(func.count(Reflection.id))) == 1


def test_the_reflections_page_lists_the_latest_held_sessions_with_their_answer_counts(
    app, db, make_meeting, make_member
):
    from arena.wins.reflections import recent_sessions

    held = [
        make_meeting(
            title=f"Held {n}", state=MeetingState.HELD, starts=HELD_AT + timedelta(days=30 * n)
        )
        for n in range(3)
    ]
    make_meeting(starts=HELD_AT + timedelta(days=400), title="Planned")
    people = [make_member() for _ in range(3)]
    db.add_all(
        Reflection(meeting_id=meeting.id, member_id=person.id, of_value="x")
        for meeting, answers in ((held[0], 3), (held[2], 2))
        for person in people[:answers]
    )
    db.commit()
    assert [(m.title, n) for m, n in recent_sessions(db, limit=2)] == [("Held 2", 2), ("Held 1", 0)]
    assert [(m.title, n) for m, n in recent_sessions(db)] == [
        ("Held 2", 2), ("Held 1", 0), ("Held 0", 3),
    ]  # fmt: skip


def test_the_reflections_page_counts_only_the_chosen_sessions_answers(app, db):
    """Grouping every reflection by session before choosing the latest read them all."""
    from arena.wins.reflections import recent_sessions_query
    from tests.queries import query_plan

    plan = query_plan(db, recent_sessions_query(20))
    assert "SCAN reflections" not in plan and "Group Key: reflections.meeting_id" not in plan
    assert "reflections" in plan
