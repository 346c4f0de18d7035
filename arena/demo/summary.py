"""What the demo loaded, in numbers, for the command line to print."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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
        lines = [
            f"Demo network (seed {self.seed}): {self.members:,} members at "
            f"{self.organisations:,} organisations ({self.memberships:,} memberships).",
            f"{self.series:,} arena series ({self.flagship} first): "
            f"{self.sessions_held:,} sessions held, "
            f"{self.sessions_cancelled:,} cancelled, {self.sessions_planned:,} planned "
            f"(next {self.flagship}: {self.next_session:%d %B %Y}, not yet invited).",
            f"{self.invitations:,} invitations, {self.attended:,} times attended; "
            f"{self.examples_presented:,} practice examples presented, "
            f"{self.examples_waiting:,} waiting for review.",
            f"{self.small_wins:,} small wins, {self.collaborations:,} collaborations, "
            f"{self.reflections:,} reflections.",
            f"Accounts: {', '.join(self.accounts)} (the member account is {self.demo_member}).",
            f"Loaded in {self.seconds:.1f} s.",
        ]
        return "\n".join(lines)
