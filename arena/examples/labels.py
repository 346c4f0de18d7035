"""Human words for a practice example's status and maturity, translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from arena.examples.models import ExampleStatus, Maturity

EXAMPLE_STATUSES = {
    ExampleStatus.DRAFT: _l("Draft"),
    ExampleStatus.SUBMITTED: _l("Submitted"),
    ExampleStatus.ACCEPTED: _l("Accepted"),
    ExampleStatus.SCHEDULED: _l("Scheduled"),
    ExampleStatus.PRESENTED: _l("Presented"),
    ExampleStatus.DECLINED: _l("Declined"),
}

MATURITIES = {Maturity.FRONTRUNNER: _l("Frontrunner"), Maturity.STARTING: _l("Starting")}
