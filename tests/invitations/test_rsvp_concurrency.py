"""A burst of answers after a mass invitation: every answer lands once, none is lost.

Members answer at the same moment, some of them twice at once (a double click, a second
device); the database must end with exactly one invitation row per member, each holding one
of the answers that member sent, and no request may fail.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from arena.invitations import links
from arena.models import Attendance

MEMBERS = 12
ANSWERS = ("yes", "no", "maybe")


def test_concurrent_answers_leave_one_answer_per_invitation(app, db, make_member, make_meeting):
    meeting = make_meeting()
    invited = [make_member() for _ in range(MEMBERS)]
    for member in invited:
        db.add(Attendance(meeting_id=meeting.id, member_id=member.id, invited_dt=meeting.starts_dt))
    db.commit()
    rows = db.execute(select(Attendance.id, Attendance.member_id)).all()
    with app.app_context():
        tokens = {member_id: links.rsvp_token(attendance_id) for attendance_id, member_id in rows}
    # each member sends every answer at once: one request per (member, answer)
    requests = [(member_id, answer) for member_id in tokens for answer in ANSWERS]
    start = threading.Barrier(len(requests))

    def answer(request: tuple[int, str]) -> int:
        member_id, chosen = request
        client = app.test_client()
        start.wait(timeout=30)
        return client.post(f"/rsvp/{tokens[member_id]}", data={"answer": chosen}).status_code

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        statuses = list(pool.map(answer, requests))

    assert statuses == [200] * len(requests)
    db.expire_all()
    answered = db.execute(
        select(Attendance.member_id, Attendance.response, Attendance.responded_dt).where(
            Attendance.meeting_id == meeting.id
        )
    ).all()
    assert sorted(m for m, _r, _d in answered) == sorted(tokens)  # one row each, none added
    assert all(r is not None and r.value in ANSWERS and d is not None for _m, r, d in answered)
    total = db.scalar(select(func.count()).select_from(Attendance))
    assert total == MEMBERS
