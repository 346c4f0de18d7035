"""Who may be mailed is one rule (Member.may_be_mailed), and every mailing keeps to it.

Sixteen members, one for each combination of: an address or not, consent or not, unsubscribed
or not, erased or not. Exactly one of them may be mailed; every audience, segment, reminder,
session update, declined example, reflection question and "did it stick?" reaches that one.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from arena.arenas.models import MeetingState, SeriesFollower
from arena.examples.planning import decline_example
from arena.invitations.audience import REASONS, resolve_audience
from arena.invitations.models import MessageKind, OutboxMessage
from arena.invitations.reminders import queue_due_reminders
from arena.invitations.services import queue_cancellations, queue_updates
from arena.members.models import NOT_MAILED_BECAUSE, Member, not_mailed_reason
from arena.members.segments import members_in_segment, save_segment
from arena.wins.reflections import send_reflection_requests
from arena.wins.stick import send_stick_checks

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WHEN = datetime(2025, 1, 1, tzinfo=UTC)
CASES = list(itertools.product((True, False), repeat=4))  # email, consent, unsubscribed, erased


@pytest.fixture
def everyone(db, make_member) -> list[Member]:
    members = []
    for n, (email, consent, unsubscribed, erased) in enumerate(CASES):
        members.append(
            make_member(
                name=f"Case {n} Jansen",
                email=f"case{n}@example.nl" if email else None,
                consent_given_at=WHEN if consent else None,
                unsubscribed_at=WHEN if unsubscribed else None,
                erased_at=WHEN if erased else None,
            )
        )
    # an address that bounced too often: consenting, subscribed, not erased, and yet not mailed
    members.append(
        make_member(
            name="Bouncing Jansen",
            email="bouncing@example.nl",
            consent_given_at=WHEN,
            email_bouncing_at=WHEN,
        )
    )
    return members


def _mailable(members) -> set[int]:
    return {m.id for m in members if m.may_be_mailed}


@pytest.fixture
def series(make_series):
    return make_series(
        name="Waardevol Werk", theme="work", reminder_days_before=7,
        reminder_body="Will you come, {{ first_name }}?", practical_note_body="Tomorrow!",
    )  # fmt: skip


def _queued(db, kind: MessageKind) -> set[int]:
    return set(db.scalars(select(OutboxMessage.member_id).where(OutboxMessage.kind == kind)))


def test_python_and_sql_say_the_same_and_give_a_reason_for_everyone_else(db, everyone):
    in_sql = set(db.scalars(select(Member.id).where(Member.may_be_mailed)))
    assert in_sql == _mailable(everyone) and len(in_sql) == 1
    for member in everyone:
        assert (not_mailed_reason(member) is None) == member.may_be_mailed
    assert {not_mailed_reason(m) for m in everyone} == {None} | {r for r, *_ in NOT_MAILED_BECAUSE}


def test_organisers_see_a_reason_for_every_way_of_not_being_mailed():
    assert set(REASONS) == {reason for reason, *_ in NOT_MAILED_BECAUSE}


def test_every_audience_mails_exactly_who_may_be_mailed(
    app, db, everyone, series, make_meeting, attend
):
    earlier = make_meeting(series, NOW - timedelta(days=60), state=MeetingState.HELD)
    meeting = make_meeting(series, NOW + timedelta(days=30), state=MeetingState.PLANNED)
    for member in everyone:
        attend(member, earlier)
        db.add(SeriesFollower(series_id=series.id, member_id=member.id, followed_dt=WHEN))
    segment = save_segment(db, "Everyone", {})
    db.commit()
    audiences = [
        {"kind": "network"},
        {"kind": "segment", "segment_id": segment.id},
        {"kind": "previous"},
        {"kind": "followers"},
        {"kind": "members", "member_ids": [m.id for m in everyone]},
    ]
    with app.test_request_context():
        for audience in audiences:
            found = resolve_audience(db, meeting, audience)
            assert {r.member_id for r in found.recipients} == _mailable(everyone), audience
            assert found.left_out_count == len(everyone) - 1, audience


def test_a_segment_of_members_who_may_be_mailed_leaves_out_the_erased(app, db, everyone):
    segment = save_segment(db, "Mailable", {"consent": "mailable", "status": "erased"})
    erased_too = save_segment(db, "Mailable and erased", {"consent": "mailable"})
    db.commit()
    assert set(db.scalars(members_in_segment(db, segment.id).with_only_columns(Member.id))) == set()
    found = db.scalars(members_in_segment(db, erased_too.id).with_only_columns(Member.id))
    assert set(found) == _mailable(everyone)


def test_reminders_updates_and_cancellations_reach_who_may_be_mailed(
    app, db, everyone, series, make_meeting, attend
):
    meeting = make_meeting(series, NOW + timedelta(days=5), state=MeetingState.INVITATIONS_SENT)
    for member in everyone:  # invited, not answered yet
        attend(member, meeting, attended=False, response=None, invited_dt=NOW - timedelta(days=20))
    with app.test_request_context():
        queue_due_reminders(db, NOW)
        queue_updates(db, meeting, now=NOW)
        queue_cancellations(db, meeting, now=NOW)
    for kind in (MessageKind.REMINDER, MessageKind.UPDATE, MessageKind.CANCELLATION):
        assert _queued(db, kind) == _mailable(everyone), kind


def test_a_declined_example_is_mailed_only_to_a_proposer_who_may_be_mailed(
    app, db, everyone, make_example
):
    with app.test_request_context():
        for member in everyone:
            example = make_example(member, title="Budget café", presenters=())
            decline_example(db, example, "Not this year")
    assert _queued(db, MessageKind.EXAMPLE_DECLINED) == _mailable(everyone)


def test_reflection_and_stick_questions_reach_who_may_be_mailed(
    app, db, everyone, series, make_meeting, attend, make_win
):
    held = make_meeting(series, NOW - timedelta(days=1), state=MeetingState.HELD)
    for member in everyone:
        attend(member, held)
        make_win(
            member, "Coffee together", happened_on=date(2025, 11, 1), mechanisms=(),
            created_dt=NOW - timedelta(days=92),
        )  # fmt: skip
    with app.app_context():
        send_reflection_requests(db, NOW)
        send_stick_checks(db, NOW)
    assert _queued(db, MessageKind.REFLECTION) == _mailable(everyone)
    assert _queued(db, MessageKind.STICK_CHECK) == _mailable(everyone)
