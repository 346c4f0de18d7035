"""Merging duplicates: everything the duplicate did ends up with the member kept."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from arena.arenas.models import Attendance, Response
from arena.audit import AuditEvent
from arena.auth.models import Role, UserAccount
from arena.collaborations.models import CollaborationParticipant
from arena.contacts.models import ContactPurpose, ContactRequest
from arena.members.merge import merge_members, merge_organisations
from arena.members.models import Member, Membership
from arena.members.references import references_to
from arena.wins.models import Reflection, SmallWin


def test_every_foreign_key_to_members_is_found_by_introspection():
    found = {f"{r.table.name}.{r.column.name}" for r in references_to("members")}
    assert {
        "attendances.member_id",
        "memberships.member_id",
        "example_presenters.member_id",
        "small_wins.author_id",
        "small_win_members.member_id",
        "collaboration_participants.member_id",
        "reflections.member_id",
        "outbox_messages.member_id",
        "series_followers.member_id",
        "user_accounts.member_id",
        "practice_examples.proposed_by_id",
        "collaborations.recorded_by_id",
    } <= found


def test_merge_keeps_all_history_and_resolves_double_rows(db, factories):
    keep = factories.member(name="Ineke de Wit", email="ineke@example.nl", themes=["work"])
    drop = factories.member(name="I. de Wit", email="i.dewit@example.nl", themes=["Work", "care"])
    drop.unsubscribed_at = datetime(2025, 1, 1, tzinfo=UTC)
    shared, only_drop = factories.meeting(), factories.meeting()
    factories.attend(keep, shared, attended=False, response=Response.NO)
    factories.attend(drop, shared, attended=True, response=Response.YES)
    factories.attend(drop, only_drop)
    win = factories.win(drop)
    example = factories.example(drop)  # proposed and presented by drop
    collaboration = factories.collaboration(keep, drop)
    organisation = factories.organisation()
    factories.employ(keep, organisation)
    factories.employ(drop, organisation, position="advisor")
    db.add(Reflection(meeting_id=shared.id, member_id=keep.id, of_value="", want_more_of="x"))
    db.add(Reflection(meeting_id=shared.id, member_id=drop.id, of_value="the talk"))
    account = factories.account(role=Role.MEMBER, member_id=drop.id)
    db.commit()
    keep_id, drop_id = keep.id, drop.id

    moved = merge_members(db, keep, drop, actor_id=account.id)
    db.commit()

    assert db.get(Member, drop_id) is None
    kept = db.get(Member, keep_id)
    assert kept.themes == ["work", "care"] and kept.unsubscribed_at is not None
    rows = db.scalars(select(Attendance).where(Attendance.member_id == keep_id)).all()
    assert len(rows) == 2
    double = next(a for a in rows if a.meeting_id == shared.id)
    assert double.is_attended and double.response == Response.YES
    assert db.get(SmallWin, win.id).author_id == keep_id
    assert [m.id for m in db.get(type(example), example.id).presenters] == [keep_id]
    assert db.get(type(example), example.id).proposed_by_id == keep_id
    sides = db.scalars(
        select(CollaborationParticipant).where(
            CollaborationParticipant.collaboration_id == collaboration.id
        )
    ).all()
    assert [s.member_id for s in sides] == [keep_id]
    (membership,) = db.scalars(select(Membership).where(Membership.member_id == keep_id)).all()
    assert membership.position == "advisor"
    (reflection,) = db.scalars(select(Reflection)).all()
    assert (reflection.of_value, reflection.want_more_of) == ("the talk", "x")
    assert db.get(UserAccount, account.id).member_id == keep_id
    assert moved["attendances.member_id"] == 1
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "member.merge"))
    assert event.actor_id == account.id and event.detail["merged"] == drop_id


def test_merge_through_the_pages(make_account, login, make_member, db):
    client = login(make_account(role=Role.ORGANISER))
    keep = make_member(name="Kees Kept")
    drop = make_member(name="Kees Duplicate", email="kees.dup@example.nl")
    response = client.post(f"/members/{keep.id}/merge", data={"other": "KEES.DUP@example.nl"})
    assert response.location.endswith(f"/members/{keep.id}/merge/{drop.id}")
    confirm = client.get(response.location).get_data(as_text=True)
    assert "Kees Duplicate" in confirm and "Kees Kept" in confirm
    assert db.scalar(select(func.count(Member.id))) == 2  # nothing merged before confirming
    drop_id = drop.id
    client.post(f"/members/{keep.id}/merge/{drop_id}")
    db.expire_all()
    assert db.get(Member, drop_id) is None


def test_merging_organisations_moves_members_and_small_wins(
    db, make_member, make_organisation, employ, make_win, make_collaboration
):
    keep = make_organisation("Gemeente Hengelo", sector="government")
    drop = make_organisation("Gem. Hengelo", place="Hengelo")
    both, other = make_member(), make_member()
    employ(both, keep)
    employ(both, drop)
    employ(other, drop)
    win = make_win(other, organisation_id=drop.id)
    make_collaboration(keep, drop)
    drop_id = drop.id
    merge_organisations(db, keep, drop)
    db.commit()
    assert db.get(type(keep), drop_id) is None
    kept = db.get(type(keep), keep.id)
    assert (kept.sector, kept.place) == ("government", "Hengelo")
    assert sorted(m.member_id for m in kept.memberships) == sorted([both.id, other.id])
    assert db.get(SmallWin, win.id).organisation_id == keep.id
    assert db.scalar(select(func.count(CollaborationParticipant.id))) == 1


def test_merging_keeps_every_dated_period_at_the_same_organisation(
    db, make_member, make_organisation, employ
):
    """Only rows a unique constraint (or a partial unique index) says are one are folded."""
    from datetime import date

    organisation = make_organisation("UWV")
    keep, drop = make_member(), make_member()
    employ(keep, organisation, since=date(2020, 1, 1))
    employ(drop, organisation, since=date(2012, 1, 1), until=date(2015, 1, 1))
    employ(drop, organisation, since=date(2020, 1, 1), position="adviseur")  # the same period
    keep_id = keep.id
    merge_members(db, keep, drop)
    db.commit()
    periods = db.scalars(
        select(Membership).where(Membership.member_id == keep_id).order_by(Membership.since)
    ).all()
    assert [(m.since, m.until, m.position) for m in periods] == [
        (date(2012, 1, 1), date(2015, 1, 1), None),
        (date(2020, 1, 1), None, "adviseur"),
    ]


def test_a_contact_request_between_the_two_duplicates_goes_and_others_move(
    make_account, login, make_member, db
):
    """Merging two records of one person who asked to be put in touch with 'themselves' (or
    were introduced) works through the page; their requests to others move to the one kept."""
    client = login(make_account(role=Role.ORGANISER))
    keep, drop, third = make_member(name="Kees"), make_member(name="Kees D."), make_member()
    now = datetime.now(UTC)
    between, onward = (
        ContactRequest(
            requester_id=drop.id,
            recipient_id=other.id,
            requester_agreed_dt=now,
            purpose=ContactPurpose.OTHER,
        )  # fmt: skip
        for other in (keep, third)
    )
    db.add_all([between, onward])
    db.commit()
    between_id, onward_id, drop_id = between.id, onward.id, drop.id

    response = client.post(f"/members/{keep.id}/merge/{drop_id}")
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Member, drop_id) is None
    assert db.get(ContactRequest, between_id) is None
    assert db.get(ContactRequest, onward_id).requester_id == keep.id
