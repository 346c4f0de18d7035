"""The default demo network has the shape of the source's: roles, rhythm, examples, wins."""

from __future__ import annotations

from collections import Counter

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.auth.models import Role, UserAccount
from arena.demo.kinds import ROLE_SHARES
from arena.demo.plan import DEMO_TODAY
from arena.members.models import StakeholderRole


def test_every_role_is_present_in_a_realistic_mix(demo):
    counts = dict(demo.rows("SELECT role, COUNT(*) FROM members GROUP BY role"))
    assert sum(counts.values()) == 400
    assert set(counts) == {role.value for role in StakeholderRole}
    for role, share in ROLE_SHARES.items():
        assert abs(counts[role.value] - share * 400) <= 2, role
    assert max(counts.values()) <= 0.3 * 400


def test_about_150_organisations_in_several_sectors_and_domains(demo):
    assert demo.value("SELECT COUNT(*) FROM organisations") == 150
    assert demo.value("SELECT COUNT(DISTINCT sector) FROM organisations") >= 8
    domains = {d for (d,) in demo.rows("SELECT DISTINCT policy_domain FROM organisations")}
    assert {"Wmo", "werk en inkomen", "jeugd", "gezondheid", "wonen"} <= domains
    assert demo.value("SELECT COUNT(DISTINCT place) FROM organisations") >= 40


def test_members_work_at_organisations_that_fit_their_role(demo):
    per_member = Counter(m for (m,) in demo.rows("SELECT member_id FROM memberships"))
    assert len(per_member) == 400
    assert set(per_member.values()) <= {1, 2}
    assert 0 < sum(1 for n in per_member.values() if n == 2) < 100
    municipal = demo.rows(
        "SELECT o.name, o.sector FROM memberships ms JOIN members m ON m.id = ms.member_id "
        "JOIN organisations o ON o.id = ms.organisation_id WHERE m.role = 'municipality'"
    )
    assert all(sector == "overheid" for _name, sector in municipal)
    at_gemeente = sum(1 for name, _sector in municipal if name.startswith("Gemeente "))
    assert at_gemeente >= 0.7 * len(municipal)


def test_emails_are_unique_lower_case_and_on_example_domains(demo):
    emails = [e for (e,) in demo.rows("SELECT email FROM members WHERE email IS NOT NULL")]
    assert len(emails) == len(set(emails)) > 350
    assert all(e == e.lower() and e.split("@")[1].startswith("example.") for e in emails)


def test_most_members_consented_and_some_left_unsubscribed_or_have_no_email(demo):
    consented = demo.value("SELECT COUNT(*) FROM members WHERE consent_given_at IS NOT NULL")
    assert consented >= 0.85 * 400
    assert (
        demo.value(
            "SELECT COUNT(*) FROM members WHERE consent_source IS NULL "
            "AND consent_given_at IS NOT NULL"
        )
        == 0
    )
    for condition in ("unsubscribed_at IS NOT NULL", "email IS NULL", "is_former"):
        sql = f"SELECT COUNT(*) FROM members WHERE {condition}"  # noqa: S608
        assert 0 < demo.value(sql) < 60, condition


def test_waardevol_werk_meets_about_four_times_a_year_since_2014(demo):
    (series_id,) = demo.rows("SELECT id FROM arena_series WHERE name = 'Waardevol Werk'")[0]
    starts = demo.rows(
        "SELECT starts_dt, state FROM meetings WHERE series_id = :s AND state <> 'planned'",
        s=series_id,
    )
    per_year = Counter(str(start)[:4] for start, _state in starts)
    assert min(per_year) == "2014"
    for year in range(2014, DEMO_TODAY.year + 1):
        assert per_year[str(year)] == 4, year
    held_per_year = Counter(str(start)[:4] for start, state in starts if state == "held")
    assert all(3 <= n <= 4 for n in held_per_year.values())


def test_exactly_two_presented_examples_per_held_session(demo):
    slots = demo.rows(
        "SELECT m.id, e.slot, e.status FROM meetings m LEFT JOIN practice_examples e "
        "ON e.meeting_id = m.id WHERE m.state = 'held'"
    )
    per_meeting: dict[int, list] = {}
    for meeting_id, slot, status in slots:
        per_meeting.setdefault(meeting_id, []).append((slot, status))
    assert len(per_meeting) == demo.summary.sessions_held > 40
    assert all(sorted(v) == [(1, "presented"), (2, "presented")] for v in per_meeting.values())
    elsewhere = demo.value(
        "SELECT COUNT(*) FROM practice_examples e JOIN meetings m ON m.id = e.meeting_id "
        "WHERE m.state <> 'held'"
    )
    assert elsewhere == 0
    maturities = dict(demo.rows("SELECT maturity, COUNT(*) FROM practice_examples GROUP BY 1"))
    assert maturities["frontrunner"] > 20 and maturities["starting"] > 20


