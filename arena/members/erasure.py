"""Erasing a member (GDPR/AVG art. 17): the person goes, the network's history stays true.

What happens, and why:
- the member row stays as an anonymous node ("Erased member #id"), so attendances, small wins,
  examples and collaborations still count and the graph keeps its shape;
- name, email, notes, themes and consent are cleared; memberships stay (organisations are not
  personal data) but their free-text position goes;
- organisation names are left alone, with two exceptions that are personal data: a name that
  holds the email address, and a one-person business named after the person (they were its
  only member). Those are renamed "Erased organisation #id", name key and all, so the name
  stays unique and matching by name keeps working. An organisation others belong to keeps its
  name even when it names the person (a foundation named after a grandparent);
- a linked account is disabled, its address replaced and its password removed;
- the packages above take part through the ``member_erased`` hook: messages to the member lose
  recipient, subject and bodies and waiting ones are never sent (invitations); reflections
  keep their text (opinions about a session, the programme's monitoring) but are unlinked from
  the member, so they cannot be tied back to the person through the node (wins);
- finally every text column of every table is searched for the old name and address, which are
  replaced (a small win that names its author, an uploaded CSV still awaiting confirmation).
The erasure is logged with the actor and ids only.
"""

from __future__ import annotations

import re
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import JSON, Enum, String, Text, cast, func, or_, select, update
from sqlalchemy.orm import Session

from arena import hooks
from arena.audit import record_event
from arena.auth.models import UserAccount
from arena.db import Base, utcnow
from arena.members.models import Member, Membership, Organisation
from arena.members.services import MemberError

REPLACEMENT = "[erased]"
MIN_NEEDLE = 4  # shorter names would blot out unrelated words


def erased_name(member_id: int) -> str:
    return f"Erased member #{member_id}"


def erase_member(
    session: Session, member: Member, actor_id: int | None = None, now: datetime | None = None
) -> None:
    if member.erased_at is not None:
        raise MemberError(_("This member was erased already."))
    now = now or utcnow()
    needles = [n for n in (member.name, member.email) if n and len(n) >= MIN_NEEDLE]
    old_email = member.email
    _rename_personal_organisations(session, member, needles)
    member.name = erased_name(member.id)
    member.email = None
    member.notes = None
    member.themes = []
    member.consent_given_at = member.consent_source = None
    member.unsubscribed_at = now
    member.is_former = True
    member.erased_at = now
    session.execute(
        update(Membership).where(Membership.member_id == member.id).values(position=None)
    )
    _disable_accounts(session, member.id, old_email)
    hooks.member_erased.send(session, member, now=now)
    session.flush()
    scrubbed = scrub_everywhere(session, needles)
    record_event(
        session, actor_id, "member.erase", f"member:{member.id}", columns_scrubbed=scrubbed
    )
    session.flush()
    session.expire_all()


def _disable_accounts(session: Session, member_id: int, email: str | None) -> None:
    conditions = [UserAccount.member_id == member_id]
    if email:
        conditions.append(UserAccount.email == email)
    for account in session.scalars(select(UserAccount).where(or_(*conditions))):
        account.email = f"erased-account-{account.id}@invalid"
        account.password_hash = None
        account.is_enabled = False
        account.member_id = None
    session.flush()


#: handled above (another person may share the name), so these are never searched
NOT_SEARCHED = {
    ("members", "name"),
    ("members", "email"),
    ("user_accounts", "email"),
    ("organisations", "name"),
    ("organisations", "name_key"),
}


def erased_organisation_name(organisation_id: int) -> str:
    return f"Erased organisation #{organisation_id}"


def _rename_personal_organisations(session: Session, member: Member, needles: list[str]) -> None:
    """Rename the organisations whose name is the person's data (see the module docstring)."""
    email = member.email.lower() if member.email in needles else ""
    name = member.name.lower() if member.name in needles else ""
    own = select(Membership.organisation_id).where(Membership.member_id == member.id)
    conditions = [Organisation.id.in_(own)]
    if email:
        conditions.append(Organisation.name_key.contains(email, autoescape=True))
    others = (
        select(Membership.organisation_id)
        .join(Member, Member.id == Membership.member_id)
        .where(Member.id != member.id, Member.erased_at.is_(None))
    )
    shared = set(session.scalars(others.where(Membership.organisation_id.in_(own))))
    for organisation in session.scalars(select(Organisation).where(or_(*conditions))):
        text = organisation.name.lower()
        holds_email = bool(email) and email in text
        named_after = bool(name) and name in text and organisation.id not in shared
        if holds_email or named_after:
            organisation.name = erased_organisation_name(organisation.id)  # sets name_key too
    session.flush()


def _text_columns():
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        for column in table.columns:
            if (table.name, column.name) in NOT_SEARCHED or isinstance(column.type, Enum):
                continue
            if isinstance(column.type, String | JSON) and len(pk) == 1:
                yield table, pk[0], column


def scrub_everywhere(session: Session, needles: list[str]) -> list[str]:
    """Replace each needle (any case) in every text and JSON column; returns columns touched."""
    if not needles:
        return []
    touched = []
    patterns = [re.compile(re.escape(n), re.IGNORECASE) for n in needles]
    for table, pk, column in _text_columns():
        text = func.lower(cast(column, Text))
        likes = [text.like(_loose_pattern(n), escape="\\") for n in needles]
        rows = session.execute(select(pk, column).where(or_(*likes))).all()
        for key, value in rows:
            replacement = f"[erased #{key}]" if column.unique else REPLACEMENT
            new = _replace(value, patterns, replacement)
            if new != value:
                session.execute(update(table).where(pk == key).values({column.name: new}))
                touched.append(f"{table.name}.{column.name}")
    return sorted(set(touched))


def _loose_pattern(needle: str) -> str:
    """A LIKE pattern that finds the needle in any case, escaped JSON included.

    SQLite lowers only ASCII letters and JSON may store "ë" as "\\u00eb", so each non-ASCII
    letter becomes a wildcard; the exact, case-insensitive match is then made in Python.
    """
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "%" + "".join(c if c.isascii() else "%" for c in escaped) + "%"


def _replace(value, patterns, replacement):
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(replacement, value)
        return value
    if isinstance(value, list):
        return [_replace(v, patterns, replacement) for v in value]
    if isinstance(value, dict):
        return {
            _replace(k, patterns, replacement): _replace(v, patterns, replacement)
            for k, v in value.items()
        }
    return value
