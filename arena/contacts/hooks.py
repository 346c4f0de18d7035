"""Contact requests in the network's pages: erasing a member blanks their requests' messages
and ends what was still waiting; a member's copy of their data holds their requests.

``create_app`` calls ``connect``; the functions are in ``network.py``.
"""

from __future__ import annotations

from arena import hooks
from arena.contacts import network


def connect() -> None:
    hooks.member_erased.connect(network.forget_requests)
    hooks.personal_data.connect(network.personal_data)
