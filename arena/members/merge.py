"""Merging duplicates: the history of the one dropped moves to the one kept, then it goes.

Each merge is logged in the audit log (who, when, which ids, how many rows moved); the log
holds ids only, no names or addresses, so a later erasure leaves nothing behind there.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from arena import hooks
from arena.audit import record_event
from arena.members.models import Member, Organisation
from arena.members.references import move_references
from arena.members.services import MemberError


def _earliest(a, b):
    return min(x for x in (a, b) if x is not None) if (a or b) else None


def _combine_membership(kept: dict, dropped: dict) -> dict:
    return {"position": kept["position"] or dropped["position"]}


def combiners() -> dict:
    """How clashing rows of each table fold together: memberships here, the rest from the
    packages that keep them (``merge_combiners`` hook)."""
    found = {"memberships": _combine_membership}
    for more in hooks.merge_combiners.send():
        found.update(more)
    return found


def merge_members(
    session: Session, keep: Member, drop: Member, actor_id: int | None = None
) -> dict[str, int]:
    """Fold ``drop`` into ``keep``; returns how many rows moved per table and column."""
    if keep.id == drop.id:
        raise MemberError(_("Choose two different members to merge."))
    if keep.erased_at or drop.erased_at:
        raise MemberError(_("An erased member cannot be merged."))
    dropped_email = drop.email
    themes = list(keep.themes or [])
    themes += [t for t in drop.themes or [] if t.lower() not in {x.lower() for x in themes}]
    keep.themes = themes
    keep.notes = "\n\n".join(n for n in (keep.notes, drop.notes) if n) or None
    if keep.consent_given_at is None and drop.consent_given_at is not None:
        keep.consent_given_at, keep.consent_source = drop.consent_given_at, drop.consent_source
    if drop.unsubscribed_at is not None:  # an opt-out by either wins: never mail again
        keep.unsubscribed_at = _earliest(keep.unsubscribed_at, drop.unsubscribed_at)
    keep.is_former = keep.is_former and drop.is_former
    drop.email = None
    session.flush()
    if keep.email is None and dropped_email:
        keep.email = dropped_email
    return _fold(session, keep, drop, actor_id, "member")


def merge_organisations(
    session: Session, keep: Organisation, drop: Organisation, actor_id: int | None = None
) -> dict[str, int]:
    """Fold ``drop`` into ``keep``: members, small wins, examples, collaborations."""
    if keep.id == drop.id:
        raise MemberError(_("Choose two different organisations to merge."))
    for field in ("sector", "policy_domain", "place"):
        if not getattr(keep, field):
            setattr(keep, field, getattr(drop, field))
    session.flush()
    return _fold(session, keep, drop, actor_id, "organisation")


def _fold(session: Session, keep, drop, actor_id: int | None, kind: str) -> dict[str, int]:
    """Point every reference to ``drop`` at ``keep``, delete ``drop``, log it (ids only)."""
    model = type(keep)
    moved = move_references(session, model.__tablename__, keep.id, drop.id, combiners())
    session.flush()
    session.expire_all()
    session.delete(session.get(model, drop.id))
    record_event(
        session, actor_id, f"{kind}.merge", f"{kind}:{keep.id}", merged=drop.id, moved=moved
    )
    session.flush()
    return moved
