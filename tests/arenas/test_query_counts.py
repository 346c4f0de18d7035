"""The session, audience and check-in pages ask the database the same number of questions
for 3 invited members as for 15."""

from __future__ import annotations

import pytest

from arena.arenas.models import Attendance
from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations.models import MessageKind, MessageStatus
from arena.invitations.outbox import queue_message
from tests.queries import recorded_statements as counting

PAGES = [
    "/sessions/{id}",
    "/invitations/{id}",
    "/sessions/{id}/check-in",
    "/sessions/{id}/print",
    "/sessions/{id}/answers.json",
    "/sessions/{id}/answers.csv",
    "/series/{series_id}",
]


def _add_people(db, meeting, consenting, n: int) -> None:
    people = [consenting() for _ in range(n)]
    meeting.audience = {"kind": "members", "member_ids": [m.id for m in people]}
    for i, member in enumerate(people):
        db.add(
            Attendance(
                meeting_id=meeting.id, member_id=member.id, invited_dt=utcnow(),
                response=("yes", "maybe", None)[i % 3], is_attended=i % 2 == 0,
            )
        )  # fmt: skip
        queue_message(
            db, key=f"count:{meeting.id}:{member.id}", kind=MessageKind.INVITATION,
            recipient=member.email, subject="s", body_text="b", member_id=member.id,
            meeting_id=meeting.id,
        ).status = (MessageStatus.FAILED, MessageStatus.SENT)[i % 2]  # fmt: skip
    db.commit()


def _counts(app, client, meeting, db) -> dict[str, int]:
    engine = app.extensions["arena_db"].engine
    found = {}
    for page in PAGES:
        url = page.format(id=meeting.id, series_id=meeting.series_id)
        with counting(engine) as statements:
            page_html = client.get(url)
        assert page_html.status_code == 200, url
        found[page] = len(statements)
    return found


@pytest.mark.parametrize(("small", "large"), [(3, 15)])
def test_query_counts_do_not_grow_with_the_number_of_attendees(
    app, db, client, make_meeting, consenting, make_account, login, small, large
):
    login(make_account(role=Role.ORGANISER))
    few, many = make_meeting(), make_meeting()
    _add_people(db, few, consenting, small)
    _add_people(db, many, consenting, large)
    _counts(app, client, few, db)  # warm up: the first request loads what is cached after
    assert _counts(app, client, few, db) == _counts(app, client, many, db)
    audience = client.get(f"/invitations/{many.id}").get_data(as_text=True)
    assert f"{large} members will be mailed." in audience  # the audience was really resolved
