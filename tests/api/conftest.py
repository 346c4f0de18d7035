"""Fixtures for the API: a personal token for an account, and a client that sends it."""

from __future__ import annotations

import pytest

from arena.auth.api_tokens import create_api_token


@pytest.fixture
def make_token(db):
    def make(account, **options) -> str:
        new = create_api_token(db, account, options.pop("name", "test"), **options)
        db.commit()
        return new.secret

    return make


@pytest.fixture
def api(client):
    """client.get/post with a Bearer token: api(token).get(url)."""

    class Caller:
        def __init__(self, token: str) -> None:
            self.headers = {"Authorization": f"Bearer {token}"}

        def get(self, url, **kwargs):
            headers = self.headers | kwargs.pop("headers", {})
            return client.get(url, headers=headers, **kwargs)

        def post(self, url, **kwargs):
            headers = self.headers | kwargs.pop("headers", {})
            return client.post(url, headers=headers, **kwargs)

    return Caller


# series and sessions as the invitation tests make them (the factories come from tests.factories)
from tests.invitations.conftest import smtp_config, with_invitation_texts  # noqa: E402, F401


@pytest.fixture
def factory_defaults(factory_defaults):
    return with_invitation_texts(factory_defaults)
