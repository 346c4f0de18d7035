"""The report of what emerged: every figure of a period in sections, ready for page, PDF, export.

Labels stay lazy here; they become words in the reader's language when rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from arena.charts import BarChart, bar_chart
from arena.examples.models import Maturity
from arena.learning.models import QuestionState
from arena.members.labels import STAKEHOLDER_ROLES
from arena.members.models import StakeholderRole
from arena.reports import learning as _learning  # noqa: F401 - registers its figures
from arena.reports import practice as _practice  # noqa: F401 - registers its figures
from arena.reports import sessions as _sessions  # noqa: F401 - registers its figures
from arena.reports.figures import UNKNOWN, get_figure
from arena.reports.network import NetworkGrowth, network_growth
from arena.reports.period import Period
from arena.reports.records import Record
from arena.reports.tally import Tally
from arena.stories.services import selected_stories
from arena.wins.labels import MECHANISMS
from arena.wins.models import Mechanism, StickAnswer

MATURITIES = {Maturity.FRONTRUNNER: _l("Frontrunners"), Maturity.STARTING: _l("Starters")}
STICK = {
    StickAnswer.HOLDS: _l("It still holds"),
    StickAnswer.GREW: _l("It grew"),
    StickAnswer.SPREAD: _l("It spread to others"),
    StickAnswer.REVERSED: _l("It was reversed"),
}
QUESTION_MOVES = {
    QuestionState.OPEN: _l("Put on the agenda"),
    QuestionState.EXPLORING: _l("Being explored"),
    QuestionState.ANSWERED: _l("Answered"),
    QuestionState.DROPPED: _l("Dropped"),
    QuestionState.MERGED: _l("Merged into another question"),
}
NOT_KNOWN = _l("Not known")
CHAINS_LISTED = 25


@dataclass
class Line:
    """One figure (or one group of a grouped figure) with the link to its records."""

    label: object
    key: str
    value: int
    group: str | None = None
    #: the same figure in the previous period, where the report compares
    previous: int | None = None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def whole_programme(self) -> bool:
        return not get_figure(self.key).follows_series


@dataclass
class Section:
    key: str
    title: object
    lines: list[Line] = field(default_factory=list)
    #: a sentence under the table, e.g. how a figure is counted
    note: object = ""


@dataclass
class Report:
    period: Period
    previous: Period
    made_dt: datetime
    sections: list[Section]
    #: what the report does not know, each a figure whose records can be looked at
    unknowns: list[Line]
    #: the collaboration graph before and after the period (from the graph's stored views)
    growth: NetworkGrowth
    #: inspirations across organisations, listed (the first CHAINS_LISTED)
    chains: list[Record]
    #: (story, selection) chosen as most significant in the period, with the reasons
    stories: list
    #: when the figures were counted (a stored report's are older than made_dt)
    counted_dt: datetime | None = None

    @property
    def growth_before_day(self) -> date:
        return self.period.start - timedelta(days=1)

    @property
    def charts(self) -> dict[str, BarChart]:
        """A bar chart per section of groups, drawn from the same lines as its table."""
        charts = {}
        for section in self.sections:
            grouped = [(str(line.label), line.value) for line in section.lines if line.group]
            if len(grouped) > 1:
                charts[section.key] = bar_chart(grouped)
        return charts

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def value(self, key: str, group: str | None = None) -> int:
        for section in [*self.sections, Section("unknowns", "", self.unknowns)]:
            for line in section.lines:
                if line.key == key and line.group == group:
                    return line.value
        raise LookupError((key, group))


def _grouped(tally: Tally, period, key, labels: dict, *, compare: bool = False) -> list[Line]:
    """One line per known group in the labels' order, then groups not in labels, then unknown."""
    now = tally.groups(period, key)
    before = tally.groups(period.previous(), key) if compare else {}
    order = [str(g) for g in labels] + sorted(g for g in now if g not in labels and g != UNKNOWN)
    lines = []
    for group in [*order, UNKNOWN]:
        if group == UNKNOWN and not now.get(UNKNOWN):
            continue
        label = labels.get(group, group) if group != UNKNOWN else NOT_KNOWN
        lines.append(
            Line(label, key, now.get(group, 0), group, before.get(group, 0) if compare else None)
        )
    return lines


