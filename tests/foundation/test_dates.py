"""An impossible date such as 2026-02-30 is refused as "not a date" on every form, in the
reader's language, and nothing is saved."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from arena.arenas.models import Meeting
from arena.auth.models import Role
from arena.config import PROJECT_ROOT
from arena.wins.models import SmallWin


def _win(day: str) -> dict:
    return {
        "title": "Job coach joins the benefits desk",
        "what_changed": "We now plan together.",
        "happened_on": day,
        "mechanisms": ["connection"],
        "meeting": "0",
        "practice_example": "0",
    }


def _session(series, day: str) -> dict:
    return {
        "title": "Neighbourhood care teams",
        "day": day,
        "starts_at": "14:00",
        "ends_at": "17:00",
        "location": "Zwolle",
        "programme": series.default_programme,
        "invitation_subject": series.invitation_subject,
        "invitation_body": series.invitation_body,
        "reminder_days_before": "7",
        "reminder_to": "unanswered",
    }


def test_a_small_win_on_february_30_is_not_a_date(app, db, make_account, login):
    client = login(make_account(role=Role.MEMBER))
    response = client.post("/wins/new", data=_win("2026-02-30"))
    assert response.status_code == 200
    assert "2026-02-30 is not a date." in response.get_data(as_text=True)
    dutch = client.post("/wins/new", data=_win("2026-02-30"), headers={"Accept-Language": "nl"})
    assert "2026-02-30 is geen datum." in dutch.get_data(as_text=True)
    assert db.scalar(select(func.count(SmallWin.id))) == 0
    assert client.post("/wins/new", data=_win("2026-02-28")).status_code == 302


def test_a_session_on_february_30_is_not_a_date(app, db, make_series, make_account, login):
    series = make_series()
    client = login(make_account(role=Role.ORGANISER))
    response = client.post(f"/sessions/new/{series.id}", data=_session(series, "2026-02-30"))
    assert response.status_code == 200
    assert "2026-02-30 is not a date." in response.get_data(as_text=True)
    assert db.scalar(select(func.count(Meeting.id))) == 0


def test_every_form_uses_the_date_field_that_says_so():
    direct = [
        str(path.relative_to(PROJECT_ROOT))
        for path in (PROJECT_ROOT / "arena").rglob("*.py")
        if path.name != "forms.py" or path.parent.name != "arena"
        if re.search(r"from wtforms(\.fields)? import [^\n]*\bDateField\b|^\s+DateField,$|"
                     r"wtforms\.DateField", path.read_text(encoding="utf-8"), re.M)
    ]  # fmt: skip
    assert direct == []
