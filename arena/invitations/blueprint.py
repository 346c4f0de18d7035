"""Every URL of the invitations, in one place: the organisers' /invitations/<session> pages
and the /rsvp and /unsubscribe pages reached from links in emails.

The views are plain functions in ``views.py`` and ``public.py``; this blueprint names them.
"""

from __future__ import annotations

from flask import Blueprint

from arena.invitations import public, views

bp = Blueprint("invitations", __name__)

# views.py
bp.add_url_rule("/invitations/<int:meeting_id>", "invite", views.invite, methods=["GET", "POST"])
bp.add_url_rule("/invitations/<int:meeting_id>/retry", "retry", views.retry, methods=["POST"])

# public.py
bp.add_url_rule("/rsvp/<token>", "rsvp", public.answer, methods=["GET", "POST"])
bp.add_url_rule("/unsubscribe/<token>", "unsubscribe", public.unsubscribe, methods=["GET", "POST"])
