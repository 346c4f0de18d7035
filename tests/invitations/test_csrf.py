"""With CSRF protection on (as in production): organisers' forms need the token, the RSVP form
too, and only the RFC 8058 one-click unsubscribe works without one."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from arena import create_app
from arena.arenas.models import Attendance
from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations import links
from arena.invitations.services import send_invitations
from tests.factories import PASSWORD


@pytest.fixture
def protected(app_config):
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    yield app
    app.extensions["arena_db"].engine.dispose()


def _token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_forms_need_the_token_and_one_click_unsubscribe_does_not(
    protected, db, make_account, make_meeting, consenting
):
    meeting, member = make_meeting(), consenting()
    with protected.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
        attendance = db.scalar(select(Attendance))
        rsvp, leave = links.rsvp_token(attendance.id), links.unsubscribe_token(member.id)

    organiser = protected.test_client()
    token = _token(organiser.get("/auth/login").get_data(as_text=True))
    account = make_account(role=Role.ORGANISER)
    signed_in = organiser.post(
        "/auth/login", data={"email": account.email, "password": PASSWORD, "csrf_token": token}
    )
    assert signed_in.status_code == 302
    page = organiser.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    for url in (f"/invitations/{meeting.id}/retry", f"/sessions/{meeting.id}/check-in"):
        assert organiser.post(url).status_code == 400, url
        assert organiser.post(url, data={"csrf_token": _token(page)}).status_code == 302, url

    answering = protected.test_client()
    assert answering.post(f"/rsvp/{rsvp}", data={"answer": "yes"}).status_code == 400
    form = answering.get(f"/rsvp/{rsvp}?answer=yes").get_data(as_text=True)
    answered = answering.post(f"/rsvp/{rsvp}", data={"answer": "yes", "csrf_token": _token(form)})
    assert b"Thank you for your answer" in answered.data

    # a mail client's one-click POST: no cookie, no CSRF token, just the RFC 8058 body
    mail_client = protected.test_client()
    response = mail_client.post(
        f"/unsubscribe/{leave}",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    db.refresh(member)
    assert member.unsubscribed_at is not None
