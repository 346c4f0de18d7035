"""The scheduled jobs the one scheduler process runs (`arena scheduler`), in one registry.

Each job is an importable "module:function" (APScheduler's SQLAlchemy job store needs that)
that takes no arguments and runs inside an app context; it commits its own work and must be
safe to run again at any moment, because a killed scheduler runs it again on restart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: str  # "module:function"
    seconds: int  # how often it runs
    description: str


#: feature packages add their jobs here
JOBS: list[JobSpec] = [
    JobSpec(
        "deliver-outbox",
        "arena.invitations.tasks:deliver_outbox",
        30,
        "Send due emails from the outbox",
    ),
    JobSpec(
        "queue-reminders",
        "arena.invitations.tasks:queue_reminders",
        900,
        "Queue reminders and practical notes for upcoming sessions",
    ),
    JobSpec(
        "send-reflections",
        "arena.wins.tasks:send_reflections",
        900,
        "Ask attendees of sessions marked held the three reflection questions",
    ),
    JobSpec(
        "send-stick-checks",
        "arena.wins.tasks:send_stick_questions",
        3600,
        "Ask authors 3, 6 and 12 months on whether their small win stuck",
    ),
    JobSpec(
        "mark-examples-presented",
        "arena.examples.tasks:mark_presented",
        900,
        "Mark the scheduled practice examples of sessions marked held as presented",
    ),
    JobSpec(
        "refresh-graphs",
        "arena.graph.tasks:refresh_graphs",
        300,
        "Recompute the collaboration graph's stored metrics and layouts after data changed",
    ),
    JobSpec(
        "refresh-reports",
        "arena.reports.tasks:refresh_reports",
        300,
        "Recount the stored reports of what emerged after the data they count changed",
    ),
    JobSpec(
        "close-polls",
        "arena.polls.tasks:close_polls",
        300,
        "Close the polls of the network whose closing time has passed",
    ),
    JobSpec(
        "forget-import-uploads",
        "arena.members.tasks:forget_uploads",
        86400,
        "Delete uploaded member CSV files and their row reports after 30 days",
    ),
    JobSpec(
        "refresh-statistics",
        "arena.statistics:refresh_statistics",
        86400,
        "Refresh the SQLite query planner's statistics as the network grows",
    ),
]
