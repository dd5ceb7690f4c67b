"""Every list endpoint runs the same few SQL statements whatever the page size."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.helpers import Person, Shop

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.hint(
        "Load a page's related rows in one statement (selectinload), never one per row."
    ),
]

# The test session wraps each request in SAVEPOINTs: those statements are the harness's.
HARNESS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


async def _statements(
    client: httpx.AsyncClient,
    counter: Callable[..., Any],
    engine: AsyncEngine,
    url: str,
    who: Person,
) -> int:
    with counter(engine.sync_engine) as counted:
        response = await client.get(url, headers=who.headers)
    assert response.status_code == 200, (
        f"Called GET {url}. Got {response.status_code} {response.text}"
    )
    return len([s for s in counted.statements if not s.lstrip().upper().startswith(HARNESS)])


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/orders", marks=pytest.mark.day(38)),
        pytest.param("/categories", marks=pytest.mark.day(38)),
        pytest.param("/admin/users", marks=pytest.mark.day(38)),
        pytest.param("/admin/products/low-stock", marks=pytest.mark.day(39)),
        pytest.param("/products/{product}/reviews", marks=pytest.mark.day(40)),
    ],
)
async def test_list_statement_count_does_not_grow_with_the_page_size(
    async_client: httpx.AsyncClient,
    async_engine: AsyncEngine,
    count_queries: Callable[..., Any],
    shop: Shop,
    admin: Person,
    path: str,
) -> None:
    product = await shop.product(stock=0, threshold=5, categories=(await shop.category(),))
    for _ in range(4):
        await shop.product(stock=1, threshold=5, categories=(await shop.category(),))
        buyer = await shop.user()
        await shop.order(admin.id, [(product, 1, "10.00")], status="delivered")
        await shop.order(buyer.id, [(product, 1, "10.00")], status="delivered")
        if "reviews" in path:  # the reviews table exists from day 40's migration on
            await shop.execute(
                "INSERT INTO reviews (user_id, product_id, rating) VALUES (:u, :p, 4)",
                u=buyer.id,
                p=product,
            )
    url = path.format(product=product)
    small = await _statements(async_client, count_queries, async_engine, f"{url}?limit=1", admin)
    large = await _statements(async_client, count_queries, async_engine, f"{url}?limit=100", admin)
    assert small == large <= 5, (
        f"Called GET {url} with limit 1 and 100. Got {small} and {large} statements, expected "
        "the same few"
    )
