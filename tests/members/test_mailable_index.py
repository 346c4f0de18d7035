"""Whom a mailing may reach, by role: the rule's queries find the partial index that holds them.

The index's WHERE is ``Member.may_be_mailed`` written out (``mailable_sql``); a database uses a
partial index only for a query whose conditions imply it, so a rule that changed without the
index (or the other way round) would silently read every member again.
"""

from __future__ import annotations

from sqlalchemy import func

from arena.members.filters import member_filter_query
from arena.members.listing import member_page
from arena.members.models import Member, StakeholderRole
from tests.members.conftest import NOW
from tests.queries import query_plan as _plan


def test_counting_mailable_members_of_a_role_uses_the_mailable_index(db, make_member):
    make_member(role=StakeholderRole.MUNICIPALITY, consent_given_at=NOW)
    stmt = member_filter_query({"role": "municipality", "consent": "mailable"}, now=NOW)
    plan = _plan(db, stmt.with_only_columns(func.count(Member.id)))
    assert "ix_members_mailable_by_role" in plan


def test_the_list_by_role_and_mailable_shows_exactly_whom_the_rule_allows(db, make_member):
    mailable = [
        make_member(name=name, role=StakeholderRole.MUNICIPALITY, consent_given_at=NOW)
        for name in ("Cas", "Ann", "Bea")
    ]
    make_member(name="Dirk", role=StakeholderRole.PROVIDER, consent_given_at=NOW)
    make_member(name="Eva", role=StakeholderRole.MUNICIPALITY)  # no consent
    make_member(name="Fien", role=StakeholderRole.MUNICIPALITY, email=None, consent_given_at=NOW)
    unsubscribed = make_member(name="Gijs", role=StakeholderRole.MUNICIPALITY)
    unsubscribed.consent_given_at, unsubscribed.unsubscribed_at = NOW, NOW
    bouncing = make_member(name="Hans", role=StakeholderRole.MUNICIPALITY)
    bouncing.consent_given_at, bouncing.email_bouncing_at = NOW, NOW
    erased = make_member(name="Ida", role=StakeholderRole.MUNICIPALITY, consent_given_at=NOW)
    erased.erased_at = NOW
    db.flush()
    page = member_page(db, {"role": "municipality", "consent": "mailable"}, "name", 1, 2, now=NOW)
    assert [m.name for m in page.items] == ["Ann", "Bea"]
    assert page.total == 3
    assert all(m.may_be_mailed for m in mailable)
    last = member_page(db, {"role": "municipality", "consent": "mailable"}, "name", 2, 2, now=NOW)
    assert [m.name for m in last.items] == ["Cas"]
