"""The counts behind the unfiltered chart and stick table follow every write to small wins.

They are kept by database triggers (migration pages_0001); each test compares them with the
same figures counted from the wins themselves (a filter that matches every win takes that way).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import delete, select, text, update

from arena.wins import services
from arena.wins.browse import WinFilters, counts_per_quarter, stick_by_mechanism
from arena.wins.models import (
    Mechanism,
    SmallWin,
    SmallWinFollowUp,
    SmallWinMechanism,
    SmallWinTally,
    StickAnswer,
)
from arena.wins.tallies import suspend_small_win_tallies

EVERY_WIN = WinFilters(date_from=date(1900, 1, 1))
ANSWERED = datetime(2025, 1, 1, tzinfo=UTC)


def assert_tallies_agree(db) -> None:
    db.expire_all()
    assert counts_per_quarter(db, WinFilters()) == counts_per_quarter(db, EVERY_WIN)
    assert stick_by_mechanism(db, WinFilters()) == stick_by_mechanism(db, EVERY_WIN)


def test_the_tallies_follow_new_changed_answered_and_removed_wins(app, db, make_win):
    spring = make_win(
        happened_on=date(2024, 4, 2), mechanisms=[Mechanism.ENERGIZING, Mechanism.CONNECTION]
    )
    autumn = make_win(happened_on=date(2024, 10, 2), mechanisms=[Mechanism.ENERGIZING])
    gone = make_win(happened_on=date(2023, 1, 5), mechanisms=[Mechanism.OIL_SPOT])
    assert_tallies_agree(db)
    assert counts_per_quarter(db, WinFilters())[Mechanism.ENERGIZING] == {
        "2024 Q2": 1,
        "2024 Q4": 1,
    }

    spring.happened_on = date(2024, 12, 30)  # moved to another quarter
    replaced = [Mechanism.ROBUSTNESS, Mechanism.CONNECTION]
    spring.mechanism_rows = [SmallWinMechanism(mechanism=m) for m in replaced]
    db.add_all(
        [
            SmallWinFollowUp(small_win_id=autumn.id, months_after=3, answer=StickAnswer.HOLDS,
                             answered_dt=ANSWERED),
            SmallWinFollowUp(small_win_id=autumn.id, months_after=6),  # asked, not answered
            SmallWinFollowUp(small_win_id=gone.id, months_after=3, answer=StickAnswer.SPREAD,
                             answered_dt=ANSWERED),
        ]
    )  # fmt: skip
    db.commit()
    assert_tallies_agree(db)
    assert stick_by_mechanism(db, WinFilters())[Mechanism.ENERGIZING] == {StickAnswer.HOLDS: 1}

    # a later answer replaces the earlier one; a removed win takes its counts with it
    db.execute(
        update(SmallWinFollowUp)
        .where(SmallWinFollowUp.small_win_id == autumn.id, SmallWinFollowUp.months_after == 6)
        .values(answer=StickAnswer.GREW, answered_dt=ANSWERED)
    )
    db.execute(delete(SmallWin).where(SmallWin.id == gone.id))
    db.commit()
    assert_tallies_agree(db)
    assert stick_by_mechanism(db, WinFilters())[Mechanism.ENERGIZING] == {StickAnswer.GREW: 1}
    assert counts_per_quarter(db, WinFilters())[Mechanism.OIL_SPOT] == {}


def test_a_win_logged_and_edited_through_the_form_is_counted(app, db, make_member):
    author = make_member()
    data = services.WinInput(
        title="Job coach at the desk",
        happened_on=date(2025, 2, 3),
        mechanisms=[Mechanism.ATTRACTION.value],
        what_changed="",
        meeting_id=None,
        full=False,
    )
    win = services.record_small_win(db, data, author.id)
    db.commit()
    data.happened_on, data.mechanisms = date(2025, 8, 3), [Mechanism.EXPERIMENTING.value]
    services.update_small_win(db, win, data)
    db.commit()
    assert_tallies_agree(db)
    assert counts_per_quarter(db, WinFilters())[Mechanism.EXPERIMENTING] == {"2025 Q3": 1}


def test_many_wins_written_in_one_statement_are_counted(app, db, make_win):
    first, second = make_win(mechanisms=[]), make_win(mechanisms=[])
    db.execute(
        SmallWinMechanism.__table__.insert(),
        [
            {"small_win_id": first.id, "mechanism": Mechanism.ENERGIZING},
            {"small_win_id": first.id, "mechanism": Mechanism.ATTRACTION},
            {"small_win_id": second.id, "mechanism": Mechanism.ENERGIZING},
        ],
    )
    db.execute(
        SmallWinFollowUp.__table__.insert(),
        [
            {"small_win_id": first.id, "months_after": m, "answer": a, "answered_dt": ANSWERED}
            for m, a in ((3, "holds"), (6, "spread"), (12, "reversed"))
        ],
    )
    db.execute(update(SmallWin).values(happened_on=date(2022, 5, 5)))
    db.commit()
    assert_tallies_agree(db)
    assert stick_by_mechanism(db, WinFilters())[Mechanism.ATTRACTION] == {StickAnswer.REVERSED: 1}


def test_the_tally_triggers_are_there_at_head(app, db):
    """SQLite drops a table's triggers when batch mode rebuilds it: a later migration that
    rebuilds small_wins, small_win_mechanisms or small_win_follow_ups must make them again."""
    sqlite = db.get_bind().dialect.name == "sqlite"
    sql = (
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'small_win_tally%'"
        if sqlite
        else "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'small_win_tally%'"
    )
    assert db.scalar(text(sql)) == (8 if sqlite else 3)
    assert db.scalar(select(text("count(*)")).select_from(text("small_win_tally_source"))) == 0


def test_a_bulk_load_sets_the_tally_triggers_aside_and_counts_once_after(app, db, make_win):
    """The demo's load: nothing counted while it writes, everything right after, and the
    triggers follow changes again."""
    kept = make_win(happened_on=date(2024, 4, 2), mechanisms=[Mechanism.ENERGIZING])
    loaded = make_win(happened_on=date(2024, 5, 2), mechanisms=[])
    resume = suspend_small_win_tallies(db.connection())
    db.add(SmallWinMechanism(small_win_id=loaded.id, mechanism=Mechanism.CONNECTION))
    db.execute(delete(SmallWinMechanism).where(SmallWinMechanism.small_win_id == kept.id))
    db.flush()
    tallied = {(t.mechanism, t.month) for t in db.scalars(select(SmallWinTally))}
    assert tallied == {(Mechanism.ENERGIZING, "2024-04")}  # not followed while loading
    resume()
    db.commit()
    assert_tallies_agree(db)
    tallied = {(t.mechanism, t.month, t.n) for t in db.scalars(select(SmallWinTally)) if t.n}
    assert tallied == {(Mechanism.CONNECTION, "2024-05", 1)}
    db.execute(
        update(SmallWin).where(SmallWin.id == loaded.id).values(happened_on=date(2024, 6, 1))
    )
    db.commit()  # and followed again
    tallied = {(t.mechanism, t.month, t.n) for t in db.scalars(select(SmallWinTally)) if t.n}
    assert tallied == {(Mechanism.CONNECTION, "2024-06", 1)}
