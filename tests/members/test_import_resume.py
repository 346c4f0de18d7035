"""An import whose worker died: it is seen as stalled, and resuming or discarding it is safe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from arena.auth.models import Role
from arena.db import utcnow
from arena.members import import_batches
from arena.members.import_models import ImportBatch, ImportStatus
from arena.members.import_worker import run_import
from arena.members.models import Member, Membership
from tests.members.csvdata import csv_bytes

ROWS = 2500  # more than one chunk of 2,000, so a worker can die between two chunks


class WorkerDied(BaseException):
    """Stands in for the process being killed: nothing in the import catches it."""


@pytest.fixture
def organiser(make_account, login):
    return login(make_account(role=Role.ORGANISER))


def _file() -> bytes:
    lines = [f"p{i}@example.nl;Person {i};Org {i % 5};provider;;;;;yes" for i in range(ROWS)]
    return csv_bytes(*lines)


def _count(db, column) -> int:
    db.expire_all()
    return db.scalar(select(func.count(column)))


def _confirmed(db) -> tuple[ImportBatch, str]:
    batch = import_batches.preview_upload(db, "people.csv", _file(), None)
    db.commit()
    run = import_batches.confirm_batch(db, batch)
    db.commit()
    return batch, run


def _die_after_first_chunk(app, db, batch: ImportBatch, run: str) -> None:
    """A worker that commits its first chunk and then is killed, as by a server restart."""
    session = app.extensions["arena_db"].sessionmaker()

    def commit_then_die() -> None:
        session.commit()
        raise WorkerDied

    with app.app_context(), pytest.raises(WorkerDied):
        mine = session.get(ImportBatch, batch.id)
        import_batches.import_batch(session, mine, run, after_chunk=commit_then_die)
    session.close()


def _age(db, batch: ImportBatch, minutes: int) -> None:
    """No heartbeat for a while: move the batch's last change into the past."""
    db.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch.id)
        .values(updated_dt=utcnow() - timedelta(minutes=minutes))
    )
    db.commit()


def test_a_dead_worker_leaves_a_stalled_batch_that_resumes_without_doubling(app, organiser, db):
    batch, run = _confirmed(db)
    _die_after_first_chunk(app, db, batch, run)
    assert _count(db, Member.id) == 2000  # the first chunk was committed, then it died
    db.expire_all()
    assert db.get(ImportBatch, batch.id).status == ImportStatus.IMPORTING

    page = organiser.get(f"/network/import/{batch.id}").get_data(as_text=True)
    assert "Resume the import" not in page  # not stale yet: it may still be running
    _age(db, batch, 11)
    assert organiser.get(f"/network/import/{batch.id}/progress.json").json["state"] == "stalled"
    page = organiser.get(f"/network/import/{batch.id}").get_data(as_text=True)
    assert "has made no progress for over 10 minutes" in page
    assert "rows already imported come out unchanged" in page

    app.config["MEMBER_IMPORT_SYNC_ROWS"] = ROWS  # resume within the request
    organiser.post(f"/network/import/{batch.id}/resume")

    db.expire_all()
    done = db.get(ImportBatch, batch.id)
    assert done.status == ImportStatus.DONE and done.content == ""
    assert done.report["counts"] == {"create": 500, "update": 0, "unchanged": 2000, "refused": 0}
    assert _count(db, Member.id) == ROWS
    assert _count(db, Membership.id) == ROWS  # nobody joined their organisation twice


def test_a_stalled_import_can_be_discarded_keeping_what_it_wrote(app, organiser, db):
    batch, run = _confirmed(db)
    _die_after_first_chunk(app, db, batch, run)
    _age(db, batch, 30)

    response = organiser.post(f"/network/import/{batch.id}/discard")
    assert response.status_code == 302
    page = organiser.get(f"/network/import/{batch.id}").get_data(as_text=True)
    assert "Discarded after 2000 of 2500 rows." in page and "Resume the import" not in page
    db.expire_all()
    discarded = db.get(ImportBatch, batch.id)
    assert discarded.status == ImportStatus.REFUSED and discarded.content == ""
    assert _count(db, Member.id) == 2000
    organiser.post(f"/network/import/{batch.id}/resume")  # too late: nothing happens
    assert _count(db, Member.id) == 2000


