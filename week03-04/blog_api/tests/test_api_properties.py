"""Day 27: schemathesis drives every operation from the app's own OpenAPI document.

Property: on real PostgreSQL, no generated request (valid or deliberately invalid) gets a
5xx, an undocumented status, or a body that breaks the response schema the document declares.
"""

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from passlib.context import CryptContext
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.generation.case import Case
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.orm import Session

from app.config import Settings
from app.main import create_app
from seed_data import seed

pytestmark = pytest.mark.day(27)

# Only the document is read from this app (it never connects); requests go to the test app.
# Hypothesis is driven directly: the root config disables schemathesis' pytest plugin.
SCHEMA = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(Settings(database_url="postgresql://unused/unused"))
)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations() if isinstance(result, Ok)]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def seeded_client(client: TestClient, db_session: Session) -> TestClient:
    """The plugin's client over a test database that holds the demo rows."""
    seed(db_session, CryptContext(schemes=["bcrypt"], bcrypt__rounds=4))
    return client


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_no_server_error_and_every_response_matches_the_documented_schema(
    operation: APIOperation[Any, Any, Any, Any], seeded_client: TestClient
) -> None:
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @given(case=cases)
    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Case[Any]) -> None:
        case.call_and_validate(app=seeded_client.app, checks=CHECKS)

    call()
