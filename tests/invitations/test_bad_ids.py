"""Bad input on the invite page (a segment number beyond the database's range, a send time
that is no date and time) is a clear error, and nothing is queued."""

from __future__ import annotations

from sqlalchemy import select

from arena.auth.models import Role
from arena.invitations.models import OutboxMessage


def test_an_impossible_segment_is_a_clear_error(client, db, make_meeting, make_account, login):
    meeting = make_meeting()
    login(make_account(role=Role.ORGANISER))
    response = client.post(
        f"/invitations/{meeting.id}",
        data={"kind": "segment", "segment_id": "99999999999999999999", "send": "1"},
    )
    assert response.status_code == 200
    assert "Choose a segment from the list." in response.get_data(as_text=True)
    assert db.scalars(select(OutboxMessage)).all() == []


def test_a_send_time_that_is_no_date_and_time_says_so(
    client, db, make_meeting, consenting, make_account, login
):
    meeting = make_meeting()
    consenting()
    login(make_account(role=Role.ORGANISER))
    for typed in ("2026-02-30T10:00", "next tuesday"):
        data = {"kind": "network", "send_at": typed, "send": "1"}
        response = client.post(f"/invitations/{meeting.id}", data=data)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert f"{typed} is not a date and time." in page and "Not a valid" not in page
        dutch = client.post(
            f"/invitations/{meeting.id}", data=data, headers={"Accept-Language": "nl"}
        )
        assert f"{typed} is geen datum en tijd." in dutch.get_data(as_text=True)
    assert db.scalars(select(OutboxMessage)).all() == []
