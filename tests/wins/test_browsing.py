"""Browsing: the timeline's filters, and the chart per mechanism per quarter."""

from __future__ import annotations

from datetime import date

from arena.auth.models import Role
from arena.wins.browse import WinFilters, counts_per_quarter, timeline
from arena.wins.models import Mechanism as M


def test_filters_narrow_the_timeline(
    app, db, make_win, make_organisation, make_meeting, make_series
):
    care = make_organisation(name="Care Org", sector="care")
    firm = make_organisation(name="Firm", sector="business")
    series = make_series()
    meeting = make_meeting(series=series)
    make_win(
        title="a", mechanisms=[M.ENERGIZING], organisation_id=care.id, happened_on=date(2024, 2, 1)
    )
    make_win(
        title="b",
        mechanisms=[M.CONNECTION, M.ENERGIZING],
        organisation_id=firm.id,
        meeting_id=meeting.id,
        happened_on=date(2024, 5, 1),
    )
    make_win(title="c", mechanisms=[M.ROBUSTNESS], happened_on=date(2025, 1, 1))

    def titles(**kw):
        return sorted(w.title for w in timeline(db, WinFilters(**kw))[0])

    assert titles() == ["a", "b", "c"]
    assert titles(mechanism=M.ENERGIZING) == ["a", "b"]
    assert titles(sector="business") == ["b"]
    assert titles(organisation_id=care.id) == ["a"]
    assert titles(series_id=series.id) == ["b"] == titles(meeting_id=meeting.id)
    assert titles(date_from=date(2024, 3, 1), date_to=date(2024, 12, 31)) == ["b"]


def test_the_timeline_page_filters_by_organisation_name_and_reports_bad_dates(
    app, db, make_win, make_organisation, make_account, login
):
    org = make_organisation(name="Stichting Werk")
    make_win(title="Kept", organisation_id=org.id)
    make_win(title="Dropped")
    client = login(make_account(role=Role.MEMBER))
    body = client.get("/wins/?organisation=stichting+werk").get_data(as_text=True)
    assert "Kept" in body and "Dropped" not in body
    body = client.get("/wins/?from=yesterday").get_data(as_text=True)
    assert "From is not a date." in body


def test_counts_per_mechanism_per_quarter_in_chart_and_table(
    app, db, make_win, make_account, login
):
    make_win(mechanisms=[M.ENERGIZING, M.OIL_SPOT], happened_on=date(2024, 1, 5))
    make_win(mechanisms=[M.ENERGIZING], happened_on=date(2024, 3, 31))
    make_win(mechanisms=[M.OIL_SPOT], happened_on=date(2024, 10, 1))
    counts = counts_per_quarter(db, WinFilters())
    assert counts[M.ENERGIZING] == {"2024 Q1": 2}
    assert counts[M.OIL_SPOT] == {"2024 Q1": 1, "2024 Q4": 1}
    body = (
        login(make_account(role=Role.PROGRAMME_LEAD)).get("/wins/mechanisms").get_data(as_text=True)
    )
    assert "<svg" in body and body.count('class="chart-bar"') == 3
    for quarter in ("2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4"):  # empty quarters shown too
        assert f'<th scope="row">{quarter}</th>' in body
    assert 'data-total="energizing">2<' in body and 'data-total="oil-spot">2<' in body
    assert "<script" not in body.split("<main")[1].split("</main>")[0]  # the chart needs no JS
