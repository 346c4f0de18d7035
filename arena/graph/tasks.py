"""The scheduled job: recompute graph results after the data changed, never per request."""

from __future__ import annotations

from arena.db import get_session
from arena.graph.services import refresh_stale_views


def refresh_graphs() -> list[str]:
    """Recompute stale views and commit; cheap when nothing changed (one fingerprint)."""
    session = get_session()
    done = refresh_stale_views(session)
    session.commit()
    return done
