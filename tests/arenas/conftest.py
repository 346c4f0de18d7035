"""Arena pages use the invitation tests' series and sessions: templates, place and programme."""

import pytest

from tests.invitations.conftest import with_invitation_texts


@pytest.fixture
def factory_defaults(factory_defaults):
    return with_invitation_texts(factory_defaults)
