"""Pages list many rows with a fixed number of queries: none grows with the number of rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from arena.arenas.models import MeetingState
from arena.auth.models import Role
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.examples.models import ExampleStatus
from arena.wins.models import Mechanism, Reflection
from tests.factories import PASSWORD
from tests.queries import recorded_statements


def counting(app):
    return recorded_statements(app.extensions["arena_db"].engine)


def _count(app, client, url: str) -> int:
    with counting(app) as statements:
        assert client.get(url).status_code == 200, url
    return len(statements)


def test_listing_pages_and_forms_do_not_query_per_row(
    app, db, make_account, make_win, make_example, make_organisation, make_member,
    make_series, make_meeting, attend, login,
):  # fmt: skip
    organiser = make_account(role=Role.ORGANISER)
    member_account = make_account(role=Role.MEMBER)
    me = member_account.member
    series = make_series()
    first_held = make_meeting(series=series, state=MeetingState.HELD)
    make_meeting(series=series)  # an upcoming one with open slots

    def add(n: int) -> None:
        for i in range(n):
            organisation = make_organisation()
            someone = make_member()
            held = make_meeting(
                series=series,
                state=MeetingState.HELD,
                starts=datetime.now(UTC) - timedelta(days=10 + i),
            )
            attend(someone, held)
            make_win(
                author_id=someone.id,
                organisation_id=organisation.id,
                meeting_id=held.id,
                mechanisms=[Mechanism.ENERGIZING, Mechanism.CONNECTION],
            )
            make_example(
                presenters=[me, someone],
                organisations=[organisation],
                status=ExampleStatus.PRESENTED,
                meeting_id=held.id,
                slot=1,
            )
            make_example(presenters=[someone], organisations=[organisation])
            collaboration = Collaboration(title="Desk", started_on=held.starts_dt.date())
            collaboration.participants = [
                CollaborationParticipant(member_id=me.id),
                CollaborationParticipant(organisation_id=organisation.id, value_rating=3),
            ]
            db.add_all(
                [
                    collaboration,
                    Reflection(meeting_id=held.id, member_id=someone.id, of_value="x"),
                    Reflection(meeting_id=first_held.id, member_id=someone.id, of_value="y"),
                ]
            )
            db.commit()

    pages = {
        organiser: [
            "/wins/",
            "/wins/mechanisms",
            "/wins/new",
            "/examples/",
            "/examples/?status=presented",
            "/examples/?status=submitted",
            "/examples/new",
            "/examples/balance",
            "/collaborations/",
            "/collaborations/new",
            "/reflections/",
            f"/reflections/series/{series.id}",
            f"/reflections/sessions/{first_held.id}",
        ],
        member_account: ["/examples/", "/collaborations/", "/wins/quick", "/"],
    }

    def measure() -> dict[str, int]:
        counts = {}
        for account, urls in pages.items():
            client = app.test_client()
            client.post("/auth/login", data={"email": account.email, "password": PASSWORD})
            counts.update({f"{account.role}:{url}": _count(app, client, url) for url in urls})
        return counts

    add(2)
    few = measure()
    add(8)
    assert measure() == few
