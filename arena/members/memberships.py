"""Where a member works, over time: add a period, edit its position and dates, end it.

Memberships are history (which organisations took part in which session, who bridged two
sectors), so a period is ended, never deleted; its organisation never changes either: a move
is one period ended and another added. Periods at the same organisation may not overlap (a
day counts as part of both periods it starts and ends), and no date lies in the future: a
period is "current" while it has no end date. Functions flush, never commit.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from arena.db import utcnow
from arena.i18n import format_date
from arena.members.errors import MemberError
from arena.members.models import Member, Membership
from arena.members.organisations import find_or_create_organisation


def _tidy(text: str | None, limit: int) -> str | None:
    text = " ".join((text or "").split())
    return text[:limit] or None


def _period(membership: Membership) -> str:
    if membership.since and membership.until:
        return _(
            "%(since)s to %(until)s",
            since=format_date(membership.since),
            until=format_date(membership.until),
        )
    if membership.since:
        return _("since %(date)s", date=format_date(membership.since))
    if membership.until:
        return _("until %(date)s", date=format_date(membership.until))
    return _("undated")


def _overlaps(a_since, a_until, b_since, b_until) -> bool:
    return (a_since or date.min) <= (b_until or date.max) and (b_since or date.min) <= (
        a_until or date.max
    )


def _check(
    session: Session,
    member: Member,
    organisation_id: int,
    since: date | None,
    until: date | None,
    today: date,
    membership_id: int | None = None,
) -> None:
    if member.erased_at is not None:
        raise MemberError(_("This member was erased; their data cannot be changed."))
    if (since and since > today) or (until and until > today):
        raise MemberError(_("Dates cannot lie in the future; record a period once it starts."))
    if since and until and until < since:
        raise MemberError(_("The end date lies before the start date."))
    others = session.scalars(
        select(Membership).where(
            Membership.member_id == member.id,
            Membership.organisation_id == organisation_id,
            Membership.id != (membership_id or -1),
        )
    )
    for other in others:
        if _overlaps(since, until, other.since, other.until):
            raise MemberError(
                _(
                    "This overlaps another period at %(organisation)s (%(period)s): "
                    "edit that one instead.",
                    organisation=other.organisation.name,
                    period=_period(other),
                )
            )


def add_membership(
    session: Session,
    member: Member,
    organisation_name: str,
    *,
    position: str | None = None,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
) -> Membership:
    """A new period at an organisation (matched by name, created when unknown)."""
    today = today or utcnow().date()
    if not (organisation_name or "").strip():
        raise MemberError(_("An organisation needs a name."))
    organisation = find_or_create_organisation(session, organisation_name)
    _check(session, member, organisation.id, since, until, today)
    membership = Membership(
        member_id=member.id,
        organisation=organisation,
        position=_tidy(position, 200),
        since=since,
        until=until,
    )
    session.add(membership)
    session.flush()
    return membership


def update_membership(
    session: Session,
    membership: Membership,
    *,
    position: str | None,
    since: date | None,
    until: date | None,
    today: date | None = None,
) -> Membership:
    """Correct a period's position and dates; setting an end date ends it."""
    today = today or utcnow().date()
    _check(
        session,
        membership.member,
        membership.organisation_id,
        since,
        until,
        today,
        membership.id,
    )
    membership.position = _tidy(position, 200)
    membership.since, membership.until = since, until
    session.flush()
    return membership


def end_membership(
    session: Session, membership: Membership, until: date | None = None, today: date | None = None
) -> Membership:
    """The member left the organisation (today, unless said otherwise); the period stays."""
    today = today or utcnow().date()
    if membership.until is not None:
        raise MemberError(_("This period has ended already."))
    return update_membership(
        session,
        membership,
        position=membership.position,
        since=membership.since,
        until=until or today,
        today=today,
    )


def memberships_of(session: Session, member_id: int) -> list[Membership]:
    """Current periods first, then the rest, each newest first (one query)."""
    return list(
        session.scalars(
            select(Membership)
            .options(joinedload(Membership.organisation))
            .where(Membership.member_id == member_id)
            .order_by(
                Membership.until.is_not(None),
                Membership.until.desc().nulls_last(),
                Membership.since.desc().nulls_last(),
                Membership.id.desc(),
            )
        )
    )
