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


def test_item_id_that_is_not_an_int_is_rejected_with_422(client: TestClient) -> None:
    response = client.get("/items/abc")
    assert response.status_code == 422, (
        f"Called GET /items/abc. Got {response.status_code}, expected 422"
    )
    error = response.json()["detail"][0]
    assert error["loc"] == ["path", "item_id"], (
        f"Called GET /items/abc. Got error at {error['loc']}, expected ['path', 'item_id']"
    )


def test_item_id_below_one_is_rejected_with_422(client: TestClient) -> None:
    response = client.get("/items/0")
    assert response.status_code == 422, (
        f"Called GET /items/0. Got {response.status_code}, expected 422"
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
    "params",
    [{"limit": 0}, {"limit": 51}, {"limit": "ten"}, {"q": ""}, {"max_price": -1}],
    ids=["limit-zero", "limit-too-big", "limit-not-int", "empty-q", "negative-price"],
)
def test_search_parameters_out_of_bounds_are_rejected_with_422(
    client: TestClient, params: dict[str, str | int]
) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == 422, (
        f"Called GET /search with {params}. Got {response.status_code}, expected 422"
    )


def test_interactive_docs_page_is_served(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200, f"Called GET /docs. Got {response.status_code}"
    assert "swagger-ui" in response.text and "/openapi.json" in response.text, (
        "Called GET /docs. Got a page without Swagger UI, expected the interactive docs"
    )


def test_openapi_schema_lists_every_route_with_its_parameters(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {"/", "/items/{item_id}", "/search"}, (
        f"Called GET /openapi.json. Got paths {sorted(schema['paths'])}, expected the 3 routes"
    )
    search_params = {p["name"] for p in schema["paths"]["/search"]["get"]["parameters"]}
    assert search_params == {"q", "max_price", "limit"}, (
        f"Called GET /openapi.json. Got /search parameters {search_params}, "
        "expected q, max_price, limit"
    )
