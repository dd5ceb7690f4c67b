"""schemathesis drives every operation from the app's own OpenAPI document, as an admin,
on a committed database: no generated request (valid or not) gets a 5xx, an undocumented
status, or a body that breaks the documented schema. Each day's operations are its own test."""

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.helpers import Shop

OPERATIONS = {
    38: [
        "GET /health",
        "POST /users",
        "GET /users/me",
        "GET /admin/users",
        "GET /categories",
        "POST /categories",
        "GET /categories/{category_id}",
        "PATCH /categories/{category_id}",
        "DELETE /categories/{category_id}",
        "GET /products",
        "POST /products",
        "GET /products/{product_id}",
        "PATCH /products/{product_id}",
        "DELETE /products/{product_id}",
        "POST /orders",
        "GET /orders",
        "GET /orders/{order_id}",
    ],
    39: [
        "PATCH /orders/{order_id}/status",
        "GET /admin/products/low-stock",
        "GET /admin/stock-alerts",
        "POST /admin/products/{product_id}/restock",
    ],
    40: [
        "POST /products/{product_id}/reviews",
        "GET /products/{product_id}/reviews",
        "GET /products/{product_id}/rating",
    ],
    41: [
        "GET /cart",
        "POST /cart/items",
        "PATCH /cart/items/{product_id}",
        "DELETE /cart/items/{product_id}",
        "DELETE /cart",
        "POST /cart/checkout",
    ],
    42: [
        "GET /admin/products/top-selling",
        "GET /admin/users/{user_id}/spending",
        "GET /admin/sales/report",
    ],
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ADMIN_TOKEN = "fuzz-admin-token-0123456789"


def _schema(url: str) -> Any:
    from app.main import create_app
    from conftest import make_settings

    app = create_app(make_settings(url))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.day(38)
def test_the_document_holds_exactly_the_operations_exercised_here() -> None:
    results = list(_schema("postgresql://unused/unused").get_all_operations())
    labels = sorted(r.ok().label for r in results if isinstance(r, Ok))
    expected = sorted(op for ops in OPERATIONS.values() for op in ops)
    assert labels == expected, f"Called GET /openapi.json. Got {labels}, expected {expected}"


@pytest.mark.asyncio
@pytest.mark.parametrize("day", [pytest.param(d, marks=pytest.mark.day(d)) for d in OPERATIONS])
async def test_no_server_error_and_every_answer_matches_the_document(
    committed_database_url: str, committed_engine: AsyncEngine, day: int
) -> None:
    async with committed_engine.begin() as conn:
        shop = Shop(conn)
        admin = await shop.user("admin", token=ADMIN_TOKEN)
        product = await shop.product(categories=(await shop.category(),))
        await shop.order(admin.id, [(product, 1, "10.00")], status="delivered")
    schema = _schema(committed_database_url)
    for label in OPERATIONS[day]:
        method, path = label.split(" ", 1)
        operation = schema[path][method]
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @given(case=cases)
        @settings(
            max_examples=5,
            deadline=None,
            # The same examples on every run: a CI result never depends on the draw.
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def call(case: Case[Any]) -> None:
            case.call_and_validate(
                headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, checks=CHECKS
            )

        call()
