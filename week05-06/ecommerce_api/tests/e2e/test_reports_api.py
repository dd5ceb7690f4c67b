"""Day 42: the analytics endpoints, against figures worked out by hand from one fixture.

product   price   sold lines (paid, shipped, delivered orders only)
A         10.00   o1: 2 x 10.00, o4: 1 x 10.00             -> 3 units, 30.00
B          5.00   o1: 1 x 5.00,  o3: 5 x 4.00 (old price)  -> 6 units, 25.00
C          2.50   o2: 4 x 2.50,  o7: 2 x 2.50              -> 6 units, 15.00
D        100.00   never sold
o5 (pending, 5 x A) and o6 (cancelled, 7 x B) are not sales.

order  user  created (UTC)           status     total
o1     ada   2026-03-01 09:00:00     paid       25.00
o2     ada   2026-03-02 23:59:59     delivered  10.00
o3     bob   2026-03-02 12:00:00     shipped    20.00
o4     bob   2026-03-03 00:00:00     paid       10.00
o5     cyd   2026-03-01 10:00:00     pending    50.00
o6     cyd   2026-03-02 10:00:00     cancelled  35.00
o7     bob   2026-02-28 23:59:59     paid        5.00
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import pytest
import pytest_asyncio

from tests.helpers import Person, Shop

pytestmark = [
    pytest.mark.day(42),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "Sales are paid, shipped and delivered orders. RANK() OVER (ORDER BY units DESC); "
        "a report's range is [from_date 00:00, to_date + 1 day 00:00) in UTC."
    ),
]


@dataclass(frozen=True)
class Fixture:
    products: dict[str, int]
    users: dict[str, Person]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest_asyncio.fixture
async def sales(shop: Shop) -> Fixture:
    products = {
        name: await shop.product(price, stock=100, name=name)
        for name, price in (("A", "10.00"), ("B", "5.00"), ("C", "2.50"), ("D", "100.00"))
    }
    users = {name: await shop.user() for name in ("ada", "bob", "cyd")}
    a, b, c = products["A"], products["B"], products["C"]
    orders = [
        ("ada", [(a, 2, "10.00"), (b, 1, "5.00")], "paid", "2026-03-01 09:00:00"),
        ("ada", [(c, 4, "2.50")], "delivered", "2026-03-02 23:59:59"),
        ("bob", [(b, 5, "4.00")], "shipped", "2026-03-02 12:00:00"),
        ("bob", [(a, 1, "10.00")], "paid", "2026-03-03 00:00:00"),
        ("cyd", [(a, 5, "10.00")], "pending", "2026-03-01 10:00:00"),
        ("cyd", [(b, 7, "5.00")], "cancelled", "2026-03-02 10:00:00"),
        ("bob", [(c, 2, "2.50")], "paid", "2026-02-28 23:59:59"),
    ]
    for user, lines, status, created in orders:
        await shop.order(users[user].id, lines, status=status, created_at=_at(created))
    return Fixture(products, users)


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (1, [(1, "B", 6, "25.00"), (1, "C", 6, "15.00")]),
        (2, [(1, "B", 6, "25.00"), (1, "C", 6, "15.00")]),
        (10, [(1, "B", 6, "25.00"), (1, "C", 6, "15.00"), (3, "A", 3, "30.00")]),
    ],
)
async def test_top_selling_ranks_ties_equally(
    async_client: httpx.AsyncClient,
    admin: Person,
    sales: Fixture,
    limit: int,
    expected: list[tuple[object, ...]],
) -> None:
    response = await async_client.get(
        f"/admin/products/top-selling?limit={limit}", headers=admin.headers
    )
    got = [(r["rank"], r["name"], r["units_sold"], r["revenue"]) for r in response.json()]
    assert got == expected, f"Called top-selling?limit={limit}. Got {got}, expected {expected}"


@pytest.mark.parametrize(
    ("user", "expected"),
    [("ada", (2, "35.00", "17.50")), ("bob", (3, "35.00", "11.67")), ("cyd", (0, "0.00", "0.00"))],
)
async def test_user_spending(
    async_client: httpx.AsyncClient,
    admin: Person,
    sales: Fixture,
    user: str,
    expected: tuple[object, ...],
) -> None:
    user_id = sales.users[user].id
    body = (
        await async_client.get(f"/admin/users/{user_id}/spending", headers=admin.headers)
    ).json()
    got = (body["order_count"], body["total_spent"], body["average_order_value"])
    assert got == expected, f"Called spending of {user}. Got {got}, expected {expected}"


async def test_sales_report_covers_whole_days_half_open(
    async_client: httpx.AsyncClient, admin: Person, sales: Fixture
) -> None:
    url = "/admin/sales/report?from_date=2026-03-01&to_date=2026-03-02"
    body = (await async_client.get(url, headers=admin.headers)).json()
    got = (
        body["order_count"],
        body["units_sold"],
        body["revenue"],
        body["average_order_value"],
        [(d["date"], d["order_count"], d["revenue"]) for d in body["days"]],
    )
    expected = (3, 12, "55.00", "18.33", [("2026-03-01", 1, "25.00"), ("2026-03-02", 2, "30.00")])
    assert got == expected, f"Called {url}. Got {got}, expected {expected}"
    one_day = (
        await async_client.get(
            "/admin/sales/report?from_date=2026-03-03&to_date=2026-03-03", headers=admin.headers
        )
    ).json()
    got_day = (one_day["order_count"], one_day["units_sold"], one_day["revenue"])
    assert got_day == (1, 1, "10.00"), (
        f"Called the report of 2026-03-03. Got {got_day}, expected (1, 1, '10.00')"
    )


async def test_refused_report_requests(
    async_client: httpx.AsyncClient, admin: Person, customer: Person
) -> None:
    answers = [
        await async_client.get(
            "/admin/sales/report?from_date=2026-03-02&to_date=2026-03-01", headers=admin.headers
        ),
        await async_client.get(
            "/admin/sales/report?from_date=2026-01-01&to_date=9999-12-31", headers=admin.headers
        ),
        await async_client.get(
            "/admin/sales/report?from_date=2026-13-01&to_date=2026-12-31", headers=admin.headers
        ),
        await async_client.get("/admin/users/999999/spending", headers=admin.headers),
        await async_client.get("/admin/products/top-selling", headers=customer.headers),
        await async_client.get("/admin/products/top-selling"),
    ]
    got = [a.status_code for a in answers]
    assert got == [422, 422, 422, 404, 403, 401], f"Called six refused report requests. Got {got}"
