"""The API against its own OpenAPI description (Schemathesis), on both databases, with an
organiser's and a member's token: no server error, every answer as described, bad input
refused. A bounded number of examples per operation and mode keeps the run short.

Operations are walked one by one with Hypothesis (Schemathesis' lazy pytest loader does not
run under this pytest).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from arena.auth.models import Role

EXAMPLES = 6


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.MEMBER])
def test_every_answer_matches_the_description(app, role, make_account, make_member, make_token):
    for _ in range(3):
        make_member()
    headers = {"Authorization": f"Bearer {make_token(make_account(role=role))}"}
    app.config.update(SERVER_NAME=None, API_RATE_LIMIT=100000)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                # a role's 403 and an unknown id's 404 are right answers to valid input
                case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

            check()
