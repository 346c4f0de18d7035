"""What practice examples add to pages of lower packages: a member's examples, the series page.

Answers hooks of the network (``arena/hooks.py``), connected in ``arena/examples/hooks.py``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, union
from sqlalchemy.orm import Session, joinedload, selectinload

from arena.examples.models import ExampleStatus, PracticeExample, example_presenters
from arena.hooks import Section
from arena.members.models import Member


def member_examples(session: Session, member_id: int) -> Section:
    """The examples the member proposed or presents, newest first (one query), their ids
    from the indexes on the member's side (an uncorrelated IN over a UNION, not OR EXISTS)."""
    theirs = union(
        select(PracticeExample.id).where(PracticeExample.proposed_by_id == member_id),
        select(example_presenters.c.example_id).where(example_presenters.c.member_id == member_id),
    )
    examples = session.scalars(
        select(PracticeExample)
        .options(joinedload(PracticeExample.meeting))
        .where(PracticeExample.id.in_(theirs))
        .order_by(PracticeExample.created_dt.desc(), PracticeExample.id.desc())
    ).all()
    return Section(
        "practice_examples", "examples/_member_examples.html", _l("Practice examples"),
        list(examples),
    )  # fmt: skip


def personal_data(_session: Session, _member: Member, history) -> dict:
    return {
        "practice_examples": [
            {
                "title": e.title,
                "initiative": e.initiative,
                "goals": e.goals,
                "underlying_values": e.underlying_values,
                "goes_well": e.goes_well,
                "goes_less_well": e.goes_less_well,
                "chafes": e.chafes,
                "status": str(e.status),
            }
            for e in history.items("practice_examples")
        ]
    }


#: examples a member may see on the series page (not drafts, not declined)
VISIBLE_EXAMPLES = (ExampleStatus.ACCEPTED, ExampleStatus.SCHEDULED, ExampleStatus.PRESENTED)


def series_examples(session: Session, meeting_ids: list[int]) -> Section:
    """The visible practice examples of these sessions, by slot (one query, none if none)."""
    by_meeting: dict[int, list[PracticeExample]] = {}
    if meeting_ids:
        examples = session.scalars(
            select(PracticeExample)
            .options(selectinload(PracticeExample.presenters))
            .where(
                PracticeExample.meeting_id.in_(meeting_ids),
                PracticeExample.status.in_(VISIBLE_EXAMPLES),
            )
            .order_by(PracticeExample.slot)
        )
        for example in examples:
            by_meeting.setdefault(example.meeting_id, []).append(example)
    return Section(
        "practice_examples", "examples/_series_session.html", _l("Practice examples"),
        figures=by_meeting,
    )  # fmt: skip
