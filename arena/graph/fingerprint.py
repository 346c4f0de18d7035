"""Has the data a graph reads changed? A fingerprint per kind of graph of the versions it reads.

Triggers raise a version per part of what the graphs read (a column of the one row of
graph_data_version, migration graphstore_0001) at every change a graph would see, in the
change's own transaction. A kind's fingerprint is the versions of its parts, so reading it is
one row by its key: every page checks afresh (the scan of counts and key sums it replaces took
1.8-2.3 s at 200,000 members on PostgreSQL, so pages had reused it for 30 s). The scheduler's
job still recomputes a result older than MAX_RESULT_AGE, for what no trigger sees (a change
made by hand while the triggers were set aside; the demo's bulk load raises every part after).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from arena.db import utcnow
from arena.triggers import GRAPH_VERSION_PARTS, GRAPH_VERSION_TABLE

#: raise when the stored result's shape or the algorithms change, so old results go stale
ALGORITHM_VERSION = "8"
#: the job recomputes results older than this even when the fingerprint did not change
MAX_RESULT_AGE = timedelta(days=1)

#: what each kind of graph reads, by the parts of the fingerprint below; a change to a part
#: only makes the kinds that read it stale (a new inspiration never recomputes the people)
KIND_PARTS = {
    "organisations": (
        "members", "organisations", "arena_series", "meetings", "attendances", "collaborations",
        "small_wins", "memberships", "participants", "mechanisms", "organisers",
    ),
    "people": (
        "members", "organisations", "arena_series", "meetings", "attendances", "collaborations",
        "small_wins", "practice_examples", "memberships", "participants", "presenters",
        "mechanisms", "organisers",
    ),
    "wins": (
        "organisations", "arena_series", "meetings", "attendances", "small_wins", "memberships",
        "inspirations", "mechanisms",
    ),
}  # fmt: skip
_VERSIONS = text(
    f"SELECT {', '.join(GRAPH_VERSION_PARTS)} FROM {GRAPH_VERSION_TABLE} WHERE id = 1"  # noqa: S608
)


def data_versions(session: Session) -> dict[str, int]:
    """The version of every part, as the triggers left it."""
    return dict(session.execute(_VERSIONS).one()._mapping)


def source_fingerprints(session: Session) -> dict[str, str]:
    """Per kind of graph: the versions of the parts it reads, hashed with the algorithm's."""
    versions = data_versions(session)
    return {
        kind: hashlib.sha256(
            "|".join([ALGORITHM_VERSION, kind, *(f"{p}={versions[p]}" for p in parts)]).encode()
        ).hexdigest()[:40]
        for kind, parts in KIND_PARTS.items()
    }


@dataclass(frozen=True)
class Checked:
    """Fingerprints by kind and when they were taken, so a page can say how recent it is."""

    values: dict[str, str]
    checked_dt: datetime


def checked_now(session: Session) -> Checked:
    """The fingerprints as they are now."""
    return Checked(source_fingerprints(session), utcnow())
