"""The learning agenda in the network's pages: the questions a member raised are theirs.

``create_app`` calls ``connect``.
"""

from __future__ import annotations

from arena import hooks
from arena.learning import network


def connect() -> None:
    hooks.personal_data.connect(network.personal_data)
