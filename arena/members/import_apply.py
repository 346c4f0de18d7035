"""Writing an import plan in bulk: a few statements per thousand rows, never one per row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from arena.members.importing import CHUNK, ImportPlan
from arena.members.models import Member, Membership, Organisation

Progress = Callable[[int, int], None]


class PlanHasRefusals(ValueError):
    """A plan with refused rows is never written: one bad row refuses the whole file."""


def _insert_organisations(session: Session, plan: ImportPlan, now: datetime) -> dict[str, int]:
    ids = dict(plan.known_organisations)
    if plan.new_organisations:
        keys = list(plan.new_organisations)
        rows = [
            {
                "name": plan.new_organisations[key]["name"],
                "name_key": key,
                "sector": plan.new_organisations[key].get("sector"),
                "policy_domain": plan.new_organisations[key].get("policy_domain"),
                "place": plan.new_organisations[key].get("place"),
                "created_dt": now,
                "updated_dt": now,
            }
            for key in keys
        ]
        new_ids = session.scalars(
            insert(Organisation).returning(Organisation.id, sort_by_parameter_order=True), rows
        ).all()
        ids.update(zip(keys, new_ids, strict=True))
    for org_id, values in plan.organisation_updates.items():
        session.execute(update(Organisation), [{"id": org_id, **values, "updated_dt": now}])
    return ids


def _group_by_keys(rows: list[dict]) -> list[list[dict]]:
    groups: dict[frozenset, list[dict]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    return list(groups.values())


def apply_plan(
    session: Session,
    plan: ImportPlan,
    now: datetime,
    on_progress: Progress | None = None,
    after_chunk: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Write the plan; ``after_chunk`` (e.g. a commit) runs after each chunk of rows."""
    if plan.refused:
        raise PlanHasRefusals(plan.refused[0].detail)
    total = len(plan.outcomes)
    done = total - len(plan.new_members) - len(plan.member_updates)  # unchanged rows
    org_ids = _insert_organisations(session, plan, now)
    report = on_progress or (lambda _done, _total: None)
    report(done, total)
    for start in range(0, len(plan.new_members), CHUNK):
        chunk = plan.new_members[start : start + CHUNK]
        rows = [{**record, "created_dt": now, "updated_dt": now} for _n, record, _k in chunk]
        for row in rows:
            row.setdefault("themes", [])
        member_ids = session.scalars(
            insert(Member).returning(Member.id, sort_by_parameter_order=True), rows
        ).all()
        links = [
            {"member_id": member_id, "organisation_id": org_ids[key]}
            for member_id, (_n, _r, keys) in zip(member_ids, chunk, strict=True)
            for key in keys
        ]
        if links:
            session.execute(insert(Membership), links)
        done += len(chunk)
        _finish_chunk(session, report, after_chunk, done, total)
    for start in range(0, len(plan.member_updates), CHUNK):
        chunk = plan.member_updates[start : start + CHUNK]
        changes = [
            {"id": member_id, **values, **_fresh_address(values), "updated_dt": now}
            for _n, member_id, values, _k in chunk
            if values
        ]
        for group in _group_by_keys(changes):
            session.execute(update(Member), group)
        links = [
            {"member_id": member_id, "organisation_id": org_ids[key]}
            for _n, member_id, _v, keys in chunk
            for key in keys
        ]
        if links:
            session.execute(insert(Membership), links)
        done += len(chunk)
        _finish_chunk(session, report, after_chunk, done, total)
    session.flush()
    session.expire_all()
    return plan.counts


def _fresh_address(values: dict) -> dict:
    """A changed address is no longer known to bounce (as ``Member._fold_email`` does)."""
    return {"bounce_count": 0, "email_bouncing_at": None} if "email" in values else {}


def _finish_chunk(session, report, after_chunk, done: int, total: int) -> None:
    session.flush()
    report(done, total)
    if after_chunk is not None:
        after_chunk()
