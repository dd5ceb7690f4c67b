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


def test_the_bounds_themselves_are_accepted(client: TestClient) -> None:
    response = client.get("/users", params={"skip": 0, "limit": 100})
    assert response.status_code == 200 and len(response.json()["items"]) == 12, (
        f"Called GET /users?skip=0&limit=100. Got {response.status_code}, expected all 12"
    )
    assert ids_of(client, limit=1) == [1], "Called GET /users?limit=1. Expected [1]"


@pytest.mark.parametrize(
    ("params", "bad_param"),
    [
        ({"skip": -1}, "skip"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "ten"}, "limit"),
    ],
)
def test_out_of_bounds_pagination_is_422_naming_the_parameter(
    client: TestClient, params: dict[str, int | str], bad_param: str
) -> None:
    response = client.get("/users", params=params)
    locations = [error["loc"] for error in response.json()["detail"]]
    assert response.status_code == 422 and locations == [["query", bad_param]], (
        f"Called GET /users with {params}. Got {response.status_code} {locations}, "
        f"expected 422 at ['query', '{bad_param}']"
    )


def test_get_pagination_is_a_plain_function_with_defaults() -> None:
    assert get_pagination() == Pagination(skip=0, limit=10), "Called get_pagination()"
    assert get_pagination(skip=5, limit=20) == Pagination(skip=5, limit=20)