def build_report(
    session: Session, period: Period, now: datetime, tally: Tally | None = None
) -> Report:
    """The report with every figure counted now, or read from ``tally`` (a stored report's)."""
    tally = tally or Tally(session)
    previous = period.previous()

    def line(key, label):
        return Line(label, key, tally.count(period, key))

    wins = line("small-wins", _l("Small wins"))
    wins.previous = tally.count(previous, "small-wins")
    roles = {str(r): STAKEHOLDER_ROLES[r] for r in StakeholderRole}
    sections = [
        Section(
            "sessions",
            _l("Sessions and who came"),
            [
                line("sessions-held", _l("Sessions held")),
                line("attendances", _l("Attendances")),
                line("attendees", _l("Different people who came")),
                line("newcomers", _l("Of whom came for the first time")),
            ],
        ),
        Section(
            "roles", _l("Who came, by role"), _grouped(tally, period, "attendees-by-role", roles)
        ),
        Section(
            "sectors",
            _l("Who came, by sector of their organisation"),
            _grouped(tally, period, "attendees-by-sector", {}),
            _l("Someone who works in two sectors counts in both."),
        ),
        Section(
            "examples",
            _l("Practice examples presented"),
            _grouped(
                tally, period, "examples-presented", {str(m): MATURITIES[m] for m in Maturity}
            ),
        ),
        Section(
            "wins",
            _l("Small wins per mechanism, against the previous period"),
            [
                wins,
                *_grouped(
                    tally,
                    period,
                    "small-wins-by-mechanism",
                    {str(m): MECHANISMS[m] for m in Mechanism},
                    compare=True,
                ),
            ],
            _l("A small win with two mechanisms counts under both."),
        ),
        Section(
            "chains",
            _l("Inspiration that crossed boundaries"),
            [
                line("inspirations", _l("Small wins inspired by another")),
                line("inspirations-across-organisations", _l("Across organisations")),
                line("inspirations-across-sectors", _l("Across sectors")),
                line("inspirations-across-domains", _l("Across policy domains")),
            ],
        ),
        Section(
            "collaborations",
            _l("Collaborations"),
            [
                line("collaborations-started", _l("Started in the period")),
                line("collaborations-active", _l("Started by the period's end and active today")),
            ],
        ),
        Section(
            "stick",
            _l("Did it stick?"),
            _grouped(tally, period, "stick-answers", {str(a): STICK[a] for a in StickAnswer}),
        ),
        Section(
            "network",
            _l("How the network grew"),
            [
                line("new-members", _l("New members")),
                line("new-organisations", _l("New organisations")),
            ],
        ),
        Section(
            "agenda",
            _l("The learning agenda"),
            [
                line("questions-raised", _l("Questions raised")),
                *_grouped(
                    tally,
                    period,
                    "questions-moved",
                    {str(s): QUESTION_MOVES[s] for s in QUESTION_MOVES},
                ),
                line("questions-open-at-end", _l("Open at the end of the period")),
            ],
        ),
        Section(
            "stories",
            _l("Change stories"),
            [
                line("stories-told", _l("Stories told")),
                line("stories-selected", _l("Selected as most significant")),
            ],
        ),
        Section(
            "polls",
            _l("Polls of the network"),
            [line("polls-sent", _l("Polls sent")), line("poll-responses", _l("Responses"))],
        ),
    ]
    unknowns = [
        line("attendees-without-organisation", _l("People who came without a known organisation")),
        line("sessions-without-attendance", _l("Sessions held without recorded attendance")),
        line("small-wins-without-mechanism", _l("Small wins without a mechanism")),
        line("small-wins-without-organisation", _l("Small wins without an organisation")),
    ]
    chains = tally.records(period, "inspirations-across-organisations", CHAINS_LISTED)
    # the stories and the graph's growth are read as they are (three short queries)
    stories = selected_stories(session, period.start, period.end, period.series_id)
    growth = network_growth(session, period)
    return Report(
        period, previous, now, sections, unknowns, growth, chains, stories, tally.counted_dt
    )
