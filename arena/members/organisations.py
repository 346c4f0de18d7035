"""Organisations: found by name ignoring case and spacing, so one is never entered twice."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.members.errors import MemberError
from arena.members.models import Organisation, organisation_key


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


def find_organisation(session: Session, name: str) -> Organisation | None:
    """The organisation with this name, ignoring case and spacing."""
    return session.scalar(
        select(Organisation).where(Organisation.name_key == organisation_key(name))
    )


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
