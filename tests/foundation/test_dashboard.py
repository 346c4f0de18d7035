"""Each role lands on its own dashboard, with real figures from the database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from arena.arenas.models import MeetingState
from arena.auth.models import Role
from arena.db import utcnow
from arena.members.models import Member
from arena.wins.models import Mechanism


@pytest.fixture
def seeded(factories) -> list[Member]:
    """Three members, two organisations, a session to come and one held, a small win."""
    members = [factories.member() for _ in range(3)]
    factories.organisation("Gemeente Utrecht")
    factories.organisation("UWV")
    series = factories.series(name="Waardevol Werk")
    upcoming = factories.meeting(series, title="Arena 42: werk en inkomen", location="Utrecht")
    held_at = upcoming.starts_dt - timedelta(days=120)
    factories.meeting(series, held_at, title="Arena 41", state=MeetingState.HELD)
    factories.win(
        members[0], "Job coach joins the Wmo desk", happened_on=date(2026, 10, 1),
        mechanisms=(Mechanism.CONNECTION,),
    )  # fmt: skip
    factories.attend(members[0], upcoming, attended=False, response=None, invited_dt=utcnow())
    return members


def test_organiser_dashboard_shows_real_counts(client, seeded, make_account, login):
    login(make_account(role=Role.ORGANISER))
    page = client.get("/").get_data(as_text=True)
    assert "Organiser dashboard" in page
    assert 'data-count="members">3<' in page
    assert 'data-count="organisations">2<' in page
    assert 'data-count="sessions-held">1<' in page
    assert 'data-count="small-wins">1<' in page
    assert "Arena 42: werk en inkomen" in page
    assert "Job coach joins the Wmo desk" in page
    assert "Connection" in page


def test_programme_lead_sees_the_overview_without_organiser_pages(
    client, seeded, make_account, login
):
    login(make_account(role=Role.PROGRAMME_LEAD))
    page = client.get("/").get_data(as_text=True)
    assert "Programme overview" in page
    assert 'href="/auth/accounts"' not in page
    assert client.get("/auth/accounts").status_code == 403


def test_member_dashboard_shows_their_own_invitations_and_wins(client, seeded, make_account, login):
    members = seeded
    login(make_account(role=Role.MEMBER, member_id=members[0].id))
    page = client.get("/").get_data(as_text=True)
    assert f"Welcome, {members[0].first_name}" in page
    assert "Your invitations" in page
    assert "Arena 42: werk en inkomen" in page
    assert 'data-count="my-wins">1<' in page


def test_dashboard_escapes_user_text(client, make_member, make_win, make_account, login):
    make_member(name="<script>alert(1)</script> Jansen")
    make_win(title="<img src=x onerror=alert(1)>", happened_on=date(2026, 1, 1))
    login(make_account(role=Role.ORGANISER))
    page = client.get("/").get_data(as_text=True)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
