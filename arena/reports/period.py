"""The period a report covers, read from a query string; by default the last calendar year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l


class PeriodError(ValueError):
    """The period cannot be reported on; the message says why, in the reader's words."""


@dataclass(frozen=True)
class Period:
    """Both days included; ``series_id`` None means the whole programme."""

    start: date
    end: date
    series_id: int | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(str(_l("The period ends before it starts.")))

    @property
    def start_dt(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def end_dt(self) -> datetime:
        """The first moment after the period (exclusive bound for datetimes)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=UTC)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one, to show change against."""
        if _is_whole_years(self):
            years = self.end.year - self.start.year + 1
            return Period(
                self.start.replace(year=self.start.year - years),
                self.end.replace(year=self.end.year - years),
                self.series_id,
            )
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end, self.series_id)

    def query(self) -> dict[str, str]:
        """The query-string arguments that name this period (for links and exports)."""
        args = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.series_id is not None:
            args["series"] = str(self.series_id)
        return args


def _is_whole_years(period: Period) -> bool:
    return (period.start.month, period.start.day, period.end.month, period.end.day) == (
        1,
        1,
        12,
        31,
    )


def last_calendar_year(today: date) -> Period:
    year = today.year - 1
    return Period(date(year, 1, 1), date(year, 12, 31))


def _day(value: str | None, label) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise PeriodError(
            str(_l("%(label)s is not a date (use YYYY-MM-DD).", label=label))
        ) from None


def parse_period(args, today: date) -> Period:
    """A period from ``start``, ``end`` and ``series`` (or ``year``); bad input raises."""
    series_text = (args.get("series") or "").strip()
    try:
        series_id = int(series_text) if series_text else None
    except ValueError:
        raise PeriodError(str(_l("Choose a series from the list."))) from None
    year_text = (args.get("year") or "").strip()
    if year_text and not (args.get("start") or args.get("end")):
        if not year_text.isdigit() or not 1900 <= int(year_text) <= 9999:
            raise PeriodError(str(_l("The year is not a year.")))
        year = int(year_text)
        return Period(date(year, 1, 1), date(year, 12, 31), series_id)
    start = _day(args.get("start"), _l("The start"))
    end = _day(args.get("end"), _l("The end"))
    default = last_calendar_year(today)
    return Period(start or default.start, end or default.end, series_id)
