"""Members of the network, their organisations, who works where, and saved segments."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from arena.db import Base, TimestampMixin, UTCDateTime, str_enum


class StakeholderRole(enum.StrEnum):
    """Who a member is in the transition; diversity of these is a success factor of arenas."""

    PROVIDER = "provider"
    MUNICIPALITY = "municipality"
    CLIENT = "client"  # client or experience expert
    EMPLOYER = "employer"
    SOCIAL_ENTREPRENEUR = "social-entrepreneur"
    POLICY_MAKER = "policy-maker"
    RESEARCHER = "researcher"
    OTHER = "other"


def normalise_email(email: str | None) -> str | None:
    email = (email or "").strip().lower()
    return email or None


def organisation_key(name: str) -> str:
    """How organisations are matched: case and surrounding or repeated space ignored."""
    return " ".join(name.split()).lower()


#: Who may be mailed, the one rule every mailing uses (invitations, reminders, segments,
#: declined examples, reflections, "did it stick?"): the reasons a member may NOT be, checked
#: in this order, each as (reason, column, "set" or "missing"): blocked while the column holds
#: a value, or while it is empty. ``Member.may_be_mailed`` (Python and SQL) and
#: ``not_mailed_reason`` both read this table; a new reason is one more line here.
NOT_MAILED_BECAUSE = (
    ("erased", "erased_at", "set"),
    ("unsubscribed", "unsubscribed_at", "set"),
    ("no-email", "email", "missing"),
    ("bouncing", "email_bouncing_at", "set"),
    ("no-consent", "consent_given_at", "missing"),
)


def not_mailed_reason(values) -> str | None:
    """Why this member (a Member, or a row with the columns above) may not be mailed; None
    when they may."""
    for reason, column, blocks_when in NOT_MAILED_BECAUSE:
        present = getattr(values, column) not in (None, "")
        if present == (blocks_when == "set"):
            return reason
    return None


def _allows(column, blocks_when: str) -> ColumnElement[bool]:
    return column.is_(None) if blocks_when == "set" else column.is_not(None)


def mailable_sql() -> str:
    """``Member.may_be_mailed`` as the SQL of a partial index's WHERE (both databases): a
    query that filters on the rule names every one of these terms, so it can use the index."""
    return " AND ".join(
        f"{column} IS {'NULL' if when == 'set' else 'NOT NULL'}"
        for _, column, when in NOT_MAILED_BECAUSE
    )


class Organisation(TimestampMixin, Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the name as people write it
    name: Mapped[str] = mapped_column(String(200))
    #: the name folded for matching; unique, so "Gemeente X" and "gemeente  x" are one
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    #: e.g. care, education, government, business, social enterprise
    sector: Mapped[str | None] = mapped_column(String(100), index=True)
    #: e.g. Wmo (social support), work and income, youth
    policy_domain: Mapped[str | None] = mapped_column(String(100), index=True)
    #: indexed: the member list offers every place in use as a filter, on every view
    place: Mapped[str | None] = mapped_column(String(100), index=True)

    memberships: Mapped[list[Membership]] = relationship(back_populates="organisation")

    @validates("name")
    def _set_key(self, _key: str, value: str) -> str:
        value = " ".join(value.split())
        self.name_key = organisation_key(value)
        return value


class Member(TimestampMixin, Base):
    __tablename__ = "members"
    __table_args__ = (
        # Emails are stored folded, so the unique constraint is case-insensitive in the database.
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        # The member list's first page and its total without reading every member (at 200,000
        # members: 17 ms instead of 270 ms for sorting them all); erased members are not listed.
        Index(
            "ix_members_listed_by_name",
            "name",
            "id",
            sqlite_where=text("erased_at IS NULL"),
            postgresql_where=text("erased_at IS NULL"),
        ),
        # The erased, few: the unfiltered list's total is all members less these (SQLite would
        # not count from the index above and read every member, 55-90 ms at 200,000).
        Index(
            "ix_members_erased",
            "erased_at",
            sqlite_where=text("erased_at IS NOT NULL"),
            postgresql_where=text("erased_at IS NOT NULL"),
        ),
        # The former, few: the dashboard's active members are all less these (counting
        # "is_former IS false" read every member, 44-47 ms at 200,000).
        Index(
            "ix_members_former",
            "id",
            sqlite_where=text("is_former IS 1"),
            postgresql_where=text("is_former IS true"),
        ),
        # "Attended since" (the member list's attended filters) as one range, with a page of
        # names read from the index alone: "attended last year" at 200,000 members took 5.7x
        # less SQL time on PostgreSQL (527 -> 93 ms on a machine at load 6, same rows).
        Index(
            "ix_members_last_attended",
            "last_attended_dt",
            "name",
            "id",
            sqlite_where=text("erased_at IS NULL AND last_attended_dt IS NOT NULL"),
            postgresql_where=text("erased_at IS NULL AND last_attended_dt IS NOT NULL"),
        ),
        # Whom a mailing may reach, by role, in name order (the member list's "role + may be
        # mailed", a role's invitation audience): counted and paged from the index. Without it
        # SQLite read all 200,000 members to count the 30,574 mailable municipalities and
        # sorted them. Its WHERE is ``may_be_mailed`` itself (migration pages_0003 wrote the
        # same; tests/members/test_mailable_index.py checks that the rule's queries use it).
        Index(
            "ix_members_mailable_by_role",
            "role",
            "name",
            "id",
            sqlite_where=text(mailable_sql()),
            postgresql_where=text(mailable_sql()),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: lower-cased; None when we have no address (such members are never mailed)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    role: Mapped[StakeholderRole] = mapped_column(
        str_enum(StakeholderRole, "stakeholder_role"), default=StakeholderRole.OTHER
    )
    #: themes and interests, free words chosen by the member
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: the member's own time zone for invitation times
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    #: the language of pages and mails the member chose ("nl", "en"); None: as their browser
    #: says (mails: Dutch). A code the app does not know counts as None, never an error.
    language: Mapped[str | None] = mapped_column(String(8))
    #: when and how the member agreed to be kept informed (GDPR/AVG)
    consent_given_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consent_source: Mapped[str | None] = mapped_column(String(200))
    #: set when the member unsubscribed; they are never mailed again
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: permanent refusals (5xx) of the current address; reset when the address changes
    bounce_count: Mapped[int] = mapped_column(default=0, server_default="0")
    #: set once ``bounce_count`` reached ARENA_BOUNCE_LIMIT: not mailed until the address changes
    email_bouncing_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: a former participant: kept in history, not in the active network
    is_former: Mapped[bool] = mapped_column(default=False)
    #: set when personal data was erased; the row stays as an anonymous node
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    notes: Mapped[str | None] = mapped_column(Text)
    #: raised to revoke the member's private calendar feed address (members/calendar_feed.py)
    calendar_feed_version: Mapped[int] = mapped_column(default=0, server_default="0")
    #: the start of the latest session the member attended; None if none. Written only by the
    #: database's triggers on attendances and meetings (migration members_0001), never here;
    #: read by the attended filters of the sessions package (arena/arenas/network.py)
    last_attended_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )

    @validates("email")
    def _fold_email(self, _key: str, value: str | None) -> str | None:
        value = normalise_email(value)
        if value != self.email:
            # a fixed (or any new) address starts with a clean slate
            self.bounce_count = 0
            self.email_bouncing_at = None
        return value

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name else ""

    @hybrid_property
    def may_be_mailed(self) -> bool:
        """True when nothing in ``NOT_MAILED_BECAUSE`` holds; in a query, the same as SQL."""
        return not_mailed_reason(self) is None

    @may_be_mailed.inplace.expression
    @classmethod
    def _may_be_mailed_expression(cls) -> ColumnElement[bool]:
        return and_(*(_allows(getattr(cls, c), when) for _, c, when in NOT_MAILED_BECAUSE))

    @classmethod
    def mailing_columns(cls) -> list:
        """The columns ``not_mailed_reason`` reads, to select beside a member's id."""
        return [getattr(cls, column) for _, column, _ in NOT_MAILED_BECAUSE]


class Membership(Base):
    """A member working at or for an organisation, over a period."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("member_id", "organisation_id", "since"),
        # NULL "since" values never collide in the constraint above.
        Index(
            "uq_memberships_undated",
            "member_id",
            "organisation_id",
            unique=True,
            sqlite_where=text("since IS NULL"),
            postgresql_where=text("since IS NULL"),
        ),
        # An organisation's current people, its former people by date and everyone who ever
        # worked there, from the index alone (migration orgpage_0001): the organisation page
        # of the biggest organisation, 2,800 people at 200,000 members, read each membership
        # row once per list.
        Index("ix_memberships_organisation_until_member", "organisation_id", "until", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    #: the member's position there, e.g. "policy advisor"
    position: Mapped[str | None] = mapped_column(String(200))

    member: Mapped[Member] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")


class Segment(TimestampMixin, Base):
    """A saved filter over members with a name, used as an invitation audience."""

    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: the filter as the member list understands it, e.g. {"role": "municipality"}
    filters: Mapped[dict] = mapped_column(JSON, default=dict)
