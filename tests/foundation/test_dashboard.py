"""Each role lands on its own dashboard, with real figures from the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.auth.models import Role
from arena.members.models import Organisation
from arena.wins.models import Mechanism, SmallWin, SmallWinMechanism


def _seed(db, make_member):
    members = [make_member() for _ in range(3)]
    db.add_all([Organisation(name="Gemeente Utrecht"), Organisation(name="UWV")])
    series = ArenaSeries(name="Waardevol Werk", theme="An inclusive labour market")
    db.add(series)
    db.flush()
    start = datetime.now(UTC) + timedelta(days=30)
    upcoming = Meeting(
        series_id=series.id,
        title="Arena 42: werk en inkomen",
        starts_dt=start,
        ends_dt=start + timedelta(hours=3),
        location="Utrecht",
    )
    held = Meeting(
        series_id=series.id,
        title="Arena 41",
        starts_dt=start - timedelta(days=120),
        ends_dt=start - timedelta(days=120) + timedelta(hours=3),
        state=MeetingState.HELD,
    )
    db.add_all([upcoming, held])
    win = SmallWin(
        title="Job coach joins the Wmo desk", happened_on=date(2026, 10, 1), author_id=members[0].id
    )
    win.mechanism_rows = [SmallWinMechanism(mechanism=Mechanism.CONNECTION)]
    db.add(win)
    db.flush()
    db.add(
        Attendance(meeting_id=upcoming.id, member_id=members[0].id, invited_dt=datetime.now(UTC))
    )
    db.commit()
    return members


def test_organiser_dashboard_shows_real_counts(client, db, make_member, make_account, login):
    _seed(db, make_member)
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
    client, db, make_member, make_account, login
):
    _seed(db, make_member)
    login(make_account(role=Role.PROGRAMME_LEAD))
    page = client.get("/").get_data(as_text=True)
    assert "Programme overview" in page
    assert 'href="/auth/accounts"' not in page
    assert client.get("/auth/accounts").status_code == 403


def test_member_dashboard_shows_their_own_invitations_and_wins(
    client, db, make_member, make_account, login
):
    members = _seed(db, make_member)
    login(make_account(role=Role.MEMBER, member_id=members[0].id))
    page = client.get("/").get_data(as_text=True)
    assert f"Welcome, {members[0].first_name}" in page
    assert "Your invitations" in page
    assert "Arena 42: werk en inkomen" in page
    assert 'data-count="my-wins">1<' in page


def test_dashboard_escapes_user_text(client, db, make_member, make_account, login):
    make_member(name="<script>alert(1)</script> Jansen")
    win = SmallWin(title="<img src=x onerror=alert(1)>", happened_on=date(2026, 1, 1))
    win.mechanism_rows = [SmallWinMechanism(mechanism=Mechanism.ENERGIZING)]
    db.add(win)
    db.commit()
    login(make_account(role=Role.ORGANISER))
    page = client.get("/").get_data(as_text=True)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
