"""Day 38: GET /products searches, filters, sorts and pages in a fixed number of statements."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.helpers import Shop

pytestmark = [
    pytest.mark.day(38),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "Filters go into one SELECT (ILIKE with % escaped, EXISTS on product_categories, "
        "price bounds); the categories of the whole page come in one statement, not one per row."
    ),
]


async def _catalog(shop: Shop) -> dict[str, int]:
    toys, books = await shop.category("Toys"), await shop.category("Books")
    return {
        "kite": await shop.product("15.00", name="Red kite", categories=(toys,)),
        "ball": await shop.product("5.00", name="Ball", categories=(toys,), stock=0),
        "atlas": await shop.product("30.00", name="Atlas", categories=(books,)),
        "kite book": await shop.product("12.00", name="Kite book", categories=(books, toys)),
        "toys": toys,
    }


async def _ids(client: httpx.AsyncClient, query: str) -> list[int]:
    response = await client.get(f"/products?{query}")
    assert response.status_code == 200, (
        f"Called GET /products?{query}. Got {response.status_code} {response.text}"
    )
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=kite", ["kite", "kite book"]),
        ("category_id={toys}&sort=price", ["ball", "kite book", "kite"]),
        ("min_price=10&max_price=20&sort=price&order=desc", ["kite", "kite book"]),
        ("in_stock=false", ["ball"]),
        ("sort=name", ["atlas", "ball", "kite book", "kite"]),
    ],
)
async def test_search_filter_and_sort(
    async_client: httpx.AsyncClient, shop: Shop, query: str, expected: list[str]
) -> None:
    ids = await _catalog(shop)
    got = await _ids(async_client, query.format(**ids))
    want = [ids[name] for name in expected]
    assert got == want, f"Called GET /products?{query}. Got ids {got}, expected {want} ({expected})"


async def test_cursor_pages_walk_every_product_once(
    async_client: httpx.AsyncClient, shop: Shop
) -> None:
    ids = await _catalog(shop)
    products = sorted(v for k, v in ids.items() if k != "toys")
    seen: list[int] = []
    response = await async_client.get("/products?limit=3&sort=price&order=desc")
    first = response.json()
    assert first["total"] == 4 and first["next_cursor"], (
        f"Called GET /products?limit=3. Got {first}"
    )
    seen += [item["id"] for item in first["items"]]
    second = (
        await async_client.get(
            f"/products?limit=3&sort=price&order=desc&cursor={first['next_cursor']}"
        )
    ).json()
    seen += [item["id"] for item in second["items"]]
    assert sorted(seen) == products and second["next_cursor"] is None, (
        f"Called two cursor pages. Got {seen}, next_cursor {second['next_cursor']}, "
        f"expected each of {products} once"
    )


@pytest.mark.parametrize(
    "query",
    [
        "min_price=5&max_price=1",
        "cursor=not-a-cursor",
        "limit=0",
        "limit=101",
        "min_price=NaN",
        "sort=colour",
        "category_id=2147483648",
    ],
)
async def test_bad_parameters_are_422(async_client: httpx.AsyncClient, query: str) -> None:
    response = await async_client.get(f"/products?{query}")
    assert response.status_code == 422, (
        f"Called GET /products?{query}. Got {response.status_code}, expected 422"
    )


async def test_statement_count_does_not_grow_with_the_page_size(
    async_client: httpx.AsyncClient,
    shop: Shop,
    async_engine: AsyncEngine,
    count_queries: Callable[..., Any],
) -> None:
    ids = await _catalog(shop)
    counts = []
    filtered = f"/products?limit=100&q=k&category_id={ids['toys']}"
    for url in ("/products?limit=1", "/products?limit=100", filtered):
        with count_queries(async_engine.sync_engine) as counter:
            response = await async_client.get(url)
        assert response.status_code == 200
        counts.append(len([s for s in counter.statements if "SAVEPOINT" not in s.upper()]))
    assert counts[0] == counts[1] == counts[2] <= 3, (
        f"Called GET /products with limit 1, 100 and filters. Got {counts} statements, expected "
        "the same few (at most 3: COUNT, page, categories) whatever the page size"
    )


async def test_a_page_past_the_end_is_empty_but_keeps_the_total(
    async_client: httpx.AsyncClient, shop: Shop
) -> None:
    await _catalog(shop)
    body = (await async_client.get("/products?skip=50")).json()
    got = (body["items"], body["total"], body["next_cursor"])
    assert got == ([], 4, None), f"Called GET /products?skip=50. Got {got}, expected ([], 4, None)"
