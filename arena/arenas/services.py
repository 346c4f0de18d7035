"""Series: the standard form, its organisers and its header image.

Sessions of a series are in ``meetings.py``; the check-in in ``attendance.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from arena.arenas import header_image
from arena.arenas.models import ArenaSeries, Meeting, series_organisers
from arena.arenas.placeholders import check_texts
from arena.arenas.render import TemplateProblem
from arena.auth.models import Role, UserAccount

SERIES_TEMPLATE_FIELDS = {
    "invitation_subject": _l("Invitation subject"),
    "invitation_body": _l("Invitation text"),
    "invitation_subject_en": _l("Subject of the English invitation"),
    "invitation_body_en": _l("Text of the English invitation"),
    "reminder_subject": _l("Reminder subject"),
    "reminder_body": _l("Reminder text"),
    "reminder_subject_en": _l("Subject of the English reminder"),
    "reminder_body_en": _l("Text of the English reminder"),
    "practical_note_body": _l("Practical note"),
    "practical_note_body_en": _l("Practical note in English"),
}


class SeriesError(ValueError):
    """A series or session cannot be saved as asked; nothing was changed."""

    def __init__(self, message: str, problems: list[TemplateProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class HeaderImageChange:
    """What to do with the header image: a new checked image, or remove the current one."""

    instance_path: str | Path
    image: header_image.CheckedImage | None = None
    remove: bool = False
    #: set by save_series: the file no longer used, to discard once the change is committed
    replaced: str | None = None


def check_series_texts(series: ArenaSeries, values: dict) -> list[TemplateProblem]:
    """Template problems in the series' texts, checked against an example session."""
    start = datetime.now(ZoneInfo("UTC")) + timedelta(days=14)
    example = Meeting(
        title="Example session", starts_dt=start, ends_dt=start + timedelta(hours=3),
        time_zone="Europe/Amsterdam", location=values.get("default_location") or "",
        programme=values.get("default_programme") or "", introduction_topic="",
    )  # fmt: skip
    return check_texts(
        example,
        {str(label): values.get(name) or "" for name, label in SERIES_TEMPLATE_FIELDS.items()},
        series=series,
    )


def _apply_image(series: ArenaSeries, change: HeaderImageChange) -> None:
    if change.image is None and not change.remove:
        return
    change.replaced = series.header_image_path
    series.header_image_path = (
        header_image.store(change.instance_path, series.id, change.image)
        if change.image is not None
        else None
    )


def save_series(
    session: Session,
    series: ArenaSeries | None,
    values: dict,
    organiser_ids: list[int],
    image: HeaderImageChange | None = None,
) -> ArenaSeries:
    """Create or change a series; refuses names in use and templates with errors."""
    name = (values.get("name") or "").strip()
    clash = select(ArenaSeries.id).where(ArenaSeries.name == name)
    if series is not None:
        clash = clash.where(ArenaSeries.id != series.id)
    if session.scalar(clash) is not None:
        raise SeriesError(_("A series with this name exists already."))
    target = series or ArenaSeries(name=name, theme="")
    problems = check_series_texts(target, values)
    if problems:
        raise SeriesError(_("The texts have errors; nothing was saved."), problems)
    for key, value in values.items():
        setattr(target, key, value)
    if series is None:
        session.add(target)
    session.flush()
    if image is not None:
        _apply_image(target, image)
    session.execute(delete(series_organisers).where(series_organisers.c.series_id == target.id))
    if organiser_ids:
        session.execute(
            insert(series_organisers),
            [{"series_id": target.id, "account_id": i} for i in sorted(set(organiser_ids))],
        )
    session.flush()
    return target


def organiser_accounts(session: Session) -> list[UserAccount]:
    """The accounts that may organise a series, by email."""
    return list(
        session.scalars(
            select(UserAccount)
            .where(UserAccount.role == Role.ORGANISER)
            .order_by(UserAccount.email)
        )
    )


def organiser_ids(session: Session, series: ArenaSeries) -> list[int]:
    return list(
        session.scalars(
            select(series_organisers.c.account_id).where(series_organisers.c.series_id == series.id)
        )
    )
