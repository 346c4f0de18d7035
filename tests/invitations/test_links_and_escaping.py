"""Links in emails and what members see through them; user text never becomes markup."""

from __future__ import annotations

import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select

from arena.arenas.meetings import cancel_meeting
from arena.arenas.models import Attendance
from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations import links
from arena.invitations.models import OutboxMessage
from arena.invitations.services import send_invitations


def _invite(app, db, meeting, member):
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    return db.scalar(select(Attendance).where(Attendance.member_id == member.id))


class _LongAgo(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time()) - links.RSVP_MAX_AGE - 3600


def test_an_expired_rsvp_link_says_so(app, db, client, make_meeting, consenting):
    attendance = _invite(app, db, make_meeting(), consenting())
    old = URLSafeTimedSerializer(
        app.config["SECRET_KEY"], salt="arena.rsvp", signer=_LongAgo
    ).dumps({"a": attendance.id})
    page = client.get(f"/rsvp/{old}?answer=yes")
    assert page.status_code == 400 and b"This link has expired" in page.data


def test_the_tokens_carry_the_invitation_and_the_member_id_and_no_email(
    app, db, make_meeting, consenting
):
    member = consenting(email="private.person@example.nl")
    attendance = _invite(app, db, make_meeting(), member)
    row = db.scalar(select(OutboxMessage))
    rsvp = next(w for w in row.body_text.split() if "/rsvp/" in w).split("/")[-1].split("?")[0]
    leave = row.headers["List-Unsubscribe"].strip("<>").split("/")[-1]
    secret = app.config["SECRET_KEY"]
    assert URLSafeTimedSerializer(secret, salt="arena.rsvp").loads(rsvp) == {"a": attendance.id}
    assert URLSafeTimedSerializer(secret, salt="arena.unsubscribe").loads(leave) == {"m": member.id}


def test_a_cancelled_sessions_rsvp_link_shows_a_clear_page_without_a_form(
    app, db, client, make_meeting, consenting
):
    meeting = make_meeting()
    attendance = _invite(app, db, meeting, consenting())
    with app.test_request_context():
        cancel_meeting(db, meeting, "The venue flooded.", now=utcnow())
        db.commit()
        token = links.rsvp_token(attendance.id)
    page = client.get(f"/rsvp/{token}?answer=yes")
    assert page.status_code == 200
    assert b"This session is cancelled" in page.data and b"The venue flooded." in page.data
    assert b"<form" not in page.data.split(b"<main")[1]


def test_names_and_texts_stay_text_in_both_parts_and_on_the_pages(
    app, db, client, make_series, make_meeting, consenting, make_account, login
):
    series = make_series(header_text="Less <b>talk</b> & more work")
    meeting = make_meeting(series=series, title='Jobs <img src="x"> & care')
    member = consenting(name="<script>alert(1)</script> Jansen")
    _invite(app, db, meeting, member)
    row = db.scalar(select(OutboxMessage))
    assert row.body_text.startswith("Dear <script>alert(1)</script>,")
    assert (
        "<script>" not in row.body_html and "&lt;script&gt;alert(1)&lt;/script&gt;" in row.body_html
    )
    assert (
        "<b>" not in row.body_html
        and "Less &lt;b&gt;talk&lt;/b&gt; &amp; more work" in row.body_html
    )
    assert '<img src="x">' not in row.body_html

    login(make_account(role=Role.ORGANISER))
    for url in (f"/sessions/{meeting.id}", f"/series/{series.id}", f"/sessions/{meeting.id}/print"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in html and '<img src="x">' not in html, url
