"""The other writes: recording attendance as the check-in page does, logging a small win as
the small win form does; bad input names the field and writes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from arena.arenas.models import Attendance
from arena.auth.models import Role
from arena.db import utcnow
from arena.wins.models import SmallWin


def test_an_organiser_records_attendance_of_a_listed_member(
    db, make_meeting, make_member, make_account, make_token, api
):
    meeting = make_meeting()
    member = make_member()
    db.add(Attendance(meeting_id=meeting.id, member_id=member.id, invited_dt=utcnow()))
    db.commit()
    caller = api(make_token(make_account(role=Role.ORGANISER)))
    url = f"/api/v1/sessions/{meeting.id}/attendance"
    answer = caller.post(url, json={"member_id": member.id, "attended": True})
    assert answer.status_code == 200 and answer.get_json()["is_attended"] is True
    listed = caller.get(f"/api/v1/sessions/{meeting.id}/invitations").get_json()["items"]
    assert [(i["member_id"], i["is_attended"]) for i in listed] == [(member.id, True)]
    stranger = make_member()
    refused = caller.post(url, json={"member_id": stranger.id, "attended": True})
    assert refused.status_code == 422 and refused.get_json()["errors"][0]["field"] == "member_id"
    lead = api(make_token(make_account(role=Role.PROGRAMME_LEAD)))
    assert lead.post(url, json={"member_id": member.id, "attended": False}).status_code == 403


def test_a_member_logs_a_small_win_and_bad_ones_write_nothing(db, make_account, make_token, api):
    account = make_account(role=Role.MEMBER)
    caller = api(make_token(account))
    good = {"title": "Job carving at the library", "happened_on": "2026-11-20",
            "mechanisms": ["energizing", "connection"]}  # fmt: skip
    made = caller.post("/api/v1/wins", json=good)
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert sorted(body["mechanisms"]) == ["connection", "energizing"]
    inspired = caller.post("/api/v1/wins", json=good | {"inspired_by": [body["id"]]})
    assert inspired.get_json()["inspired_by"] == [body["id"]]
    assert db.get(SmallWin, body["id"]).author_id == account.member_id
    bad = [
        (good | {"mechanisms": ["magic"]}, "mechanisms.0"),
        (good | {"happened_on": "yesterday"}, "happened_on"),
        (good | {"inspired_by": [999999]}, "inspired_by"),
        (good | {"title": "Job\x00carving"}, "title"),  # found by Schemathesis on PostgreSQL
        ({k: v for k, v in good.items() if k != "title"}, "title"),
    ]
    for body_, field in bad:
        answer = caller.post("/api/v1/wins", json=body_)
        assert answer.status_code == 422, (body_, answer.get_json())
        assert field in {e["field"] for e in answer.get_json()["errors"]}, answer.get_json()
    assert db.scalar(select(func.count(SmallWin.id))) == 2
