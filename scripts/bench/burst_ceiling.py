"""The ceiling for scripts/bench/rsvp_burst.py: a minimal Flask view with the same protocol.

GET shows a form with a CSRF-style token kept in Flask's session cookie; POST checks it and
thanks. No database, no templates, no extensions: what Flask and gunicorn cost on their own.
"""

from __future__ import annotations

import secrets

from flask import Flask, abort, request, session

app = Flask(__name__)
app.secret_key = "bench-ceiling-secret"  # noqa: S105 - a throwaway benchmark app


@app.route("/rsvp/<token>", methods=["GET", "POST"])
def answer(token: str):
    if request.method == "POST":
        if request.form.get("csrf_token") != session.get("csrf"):
            abort(400)
        return f"<p>Thank you: {request.form.get('answer', '')}.</p>"
    session["csrf"] = value = secrets.token_urlsafe(16)
    return (
        f'<form method="post" action="/rsvp/{token}"><input type="hidden" name="csrf_token" '
        f'value="{value}"><button>Confirm</button></form>'
    )


@app.route("/healthz")
def healthz():
    return "ok"
