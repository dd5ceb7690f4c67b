"""schemathesis drives every operation from the app's own OpenAPI document, with a valid
admin token, on a database of its own: no generated request (valid or not) gets a 5xx,
an undocumented status, or a body that breaks the documented schema. Each day's
operations are that day's test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.generation.case import Case
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import create_async_engine

from conftest import make_settings
from tests.helpers import Shop

OPERATIONS = {
    53: ["POST /auth/register", "POST /token", "POST /auth/logout", "POST /auth/verify-email"],
    54: ["GET /users/me", "PUT /users/me", "GET /users", "GET /users/{user_id}"],
    55: [
        "GET /categories",
        "POST /categories",
        "DELETE /categories/{category_id}",
        "GET /products",
        "POST /products",
        "GET /products/{product_id}",
        "PATCH /products/{product_id}",
        "DELETE /products/{product_id}",
        "POST /products/{product_id}/restock",
        "GET /products/{product_id}/reviews",
        "POST /products/{product_id}/reviews",
        "GET /cart",
        "DELETE /cart",
        "PUT /cart/items/{product_id}",
        "DELETE /cart/items/{product_id}",
        "POST /orders",
        "GET /orders",
        "GET /orders/{order_id}",
        "POST /orders/{order_id}/cancel",
        "PATCH /orders/{order_id}/status",
    ],
    56: [
        "POST /admin/users/{user_id}/ban",
        "POST /admin/users/{user_id}/unban",
        "PUT /admin/users/{user_id}/role",
        "GET /admin/roles",
        "GET /admin/permissions",
        "PUT /admin/roles/{role}/permissions/{permission}",
        "DELETE /admin/roles/{role}/permissions/{permission}",
        "GET /admin/orders",
        "GET /admin/reports/sales",
        "GET /admin/metrics",
        "GET /health/live",
        "GET /health/ready",
    ],
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 5


@pytest.fixture
def lifespans() -> Iterator[None]:
    """schemathesis keeps each app's lifespan (its engine) running: end them after the test."""
    yield
    shutdown_lifespans()


def schema_of(url: str) -> Any:
    from app.main import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(make_settings(url)))


async def seed(url: str, day: int) -> str:
    """An admin (whose token the fuzzer sends); from day 55, a product, a delivered order
    of it and a category. Only what exists by `day`: its tests need no later day's code."""
    engine = create_async_engine(url, poolclass=sa.NullPool)
    async with engine.begin() as conn:
        shop = Shop(conn, make_settings(url))
        admin = await shop.user("admin")
        if day >= 55:
            product = await shop.product()
            await shop.order(admin.id, [(product, 1, "10.00")], status="delivered")
            await shop.category()
    await engine.dispose()
    return admin.token


@pytest.mark.asyncio
@pytest.mark.parametrize("day", [pytest.param(d, marks=pytest.mark.day(d)) for d in OPERATIONS])
@pytest.mark.hint("Bound every input (ids to INTEGER, strings, numbers); document every status.")
async def test_no_server_error_and_every_answer_matches_the_document(
    committed_database_url: str, lifespans: None, day: int
) -> None:
    url = sa.make_url(committed_database_url).set(drivername="postgresql+asyncpg")
    url_text = url.render_as_string(hide_password=False)
    token = await seed(url_text, day)
    schema = schema_of(url_text)
    if day == max(OPERATIONS):  # by the last day, every operation is fuzzed here
        results = list(schema.get_all_operations())
        labels = sorted(r.ok().label for r in results if isinstance(r, Ok))
        expected = sorted(op for ops in OPERATIONS.values() for op in ops)
        assert labels == expected, f"Called GET /openapi.json. Got {labels}, expected {expected}"
    for label in OPERATIONS[day]:
        method, path = label.split(" ", 1)
        operation = schema[path][method]
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @given(case=cases)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            # The same examples on every run: a CI result never depends on the draw.
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def call(case: Case[Any]) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

        call()
