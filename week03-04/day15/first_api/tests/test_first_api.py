"""Day 15: the routes, their parameters and the generated docs."""

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.day(15)


def test_root_says_hello(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200, f"Called GET /. Got {response.status_code}, expected 200"
    assert response.json() == {"message": "Hello, World"}, (
        f"Called GET /. Got {response.json()}, expected the hello message"
    )


def test_item_path_parameter_is_converted_to_int(client: TestClient) -> None:
    response = client.get("/items/2")
    body = response.json()
    assert response.status_code == 200, f"Called GET /items/2. Got {response.status_code}"
    assert body == {"id": 2, "name": "Wireless mouse", "price": 25.5}, (
        f"Called GET /items/2. Got {body}, expected the wireless mouse"
    )


@pytest.mark.parametrize(
    ("bad", "good"), [("abc", "2"), ("0", "1")], ids=["not-an-int", "below-one"]
)
@pytest.mark.hint("Path(ge=1) on an int item_id makes FastAPI answer 422; valid ids reach you.")
def test_item_id_is_validated_before_the_route_runs(
    client: TestClient, bad: str, good: str
) -> None:
    accepted = client.get(f"/items/{good}")
    assert accepted.status_code == 200, (
        f"Called GET /items/{good}. Got {accepted.status_code}, expected 200"
    )
    rejected = client.get(f"/items/{bad}")
    assert rejected.status_code == 422, (
        f"Called GET /items/{bad}. Got {rejected.status_code}, expected 422"
    )
    error = rejected.json()["detail"][0]
    assert error["loc"] == ["path", "item_id"], (
        f"Called GET /items/{bad}. Got error at {error['loc']}, expected ['path', 'item_id']"
    )


def test_unknown_item_answers_404_with_a_message(client: TestClient) -> None:
    response = client.get("/items/999")
    assert response.status_code == 404, (
        f"Called GET /items/999. Got {response.status_code}, expected 404"
    )
    assert response.json() == {"detail": "Item 999 not found"}, (
        f"Called GET /items/999. Got {response.json()}, expected the not-found detail"
    )


def test_search_without_parameters_uses_the_defaults(client: TestClient) -> None:
    body = client.get("/search").json()
    assert body["query"] is None and body["limit"] == 10, (
        f"Called GET /search. Got query={body['query']} limit={body['limit']}, expected None, 10"
    )
    assert len(body["results"]) == 4, (
        f"Called GET /search. Got {len(body['results'])} results, expected the whole catalog (4)"
    )


def test_search_filters_by_text_ignoring_case(client: TestClient) -> None:
    body = client.get("/search", params={"q": "KEYBOARD"}).json()
    names = [item["name"] for item in body["results"]]
    assert names == ["Mechanical keyboard", "Keyboard wrist rest"], (
        f"Called GET /search?q=KEYBOARD. Got {names}, expected the two keyboard items"
    )


def test_search_combines_text_price_and_limit(client: TestClient) -> None:
    params: dict[str, str | int | float] = {"q": "key", "max_price": 20, "limit": 1}
    body = client.get("/search", params=params).json()
    names = [item["name"] for item in body["results"]]
    assert names == ["Keyboard wrist rest"], (
        f"Called GET /search?q=key&max_price=20&limit=1. Got {names}, expected the wrist rest"
    )


@pytest.mark.parametrize(
    ("rejected", "accepted"),
    [
        ({"limit": 0}, {"limit": 1}),
        ({"limit": 51}, {"limit": 50}),
        ({"limit": "ten"}, {"limit": "10"}),
        ({"q": ""}, {"q": "k"}),
        ({"q": "k" * 51}, {"q": "k" * 50}),
        ({"max_price": 0}, {"max_price": 0.01}),
    ],
    ids=["limit-zero", "limit-too-big", "limit-not-int", "empty-q", "q-too-long", "price-zero"],
)
@pytest.mark.hint("Query(...) bounds answer 422 outside them; inside, the search must answer 200.")
def test_search_parameters_out_of_bounds_are_rejected_with_422(
    client: TestClient, rejected: dict[str, str | int], accepted: dict[str, str | int]
) -> None:
    inside = client.get("/search", params=accepted)
    assert inside.status_code == 200, (
        f"Called GET /search with {accepted}. Got {inside.status_code}, expected 200"
    )
    outside = client.get("/search", params=rejected)
    assert outside.status_code == 422, (
        f"Called GET /search with {rejected}. Got {outside.status_code}, expected 422"
    )


def test_docs_list_the_three_routes_and_each_one_answers(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text, (
        f"Called GET /docs. Got {page.status_code} without Swagger UI, expected the docs page"
    )
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {"/", "/items/{item_id}", "/search"}, (
        f"Called GET /openapi.json. Got paths {sorted(schema['paths'])}, expected the 3 routes"
    )
    search_params = {p["name"] for p in schema["paths"]["/search"]["get"]["parameters"]}
    assert search_params == {"q", "max_price", "limit"}, (
        f"Called GET /openapi.json. Got /search parameters {search_params}, "
        "expected q, max_price, limit"
    )
    # What the docs list, "Try it out" must be able to call.
    for path in ["/", "/items/1", "/search"]:
        response = client.get(path)
        assert response.status_code == 200, (
            f"Called GET {path}. Got {response.status_code}, expected 200"
        )
