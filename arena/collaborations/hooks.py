"""Collaborations in the network's pages, a copy of one's data, retention and merges.

``create_app`` calls ``connect``; the functions are in ``network.py``.
"""

from __future__ import annotations

from arena import hooks
from arena.collaborations import network


def connect() -> None:
    hooks.member_history.connect(network.member_collaborations)
    hooks.organisation_history.connect(network.organisation_collaborations)
    hooks.personal_data.connect(network.personal_data)
    hooks.member_last_activity.connect(network.last_collaboration)
    hooks.merge_combiners.connect(network.merge_combiners)
