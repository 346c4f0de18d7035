"""Type-ahead for forms: a few organisation names as JSON, asked for while someone types.

Forms stay plain text inputs that work without JavaScript (names are matched on submit); the
script static/js/organisation-suggest.js only fills their <datalist> from here.
"""

from __future__ import annotations

from flask import jsonify, request

from arena.auth.access import EVERYONE, allowed
from arena.db import get_session
from arena.members.directory import search_organisation_names


@allowed(*EVERYONE)
def organisations():
    """Up to 15 names containing ``q`` (at least two characters), best matches first."""
    typed = request.args.get("q", "")[:200]
    return jsonify(names=search_organisation_names(get_session(), typed))
