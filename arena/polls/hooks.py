"""Polls in the network's pages: a member's copy of their data holds their answers.

``create_app`` calls ``connect``; the functions are in ``network.py``. Erasure needs nothing of
its own here: answers stay with the anonymous node (like small wins), their text is searched
for the old name by the core, and an erased member's link stops working (``was_asked``).
"""

from __future__ import annotations

from arena import hooks
from arena.polls import network


def connect() -> None:
    hooks.personal_data.connect(network.personal_data)
