"""The orders module over HTTP: one order is one transaction across three modules."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.day(43)


@pytest.fixture
def shop(client: TestClient) -> dict[str, int]:
    """A user, a pen (1.50, 10 in stock) and a book (12.00, 2 in stock)."""
    user = client.post("/users", json={"email": "ada@example.com", "full_name": "Ada"}).json()
    pen = client.post("/products", json={"name": "Pen", "price": "1.50", "stock": 10}).json()
    book = client.post("/products", json={"name": "Book", "price": "12.00", "stock": 2}).json()
    return {"user": user["id"], "pen": pen["id"], "book": book["id"]}


def place(client: TestClient, user_id: int, *lines: tuple[int, int]) -> Any:
    items = [{"product_id": product, "quantity": quantity} for product, quantity in lines]
    return client.post("/orders", json={"user_id": user_id, "items": items})


def stock(db: Session, product_id: int) -> int:
    return int(db.scalar(text("SELECT stock FROM products WHERE id = :id"), {"id": product_id}))


def count_orders(db: Session) -> int:
    return int(db.scalar(text("SELECT count(*) FROM orders")) or 0)


@pytest.mark.hint("OrderService gets the users and products services; reserve each line's stock.")
def test_post_orders_reserves_stock_and_stores_the_order_with_its_total(
    client: TestClient, db_session: Session, shop: dict[str, int]
) -> None:
    response = place(client, shop["user"], (shop["pen"], 4), (shop["book"], 1))
    assert response.status_code == 201, (
        f"Called POST /orders. Got {response.status_code} {response.json()}, expected 201"
    )
    body = response.json()
    assert (body["user_id"], body["total"]) == (shop["user"], "18.00"), (
        f"Called POST /orders (4 x 1.50 + 1 x 12.00). Got {body}, expected total '18.00'"
    )
    lines = {(line["product_id"], line["quantity"], line["unit_price"]) for line in body["items"]}
    expected = {(shop["pen"], 4, "1.50"), (shop["book"], 1, "12.00")}
    assert lines == expected, f"Called POST /orders. Got items {lines}, expected {expected}"
    got = (stock(db_session, shop["pen"]), stock(db_session, shop["book"]))
    assert got == (6, 1), f"Called POST /orders. Got stock {got} left, expected (6, 1)"
    again = client.get(f"/orders/{body['id']}")
    assert (again.status_code, again.json()) == (200, body), (
        f"Called GET /orders/{body['id']}. Got {again.status_code} {again.json()}, {body}"
    )


@pytest.mark.hint("Run the whole order in one atomic() block: a refused line rolls back the rest.")
def test_an_out_of_stock_line_is_409_and_keeps_nothing_of_the_order(
    client: TestClient, db_session: Session, shop: dict[str, int]
) -> None:
    response = place(client, shop["user"], (shop["pen"], 4), (shop["book"], 3))
    expected = {"detail": f"Product {shop['book']} has 2 in stock, 3 requested"}
    assert (response.status_code, response.json()) == (409, expected), (
        f"Called POST /orders for 3 books of 2. Got {response.status_code} {response.json()}"
    )
    got = (
        stock(db_session, shop["pen"]),
        stock(db_session, shop["book"]),
        count_orders(db_session),
    )
    assert got == (10, 2, 0), (
        f"Called POST /orders, refused. Got (pen stock, book stock, orders) {got}, (10, 2, 0)"
    )


def test_an_unknown_user_or_product_is_404_and_an_empty_order_422(
    client: TestClient, db_session: Session, shop: dict[str, int]
) -> None:
    no_user = place(client, 999, (shop["pen"], 1))
    assert (no_user.status_code, no_user.json()) == (404, {"detail": "User 999 not found"}), (
        f"Called POST /orders for user 999. Got {no_user.status_code} {no_user.json()}"
    )
    no_product = place(client, shop["user"], (shop["pen"], 1), (999, 1))
    assert (no_product.status_code, no_product.json()) == (
        404,
        {"detail": "Product 999 not found"},
    ), f"Called POST /orders for product 999. Got {no_product.status_code} {no_product.json()}"
    assert (stock(db_session, shop["pen"]), count_orders(db_session)) == (10, 0), (
        "Called POST /orders with an unknown product. Got the pen's stock taken or an order kept"
    )
    empty = client.post("/orders", json={"user_id": shop["user"], "items": []})
    assert empty.status_code == 422, f"Called POST /orders with no items. Got {empty.status_code}"
    missing = client.get("/orders/999")
    assert (missing.status_code, missing.json()) == (404, {"detail": "Order 999 not found"}), (
        f"Called GET /orders/999. Got {missing.status_code} {missing.json()}"
    )


def test_lines_of_one_product_are_merged_into_one_line(
    client: TestClient, db_session: Session, shop: dict[str, int]
) -> None:
    response = place(client, shop["user"], (shop["pen"], 2), (shop["book"], 1), (shop["pen"], 3))
    assert response.status_code == 201, f"Called POST /orders. Got {response.status_code}"
    body = response.json()
    lines = [(line["product_id"], line["quantity"]) for line in body["items"]]
    assert sorted(lines) == sorted([(shop["pen"], 5), (shop["book"], 1)]), (
        f"Called POST /orders with 2 pens, 1 book, 3 pens. Got lines {lines}, expected one "
        "line of 5 pens and one of 1 book"
    )
    assert body["total"] == "19.50", f"Got total {body['total']}, expected '19.50' (5 x 1.50 + 12)"
    got = stock(db_session, shop["pen"])
    assert got == 5, f"Called POST /orders for 2 + 3 pens of 10. Got {got} left, expected 5"
