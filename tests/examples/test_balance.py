"""Balance warnings: two frontrunners, or two examples from the same sector, in one session."""

from __future__ import annotations

from datetime import UTC, datetime

from arena.auth.models import Role
from arena.db import utcnow
from arena.examples.balance import upcoming_balance, year_balance
from arena.examples.models import ExampleStatus, Maturity


def _plan(make_example, meeting, slot, **kw):
    return make_example(meeting_id=meeting.id, slot=slot, status=ExampleStatus.SCHEDULED, **kw)


def test_two_frontrunners_in_one_session_are_flagged(
    app, db, make_example, make_meeting, make_organisation
):
    meeting = make_meeting()
    _plan(
        make_example,
        meeting,
        1,
        maturity=Maturity.FRONTRUNNER,
        organisations=[make_organisation(sector="care")],
    )
    _plan(
        make_example,
        meeting,
        2,
        maturity=Maturity.FRONTRUNNER,
        organisations=[make_organisation(sector="education")],
    )
    (row,) = upcoming_balance(db, utcnow())
    assert len(row.warnings) == 1 and "Two frontrunners" in row.warnings[0]


def test_two_examples_from_one_sector_are_flagged(
    app, db, make_example, make_meeting, make_organisation
):
    meeting = make_meeting()
    _plan(
        make_example,
        meeting,
        1,
        maturity=Maturity.FRONTRUNNER,
        organisations=[make_organisation(sector="care"), make_organisation(sector="housing")],
    )
    _plan(make_example, meeting, 2, organisations=[make_organisation(sector="care")])
    (row,) = upcoming_balance(db, utcnow())
    assert row.warnings == ["Two examples from the same sector: care."]


def test_a_balanced_session_has_no_warning_and_the_board_shows_it(
    app, db, make_example, make_meeting, make_organisation, make_account, login
):
    balanced, crowded = make_meeting(title="Balanced"), make_meeting(title="Crowded")
    _plan(
        make_example,
        balanced,
        1,
        maturity=Maturity.FRONTRUNNER,
        organisations=[make_organisation(sector="care")],
    )
    _plan(make_example, balanced, 2, organisations=[make_organisation(sector="business")])
    _plan(make_example, crowded, 1, maturity=Maturity.FRONTRUNNER)
    _plan(make_example, crowded, 2, maturity=Maturity.FRONTRUNNER)
    rows = {row.meeting.title: row for row in upcoming_balance(db, utcnow())}
    assert rows["Balanced"].warnings == []
    body = login(make_account(role=Role.ORGANISER)).get("/examples/").get_data(as_text=True)
    assert body.count("Two frontrunners") == 1


def test_the_year_counts_frontrunners_starters_and_sectors(
    app, db, make_example, make_meeting, make_organisation, make_account, login
):
    spring = make_meeting(starts=datetime(2024, 4, 1, 12, tzinfo=UTC))
    autumn = make_meeting(starts=datetime(2024, 10, 1, 12, tzinfo=UTC))
    other_year = make_meeting(starts=datetime(2023, 10, 1, 12, tzinfo=UTC))
    care = make_organisation(sector="care")
    _plan(make_example, spring, 1, maturity=Maturity.FRONTRUNNER, organisations=[care])
    _plan(make_example, spring, 2, maturity=Maturity.FRONTRUNNER, organisations=[care])
    _plan(make_example, autumn, 1, organisations=[make_organisation(sector="business")])
    _plan(make_example, other_year, 1, maturity=Maturity.FRONTRUNNER)
    result = year_balance(db, 2024)
    assert result.maturity[Maturity.FRONTRUNNER] == 2
    assert result.maturity[Maturity.STARTING] == 1
    assert result.sectors == {"care": 2, "business": 1}
    assert result.sessions_with_warnings == 1
    body = login(make_account(role=Role.PROGRAMME_LEAD)).get("/examples/balance?year=2024")
    assert 'data-count="frontrunner">2<' in body.get_data(as_text=True)
