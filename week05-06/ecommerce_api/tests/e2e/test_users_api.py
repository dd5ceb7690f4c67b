"""Day 38: sign-up, API tokens, and who may call what (401 without a token, 403 for a role)."""

import httpx
import pytest

from tests.helpers import Person

pytestmark = [
    pytest.mark.day(38),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "current_user reads `Authorization: Bearer <token>` and looks up its SHA-256; "
        "NotAuthenticated is 401 with WWW-Authenticate: Bearer, NotPermitted 403."
    ),
]


async def test_sign_up_answers_the_token_once_and_it_authenticates(
    async_client: httpx.AsyncClient,
) -> None:
    response = await async_client.post("/users", json={"email": "ada@example.com", "name": "Ada"})
    assert response.status_code == 201, (
        f"Called POST /users. Got {response.status_code} {response.text}"
    )
    body = response.json()
    assert set(body) == {"user", "token"} and "token_hash" not in body["user"], (
        f"Called POST /users. Got keys {sorted(body)} / {sorted(body['user'])}"
    )
    me = await async_client.get("/users/me", headers={"Authorization": f"Bearer {body['token']}"})
    got = (me.status_code, me.json().get("email"), me.json().get("role"))
    assert got == (200, "ada@example.com", "customer"), f"Called GET /users/me. Got {got}"


async def test_a_taken_email_is_409(async_client: httpx.AsyncClient) -> None:
    body = {"email": "twice@example.com", "name": "Twice"}
    await async_client.post("/users", json=body)
    response = await async_client.post("/users", json=body)
    got = (response.status_code, response.json()["code"])
    assert got == (409, "conflict"), (
        f"Called POST /users twice. Got {got}, expected (409, 'conflict')"
    )


@pytest.mark.parametrize(
    "header", [None, "Bearer nobody-has-this-token", "Basic abc", "Bearer " + "x" * 300]
)
async def test_a_missing_or_unknown_token_is_401_with_www_authenticate(
    async_client: httpx.AsyncClient, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    response = await async_client.get("/users/me", headers=headers)
    got = (response.status_code, response.headers.get("www-authenticate"), response.json()["code"])
    assert got == (401, "Bearer", "not_authenticated"), (
        f"Called GET /users/me with {header!r}. Got {got}"
    )


async def test_admin_endpoints_are_401_anonymous_403_for_customers_200_for_admins(
    async_client: httpx.AsyncClient, admin: Person, customer: Person
) -> None:
    statuses = [
        (await async_client.get("/admin/users", headers=headers)).status_code
        for headers in ({}, customer.headers, admin.headers)
    ]
    assert statuses == [401, 403, 200], (
        f"Called GET /admin/users as nobody, customer, admin. Got {statuses}"
    )
