"""Day 55: the catalog: categories, products with search and filters, stock, archiving."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import Shop

pytestmark = [pytest.mark.day(55), pytest.mark.asyncio]


def expect(response: httpx.Response, status: int, what: str) -> Any:
    assert response.status_code == status, (
        f"Called {what}. Got {response.status_code} {response.text[:200]}, expected {status}"
    )
    return response.json() if response.content else None


@pytest.mark.hint("products.service.create_product checks the category, then adds and commits.")
async def test_staff_create_a_product_and_anyone_reads_it(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    staff = await shop.user("staff")
    category = expect(
        await api.post("/categories", json={"name": "Keyboards"}, headers=staff.headers),
        201,
        "POST /categories",
    )
    payload = {"name": "  Clicky  ", "price": "89.90", "stock": 5, "category_id": category["id"]}
    created = expect(
        await api.post("/products", json=payload, headers=staff.headers), 201, "POST /products"
    )
    read = expect(await api.get(f"/products/{created['id']}"), 200, "GET /products/{id}")
    got = (read["name"], read["price"], read["stock"], read["category_id"], read["is_active"])
    assert got == ("Clicky", "89.90", 5, category["id"], True), f"Got {got}"


INVALID_PRODUCTS: list[dict[str, Any]] = [
    {"name": "X", "price": "0"},
    {"name": "X", "price": "-1"},
    {"name": "X", "price": "1.001"},
    {"name": "X", "price": "NaN"},
    {"name": "X", "price": "1e400"},
    {"name": "", "price": "1.00"},
    {"name": "X", "price": "1.00", "stock": -1},
    {"name": "X", "price": "1.00", "stock": 10**20},
    {"name": "X", "price": "1.00", "category_id": 2**31},
    {"name": "X", "price": "1.00", "owner": 1},
]


async def test_invalid_products_are_422_and_a_valid_one_is_201(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    staff = await shop.user("staff")
    for payload in INVALID_PRODUCTS:
        expect(
            await api.post("/products", json=payload, headers=staff.headers), 422, f"POST {payload}"
        )
    valid = {"name": "X", "price": "1.00"}
    expect(await api.post("/products", json=valid, headers=staff.headers), 201, f"POST {valid}")


async def test_an_unknown_category_is_422_on_the_field(api: httpx.AsyncClient, shop: Shop) -> None:
    staff = await shop.user("staff")
    body = expect(
        await api.post(
            "/products",
            json={"name": "X", "price": "1.00", "category_id": 999999},
            headers=staff.headers,
        ),
        422,
        "POST /products with an unknown category",
    )
    assert body["errors"][0]["loc"] == ["body", "category_id"], f"Got {body}"


async def test_a_duplicate_category_is_409(api: httpx.AsyncClient, shop: Shop) -> None:
    staff = await shop.user("staff")
    await shop.category("Mice")
    expect(
        await api.post("/categories", json={"name": "Mice"}, headers=staff.headers), 409, "POST dup"
    )


async def test_search_and_filters(api: httpx.AsyncClient, shop: Shop) -> None:
    category = await shop.category()
    cheap = await shop.product("5.00", 3, name="Zeta 100% wool", category_id=category)
    await shop.product("50.00", 0, name="Zeta wool XL", category_id=category)
    await shop.product("7.00", 9, name="Zeta wool hidden", active=False, category_id=category)
    await shop.product("6.00", 2, name="Other 100% cotton")
    params: dict[str, Any] = {
        "q": "100%",
        "category_id": category,
        "max_price": "10",
        "in_stock": "true",
    }
    page = expect(await api.get("/products", params=params), 200, f"GET /products {params}")
    got = ([p["id"] for p in page["items"]], page["total"])
    assert got == ([cheap], 1), f"Called GET /products {params}. Got {got}, expected ([{cheap}], 1)"


async def test_sorting_and_pages(api: httpx.AsyncClient, shop: Shop) -> None:
    category = await shop.category()
    ids = [
        await shop.product(price, name=f"P{price}", category_id=category)
        for price in ("3.00", "1.00", "2.00")
    ]
    page = expect(
        await api.get(
            "/products",
            params={"category_id": category, "sort": "price_asc", "limit": 2, "offset": 1},
        ),
        200,
        "GET /products sorted by price, second page",
    )
    got = ([p["price"] for p in page["items"]], page["total"], page["limit"], page["offset"])
    assert got == (["2.00", "3.00"], 3, 2, 1), f"Got {got}"
    assert ids


async def test_bad_list_parameters_are_422(api: httpx.AsyncClient) -> None:
    bad: list[dict[str, Any]] = [
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"sort": "evil"},
        {"min_price": "abc"},
        {"q": "x" * 101},
        {"category_id": 2**31},
    ]
    for params in bad:
        expect(await api.get("/products", params=params), 422, f"GET /products {params}")
    expect(await api.get("/products", params={"limit": 100}), 200, "GET /products?limit=100")


async def test_archived_products_are_for_staff_only(api: httpx.AsyncClient, shop: Shop) -> None:
    staff, customer = await shop.user("staff"), await shop.user()
    product = await shop.product()
    expect(
        await api.delete(f"/products/{product}", headers=staff.headers),
        204,
        "DELETE /products/{id}",
    )
    got = [
        (await api.get(f"/products/{product}")).status_code,
        (await api.get(f"/products/{product}", headers=staff.headers)).status_code,
        (await api.get("/products", params={"archived": "true"})).status_code,
        (
            await api.get("/products", params={"archived": "true"}, headers=customer.headers)
        ).status_code,
    ]
    listed = expect(
        await api.get("/products", params={"archived": "true"}, headers=staff.headers), 200, "list"
    )
    assert got == [404, 200, 401, 403] and product in [p["id"] for p in listed["items"]], (
        f"Called GET /products/{{id}} and ?archived=true as nobody, staff, customer. Got {got}"
    )


async def test_patch_changes_only_what_is_sent(api: httpx.AsyncClient, shop: Shop) -> None:
    staff = await shop.user("staff")
    product = await shop.product("10.00", 4, name="Before")
    body = expect(
        await api.patch(f"/products/{product}", json={"price": "12.50"}, headers=staff.headers),
        200,
        "PATCH /products/{id}",
    )
    refused = await api.patch(f"/products/{product}", json={"name": None}, headers=staff.headers)
    assert (body["name"], body["price"], body["stock"], refused.status_code) == (
        "Before",
        "12.50",
        4,
        422,
    ), f"Got {(body['name'], body['price'], body['stock'], refused.status_code)}"


async def test_restock_adds_units(api: httpx.AsyncClient, shop: Shop) -> None:
    staff = await shop.user("staff")
    product = await shop.product(stock=2)
    body = expect(
        await api.post(f"/products/{product}/restock", json={"quantity": 5}, headers=staff.headers),
        200,
        "POST /products/{id}/restock",
    )
    assert body["stock"] == 7, f"Got stock {body['stock']}, expected 7"


async def test_customers_cannot_change_the_catalog(api: httpx.AsyncClient, shop: Shop) -> None:
    customer = await shop.user()
    product = await shop.product()
    got = [
        (
            await api.post(
                "/products", json={"name": "X", "price": "1.00"}, headers=customer.headers
            )
        ).status_code,
        (
            await api.patch(f"/products/{product}", json={"stock": 0}, headers=customer.headers)
        ).status_code,
        (await api.post("/categories", json={"name": "X"})).status_code,
    ]
    assert got == [403, 403, 401], f"Got {got}, expected [403, 403, 401]"


async def test_a_nul_character_in_text_is_refused_not_a_server_error(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    staff = await shop.user("staff")
    response = await api.post(
        "/categories", json={"name": "Key\u0000boards"}, headers=staff.headers
    )
    assert response.status_code == 422, (
        f"Called POST /categories with a NUL character. Got {response.status_code} "
        f"{response.text[:200]}, expected 422 (PostgreSQL cannot store NUL in text)"
    )
