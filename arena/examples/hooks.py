"""Practice examples on a member's history, in their copy of their data, on the series page.

``create_app`` calls ``connect``; the functions are in ``network.py``.
"""

from __future__ import annotations

from arena import hooks
from arena.examples import network


def connect() -> None:
    hooks.member_history.connect(network.member_examples)
    hooks.personal_data.connect(network.personal_data)
    hooks.series_sessions.connect(network.series_examples)
