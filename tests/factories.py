"""One set of test factories for every area, loaded as a pytest plugin by tests/conftest.py.

Each ``make_*`` fixture (and ``attend``, ``employ``) builds and commits one row, filling in what
the test does not say. The fill-ins live in one place, the ``factory_defaults`` fixture: a test
changes one row by keyword (``make_meeting(state=MeetingState.HELD)``), an area changes them for
all its tests by overriding ``factory_defaults`` in its conftest.py (pytest takes the nearest)::

    @pytest.fixture
    def factory_defaults(factory_defaults):
        factory_defaults["meeting"].update(state=MeetingState.HELD)
        return factory_defaults

Names and titles carry a running number, so rows never collide on a unique column. The
``factories`` fixture is all of them as one object (``factories.meeting()``), for a test that
builds a whole history; ``Factories(session, defaults)`` serves other sessions (the browser
journeys' live server, the graph tests' ``plant``). ``login`` signs in an account made here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState, Response
from arena.auth.models import Role, UserAccount
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.db import utcnow
from arena.examples.models import ExampleStatus, Maturity, PracticeExample
from arena.members.models import Member, Membership, Organisation, StakeholderRole
from arena.wins.models import Mechanism, SmallWin, SmallWinMechanism

PASSWORD = "correct horse battery"
#: a consent date for members who may be mailed: ``make_member(**CONSENT)``
CONSENT = {"consent_given_at": datetime(2024, 1, 1, tzinfo=UTC)}

_serial = itertools.count(1)


def base_defaults(now: datetime) -> dict[str, dict]:
    """What every factory fills in, by kind; ``now`` places sessions a month ahead."""
    return {
        "member": {"role": StakeholderRole.PROVIDER},
        "account": {"role": Role.ORGANISER},
        "organisation": {"sector": "care"},
        "series": {"theme": "An inclusive labour market"},
        "meeting": {
            "starts": (now + timedelta(days=30)).replace(
                hour=13, minute=0, second=0, microsecond=0
            ),
            "duration": timedelta(hours=3),
            "state": MeetingState.PLANNED,
        },
        # someone who attended was invited three weeks before and said yes
        "attendance": {"invited_before": timedelta(days=20), "response": Response.YES},
        "example": {
            "maturity": Maturity.STARTING,
            "status": ExampleStatus.SUBMITTED,
            "goals": "Jobs for everyone",
        },
        "win": {"happened_on": date(2025, 1, 15), "mechanisms": (Mechanism.ENERGIZING,)},
        "collaboration": {"started_on": date(2025, 1, 1)},
    }


class Factories:
    """Builds rows with ``defaults``; ``commit=False`` only flushes (for callers that batch)."""

    def __init__(self, db: Session, defaults: dict[str, dict], commit: bool = True) -> None:
        self.db = db
        self.defaults = defaults
        self.commit = commit

    def _values(self, kind: str, overrides: dict) -> dict:
        return {**self.defaults[kind], **overrides}

    def _save(self, row):
        self.db.add(row)
        if self.commit:
            self.db.commit()
        else:
            self.db.flush()
        return row

    def member(self, **overrides) -> Member:
        n = next(_serial)
        values = {"name": f"Member {n} Jansen", "email": f"member{n}@example.nl"}
        return self._save(Member(**values | self._values("member", overrides)))

    def account(self, role: Role | None = None, password: str = PASSWORD, **overrides):
        """A login; a MEMBER account gets a member of its own unless ``member_id`` is given."""
        values = self._values("account", overrides)
        if role is not None:
            values["role"] = role
        if values["role"] == Role.MEMBER and "member_id" not in values:
            values["member_id"] = self.member().id
        values.setdefault("email", f"account{next(_serial)}@example.org")
        account = UserAccount(**values)
        account.set_password(password)
        return self._save(account)

    def organisation(self, name: str | None = None, **overrides) -> Organisation:
        name = name or f"Organisation {next(_serial)}"
        return self._save(Organisation(name=name, **self._values("organisation", overrides)))

    def employ(self, member: Member, organisation: Organisation, **overrides) -> Membership:
        return self._save(
            Membership(member_id=member.id, organisation_id=organisation.id, **overrides)
        )

    def series(self, **overrides) -> ArenaSeries:
        values = {"name": f"Series {next(_serial)}"} | self._values("series", overrides)
        return self._save(ArenaSeries(**values))

    def meeting(self, series: ArenaSeries | None = None, starts=None, **overrides) -> Meeting:
        """A session of ``series`` (a new one if none) starting at ``starts``."""
        values = self._values("meeting", overrides)
        duration, default_start = values.pop("duration"), values.pop("starts")
        starts = starts or default_start
        values.setdefault("title", f"Session {next(_serial)}")
        values.setdefault("starts_dt", starts)
        values.setdefault("ends_dt", values["starts_dt"] + duration)
        series_id = (series or self.series()).id
        return self._save(Meeting(series_id=series_id, **values))

    def attend(self, member: Member, meeting: Meeting, attended: bool = True, **overrides):
        """``member`` was at ``meeting`` (or, with ``attended=False``, invited and absent)."""
        values = self._values("attendance", overrides)
        before = values.pop("invited_before")
        if before is not None:
            values.setdefault("invited_dt", meeting.starts_dt - before)
        return self._save(
            Attendance(meeting_id=meeting.id, member_id=member.id, is_attended=attended, **values)
        )

    def example(
        self,
        proposer: Member | None = None,
        title: str | None = None,
        presenters: Iterable[Member] | None = None,
        organisations: Iterable[Organisation] = (),
        **overrides,
    ) -> PracticeExample:
        """A practice example, presented by its proposer (a new member when neither is given)."""
        if presenters is None:
            presenters = [proposer or self.member()]
        presenters = list(presenters)
        values = self._values("example", overrides)
        values.setdefault("title", title or f"Example {next(_serial)}")
        proposer = proposer or (presenters[0] if presenters else None)
        values.setdefault("proposed_by_id", proposer.id if proposer else None)
        example = PracticeExample(**values)
        example.presenters = presenters
        example.organisations = list(organisations)
        return self._save(example)

    def win(self, author: Member | None = None, title: str | None = None, **overrides):
        """A small win, by ``author`` if given, with the default mechanism unless told."""
        values = self._values("win", overrides)
        mechanisms = values.pop("mechanisms")
        inspired_by = values.pop("inspired_by", ())
        values.setdefault("title", title or f"Small win {next(_serial)}")
        if author is not None:
            values["author_id"] = author.id
        win = SmallWin(**values)
        win.mechanism_rows = [SmallWinMechanism(mechanism=m) for m in mechanisms]
        win.inspired_by = list(inspired_by)
        return self._save(win)

    def collaboration(self, *sides: Member | Organisation, **overrides) -> Collaboration:
        """A collaboration between members and organisations, in any mix."""
        values = self._values("collaboration", overrides)
        values.setdefault("title", f"Collaboration {next(_serial)}")
        collaboration = Collaboration(**values)
        collaboration.participants = [
            CollaborationParticipant(organisation_id=side.id)
            if isinstance(side, Organisation)
            else CollaborationParticipant(member_id=side.id)
            for side in sides
        ]
        return self._save(collaboration)


@pytest.fixture
def factory_defaults() -> dict[str, dict]:
    """The fill-ins of every factory; override in an area's conftest.py to change them there."""
    return base_defaults(utcnow())


@pytest.fixture
def factories(db, factory_defaults) -> Factories:
    return Factories(db, factory_defaults)


@pytest.fixture
def make_member(factories):
    return factories.member


@pytest.fixture
def make_account(factories):
    return factories.account


@pytest.fixture
def make_organisation(factories):
    return factories.organisation


@pytest.fixture
def employ(factories):
    return factories.employ


@pytest.fixture
def make_series(factories):
    return factories.series


@pytest.fixture
def make_meeting(factories):
    return factories.meeting


@pytest.fixture
def attend(factories):
    return factories.attend


@pytest.fixture
def make_example(factories):
    return factories.example


@pytest.fixture
def make_win(factories):
    return factories.win


@pytest.fixture
def make_collaboration(factories):
    return factories.collaboration


@pytest.fixture
def consenting(make_member):
    """A member who may be mailed."""

    def make(**overrides) -> Member:
        return make_member(**CONSENT | overrides)

    return make


@pytest.fixture
def login(client):
    """Signs ``account`` in on the test client (with the factories' password) and returns it."""

    def do_login(account: UserAccount, password: str = PASSWORD):
        response = client.post("/auth/login", data={"email": account.email, "password": password})
        assert response.status_code == 302, response.data
        return client

    return do_login
