"""Small wins and reflections in the network's pages, erasure, retention and merges.

``create_app`` calls ``connect``; the functions are in ``network.py``.
"""

from __future__ import annotations

from arena import hooks
from arena.wins import network


def connect() -> None:
    hooks.member_history.connect(network.member_wins)
    hooks.organisation_history.connect(network.organisation_wins)
    hooks.personal_data.connect(network.personal_data)
    hooks.member_last_activity.connect(network.last_small_win)
    hooks.member_erased.connect(network.unlink_reflections)
    hooks.merge_combiners.connect(network.merge_combiners)
