"""CSV exports of members, segments and organisations, openable in Excel.

The member export has exactly the columns the import reads, so exporting and importing the
file again changes nothing. Members without an email address are left out of it: the import
matches rows by email, so such a row could never come back.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy.orm import Session

from arena.members.csvfile import EXPORT_COLUMNS, headers_for, write_rows
from arena.members.filters import member_filter_query
from arena.members.listing import organisation_filter_query, with_organisations
from arena.members.models import Member, Organisation
from arena.members.segments import count_members

ORGANISATION_COLUMNS = ("organisation", "sector", "policy_domain", "place")


def member_row(member: Member) -> list[str]:
    current = [m.organisation for m in member.memberships if m.until is None]
    current.sort(key=lambda o: o.name_key)
    single = current[0] if len(current) == 1 else None
    consented = member.consent_given_at is not None and member.unsubscribed_at is None
    return [
        member.email or "",
        member.name,
        "|".join(o.name for o in current),
        member.role.value,
        (single.sector or "") if single else "",
        (single.policy_domain or "") if single else "",
        (single.place or "") if single else "",
        "|".join(member.themes or []),
        "yes" if consented else "no",
        member.language or "",
    ]


def member_rows(session: Session, filters: dict, now: datetime | None = None) -> Iterator[list]:
    stmt = with_organisations(
        member_filter_query(filters, now=now)
        .where(Member.email.is_not(None))
        .order_by(Member.email)
    )
    for member in session.scalars(stmt.execution_options(yield_per=2000)):
        yield member_row(member)


def export_members_csv(
    session: Session, filters: dict, delimiter: str = ";", now: datetime | None = None,
    language: str | None = None,
) -> str:  # fmt: skip
    """The members as CSV; a Dutch reader (``language`` "nl") gets Dutch column headers."""
    headers = headers_for(EXPORT_COLUMNS, language)
    return write_rows(member_rows(session, filters, now), headers, delimiter)


def left_out_without_email(session: Session, filters: dict, now: datetime | None = None) -> int:
    return count_members(
        session, member_filter_query(filters, now=now).where(Member.email.is_(None))
    )


def export_organisations_csv(
    session: Session, filters: dict, delimiter: str = ";", language: str | None = None
) -> str:
    stmt = organisation_filter_query(filters).order_by(Organisation.name_key)
    rows = (
        [o.name, o.sector or "", o.policy_domain or "", o.place or ""]
        for o in session.scalars(stmt.execution_options(yield_per=2000))
    )
    return write_rows(rows, headers_for(ORGANISATION_COLUMNS, language), delimiter)
