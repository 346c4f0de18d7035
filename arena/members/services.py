"""Keeping the network: members, their organisations, consent. Functions flush, never commit."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena import hooks
from arena.db import get_row, utcnow
from arena.i18n import supported_language
from arena.members.errors import MemberError
from arena.members.memberships import add_membership
from arena.members.models import (
    Member,
    StakeholderRole,
    normalise_email,
)


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


def create_member(
    session: Session,
    *,
    name: str,
    email: str | None,
    role: StakeholderRole,
    themes: list[str] | None = None,
    organisation: str | None = None,
    position: str | None = None,
    notes: str | None = None,
    consent_source: str | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Member:
    """Add someone to the network; with a consent source, their consent is recorded now.

    The organisation, if given, starts an undated period: when they joined it is not known.
    """

    name = " ".join((name or "").split())
    if not name:
        raise MemberError(_("A member needs a name."))
    _check_email_free(session, email, None)
    member = Member(
        name=name, email=email, role=role, themes=themes or [], notes=notes or None,
        language=supported_language(language),
    )  # fmt: skip
    session.add(member)
    session.flush()
    if consent_source:
        record_consent(member, consent_source, now=now)
    if (organisation or "").strip():
        add_membership(session, member, organisation, position=position)
    return member


def update_member(
    session: Session,
    member: Member,
    *,
    name: str,
    email: str | None,
    role: StakeholderRole,
    themes: list[str],
    notes: str | None = None,
    is_former: bool = False,
    language: str | None = None,
) -> Member:
    """An organiser's edit of a member's details (organisations: see ``memberships``)."""
    if member.erased_at is not None:
        raise MemberError(_("This member was erased; their data cannot be changed."))
    name = " ".join((name or "").split())
    if not name:
        raise MemberError(_("A member needs a name."))
    _check_email_free(session, email, member.id)
    member.name, member.email, member.role = name, email, role
    member.themes, member.notes, member.is_former = themes, notes or None, is_former
    member.language = supported_language(language)  # unknown or "": as the browser says
    session.flush()
    return member


def update_own_profile(
    session: Session,
    member: Member,
    *,
    name: str,
    themes: list[str],
    language: str | None = None,
) -> Member:
    """A member's own edit: name, interests and language; not role, email or notes."""
    return update_member(
        session,
        member,
        name=name,
        email=member.email,
        role=member.role,
        themes=themes,
        notes=member.notes,
        is_former=member.is_former,
        language=language,
    )


def language_of(session: Session, member_id: int | None) -> str | None:
    """The language a member chose (None: none chosen, or no such member)."""
    if member_id is None:
        return None
    return session.scalar(select(Member.language).where(Member.id == member_id))


def find_member(session: Session, text: str) -> Member | None:
    """A member by email (any case) or by number ("42" or "#42"), as an organiser types it."""
    text = (text or "").strip().lstrip("#")
    if text.isdigit():
        return get_row(session, Member, text)  # None for a number no row can have
    return session.scalar(select(Member).where(Member.email == normalise_email(text)))


def record_consent(member: Member, source: str, now: datetime | None = None) -> None:
    """Consent with its date and source; clears an unsubscription, since they asked again."""
    if member.erased_at is not None:
        raise MemberError(_("This member was erased; their data cannot be changed."))
    source = " ".join((source or "").split())
    if not source:
        raise MemberError(_("Say where the consent was given, e.g. “sign-up form”."))
    member.consent_given_at = now or utcnow()
    member.consent_source = source[:200]
    member.unsubscribed_at = None


def unsubscribe(session: Session, member: Member, now: datetime | None = None) -> int:
    """Never mail this member again; what was still waiting to go to them is withdrawn.

    The member stays in the network's history (attendances, small wins). Returns how many
    waiting messages were withdrawn (``member_unsubscribed`` hook: the outbox answers).
    """
    now = now or utcnow()
    if member.unsubscribed_at is None:
        member.unsubscribed_at = now
    withdrawn = sum(hooks.member_unsubscribed.send(session, member, now=now))
    session.flush()
    return withdrawn


def member_id_for_email(session: Session, email: str | None) -> int | None:
    """The member with this email (any case), to link an account to (``member_id_for_email``)."""
    email = normalise_email(email)
    if email is None:
        return None
    return session.scalar(select(Member.id).where(Member.email == email))
