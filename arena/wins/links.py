"""The signed links of small wins' emails: the reflection questions and "did it stick?"."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.tokens import LinkPurpose

EXPIRED = _l("This link has expired. Thank you for wanting to answer all the same.")
INVALID = _l("This link is not valid: it may be incomplete, or made for something else.")
#: the token names the session under "m" and the member under "p"
REFLECTION = LinkPurpose("reflection", 60 * 24 * 3600, EXPIRED, INVALID)
#: the token names the question (a SmallWinFollowUp) under "f"
STICK = LinkPurpose("stick-check", 90 * 24 * 3600, EXPIRED, INVALID)
