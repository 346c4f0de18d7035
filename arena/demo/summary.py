"""What the demo loaded, in numbers, for the command line to print."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date, format_decimal, format_number
from flask_babel import gettext as _


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    members: int
    organisations: int
    memberships: int
    series: int
    #: the first series, the one shaped after the source
    flagship: str
    sessions_held: int
    sessions_cancelled: int
    sessions_planned: int
    #: the flagship series' next session
    next_session: date
    invitations: int
    attended: int
    examples_presented: int
    examples_waiting: int
    small_wins: int
    collaborations: int
    reflections: int
    accounts: tuple[str, ...]
    demo_member: str
    #: wall-clock time it took; left out of comparisons, so equal seeds give equal summaries
    seconds: float = field(default=0.0, compare=False)

    def describe(self) -> str:
        """The summary in the app's language, numbers and dates written the local way."""
        n = format_number
        lines = [
            _(
                "Demo network (seed %(seed)s): %(members)s members at %(organisations)s "
                "organisations (%(memberships)s memberships).",
                seed=self.seed,
                members=n(self.members),
                organisations=n(self.organisations),
                memberships=n(self.memberships),
            ),
            _(
                "%(series)s arena series (%(flagship)s first): %(held)s sessions held, "
                "%(cancelled)s cancelled, %(planned)s planned (next %(flagship)s: %(next)s, "
                "not yet invited).",
                series=n(self.series),
                flagship=self.flagship,
                held=n(self.sessions_held),
                cancelled=n(self.sessions_cancelled),
                planned=n(self.sessions_planned),
                next=format_date(self.next_session, "d MMMM yyyy"),
            ),
            _(
                "%(invitations)s invitations, %(attended)s times attended; %(presented)s "
                "practice examples presented, %(waiting)s waiting for review.",
                invitations=n(self.invitations),
                attended=n(self.attended),
                presented=n(self.examples_presented),
                waiting=n(self.examples_waiting),
            ),
            _(
                "%(wins)s small wins, %(collaborations)s collaborations, "
                "%(reflections)s reflections.",
                wins=n(self.small_wins),
                collaborations=n(self.collaborations),
                reflections=n(self.reflections),
            ),
            _(
                "Accounts: %(accounts)s (the member account is %(member)s).",
                accounts=", ".join(self.accounts),
                member=self.demo_member,
            ),
            _("Loaded in %(seconds)s s.", seconds=format_decimal(self.seconds, "0.0")),
        ]
        return "\n".join(lines)
