"""Day 19: GET /users is paginated through the get_pagination dependency."""

import pytest
from fastapi.testclient import TestClient

from dependencies import Pagination, get_pagination

pytestmark = [pytest.mark.day(19), pytest.mark.usefixtures("twelve_users")]


def ids_of(client: TestClient, **params: int | str) -> list[int]:
    """The ids on the page GET /users returns for these query parameters."""
    return [user["id"] for user in client.get("/users", params=params).json()["items"]]


def test_defaults_return_the_first_ten_and_the_total(client: TestClient) -> None:
    page = client.get("/users").json()
    summary = (len(page["items"]), page["total"], page["skip"], page["limit"])
    assert summary == (10, 12, 0, 10), (
        f"Called GET /users. Got (items, total, skip, limit) {summary}, expected (10, 12, 0, 10)"
    )


def test_skip_and_limit_select_the_slice(client: TestClient) -> None:
    assert ids_of(client, skip=10, limit=5) == [11, 12], "Called GET /users?skip=10&limit=5"
    assert ids_of(client, skip=3, limit=2) == [4, 5], "Called GET /users?skip=3&limit=2"


def test_skip_past_the_end_gives_an_empty_page(client: TestClient) -> None:
    ids = ids_of(client, skip=50)
    assert ids == [], f"Called GET /users?skip=50. Got {ids}, expected []"


@pytest.mark.parametrize(
    ("bad", "good", "good_ids"),
    [
        ({"skip": -1}, {"skip": 0}, list(range(1, 11))),
        ({"limit": 0}, {"limit": 1}, [1]),
        ({"limit": 101}, {"limit": 100}, list(range(1, 13))),
        ({"limit": "ten"}, {"limit": 2}, [1, 2]),
    ],
    ids=["skip=-1", "limit=0", "limit=101", "limit=ten"],
)
def test_the_bounds_are_accepted_and_out_of_bounds_is_422_naming_the_parameter(
    client: TestClient, bad: dict[str, int | str], good: dict[str, int], good_ids: list[int]
) -> None:
    assert ids_of(client, **good) == good_ids, f"Called GET /users with {good}. Expected {good_ids}"
    response = client.get("/users", params=bad)
    (name,) = bad
    locations = [error["loc"] for error in response.json()["detail"]]
    assert response.status_code == 422 and locations == [["query", name]], (
        f"Called GET /users with {bad}. Got {response.status_code} {locations}, "
        f"expected 422 at ['query', '{name}']"
    )


def test_get_pagination_is_a_plain_function_with_defaults() -> None:
    assert get_pagination() == Pagination(skip=0, limit=10), "Called get_pagination()"
    assert get_pagination(skip=5, limit=20) == Pagination(skip=5, limit=20)
