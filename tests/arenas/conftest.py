"""The series and session factories are the invitation tests' own: one definition for both."""

from tests.invitations.conftest import (  # noqa: F401 - fixtures, found by name
    consenting,
    make_meeting,
    make_series,
    smtp_config,
)
