"""Day 39: stock alerts (one per crossing below the threshold), low stock, restocking."""

import httpx
import pytest

from tests.helpers import Person, Shop

pytestmark = [
    pytest.mark.day(39),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "Migration 0002's trigger inserts a stock_alerts row when an UPDATE takes stock from "
        ">= threshold to < threshold."
    ),
]


async def _buy(client: httpx.AsyncClient, who: Person, product: int, quantity: int) -> int:
    body = {"items": [{"product_id": product, "quantity": quantity}]}
    return (await client.post("/orders", json=body, headers=who.headers)).status_code


async def _alerts(client: httpx.AsyncClient, admin: Person, product: int) -> list[tuple[int, int]]:
    page = (
        await client.get(f"/admin/stock-alerts?product_id={product}", headers=admin.headers)
    ).json()
    return [(a["stock"], a["threshold"]) for a in page["items"]]


async def test_one_alert_per_crossing_below_the_threshold(
    async_client: httpx.AsyncClient, customer: Person, admin: Person, shop: Shop
) -> None:
    product = await shop.product(stock=10, threshold=5)
    statuses = [await _buy(async_client, customer, product, q) for q in (5, 1, 2, 9)]
    assert statuses == [201, 201, 201, 409], f"Called four orders. Got {statuses}"
    after_first_crossing = await _alerts(async_client, admin, product)
    assert after_first_crossing == [(4, 5)], (
        f"Called orders taking stock 10 -> 5 -> 4 -> 2 (and one refused). Got alerts "
        f"{after_first_crossing}, expected one, at stock 4"
    )
    restock = await async_client.post(
        f"/admin/products/{product}/restock", json={"quantity": 8}, headers=admin.headers
    )
    assert restock.json()["stock"] == 10, f"Called restock 8 on stock 2. Got {restock.json()}"
    await _buy(async_client, customer, product, 7)
    alerts = await _alerts(async_client, admin, product)
    assert alerts == [(3, 5), (4, 5)], (
        f"Called restock then a new crossing. Got {alerts}, newest first"
    )


async def test_low_stock_lists_products_below_their_threshold_lowest_first(
    async_client: httpx.AsyncClient, admin: Person, customer: Person, shop: Shop
) -> None:
    low = await shop.product(stock=1, threshold=5)
    lower = await shop.product(stock=0, threshold=2)
    await shop.product(stock=5, threshold=5)
    response = await async_client.get("/admin/products/low-stock", headers=admin.headers)
    ids = [p["id"] for p in response.json()["items"]]
    assert ids == [lower, low], (
        f"Called GET /admin/products/low-stock. Got {ids}, expected [{lower}, {low}]"
    )
    forbidden = await async_client.get("/admin/products/low-stock", headers=customer.headers)
    assert forbidden.status_code == 403, (
        f"Called low-stock as a customer. Got {forbidden.status_code}"
    )


async def test_restocking_an_unknown_product_is_404(
    async_client: httpx.AsyncClient, admin: Person
) -> None:
    response = await async_client.post(
        "/admin/products/999999/restock", json={"quantity": 1}, headers=admin.headers
    )
    assert response.status_code == 404, (
        f"Called restock of product 999999. Got {response.status_code}"
    )
