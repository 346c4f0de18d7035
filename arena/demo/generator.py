"""Build the whole demo network in one transaction, stage by stage.

Every stage draws from its own seeded generator, and nothing reads the wall clock except the
date of the next (planned) session, so the same seed gives the same network.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from faker import Faker
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.demo.accounts import DEMO_ACCOUNTS, pick_demo_member, write_accounts
from arena.demo.attendance import write_attendance
from arena.demo.bulk import BulkWriter, load_transaction
from arena.demo.collaborations import write_collaborations
from arena.demo.examples import write_examples
from arena.demo.followups import write_follow_ups
from arena.demo.memberships import assign_jobs, first_seen, write_members, write_memberships
from arena.demo.organisations import plan_organisations, write_organisations
from arena.demo.people import networks, plan_people
from arena.demo.plan import DEMO_TODAY, make_plan
from arena.demo.reflections import write_reflections
from arena.demo.sampling import stage_rng
from arena.demo.series import plan_series, write_followers, write_series
from arena.demo.sessions import plan_meetings, write_meetings
from arena.demo.summary import DemoSummary
from arena.demo.texts import LANGUAGES, demo_texts
from arena.demo.wins import plan_wins, write_wins
from arena.examples.models import PracticeExample
from arena.members.models import Member, Organisation
from arena.wins.models import SmallWin

#: the demo loads only into a network without these, so it never mixes with real data
MUST_BE_EMPTY = (Member, Organisation, ArenaSeries, Meeting, Attendance, PracticeExample, SmallWin)


class DemoError(RuntimeError):
    """The demo cannot be loaded into this database."""


def generate_demo(
    engine: Engine,
    *,
    members: int = 400,
    seed: int = 2014,
    password: str,
    progress: Callable[[float], None] | None = None,
    today: date | None = None,
    language: str = LANGUAGES[0],
) -> DemoSummary:
    """Load the demo network into an empty, migrated database and commit it.

    History runs up to `today` (by default 25 November 2026, fixed for determinism). Each
    series gets one planned session after it; without an explicit `today` that session is
    also after the real date, so it stays in the future. The network is written in
    `language` (Dutch by default, or "en"); the same seed gives the same network in both.
    """
    started = time.perf_counter()
    texts = demo_texts(language)
    report = progress or (lambda _fraction: None)
    plan = make_plan(members, today or DEMO_TODAY)
    upcoming_after = plan.today if today else max(plan.today, date.today())
    fake = Faker("nl_NL")
    with load_transaction(engine) as connection:
        for model in MUST_BE_EMPTY:
            if connection.scalar(select(func.count()).select_from(model.__table__)):
                raise DemoError(f"The table {model.__tablename__} is not empty.")
        writer = BulkWriter(connection)
        series = plan_series(plan.series, texts)
        fake.seed_instance(seed)
        people = plan_people(
            plan, [s.rhythm.first for s in series], stage_rng(seed, "people"), fake
        )
        fake.seed_instance(f"{seed}:organisations")
        by_kind = plan_organisations(plan.organisations, stage_rng(seed, "organisations"), fake)
        orgs = {org.id: org for kind in by_kind.values() for org in kind}
        assign_jobs(people, by_kind, stage_rng(seed, "jobs"), plan.today)
        write_organisations(writer, by_kind, first_seen(people), texts)
        write_members(writer, people, stage_rng(seed, "members"), texts)
        write_memberships(writer, people, stage_rng(seed, "memberships"), texts)
        meetings, locations = plan_meetings(
            series, people, orgs, plan.today, upcoming_after, stage_rng(seed, "meetings")
        )
        write_series(writer, series, locations)
        write_followers(writer, people, series, stage_rng(seed, "followers"))
        write_meetings(writer, meetings, plan.today)
        report(0.1)
        network = networks(people)
        attended, invitations = write_attendance(
            writer, plan, meetings, network, stage_rng(seed, "attendance"),
            lambda fraction: report(0.1 + 0.5 * fraction),
        )  # fmt: skip
        examples = write_examples(
            writer, meetings, attended, people, network, orgs, stage_rng(seed, "examples"),
            plan.today,
        )  # fmt: skip
        report(0.65)
        wins = plan_wins(meetings, attended, people, stage_rng(seed, "wins"), plan.today)
        write_wins(writer, wins, attended, examples, stage_rng(seed, "win-links"), plan.today)
        write_follow_ups(writer, wins, stage_rng(seed, "follow-ups"), plan.today)
        report(0.75)
        write_collaborations(
            writer, meetings, attended, examples, people, orgs, plan.scale,
            stage_rng(seed, "collaborations"), plan.today,
        )  # fmt: skip
        write_reflections(writer, meetings, attended, stage_rng(seed, "reflections"), plan.today)
        report(0.85)
        member = pick_demo_member(people, attended, wins, plan.today)
        write_accounts(writer, password, member, series, plan.today)
        writer.flush()
        report(0.95)
        writer.finish()
    report(1.0)
    states = [m.state for m in meetings]
    counts = writer.counts
    return DemoSummary(
        seed=seed,
        members=len(people),
        organisations=len(orgs),
        memberships=counts["memberships"],
        series=len(series),
        flagship=series[0].name,
        sessions_held=states.count(MeetingState.HELD),
        sessions_cancelled=states.count(MeetingState.CANCELLED),
        sessions_planned=states.count(MeetingState.PLANNED),
        next_session=next(m.day for m in meetings if m.state is MeetingState.PLANNED),
        invitations=invitations,
        attended=sum(len(ids) for ids in attended.values()),
        examples_presented=sum(len(found) for found in examples.values()),
        examples_waiting=counts["example_preferred_meetings"],
        small_wins=len(wins),
        collaborations=counts["collaborations"],
        reflections=counts["reflections"],
        accounts=tuple(email for email, _role in DEMO_ACCOUNTS),
        demo_member=member.name,
        seconds=time.perf_counter() - started,
    )
