"""Reading the browse filters from a query string, with a message for what cannot be used."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from arena.arenas.choices import RECENT_MEETINGS
from arena.arenas.models import ArenaSeries, Meeting, MeetingState
from arena.db import valid_id
from arena.members.models import Organisation, organisation_key
from arena.wins.browse import WinFilters, sectors
from arena.wins.models import Mechanism

#: the query string's filters, in the order links carry them
FILTER_KEYS = ("mechanism", "series", "session", "organisation", "sector", "from", "to")


def _date(value: str | None, problems: list[str], label: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(_("%(field)s is not a date.", field=label))
        return None


def _int(value: str | None) -> int | None:
    return valid_id(value)


def read_filters(session: Session, args) -> tuple[WinFilters, list[str]]:
    problems: list[str] = []
    mechanism = args.get("mechanism") or None
    if mechanism and mechanism not in {m.value for m in Mechanism}:
        problems.append(_("Unknown mechanism."))
        mechanism = None
    organisation_id = None
    if args.get("organisation"):
        organisation_id = session.scalar(
            select(Organisation.id).where(
                Organisation.name_key == organisation_key(args["organisation"])
            )
        )
        if organisation_id is None:
            problems.append(_("No organisation in the network has this name."))
            organisation_id = -1  # match nothing rather than everything
    filters = WinFilters(
        mechanism=Mechanism(mechanism) if mechanism else None,
        series_id=_int(args.get("series")),
        meeting_id=_int(args.get("session")),
        organisation_id=organisation_id,
        sector=args.get("sector") or None,
        date_from=_date(args.get("from"), problems, _("From")),
        date_to=_date(args.get("to"), problems, _("To")),
    )
    return filters, problems


def filter_choices(session: Session, filters: WinFilters) -> dict:
    """What the filter form offers: series, held sessions, sectors.

    Sessions are those of the chosen series, or else the latest ones (years of sessions would
    make a select nobody can use), and always the one that is chosen.
    """
    held = select(Meeting.id).where(Meeting.state == MeetingState.HELD)
    if filters.series_id:
        held = held.where(Meeting.series_id == filters.series_id)
    held = held.order_by(Meeting.starts_dt.desc()).limit(RECENT_MEETINGS * 2)
    wanted = Meeting.id.in_(held.scalar_subquery())
    if filters.meeting_id:
        wanted = or_(wanted, Meeting.id == filters.meeting_id)
    return {
        "series": session.scalars(select(ArenaSeries).order_by(ArenaSeries.name)).all(),
        "sessions": session.scalars(
            select(Meeting)
            .options(selectinload(Meeting.series))
            .where(wanted)
            .order_by(Meeting.starts_dt.desc())
        ).all(),
        "sectors": sectors(session),
    }