def test_a_live_import_is_neither_resumed_nor_discarded(app, organiser, db):
    batch, _run = _confirmed(db)
    for action in ("resume", "discard"):
        organiser.post(f"/network/import/{batch.id}/{action}")
        db.expire_all()
        assert db.get(ImportBatch, batch.id).status == ImportStatus.IMPORTING
    with pytest.raises(import_batches.BatchError):
        import_batches.resume_batch(db, db.get(ImportBatch, batch.id))
    assert _count(db, Member.id) == 0


def test_a_run_that_was_taken_over_stops_and_leaves_the_batch_alone(app, db):
    batch, old_run = _confirmed(db)
    _age(db, batch, 11)
    db.expire_all()
    new_run = import_batches.resume_batch(db, db.get(ImportBatch, batch.id))
    db.commit()

    assert run_import(app, batch.id, old_run) is None  # the old worker woke up: it stops
    assert _count(db, Member.id) == 0
    db.expire_all()
    assert db.get(ImportBatch, batch.id).report["run"] == new_run
    assert run_import(app, batch.id, new_run) == "done"
    assert _count(db, Member.id) == ROWS


def test_a_failed_write_keeps_the_file_so_the_import_can_be_resumed(app, organiser, db):
    batch, run = _confirmed(db)
    session = app.extensions["arena_db"].sessionmaker()

    def commit_then_fail() -> None:
        session.commit()
        raise RuntimeError("disk full")

    with app.app_context():
        with pytest.raises(RuntimeError):
            mine = session.get(ImportBatch, batch.id)
            import_batches.import_batch(session, mine, run, after_chunk=commit_then_fail)
        session.rollback()
        import_batches.record_failure(session, batch.id, run, RuntimeError("disk full"))
        session.commit()
    session.close()

    page = organiser.get(f"/network/import/{batch.id}").get_data(as_text=True)
    assert "The import stopped after 2000 of 2500 rows (RuntimeError)." in page
    app.config["MEMBER_IMPORT_SYNC_ROWS"] = ROWS
    organiser.post(f"/network/import/{batch.id}/resume")
    db.expire_all()
    assert db.get(ImportBatch, batch.id).status == ImportStatus.DONE
    assert _count(db, Member.id) == ROWS


def test_confirming_twice_at_once_imports_once(app, db):
    """Two tabs (or a double click) confirm the same preview: the second one is told."""
    batch = import_batches.preview_upload(db, "people.csv", _file(), None)
    db.commit()
    second_tab = app.extensions["arena_db"].sessionmaker()
    seen_by_second_tab = second_tab.get(ImportBatch, batch.id)
    second_tab.commit()  # each request reads the batch, then the first one confirms
    import_batches.confirm_batch(db, batch)
    db.commit()
    with app.app_context(), pytest.raises(import_batches.BatchError, match="Someone else"):
        import_batches.confirm_batch(second_tab, seen_by_second_tab)
    second_tab.close()


def test_uploads_nobody_finished_are_forgotten_after_thirty_days(app, db):
    from arena.jobs import JOBS
    from arena.members.tasks import forget_old_uploads

    previewed = import_batches.preview_upload(db, "old.csv", _file(), None)
    imported = import_batches.preview_upload(db, "new.csv", _file(), None)
    db.commit()
    now = utcnow()
    with app.app_context():
        assert forget_old_uploads(db, now) == 0  # young batches are left alone
        later = now + timedelta(days=31)
        assert forget_old_uploads(db, later) == 2
        db.commit()
        assert forget_old_uploads(db, later + timedelta(days=40)) == 0  # once is enough
    db.expire_all()
    for batch in (db.get(ImportBatch, previewed.id), db.get(ImportBatch, imported.id)):
        assert batch.content == "" and batch.status == ImportStatus.REFUSED
        assert "rows" not in batch.report and "p1@example.nl" not in str(batch.report)
        assert batch.report["counts"]["create"] == ROWS
        assert batch.report["error"].startswith("Expired")
    assert "arena.members.tasks:forget_uploads" in {spec.func for spec in JOBS}
