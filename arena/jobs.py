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
JOBS: list[JobSpec] = []
