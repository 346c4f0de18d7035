"""A segment number beyond the database's range on the invite page is a clear error."""

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
