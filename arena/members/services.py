"""Keeping the network: members, their organisations, consent. Functions flush, never commit."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.db import utcnow
from arena.invitations.models import MessageStatus, OutboxMessage
from arena.members.models import (
    Member,
    Membership,
    Organisation,
    StakeholderRole,
    normalise_email,
    organisation_key,
)


class MemberError(ValueError):
    """A change to the network that cannot be made; the message is for the user."""


def split_list(text: str | None, separators: str = "|\n") -> list[str]:
    """Words or names one per line or separated by ``|``, trimmed, empty ones and repeats out."""
    text = text or ""
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    seen: list[str] = []
    for part in text.split(separators[0]):
        part = " ".join(part.split())
        if part and part.lower() not in (s.lower() for s in seen):
            seen.append(part)
    return seen


def _check_email_free(session: Session, email: str | None, member_id: int | None) -> None:
    email = normalise_email(email)
    if email is None:
        return
    other = session.scalar(select(Member.id).where(Member.email == email))
    if other is not None and other != member_id:
        raise MemberError(_("Another member already has the email %(email)s.", email=email))


def find_or_create_organisation(session: Session, name: str) -> Organisation:
    """Organisations are matched by name, ignoring case and surrounding or repeated space."""
    key = organisation_key(name)
    if not key:
        raise MemberError(_("An organisation needs a name."))
    organisation = session.scalar(select(Organisation).where(Organisation.name_key == key))
    if organisation is None:
        organisation = Organisation(name=name)
        session.add(organisation)
        session.flush()
    return organisation


def set_current_organisations(
    session: Session, member: Member, names: list[str], today: date | None = None
) -> None:
    """Make these the member's current organisations; dropped ones end today (history stays)."""
    today = today or utcnow().date()
    wanted = {organisation_key(n): n for n in names if organisation_key(n)}
    current = {m.organisation.name_key: m for m in member.memberships if m.until is None}
    for key, membership in current.items():
        if key not in wanted:
            if membership.since is not None and membership.since >= today:
                member.memberships.remove(membership)  # began today: a mistake, not history
            else:
                membership.until = today
    for key, name in wanted.items():
        if key in current:
            continue
        organisation = find_or_create_organisation(session, name)
        ended_today = next(
            (
                m
                for m in member.memberships
                if m.organisation_id == organisation.id and m.until == today
            ),
            None,
        )
        if ended_today is not None:
            ended_today.until = None
        else:
            member.memberships.append(Membership(organisation=organisation, since=today))
    session.flush()


def create_member(
    session: Session,
    *,
    name: str,
    email: str | None,
    role: StakeholderRole,
    themes: list[str] | None = None,
    organisations: list[str] | None = None,
    notes: str | None = None,
    consent_source: str | None = None,
    now: datetime | None = None,
) -> Member:
    """Add someone to the network; with a consent source, their consent is recorded now."""
    name = " ".join((name or "").split())
    if not name:
        raise MemberError(_("A member needs a name."))
    _check_email_free(session, email, None)
    member = Member(name=name, email=email, role=role, themes=themes or [], notes=notes or None)
    session.add(member)
    session.flush()
    if consent_source:
        record_consent(member, consent_source, now=now)
    set_current_organisations(session, member, organisations or [], (now or utcnow()).date())
    return member


def update_member(
    session: Session,
    member: Member,
    *,
    name: str,
    email: str | None,
    role: StakeholderRole,
    themes: list[str],
    organisations: list[str],
    notes: str | None = None,
    is_former: bool = False,
    now: datetime | None = None,
) -> Member:
    """An organiser's edit of a member's details and current organisations."""
    if member.erased_at is not None:
        raise MemberError(_("This member was erased; their data cannot be changed."))
    name = " ".join((name or "").split())
    if not name:
        raise MemberError(_("A member needs a name."))
    _check_email_free(session, email, member.id)
    member.name, member.email, member.role = name, email, role
    member.themes, member.notes, member.is_former = themes, notes or None, is_former
    set_current_organisations(session, member, organisations, (now or utcnow()).date())
    return member


def update_own_profile(
    session: Session,
    member: Member,
    *,
    name: str,
    themes: list[str],
    organisations: list[str],
    now: datetime | None = None,
) -> Member:
    """A member's own edit: name, interests and organisations; not role, email or notes."""
    return update_member(
        session,
        member,
        name=name,
        email=member.email,
        role=member.role,
        themes=themes,
        organisations=organisations,
        notes=member.notes,
        is_former=member.is_former,
        now=now,
    )


def mark_former(member: Member, is_former: bool = True) -> None:
    member.is_former = is_former


def record_consent(member: Member, source: str, now: datetime | None = None) -> None:
    """Consent with its date and source; clears an unsubscription, since they asked again."""
    source = " ".join((source or "").split())
    if not source:
        raise MemberError(_("Say where the consent was given, e.g. “sign-up form”."))
    member.consent_given_at = now or utcnow()
    member.consent_source = source[:200]
    member.unsubscribed_at = None


def unsubscribe(session: Session, member: Member, now: datetime | None = None) -> int:
    """Never mail this member again; messages still waiting in the outbox are not sent.

    The member stays in the network's history (attendances, small wins). Returns how many
    waiting messages were withdrawn.
    """
    now = now or utcnow()
    if member.unsubscribed_at is None:
        member.unsubscribed_at = now
    waiting = session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.member_id == member.id,
            OutboxMessage.status == MessageStatus.PENDING,
        )
    ).all()
    for message in waiting:
        message.status = MessageStatus.FAILED
        message.last_error = "The member unsubscribed; not sent."
    session.flush()
    return len(waiting)


def save_organisation(
    session: Session,
    organisation: Organisation | None,
    *,
    name: str,
    sector: str | None,
    policy_domain: str | None,
    place: str | None,
) -> Organisation:
    """Create (organisation None) or edit an organisation; names stay unique ignoring case."""
    key = organisation_key(name or "")
    if not key:
        raise MemberError(_("An organisation needs a name."))
    other = session.scalar(select(Organisation).where(Organisation.name_key == key))
    if other is not None and other is not organisation:
        raise MemberError(_("An organisation called “%(name)s” exists already.", name=other.name))
    if organisation is None:
        organisation = Organisation(name=name)
        session.add(organisation)
    organisation.name = name
    organisation.sector = (sector or "").strip() or None
    organisation.policy_domain = (policy_domain or "").strip() or None
    organisation.place = (place or "").strip() or None
    session.flush()
    return organisation
