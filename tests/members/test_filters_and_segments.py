"""The list's filters, and segments as the invitation feature uses them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from arena.arenas.models import SeriesFollower
from arena.auth.models import Role
from arena.members.filters import member_filter_query
from arena.members.models import Segment, StakeholderRole
from arena.members.segments import SegmentError, members_in_segment, save_segment
from tests.members.conftest import NOW


def _names(db, filters) -> list[str]:
    return sorted(m.name for m in db.scalars(member_filter_query(filters, now=NOW)))


@pytest.fixture
def network(db, make_member, make_organisation, employ, make_series, make_meeting, attend):
    care = make_organisation("Zorggroep", sector="care", policy_domain="Wmo", place="Zwolle")
    town = make_organisation("Gemeente Kampen", sector="government", place="Kampen")
    series = make_series(name="Waardevol Werk")
    other_series = make_series()
    ann = make_member(name="Ann", role=StakeholderRole.MUNICIPALITY)
    ann.consent_given_at = NOW
    bob = make_member(name="Bob", role=StakeholderRole.PROVIDER, is_former=True)
    bob.consent_given_at, bob.unsubscribed_at = NOW, NOW
    cas = make_member(name="Cas", role=StakeholderRole.PROVIDER)
    db.add(SeriesFollower(series_id=other_series.id, member_id=cas.id, followed_dt=NOW))
    db.commit()
    employ(ann, town)
    employ(bob, care)
    employ(cas, care, until=NOW.date() - timedelta(days=1))
    attend(ann, make_meeting(series, starts=NOW - timedelta(days=100)))
    attend(bob, make_meeting(series, starts=NOW - timedelta(days=500)))
    attend(cas, make_meeting(series, starts=NOW - timedelta(days=10)), attended=False)
    return {"series": series, "other_series": other_series, "care": care}


def test_each_filter_narrows_the_list(db, network):
    assert _names(db, {}) == ["Ann", "Bob", "Cas"]
    assert _names(db, {"role": "provider"}) == ["Bob", "Cas"]
    assert _names(db, {"sector": "care"}) == ["Bob"]  # Cas left the organisation
    assert _names(db, {"policy_domain": "Wmo"}) == ["Bob"]
    assert _names(db, {"place": "Kampen"}) == ["Ann"]
    assert _names(db, {"organisation": str(network["care"].id)}) == ["Bob"]
    assert _names(db, {"series": str(network["series"].id)}) == ["Ann", "Bob", "Cas"]
    assert _names(db, {"series": str(network["other_series"].id)}) == ["Cas"]
    assert _names(db, {"status": "active"}) == ["Ann", "Cas"]
    assert _names(db, {"status": "former"}) == ["Bob"]
    assert _names(db, {"consent": "given"}) == ["Ann"]
    assert _names(db, {"consent": "missing"}) == ["Cas"]
    assert _names(db, {"consent": "unsubscribed"}) == ["Bob"]
    assert _names(db, {"attended": "last-year"}) == ["Ann"]
    assert _names(db, {"attended_since": "2024-01-01"}) == ["Ann", "Bob"]
    assert _names(db, {"role": "provider", "status": "active"}) == ["Cas"]


def test_nonsense_filter_values_match_nobody_rather_than_crash(db, network):
    assert _names(db, {"role": "astronaut"}) == []
    assert _names(db, {"series": "x"}) == []
    assert _names(db, {"attended_since": "yesterday"}) == []
    assert _names(db, {"q": "%_\\"}) == []


def test_mailable_consent_leaves_out_members_without_email_or_consent(db, make_member):
    make_member(name="Mailable", consent_given_at=NOW)
    make_member(name="No address", email=None, consent_given_at=NOW)
    make_member(name="No consent")
    assert _names(db, {"consent": "mailable"}) == ["Mailable"]


def test_a_segment_is_worked_out_again_each_time(db, make_member):
    make_member(name="First", role=StakeholderRole.MUNICIPALITY)
    segment = save_segment(db, "All municipalities", {"role": "municipality", "junk": "x"})
    db.commit()
    assert segment.filters == {"role": "municipality"}
    make_member(name="Later", role=StakeholderRole.MUNICIPALITY)
    make_member(name="Not one", role=StakeholderRole.EMPLOYER)
    names = sorted(m.name for m in db.scalars(members_in_segment(db, segment.id)))
    assert names == ["First", "Later"]
    assert list(db.scalars(members_in_segment(db, 999))) == []
    with pytest.raises(SegmentError):
        save_segment(db, " All  municipalities ", {})


def test_erased_members_are_never_in_a_segment(db, make_member):
    make_member(name="Gone", erased_at=datetime(2025, 1, 1, tzinfo=UTC))
    segment = save_segment(db, "Everyone", {})
    assert list(db.scalars(members_in_segment(db, segment.id))) == []


def test_organiser_saves_the_list_filters_as_a_segment(make_account, login, db, make_member):
    make_member(name="Muni One", role=StakeholderRole.MUNICIPALITY)
    client = login(make_account(role=Role.ORGANISER))
    listing = client.get("/members/?role=municipality").get_data(as_text=True)
    assert "Save these filters as a segment" in listing
    response = client.post("/segments/new", data={"name": "Municipalities", "role": "municipality"})
    assert response.status_code == 302
    segment = db.query(Segment).one()
    assert segment.filters == {"role": "municipality"}
    page = client.get("/segments/").get_data(as_text=True)
    assert "Municipalities" in page and "role: municipality" in page
    exported = client.get(f"/network/export/segments/{segment.id}.csv").get_data(as_text=True)
    assert "Muni One" in exported
