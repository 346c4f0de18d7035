"""Change stories in the network's pages: a member's copy of their data holds their stories.

``create_app`` calls ``connect``. Erasure needs nothing of its own: a story stays with the
anonymous node (like a small win) and the core searches its text for the old name.
"""

from __future__ import annotations

from arena import hooks
from arena.stories import network


def connect() -> None:
    hooks.personal_data.connect(network.personal_data)
