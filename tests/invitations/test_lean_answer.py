"""The lean RSVP path (arena/invitations/answering.py) keeps what the ORM path did: the
throttle, no state change on GET, no account menu or session rewrite for a link's visitor,
and a connection the server dropped is replaced without an error."""

from __future__ import annotations

from sqlalchemy import create_engine, select, text

from arena.arenas.models import Attendance
from arena.invitations import links
from arena.throttle import ADDRESS_LIMIT
from tests.factories import PASSWORD


def _invitation(app, db, make_meeting, make_member) -> str:
    meeting, member = make_meeting(), make_member()
    db.add(Attendance(meeting_id=meeting.id, member_id=member.id, invited_dt=meeting.starts_dt))
    db.commit()
    with app.app_context():
        return links.rsvp_token(db.scalar(select(Attendance.id)))


def test_an_address_with_many_bad_links_cannot_answer_even_with_a_good_one(
    app, db, client, make_meeting, make_member
):
    token = _invitation(app, db, make_meeting, make_member)
    for n in range(ADDRESS_LIMIT):
        assert client.get(f"/rsvp/guess{n}.x.y").status_code == 400
    assert client.get(f"/rsvp/{token}?answer=yes").status_code == 429
    assert client.post(f"/rsvp/{token}", data={"answer": "yes"}).status_code == 429
    assert db.scalar(select(Attendance.response)) is None


def test_the_link_page_shows_no_account_and_the_answer_leaves_the_session_alone(
    app, db, client, make_meeting, make_member, make_account
):
    token = _invitation(app, db, make_meeting, make_member)
    account = make_account()
    client.post("/auth/login", data={"email": account.email, "password": PASSWORD})
    page = client.get(f"/rsvp/{token}?answer=yes")
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    assert account.email not in page.get_data(as_text=True)  # the page speaks to the member
    visitor = app.test_client()
    visitor.get(f"/rsvp/{token}?answer=no")
    answered = visitor.post(f"/rsvp/{token}", data={"answer": "no"})
    assert b"Thank you for your answer" in answered.data
    assert "Set-Cookie" not in answered.headers  # no session rewrite, no remember-me clearing
    db.expire_all()
    assert db.scalar(select(Attendance.response)).value == "no"


def test_an_answer_after_the_server_dropped_the_connection_is_recorded(
    app, db, client, make_meeting, make_member
):
    """The statements engine pings nothing before use: a connection the server dropped (a
    restart) fails its first statement, and the answer runs once more on a new one."""
    token = _invitation(app, db, make_meeting, make_member)
    assert client.get(f"/rsvp/{token}?answer=yes").status_code == 200  # one pooled connection
    statements = app.extensions["arena_db"].statements
    if statements.dialect.name == "sqlite":
        # nothing to drop in the process: the statements share the main pool
        assert statements.pool is app.extensions["arena_db"].engine.pool
        return
    admin = create_engine(statements.url)
    with admin.begin() as conn:
        dropped = conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state = 'idle'"
            )
        ).all()
    admin.dispose()
    assert dropped
    answered = client.post(f"/rsvp/{token}", data={"answer": "maybe"})
    assert answered.status_code == 200 and b"Thank you for your answer" in answered.data
    db.expire_all()
    assert db.scalar(select(Attendance.response)).value == "maybe"


def test_the_answer_pages_load_the_stylesheet_and_no_script(
    app, db, client, make_meeting, make_member
):
    """Each member of a burst fetches the page's files too: the answer pages need none of
    base.html's scripts (no navigation, table or errors list), so they name none."""
    token = _invitation(app, db, make_meeting, make_member)
    page = client.get(f"/rsvp/{token}?answer=yes").get_data(as_text=True)
    done = client.post(f"/rsvp/{token}", data={"answer": "yes"}).get_data(as_text=True)
    for html in (page, done):
        assert "css/arena.css" in html and "<script" not in html
    assert "js/nav.js" in client.get("/auth/login").get_data(as_text=True)
