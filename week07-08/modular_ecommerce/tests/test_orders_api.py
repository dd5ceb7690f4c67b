"""Day 55: the cart, checkout with stock taken in the same transaction, history, status
tracking; a customer sees only their own orders; mail goes out only after a commit."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.helpers import Shop

pytestmark = [pytest.mark.day(55), pytest.mark.asyncio]


def expect(response: httpx.Response, status: int, what: str) -> Any:
    assert response.status_code == status, (
        f"Called {what}. Got {response.status_code} {response.text[:200]}, expected {status}"
    )
    return response.json() if response.content else None


async def stock(shop: Shop, product: int) -> int:
    return int(await shop.scalar("SELECT stock FROM products WHERE id = :i", i=product))


@pytest.mark.hint(
    "orders.service.checkout locks the cart, reserves stock via products.service, adds the order."
)
async def test_checkout_turns_the_cart_into_an_order_and_takes_stock(
    api: httpx.AsyncClient, shop: Shop, journey_app: FastAPI
) -> None:
    buyer = await shop.user()
    a, b = await shop.product("2.50", 5), await shop.product("10.00", 3)
    expect(
        await api.put(f"/cart/items/{a}", json={"quantity": 2}, headers=buyer.headers),
        200,
        "PUT cart a",
    )
    cart = expect(
        await api.put(f"/cart/items/{b}", json={"quantity": 1}, headers=buyer.headers),
        200,
        "PUT cart b",
    )
    assert cart["total"] == "15.00", f"Called PUT /cart/items twice. Got total {cart['total']}"
    order = expect(await api.post("/orders", headers=buyer.headers), 201, "POST /orders")
    got = (
        order["status"],
        order["total"],
        [(i["product_id"], i["quantity"]) for i in order["items"]],
        [h["status"] for h in order["history"]],
        await stock(shop, a),
        await stock(shop, b),
    )
    assert got == ("pending", "15.00", [(a, 2), (b, 1)], ["pending"], 3, 2), f"Got {got}"
    empty = expect(await api.get("/cart", headers=buyer.headers), 200, "GET /cart after checkout")
    assert empty["items"] == [], f"Called GET /cart after checkout. Got {empty}"
    sent = [m.subject for m in journey_app.state.runtime.mailer.sent]
    assert sent == [f"Order #{order['id']} placed"], f"Read the outbox. Got {sent}"


async def test_too_little_stock_refuses_the_whole_order(
    api: httpx.AsyncClient, shop: Shop, journey_app: FastAPI
) -> None:
    buyer = await shop.user()
    plenty, scarce = await shop.product(stock=10), await shop.product(stock=1)
    await shop.cart(buyer.id, plenty, 2)
    await shop.cart(buyer.id, scarce, 2)
    body = expect(await api.post("/orders", headers=buyer.headers), 409, "POST /orders")
    got = (
        body["error"],
        await stock(shop, plenty),
        await stock(shop, scarce),
        journey_app.state.runtime.mailer.sent,
    )
    assert got[:3] == ("out_of_stock", 10, 1) and not got[3], (
        f"Called POST /orders with one line short of stock. Got {got}, expected out_of_stock, "
        "no stock taken from either product, and no mail (the transaction rolled back)"
    )
    orders = await shop.scalar("SELECT count(*) FROM orders WHERE user_id = :u", u=buyer.id)
    assert orders == 0, f"Got {orders} orders stored, expected 0"


async def test_an_empty_cart_is_422(api: httpx.AsyncClient, shop: Shop) -> None:
    buyer = await shop.user()
    body = expect(await api.post("/orders", headers=buyer.headers), 422, "POST /orders, empty cart")
    assert body["errors"][0]["loc"] == ["body", "cart"], f"Got {body}"


async def test_an_archived_product_in_the_cart_is_409_unavailable(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    buyer = await shop.user()
    product = await shop.product(stock=5)
    await shop.cart(buyer.id, product)
    await shop.execute("UPDATE products SET is_active = false WHERE id = :i", i=product)
    body = expect(await api.post("/orders", headers=buyer.headers), 409, "POST /orders")
    assert body["error"] == "unavailable", f"Got {body}"


async def test_the_cart_refuses_unknown_products_and_bad_quantities(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    buyer = await shop.user()
    product = await shop.product()
    got = [
        (
            await api.put("/cart/items/999999", json={"quantity": 1}, headers=buyer.headers)
        ).status_code,
        (
            await api.put(f"/cart/items/{product}", json={"quantity": 0}, headers=buyer.headers)
        ).status_code,
        (
            await api.put(f"/cart/items/{product}", json={"quantity": 1001}, headers=buyer.headers)
        ).status_code,
    ]
    assert got == [404, 422, 422], f"Got {got}"


async def test_a_customer_sees_only_their_own_orders(api: httpx.AsyncClient, shop: Shop) -> None:
    alice, bob, staff = await shop.user(), await shop.user(), await shop.user("staff")
    product = await shop.product()
    mine = await shop.order(alice.id, [(product, 1, "10.00")])
    theirs = await shop.order(bob.id, [(product, 1, "10.00")])
    got = [
        (await api.get(f"/orders/{mine}", headers=alice.headers)).status_code,
        (await api.get(f"/orders/{theirs}", headers=alice.headers)).status_code,
        (await api.post(f"/orders/{theirs}/cancel", headers=alice.headers)).status_code,
        (await api.get(f"/orders/{theirs}", headers=staff.headers)).status_code,
    ]
    listed = expect(await api.get("/orders", headers=alice.headers), 200, "GET /orders")
    assert got == [200, 404, 404, 200] and [o["id"] for o in listed["items"]] == [mine], (
        f"Called GET own order, another's, cancel another's, another's as staff. Got {got}, "
        f"listed {[o['id'] for o in listed['items']]}; expected [200, 404, 404, 200] and [{mine}]"
    )


@pytest.mark.hint(
    "TRANSITIONS: pending -> paid|cancelled, paid -> shipped|cancelled, shipped -> delivered."
)
async def test_staff_move_an_order_along_its_workflow_and_history_tracks_it(
    api: httpx.AsyncClient, shop: Shop, journey_app: FastAPI
) -> None:
    buyer, staff = await shop.user(), await shop.user("staff")
    product = await shop.product()
    order = await shop.order(buyer.id, [(product, 1, "10.00")])
    statuses = []
    for status in ("paid", "shipped", "delivered"):
        body = expect(
            await api.patch(
                f"/orders/{order}/status", json={"status": status}, headers=staff.headers
            ),
            200,
            f"PATCH /orders/{{id}}/status {status}",
        )
        statuses.append(body["status"])
    tracked = expect(
        await api.get(f"/orders/{order}", headers=buyer.headers), 200, "GET /orders/{id}"
    )
    assert [h["status"] for h in tracked["history"]] == [
        "pending",
        "paid",
        "shipped",
        "delivered",
    ], f"Called GET /orders/{{id}} after three moves. Got history {tracked['history']}"
    back = await api.patch(
        f"/orders/{order}/status", json={"status": "pending"}, headers=staff.headers
    )
    assert (back.status_code, back.json()["error"]) == (409, "invalid_transition"), (
        f"Got {back.text}"
    )
    mails = [m.subject for m in journey_app.state.runtime.mailer.sent]
    assert mails == [f"Order #{order} is {s}" for s in statuses], f"Read the outbox. Got {mails}"


async def test_cancelling_returns_the_stock_once(api: httpx.AsyncClient, shop: Shop) -> None:
    buyer = await shop.user()
    product = await shop.product(stock=5)
    await shop.cart(buyer.id, product, 3)
    order = expect(await api.post("/orders", headers=buyer.headers), 201, "POST /orders")
    first = await api.post(f"/orders/{order['id']}/cancel", headers=buyer.headers)
    second = await api.post(f"/orders/{order['id']}/cancel", headers=buyer.headers)
    got = (first.status_code, second.status_code, await stock(shop, product))
    assert got == (200, 409, 5), f"Called cancel twice. Got {got}, expected (200, 409, stock 5)"


async def test_customers_cannot_ship_their_own_orders(api: httpx.AsyncClient, shop: Shop) -> None:
    buyer = await shop.user()
    order = await shop.order(buyer.id, [(await shop.product(), 1, "10.00")])
    response = await api.patch(
        f"/orders/{order}/status", json={"status": "shipped"}, headers=buyer.headers
    )
    assert response.status_code == 403, f"Got {response.status_code}"