def test_presenters_attended_and_stories_are_filled_in(demo):
    missing = demo.value(
        "SELECT COUNT(*) FROM practice_examples e JOIN example_presenters p "
        "ON p.example_id = e.id LEFT JOIN attendances a ON a.meeting_id = e.meeting_id "
        "AND a.member_id = p.member_id AND a.is_attended WHERE e.meeting_id IS NOT NULL "
        "AND a.id IS NULL"
    )
    assert missing == 0
    empty = demo.value(
        "SELECT COUNT(*) FROM practice_examples WHERE goals = '' "
        "OR underlying_values = '' OR chafes = '' OR goes_well = ''"
    )
    assert empty == 0
    assert demo.value("SELECT COUNT(*) FROM example_organisations") >= 100


def test_some_proposals_wait_for_review(demo):
    waiting = demo.value("SELECT COUNT(*) FROM practice_examples WHERE status = 'submitted'")
    assert 1 <= waiting <= 10


def test_one_upcoming_planned_session_without_invitations(demo):
    planned = demo.rows("SELECT id, starts_dt FROM meetings WHERE state = 'planned'")
    assert len(planned) == 1
    meeting_id, starts = planned[0]
    latest_held = demo.value("SELECT MAX(starts_dt) FROM meetings WHERE state = 'held'")
    assert str(starts) > str(latest_held) and str(starts)[:10] > DEMO_TODAY.isoformat()
    for table in ("attendances", "practice_examples", "small_wins", "reflections"):
        sql = f"SELECT COUNT(*) FROM {table} WHERE meeting_id = :m"  # noqa: S608
        assert demo.value(sql, m=meeting_id) == 0, table


def test_40_to_80_attend_each_held_session_with_a_returning_core(demo):
    attended = demo.rows(
        "SELECT m.id, COUNT(a.id) FROM meetings m LEFT JOIN attendances a "
        "ON a.meeting_id = m.id AND a.is_attended WHERE m.state = 'held' GROUP BY m.id"
    )
    assert all(40 <= n <= 80 for _m, n in attended)
    visits = Counter(m for (m,) in demo.rows("SELECT member_id FROM attendances WHERE is_attended"))
    assert sum(1 for n in visits.values() if n >= 20) >= 20  # the core keeps coming back
    assert sum(1 for n in visits.values() if n <= 3) >= 50  # and many come now and then
    answers = dict(demo.rows("SELECT response, COUNT(*) FROM attendances GROUP BY response"))
    assert {"yes", "no", "maybe", None} <= set(answers)
    invited = demo.value("SELECT COUNT(*) FROM attendances WHERE invited_dt IS NOT NULL")
    assert invited > 2 * sum(n for _m, n in attended)  # invitations reach a wider group


def test_walk_ins_came_without_an_invitation(demo):
    rows = demo.rows("SELECT is_walk_in, invited_dt IS NULL, is_attended FROM attendances")
    walk_ins = [row for row in rows if row[0]]
    assert 0 < len(walk_ins) < 0.05 * len(rows)
    assert all(not_invited and attended for _w, not_invited, attended in walk_ins)
    assert all(not row[1] for row in rows if not row[0])


def test_the_lockdown_session_was_cancelled_with_a_reason(demo):
    cancelled = demo.rows(
        "SELECT m.starts_dt, m.cancellation_reason, COUNT(a.id) FROM meetings m "
        "LEFT JOIN attendances a ON a.meeting_id = m.id AND a.is_attended "
        "WHERE m.state = 'cancelled' GROUP BY m.id, m.starts_dt, m.cancellation_reason"
    )
    assert [(str(start)[:7], bool(reason), n) for start, reason, n in cancelled] == [
        ("2020-04", True, 0)
    ]


