"""Day 41: the cart over HTTP."""

import httpx
import pytest

from tests.helpers import Person, Shop

pytestmark = [pytest.mark.day(41), pytest.mark.asyncio]


async def test_add_change_remove_clear(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    pen, ink = await shop.product("2.00"), await shop.product("3.50")
    h = customer.headers
    await async_client.post("/cart/items", json={"product_id": pen, "quantity": 1}, headers=h)
    added = await async_client.post(
        "/cart/items", json={"product_id": pen, "quantity": 2}, headers=h
    )
    assert [(i["product_id"], i["quantity"]) for i in added.json()["items"]] == [(pen, 3)], (
        f"Called POST /cart/items twice. Got {added.json()}, expected one line of 3"
    )
    await async_client.post("/cart/items", json={"product_id": ink, "quantity": 1}, headers=h)
    changed = await async_client.patch(f"/cart/items/{ink}", json={"quantity": 2}, headers=h)
    got = (changed.json()["total"], [i["line_total"] for i in changed.json()["items"]])
    assert got == ("13.00", ["6.00", "7.00"]), f"Called PATCH /cart/items. Got {got}"
    removed = await async_client.delete(f"/cart/items/{pen}", headers=h)
    assert [i["product_id"] for i in removed.json()["items"]] == [ink], (
        f"Called DELETE item. Got {removed.json()}"
    )
    cleared = await async_client.delete("/cart", headers=h)
    empty = (await async_client.get("/cart", headers=h)).json()
    assert (cleared.status_code, empty) == (204, {"items": [], "total": "0.00"}), (
        f"Called DELETE /cart. Got {empty}"
    )


async def test_refused_cart_requests(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    pen = await shop.product()
    h = customer.headers
    answers = [
        await async_client.post("/cart/items", json={"product_id": 999_999}, headers=h),
        await async_client.patch(f"/cart/items/{pen}", json={"quantity": 2}, headers=h),
        await async_client.delete(f"/cart/items/{pen}", headers=h),
        await async_client.post("/cart/items", json={"product_id": pen, "quantity": 0}, headers=h),
        await async_client.get("/cart"),
    ]
    got = [a.status_code for a in answers]
    assert got == [404, 404, 404, 422, 401], f"Called five refused cart requests. Got {got}"
