"""Mailing the network about sessions: audiences, the outbox and its delivery, calendar files,
reminders, RSVP and unsubscribe links.

Above sessions: it reads series, sessions and attendance, queues messages in the outbox
(``outbox.py``; others' mail goes through it too) and answers the core's hooks in ``hooks.py``
(changed and cancelled sessions, the messages on a session's page, erasure and unsubscribing).

URLs (``blueprint.py``, blueprint ``invitations``): ``/invitations/<session>`` (the organisers'
page), ``/invitations/<session>/retry``, ``/rsvp/<token>`` and ``/unsubscribe/<token>``.
"""
