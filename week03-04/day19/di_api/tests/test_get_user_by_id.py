"""Day 19: get_user_by_id loads the user or answers 404, once, for every route that needs it."""

import pytest
from fastapi import FastAPI, HTTPException, status
from fastapi.testclient import TestClient

from dependencies import get_user_by_id
from models import UserCreate
from storage import UserStore

pytestmark = pytest.mark.day(19)

ADA = {"name": "Ada", "email": "ada@example.com", "age": 36}
ROUTES = [("GET", None), ("PUT", ADA), ("PATCH", {"age": 40}), ("DELETE", None)]


@pytest.mark.parametrize(("method", "body"), ROUTES, ids=[m for m, _ in ROUTES])
def test_unknown_user_is_404_on_every_route(
    client: TestClient, method: str, body: dict[str, object] | None
) -> None:
    response = client.request(method, "/users/99", json=body)
    assert (response.status_code, response.json()) == (404, {"detail": "User 99 not found"}), (
        f"Called {method} /users/99. Got {response.status_code} {response.json()}, "
        "expected 404 'User 99 not found'"
    )


def test_user_id_below_one_is_422_and_one_is_a_valid_id(client: TestClient) -> None:
    client.post("/users", json=ADA)
    statuses = (client.get("/users/0").status_code, client.get("/users/1").status_code)
    assert statuses == (422, 200), (
        f"Called GET /users/0 and GET /users/1 (Ada). Got {statuses}, expected (422, 200)"
    )


def test_every_user_route_goes_through_the_one_dependency(app: FastAPI, client: TestClient) -> None:
    def refuse(user_id: int) -> None:
        raise HTTPException(status.HTTP_418_IM_A_TEAPOT)

    client.post("/users", json=ADA)
    app.dependency_overrides[get_user_by_id] = refuse
    statuses = {m: client.request(m, "/users/1", json=body).status_code for m, body in ROUTES}
    assert set(statuses.values()) == {418}, (
        f"Overrode get_user_by_id to answer 418. Got {statuses}, expected 418 on every route"
    )
    app.dependency_overrides.clear()
    restored = client.get("/users/1")
    assert restored.status_code == 200, (
        f"Called GET /users/1 after clearing the override. Got {restored.status_code}, "
        "expected 200: the real get_user_by_id loads Ada"
    )


def test_existing_user_flows_through_get_put_patch_delete(client: TestClient) -> None:
    client.post("/users", json=ADA)
    assert client.get("/users/1").json() == {"id": 1, **ADA}, "Called GET /users/1"
    replaced = client.put("/users/1", json=ADA | {"name": "Ada L."}).json()
    assert replaced["name"] == "Ada L.", f"Called PUT /users/1. Got {replaced}"
    patched = client.patch("/users/1", json={"age": 37}).json()
    assert patched == {"id": 1, **ADA, "name": "Ada L.", "age": 37}, f"Called PATCH. Got {patched}"
    assert client.delete("/users/1").status_code == 204, "Called DELETE /users/1"
    assert client.get("/users/1").status_code == 404, "Called GET /users/1 after delete"


def test_taken_email_is_still_409_on_create_and_update(client: TestClient) -> None:
    client.post("/users", json=ADA)
    client.post("/users", json=ADA | {"email": "grace@example.com"})
    created = client.post("/users", json=ADA)
    patched = client.patch("/users/2", json={"email": "ada@example.com"})
    replaced = client.put("/users/2", json=ADA)
    got = [(r.status_code, r.json()) for r in (created, patched, replaced)]
    taken = (409, {"detail": "Email ada@example.com is already registered"})
    assert got == [taken] * 3, (
        f"Called POST, PATCH and PUT with Ada's email. Got {got}, expected {taken} each time"
    )


def test_get_user_by_id_called_directly_returns_or_raises_404() -> None:
    store = UserStore()
    ada = store.add(UserCreate.model_validate(ADA))
    assert get_user_by_id(1, store) == ada, "Called get_user_by_id(1, store). Expected Ada"
    with pytest.raises(HTTPException) as caught:
        get_user_by_id(2, store)
    assert caught.value.status_code == 404, f"Called get_user_by_id(2). Got {caught.value}"
