"""Human words for a collaboration's status, translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.collaborations.models import CollaborationStatus

STATUS_LABELS = {
    CollaborationStatus.EXPLORING: _l("Exploring"),
    CollaborationStatus.ACTIVE: _l("Active"),
    CollaborationStatus.ENDED: _l("Ended"),
}
