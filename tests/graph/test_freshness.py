"""Stored results know when the data moved on: the fingerprint, the page's check, the job."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from arena.arenas.models import Attendance
from arena.auth.models import Role
from arena.db import utcnow
from arena.graph.fingerprint import MAX_RESULT_AGE, source_fingerprints
from arena.graph.models import GraphResult
from arena.graph.queries import Scope
from arena.graph.services import (
    GRAPH_PREFIX,
    MAX_REFRESHED_VIEWS,
    View,
    refresh_stale_views,
    stored_view,
)
from arena.members.models import Membership
from arena.wins.models import SmallWinMechanism
from tests.queries import recorded_statements


def test_the_fingerprint_sees_every_change_a_graph_reads(db, plant):
    a, b = plant.org("Alpha"), plant.org("Beta")
    person = plant.member(a)
    meeting = plant.meeting(date(2021, 3, 1))
    db.add(Attendance(meeting_id=meeting.id, member_id=person.id, is_attended=False))
    win = plant.win("Pilot", date(2021, 4, 1), org=a, mechanisms=("oil-spot",))
    example = plant.present(meeting, person)
    other, copy = plant.member(b), plant.win("Copy", date(2021, 6, 1), org=b)
    plant.commit()
    seen = {tuple(source_fingerprints(db).values())}

    def changed(change) -> None:
        change()
        db.commit()
        value = tuple(source_fingerprints(db).values())
        assert value not in seen, change.__name__
        seen.add(value)

    def moved_job():
        db.scalars(
            select(Membership).where(Membership.member_id == person.id)
        ).one().organisation_id = b.id

    def ended_job():
        db.scalars(select(Membership).where(Membership.member_id == person.id)).one().until = date(
            2022, 1, 1
        )

    def checked_in():
        db.scalars(select(Attendance)).one().is_attended = True

    def mechanism_swapped():
        win.mechanism_rows = [SmallWinMechanism(mechanism="connection")]

    def inspiration_added():
        copy.inspired_by = [win]

    def presenter_swapped():
        example.presenters = [other]

    def series_renamed():
        plant.series.name = "Renamed series"

    for change in (
        moved_job, ended_job, checked_in, mechanism_swapped, inspiration_added,
        presenter_swapped, series_renamed,
    ):  # fmt: skip
        changed(change)


def test_a_page_sees_a_change_at_once(db, client, make_account, login, plant):
    """Checking is reading one row: no page reuses an older check."""
    plant.collaborate(date(2022, 1, 1), plant.org("One"), plant.org("Two"))
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    login(make_account(role=Role.PROGRAMME_LEAD))
    assert "it had not changed since" in client.get("/graph/").get_data(as_text=True)
    plant.org("Three")
    plant.commit()
    assert "it had changed since" in client.get("/graph/").get_data(as_text=True)


def test_the_job_recomputes_a_day_old_result_even_without_changes(db, plant):
    plant.collaborate(date(2022, 1, 1), plant.org("One"), plant.org("Two"))
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    assert refresh_stale_views(db, now=utcnow() + timedelta(hours=1)) == []
    later = utcnow() + MAX_RESULT_AGE + timedelta(minutes=1)
    assert refresh_stale_views(db, now=later) == ["organisations:all", "people:all", "wins:all"]
    db.commit()
    assert stored_view(db, View("people")).result.computed_dt == later


def test_views_of_one_scope_read_the_data_once(db, plant):
    plant.collaborate(date(2022, 1, 1), plant.org("One"), plant.org("Two"))
    plant.commit()
    with recorded_statements(db.get_bind()) as statements:
        refresh_stale_views(db)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    from_attendances = [s for s in reads if "FROM attendances" in s]
    # the rows shared by the three kinds of graph (the fingerprint reads the versions alone)
    assert len(from_attendances) == 1, from_attendances
    keys = set(db.scalars(select(GraphResult.key)))
    assert {"people:all", *View("people").part_keys} <= keys
    assert GRAPH_PREFIX + "people:all" not in keys  # kept by the first download, not the job


def test_the_job_forgets_views_nobody_asked_for_lately(db, plant):
    plant.org("One")
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    fingerprint = stored_view(db, View("people")).result.source_fingerprint
    start = utcnow()
    for n in range(1, MAX_REFRESHED_VIEWS + 3):  # newest first
        view = View("people", Scope(series_id=n))
        for key in [view.key, *view.part_keys]:
            db.add(
                GraphResult(
                    key=key,
                    source_fingerprint=fingerprint,
                    computed_dt=start - timedelta(minutes=n),
                    data={},
                )
            )
    db.commit()
    assert refresh_stale_views(db) == []
    db.commit()
    keys = set(db.scalars(select(GraphResult.key)))
    kept = {
        key
        for n in range(1, MAX_REFRESHED_VIEWS + 1)
        for view in [View("people", Scope(series_id=n))]
        for key in [view.key, *view.part_keys]
    }
    defaults = [View(kind) for kind in ("organisations", "people", "wins")]
    assert keys == kept | {key for v in defaults for key in [v.key, *v.part_keys]}


def test_a_change_recomputes_only_the_kinds_of_graph_that_read_it(db, plant):
    a, b = plant.org("Alpha"), plant.org("Beta")
    one, other = plant.member(a), plant.member(b)
    meeting = plant.meeting(date(2021, 3, 1))
    plant.attend(meeting, one, other)
    first = plant.win("Pilot", date(2021, 4, 1), org=a)
    copy = plant.win("Copy", date(2021, 6, 1), org=b)
    plant.commit()
    refresh_stale_views(db)
    db.commit()
    copy.inspired_by = [first]
    db.commit()
    assert refresh_stale_views(db) == ["wins:all"]
    db.commit()
    plant.present(meeting, one, other)
    plant.commit()
    assert refresh_stale_views(db) == ["people:all"]
    db.commit()
    plant.collaborate(date(2021, 5, 1), a, b)
    plant.commit()
    assert refresh_stale_views(db) == ["organisations:all", "people:all"]
