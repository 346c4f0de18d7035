"""Sessions in the network's pages: filters, history, a copy of one's data, retention, merges.

``create_app`` calls ``connect``; the functions are in ``network.py``.
"""

from __future__ import annotations

from arena import hooks
from arena.arenas import network


def connect() -> None:
    hooks.member_filters.connect(network.member_filters)
    hooks.sessions_attended.connect(network.sessions_attended)
    hooks.member_history.connect(network.member_sessions)
    hooks.organisation_history.connect(network.organisation_sessions)
    hooks.personal_data.connect(network.personal_data)
    hooks.member_last_activity.connect(network.last_session)
    hooks.merge_combiners.connect(network.merge_combiners)
