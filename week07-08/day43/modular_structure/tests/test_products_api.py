"""The products module over HTTP: the catalog, with prices as exact decimals."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.day(43)


def test_post_products_stores_it_and_the_catalog_lists_it(
    client: TestClient, db_session: Session
) -> None:
    response = client.post("/products", json={"name": "Pen", "price": "1.50", "stock": 10})
    assert response.status_code == 201, f"Called POST /products. Got {response.status_code}"
    body = response.json()
    expected = {"id": body["id"], "name": "Pen", "price": "1.50", "stock": 10}
    assert body == expected, f"Called POST /products. Got {body}, expected {expected}"
    row = db_session.execute(text("SELECT price, stock FROM products WHERE id = :id"), body).one()
    assert (str(row.price), row.stock) == ("1.50", 10), f"Called POST /products. Stored {row}"
    listed = client.get("/products").json()
    assert listed == [expected], f"Called GET /products. Got {listed}, expected [{expected}]"


def test_post_products_with_a_negative_price_or_stock_is_422(client: TestClient) -> None:
    for body in (
        {"name": "Pen", "price": "-1", "stock": 1},
        {"name": "Pen", "price": "1.00", "stock": -1},
        {"name": "", "price": "1.00", "stock": 1},
    ):
        got = client.post("/products", json=body).status_code
        assert got == 422, f"Called POST /products with {body}. Got {got}, expected 422"


def test_get_an_unknown_product_is_404(client: TestClient) -> None:
    response = client.get("/products/999")
    expected = {"detail": "Product 999 not found"}
    assert (response.status_code, response.json()) == (404, expected), (
        f"Called GET /products/999. Got {response.status_code} {response.json()}, 404"
    )