def test_every_small_win_has_a_mechanism_and_a_session(demo):
    wins = demo.value("SELECT COUNT(*) FROM small_wins")
    assert wins >= 300
    without = demo.value(
        "SELECT COUNT(*) FROM small_wins w WHERE NOT EXISTS "
        "(SELECT 1 FROM small_win_mechanisms m WHERE m.small_win_id = w.id)"
    )
    assert without == 0
    assert demo.value("SELECT COUNT(DISTINCT mechanism) FROM small_win_mechanisms") == 6
    unlinked = demo.value(
        "SELECT COUNT(*) FROM small_wins WHERE author_id IS NULL "
        "OR organisation_id IS NULL OR meeting_id IS NULL"
    )
    assert unlinked == 0
    assert demo.value("SELECT COUNT(*) FROM small_wins WHERE practice_example_id IS NOT NULL") > 0
    assert demo.value("SELECT COUNT(DISTINCT small_win_id) FROM small_win_members") > 0


def test_inspiration_links_only_point_to_earlier_wins(demo):
    links = demo.rows(
        "SELECT a.happened_on, b.happened_on FROM small_win_inspirations i "
        "JOIN small_wins a ON a.id = i.inspired_id JOIN small_wins b ON b.id = i.inspiring_id"
    )
    assert len(links) > 50
    assert all(inspiring < inspired for inspired, inspiring in links)


def test_collaborations_grow_over_time_after_their_session(demo):
    rows = demo.rows(
        "SELECT c.started_on, m.starts_dt, c.status FROM collaborations c "
        "JOIN meetings m ON m.id = c.meeting_id"
    )
    assert len(rows) == demo.value("SELECT COUNT(*) FROM collaborations") > 50
    assert all(str(started) > str(session)[:10] for started, session, _status in rows)
    years = Counter(int(str(started)[:4]) for started, _session, _status in rows)
    assert sum(years[y] for y in range(2022, 2027)) > 2 * sum(years[y] for y in range(2014, 2019))
    assert {status for *_rest, status in rows} == {"exploring", "active", "ended"}
    sides = Counter(
        c for (c,) in demo.rows("SELECT collaboration_id FROM collaboration_participants")
    )
    assert min(sides.values()) >= 2


def test_reflections_answer_the_three_questions_for_held_sessions(demo):
    rows = demo.rows(
        "SELECT r.of_value, r.want_more_of, r.do_differently, a.is_attended FROM reflections r "
        "JOIN attendances a ON a.meeting_id = r.meeting_id AND a.member_id = r.member_id"
    )
    assert len(rows) == demo.value("SELECT COUNT(*) FROM reflections") > 200
    assert all(of_value and attended for of_value, _more, _diff, attended in rows)


def test_series_has_a_standard_form_that_renders(demo):
    series = demo.rows(
        "SELECT header_text, presenter_instructions, invitation_subject, invitation_body, "
        "reminder_body, default_programme FROM arena_series"
    )
    header, instructions, subject, body, reminder, programme = series[0]
    assert "Waardevol Werk" in header and "zoekverhaal" in instructions
    assert "praktijkvoorbeeld" in programme.lower()
    env = SandboxedEnvironment(undefined=StrictUndefined)
    context = {
        "member": {"first_name": "Anouk"},
        "session": {"title": "Waardevol Werk 53"},
        "session_date": "20 januari 2027",
        "rsvp_yes_url": "https://arena.example.org/rsvp/yes/TOKEN",
        "unsubscribe_url": "https://arena.example.org/unsubscribe/TOKEN",
    }
    text = env.from_string(body).render(context)
    assert "Beste Anouk" in text and "/rsvp/yes/TOKEN" in text and "/unsubscribe/TOKEN" in text
    assert "Waardevol Werk 53" in env.from_string(subject).render(context)
    assert "/unsubscribe/TOKEN" in env.from_string(reminder).render(context)


def test_three_accounts_and_the_member_account_is_a_real_participant(demo):
    with Session(demo.engine) as session:
        accounts = {a.email: a for a in session.scalars(select(UserAccount))}
        assert {a.role for a in accounts.values()} == set(Role)
        assert all(a.check_password(demo.password) for a in accounts.values())
        member_id = accounts["member@example.org"].member_id
        organiser_id = accounts["organiser@example.org"].id
    assert member_id is not None
    assert (
        demo.value(
            "SELECT COUNT(*) FROM attendances WHERE is_attended AND member_id = :m", m=member_id
        )
        >= 5
    )
    assert demo.value("SELECT COUNT(*) FROM small_wins WHERE author_id = :m", m=member_id) >= 1
    organisers = demo.rows("SELECT account_id FROM series_organisers")
    assert organisers == [(organiser_id,)]


def test_timestamps_are_history_not_load_time(demo):
    for table in ("members", "organisations", "meetings", "small_wins", "collaborations"):
        oldest = demo.value(f"SELECT MIN(created_dt) FROM {table}")  # noqa: S608
        assert str(oldest)[:4] <= "2014", table
