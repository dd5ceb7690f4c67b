"""Day 40: reviews over HTTP and the exact average rating."""

import httpx
import pytest

from tests.helpers import Person, Shop

pytestmark = [
    pytest.mark.day(40),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "has_received: EXISTS an order of the user, status delivered, with a line for the "
        "product. The rating is round(avg(rating), 2) in NUMERIC, written as a string."
    ),
]


async def _review(
    client: httpx.AsyncClient, who: Person, product: int, rating: object
) -> httpx.Response:
    return await client.post(
        f"/products/{product}/reviews",
        json={"rating": rating, "comment": "ok"},
        headers=who.headers,
    )


async def test_reviewing_needs_a_delivered_order_and_happens_once(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    product = await shop.product()
    await shop.order(customer.id, [(product, 1, "10.00")], status="shipped")
    not_yet = await _review(async_client, customer, product, 5)
    await shop.order(customer.id, [(product, 1, "10.00")], status="delivered")
    first = await _review(async_client, customer, product, 5)
    second = await _review(async_client, customer, product, 4)
    got = [(r.status_code, r.json().get("code")) for r in (not_yet, first, second)]
    assert got == [(403, "forbidden"), (201, None), (409, "conflict")], (
        f"Called three reviews. Got {got}"
    )


@pytest.mark.parametrize(("rating", "status"), [(0, 422), (6, 422), (4.5, 422), (5, 201)])
async def test_ratings_are_whole_numbers_from_1_to_5(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop, rating: object, status: int
) -> None:
    product = await shop.product()
    await shop.order(customer.id, [(product, 1, "1.00")], status="delivered")
    refused = await _review(async_client, customer, product, rating)
    accepted = await _review(async_client, customer, product, 3)
    got = (refused.status_code, accepted.status_code)
    expected = (status, 409 if status == 201 else 201)
    assert got == expected, f"Called a review rated {rating!r}, then one rated 3. Got {got}"


async def test_reviewing_an_unknown_product_is_404(
    async_client: httpx.AsyncClient, customer: Person
) -> None:
    response = await _review(async_client, customer, 999_999, 5)
    assert response.status_code == 404, (
        f"Called a review of product 999999. Got {response.status_code}"
    )


@pytest.mark.parametrize(
    ("ratings", "average"),
    [([], None), ([5, 4, 4], "4.33"), ([2, 3], "2.50"), ([1, 2, 2], "1.67"), ([5], "5.00")],
)
async def test_the_average_rating_and_count_are_exact(
    async_client: httpx.AsyncClient, shop: Shop, ratings: list[int], average: str | None
) -> None:
    product = await shop.product()
    for rating in ratings:
        buyer = await shop.user()
        await shop.order(buyer.id, [(product, 1, "10.00")], status="delivered")
        assert (await _review(async_client, buyer, product, rating)).status_code == 201
    body = (await async_client.get(f"/products/{product}/rating")).json()
    got = (body["average_rating"], body["review_count"])
    assert got == (average, len(ratings)), (
        f"Called GET rating after {ratings}. Got {got}, expected {(average, len(ratings))}"
    )
    listed = (await async_client.get(f"/products/{product}/reviews")).json()
    assert [r["rating"] for r in listed["items"]] == ratings[::-1], (
        f"Called GET reviews. Got {listed['items']}"
    )


async def test_rating_of_an_unknown_product_is_404(async_client: httpx.AsyncClient) -> None:
    answers = [
        await async_client.get("/products/999999/rating"),
        await async_client.get("/products/999999/reviews"),
    ]
    assert [a.status_code for a in answers] == [404, 404], (
        f"Called rating/reviews of 999999. Got {answers}"
    )
