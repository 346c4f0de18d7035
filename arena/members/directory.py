"""Finding members by email and organisations by name, for forms that name people in text.

Forms take emails and organisation names as typed text (one select of 40,000 members would not
work); these helpers turn that text into rows and say exactly which words matched nothing, and
suggest a few organisation names while someone types.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import case, select
from sqlalchemy.orm import Session

from arena.members.models import (
    Member,
    Membership,
    Organisation,
    normalise_email,
    organisation_key,
)


class NotInNetwork(ValueError):
    """Some typed names matched nothing; the message lists them for the form."""


def split_list(text: str | None) -> list[str]:
    """Items separated by commas, semicolons or new lines, trimmed, duplicates dropped."""
    seen: dict[str, None] = {}
    for item in re.split(r"[,;\n]", text or ""):
        item = " ".join(item.split())
        if item and item.lower() not in {s.lower() for s in seen}:
            seen[item] = None
    return list(seen)


def members_by_email(session: Session, text: str | None) -> list[Member]:
    """The members with these emails, in the order typed; unknown emails raise."""
    emails = [normalise_email(e) for e in split_list(text)]
    if not emails:
        return []
    found = {m.email: m for m in session.scalars(select(Member).where(Member.email.in_(emails)))}
    missing = [e for e in emails if e not in found]
    if missing:
        raise NotInNetwork(
            _("No member of the network has this email: %(emails)s", emails=", ".join(missing))
        )
    return [found[e] for e in emails]


def known_members_by_email(session: Session, text: str | None) -> list[Member]:
    """The members with these emails, in the order typed; unknown emails are left out without
    a word, so a non-organiser's form answers the same whether an address is known or not."""
    emails = [normalise_email(e) for e in split_list(text)]
    if not emails:
        return []
    found = {m.email: m for m in session.scalars(select(Member).where(Member.email.in_(emails)))}
    return [found[e] for e in emails if e in found]


def organisations_by_name(session: Session, text: str | None) -> list[Organisation]:
    """The organisations with these names (case and spacing ignored); unknown names raise."""
    names = split_list(text)
    if not names:
        return []
    keys = [organisation_key(n) for n in names]
    rows = session.scalars(select(Organisation).where(Organisation.name_key.in_(keys)))
    found = {o.name_key: o for o in rows}
    missing = [n for n, k in zip(names, keys, strict=True) if k not in found]
    if missing:
        raise NotInNetwork(
            _("No organisation in the network has this name: %(names)s", names=", ".join(missing))
        )
    return [found[k] for k in keys]


def search_organisation_names(session: Session, text: str | None, limit: int = 15) -> list[str]:
    """Up to ``limit`` names containing the typed text, those starting with it first.

    For type-ahead: a form asks for a handful of names as the user types, instead of a page
    carrying all 8,000 names of a big network. Matching folds case and spacing, as saving does.
    """
    key = organisation_key(text or "")
    if len(key) < 2:
        return []
    starts = Organisation.name_key.startswith(key, autoescape=True)
    rows = session.scalars(
        select(Organisation.name)
        .where(Organisation.name_key.contains(key, autoescape=True))
        .order_by(case((starts, 0), else_=1), Organisation.name_key)
        .limit(limit)
    )
    return list(rows)


def current_organisations(session: Session, member_id: int) -> list[Organisation]:
    """Where the member works now (no end date), to prefill forms."""
    return list(
        session.scalars(
            select(Organisation)
            .join(Membership, Membership.organisation_id == Organisation.id)
            .where(Membership.member_id == member_id, Membership.until.is_(None))
            .order_by(Organisation.name)
        )
    )
