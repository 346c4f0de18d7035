"""Erasure leaves no personal data anywhere; the network's history stays, anonymously."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from arena.audit import AuditEvent
from arena.auth.models import Role, UserAccount
from arena.db import utcnow
from arena.invitations.models import MessageKind, MessageStatus, OutboxMessage
from arena.invitations.outbox import queue_message
from arena.members.erasure import erase_member
from arena.members.import_batches import preview_upload
from arena.members.models import Member
from arena.members.privacy import retention_candidates
from arena.models import Base
from arena.wins.models import Reflection, SmallWin
from tests.members.csvdata import csv_bytes

NAME, EMAIL = "Mariëlle van den Broek", "marielle.broek@example.nl"


def _everything_as_text(db) -> str:
    """Every value of every column of every table, as one lower-cased text."""
    parts = []
    for table in Base.metadata.sorted_tables:
        for row in db.execute(select(table)).all():
            for value in row:
                if isinstance(value, dict | list):
                    parts.append(json.dumps(value, ensure_ascii=False))
                elif value is not None:
                    parts.append(str(value))
    return "\n".join(parts).lower()


def test_erasure_leaves_no_personal_data_anywhere(db, factories):
    member = factories.member(name=NAME, email=EMAIL, themes=["debt"], notes="called on Monday")
    member.consent_given_at, member.consent_source = utcnow(), "form"
    account = factories.account(role=Role.MEMBER, member_id=member.id, email=EMAIL)
    organiser = factories.account(role=Role.ORGANISER)
    meeting = factories.meeting()
    factories.attend(member, meeting)
    factories.employ(
        member, factories.organisation("Stichting Schuldhulp"), position="coach of " + NAME
    )
    win = factories.win(member, title="Budget café", what_changed=f"{NAME} started a café")
    example = factories.example(member, title="The café", goals=f"Told by {NAME.upper()}")
    factories.collaboration(member, factories.member(), title="Café network")
    db.add(Reflection(meeting_id=meeting.id, member_id=member.id, of_value="the stories"))
    queue_message(
        db,
        key="t:1",
        kind=MessageKind.TEST,
        recipient=EMAIL,
        subject=f"Hi {NAME}",
        body_text=f"Dear {NAME}",
        member_id=member.id,
    )
    preview_upload(db, "list.csv", csv_bytes(f"{EMAIL};{NAME};Org;provider;;;;;"), None)
    db.commit()
    assert NAME.lower() in _everything_as_text(db)

    erase_member(db, member, actor_id=organiser.id)
    db.commit()

    everything = _everything_as_text(db)
    assert NAME.lower() not in everything
    assert EMAIL not in everything
    erased = db.get(Member, member.id)
    assert erased.name == f"Erased member #{member.id}" and erased.email is None
    assert erased.themes == [] and erased.notes is None and erased.consent_given_at is None
    assert not erased.may_be_mailed
    # the history stays, anonymously
    assert db.get(SmallWin, win.id).author_id == member.id
    assert db.get(SmallWin, win.id).title == "Budget café"
    assert db.get(type(example), example.id).proposed_by_id == member.id
    assert len(erased.memberships) == 1
    reflection = db.scalar(select(Reflection))
    assert reflection.of_value == "the stories" and reflection.member_id is None
    closed = db.get(UserAccount, account.id)
    assert not closed.is_enabled and closed.password_hash is None
    message = db.scalar(select(OutboxMessage))
    assert message.status == MessageStatus.FAILED and message.recipient == ""
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "member.erase"))
    assert event.actor_id == organiser.id and event.subject == f"member:{member.id}"


def test_erased_member_cannot_sign_in_and_their_page_says_erased(
    make_account, login, client, make_member
):
    member = make_member(name="Rosa Erased")
    account = make_account(role=Role.MEMBER, member_id=member.id)
    organiser = login(make_account(role=Role.ORGANISER))
    response = organiser.post(f"/members/{member.id}/erase", data={"confirm": "y"})
    assert response.status_code == 302
    page = organiser.get(f"/members/{member.id}").get_data(as_text=True)
    assert f"Erased member #{member.id}" in page and "Rosa Erased" not in page
    organiser.post("/auth/logout")
    refused = client.post("/auth/login", data={"email": account.email, "password": "x" * 12})
    assert refused.status_code == 401


def test_erase_page_needs_the_confirmation_box(make_account, login, make_member, db):
    member = make_member(name="Not Yet")
    organiser = login(make_account(role=Role.ORGANISER))
    response = organiser.post(f"/members/{member.id}/erase", data={})
    assert response.status_code == 200
    db.expire_all()
    assert db.get(Member, member.id).name == "Not Yet"


def test_retention_lists_former_members_inactive_for_five_years(
    db, make_member, make_meeting, attend
):
    now = utcnow()
    long_gone = make_member(name="Long Gone", is_former=True)
    long_gone.created_dt = now - timedelta(days=8 * 365)
    recent = make_member(name="Recently Former", is_former=True)
    recent.created_dt = now - timedelta(days=8 * 365)
    active = make_member(name="Still Active")
    active.created_dt = now - timedelta(days=8 * 365)
    db.commit()
    attend(long_gone, make_meeting(starts=now - timedelta(days=6 * 365)))
    attend(recent, make_meeting(starts=now - timedelta(days=2 * 365)))
    names = [c.member.name for c in retention_candidates(db, now=now)]
    assert names == ["Long Gone"]


def test_organisation_names_stay_unless_they_are_the_persons_own(
    db, make_member, make_organisation, employ
):
    """Organisations are not personal data: only a name holding the address, or a one-person
    business named after the person, is renamed, and then consistently (name key included)."""
    from arena.members.models import Organisation, organisation_key

    person = make_member(name="Joris Verhoeven", email="joris@verhoeven-advies.nl")
    colleague = make_member(name="Colleague")
    own_business = make_organisation("Joris Verhoeven Advies")
    family_fund = make_organisation("Stichting Joris Verhoeven Fonds")
    holds_email = make_organisation("Info joris@verhoeven-advies.nl")
    employer = make_organisation("Gemeente Tilburg")
    for organisation in (own_business, family_fund, employer):
        employ(person, organisation)
    employ(colleague, family_fund)

    erase_member(db, person)
    db.commit()
    db.expire_all()

    def name_and_key(organisation) -> tuple[str, str]:
        row = db.get(Organisation, organisation.id)
        return row.name, row.name_key

    assert name_and_key(own_business) == (
        f"Erased organisation #{own_business.id}",
        f"erased organisation #{own_business.id}",
    )
    renamed = name_and_key(holds_email)
    assert renamed[0] == f"Erased organisation #{holds_email.id}"
    assert renamed[1] == organisation_key(renamed[0])
    assert name_and_key(family_fund) == (
        "Stichting Joris Verhoeven Fonds",
        "stichting joris verhoeven fonds",
    )
    assert name_and_key(employer) == ("Gemeente Tilburg", "gemeente tilburg")
    # the memberships stay, so the anonymous node keeps its place in the network
    assert len(db.get(Member, person.id).memberships) == 3
