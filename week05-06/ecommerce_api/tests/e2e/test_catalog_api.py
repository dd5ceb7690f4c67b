"""Day 38: categories and products CRUD (admins write, anyone reads), money as strings."""

import httpx
import pytest

from tests.helpers import Person, Shop

pytestmark = [pytest.mark.day(38), pytest.mark.asyncio]


async def test_categories_crud(async_client: httpx.AsyncClient, admin: Person) -> None:
    created = await async_client.post("/categories", json={"name": "Books"}, headers=admin.headers)
    assert created.status_code == 201, (
        f"Called POST /categories. Got {created.status_code} {created.text}"
    )
    category_id = created.json()["id"]
    again = await async_client.post("/categories", json={"name": "Books"}, headers=admin.headers)
    renamed = await async_client.patch(
        f"/categories/{category_id}", json={"description": "Paper"}, headers=admin.headers
    )
    listed = await async_client.get("/categories")
    deleted = await async_client.delete(f"/categories/{category_id}", headers=admin.headers)
    gone = await async_client.get(f"/categories/{category_id}")
    got = (
        again.status_code,
        renamed.json()["description"],
        [c["name"] for c in listed.json()["items"]],
        deleted.status_code,
        gone.status_code,
    )
    assert got == (409, "Paper", ["Books"], 204, 404), f"Called the category endpoints. Got {got}"


async def test_a_customer_cannot_create_a_category(
    async_client: httpx.AsyncClient, customer: Person
) -> None:
    response = await async_client.post("/categories", json={"name": "X"}, headers=customer.headers)
    assert response.status_code == 403, (
        f"Called POST /categories as a customer. Got {response.status_code}"
    )


async def test_products_crud_with_categories_and_money_as_strings(
    async_client: httpx.AsyncClient, admin: Person, shop: Shop
) -> None:
    books, maps = await shop.category("Books"), await shop.category("Maps")
    body = {"name": "Atlas", "price": "19.90", "stock": 4, "category_ids": [books, maps]}
    created = await async_client.post("/products", json=body, headers=admin.headers)
    assert created.status_code == 201, (
        f"Called POST /products. Got {created.status_code} {created.text}"
    )
    product = created.json()
    got = (product["price"], sorted(c["name"] for c in product["categories"]))
    assert got == ("19.90", ["Books", "Maps"]), (
        f"Called POST /products. Got {got}, expected price '19.90'"
    )
    patched = await async_client.patch(
        f"/products/{product['id']}",
        json={"price": 21, "category_ids": [maps]},
        headers=admin.headers,
    )
    after = (
        patched.json()["price"],
        [c["name"] for c in patched.json()["categories"]],
        patched.json()["stock"],
    )
    assert after == ("21.00", ["Maps"], 4), f"Called PATCH /products. Got {after}"
    read = await async_client.get(f"/products/{product['id']}")
    deleted = await async_client.delete(f"/products/{product['id']}", headers=admin.headers)
    gone = await async_client.get(f"/products/{product['id']}")
    statuses = (read.status_code, deleted.status_code, gone.status_code)
    assert statuses == (200, 204, 404), f"Called GET, DELETE, GET /products/id. Got {statuses}"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"name": "X", "price": "1.00", "category_ids": [999_999]}, 422),
        ({"name": "X", "price": "-1.00"}, 422),
        ({"name": "X", "price": "1.001"}, 422),
        ({"name": "X", "price": "NaN"}, 422),
        ({"name": "X", "price": "1.00", "colour": "red"}, 422),
        ({"name": "", "price": "1.00"}, 422),
    ],
)
async def test_invalid_products_are_422(
    async_client: httpx.AsyncClient, admin: Person, body: dict[str, object], status: int
) -> None:
    response = await async_client.post("/products", json=body, headers=admin.headers)
    assert response.status_code == status, (
        f"Called POST /products {body}. Got {response.status_code}"
    )


async def test_unknown_products_are_404_and_ordered_ones_cannot_be_deleted(
    async_client: httpx.AsyncClient, admin: Person, shop: Shop
) -> None:
    product = await shop.product()
    await shop.order(admin.id, [(product, 1, "10.00")])
    statuses = (
        (await async_client.get("/products/999999")).status_code,
        (
            await async_client.patch("/products/999999", json={"stock": 1}, headers=admin.headers)
        ).status_code,
        (
            await async_client.patch(
                f"/products/{product}", json={"name": None}, headers=admin.headers
            )
        ).status_code,
        (await async_client.delete(f"/products/{product}", headers=admin.headers)).status_code,
    )
    assert statuses == (404, 404, 422, 409), (
        f"Called GET/PATCH/PATCH null/DELETE ordered. Got {statuses}"
    )
