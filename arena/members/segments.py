"""Segments: the member list's filters saved under a name, used as invitation audiences.

The invitations call ``members_in_segment`` to find an audience. It returns every member the
filters match (erased members never unless asked for); whoever mails them keeps to
``Member.may_be_mailed`` (or the segment was saved with ``consent=mailable``, the same rule).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from arena.audit import record_event
from arena.db import get_row
from arena.members.filters import clean_filters, member_filter_query
from arena.members.models import Member, Segment


class SegmentError(ValueError):
    """A segment that cannot be saved as asked; the message is for the user."""


def members_in_segment(session: Session, segment_id: int, now: datetime | None = None) -> Select:
    """A select of the segment's members (no order); an unknown segment selects nobody."""
    segment = get_row(session, Segment, segment_id)
    if segment is None:
        return select(Member).where(Member.id.is_(None))
    return member_filter_query(segment.filters or {}, now=now)


def count_members(session: Session, stmt: Select) -> int:
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def find_segment(session: Session, name: str) -> Segment | None:
    return session.scalar(select(Segment).where(Segment.name == name.strip()))


def save_segment(
    session: Session, name: str, filters: dict, actor_id: int | None = None
) -> Segment:
    """Save the filters under a name; an existing name is refused rather than overwritten."""
    name = " ".join(name.split())
    if not name:
        raise SegmentError(_("Give the segment a name."))
    if find_segment(session, name) is not None:
        raise SegmentError(_("A segment called “%(name)s” exists already.", name=name))
    segment = Segment(name=name, filters=clean_filters(filters))
    session.add(segment)
    session.flush()
    record_event(session, actor_id, "segment.create", f"segment:{segment.id}")
    return segment


def delete_segment(session: Session, segment: Segment, actor_id: int | None = None) -> None:
    record_event(session, actor_id, "segment.delete", f"segment:{segment.id}")
    session.delete(segment)
    session.flush()


def list_segments(session: Session) -> list[Segment]:
    return list(session.scalars(select(Segment).order_by(Segment.name)))


def segments_with_counts(session: Session) -> list[tuple[Segment, int]]:
    """Every segment with how many members it holds today: one count per segment, since each
    is a different filter (segments are few; each count is one indexed query)."""
    return [
        (segment, count_members(session, member_filter_query(segment.filters or {})))
        for segment in list_segments(session)
    ]
