"""The outbox reacts to the network and to sessions: erasure, unsubscribing, a copy of one's
data, changed and cancelled sessions, the messages on a session's page.

``create_app`` calls ``connect``.
"""

from __future__ import annotations

from arena import hooks
from arena.invitations import monitor, network, outbox, services


def connect() -> None:
    hooks.member_erased.connect(network.blank_messages)
    hooks.member_unsubscribed.connect(network.withdraw_waiting)
    hooks.personal_data.connect(network.personal_data)
    hooks.meeting_changed.connect(services.queue_updates)
    hooks.meeting_cancelled.connect(services.queue_cancellations)
    hooks.meeting_page.connect(monitor.outbox_section)
    hooks.queue_mail.connect(outbox.queue_built)
