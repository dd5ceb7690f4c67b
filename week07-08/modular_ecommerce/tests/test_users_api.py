"""Day 54: the users module: your profile at /users/me, public profiles, the admin's search."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import Shop

pytestmark = [pytest.mark.day(54), pytest.mark.asyncio]

PROFILE = {
    "display_name": "Ada L.",
    "bio": "I buy keyboards.",
    "avatar_url": "https://example.com/ada.png",
}


def expect(response: httpx.Response, status: int, what: str) -> Any:
    assert response.status_code == status, (
        f"Called {what}. Got {response.status_code} {response.text[:200]}, expected {status}"
    )
    return response.json() if response.content else None


@pytest.mark.hint("users.service.get_me reads the account through auth.service.get_account.")
async def test_me_shows_the_account_and_an_empty_profile(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    person = await shop.user()
    body = expect(await api.get("/users/me", headers=person.headers), 200, "GET /users/me")
    got = {
        k: body[k] for k in ("id", "email", "role", "email_verified", "display_name", "avatar_url")
    }
    expected = {
        "id": person.id,
        "email": person.email,
        "role": "customer",
        "email_verified": False,
        "display_name": None,
        "avatar_url": None,
    }
    assert got == expected, f"Called GET /users/me. Got {got}, expected {expected}"


async def test_put_me_replaces_the_profile(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    first = expect(
        await api.put("/users/me", json=PROFILE, headers=person.headers), 200, "PUT /users/me"
    )
    second = expect(
        await api.put("/users/me", json={"display_name": "Ada"}, headers=person.headers),
        200,
        "PUT /users/me again",
    )
    got = [(b["display_name"], b["bio"], b["avatar_url"]) for b in (first, second)]
    expected = [("Ada L.", "I buy keyboards.", "https://example.com/ada.png"), ("Ada", None, None)]
    assert got == expected, f"Called PUT /users/me twice. Got {got}, expected {expected}"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "ftp://example.com/a.png",
        "file:///etc/passwd",
        "https://user:pw@example.com/a.png",
        "not a url",
        "https://example.com/" + "a" * 2100,
    ],
)
async def test_a_picture_url_must_be_http_or_https(
    api: httpx.AsyncClient, shop: Shop, url: str
) -> None:
    person = await shop.user()
    body = expect(
        await api.put("/users/me", json={"avatar_url": url}, headers=person.headers),
        422,
        f"PUT /users/me avatar_url={url[:30]!r}",
    )
    assert body["errors"][0]["loc"][:2] == ["body", "avatar_url"], f"Got {body['errors']}"


async def test_anyone_sees_a_public_profile_without_the_email(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    person = await shop.user()
    expect(await api.put("/users/me", json=PROFILE, headers=person.headers), 200, "PUT /users/me")
    body = expect(await api.get(f"/users/{person.id}"), 200, "GET /users/{id} anonymously")
    assert body["display_name"] == "Ada L." and "email" not in body and "role" not in body, (
        f"Called GET /users/{{id}}. Got {body}, expected a display name and no email or role"
    )


async def test_unknown_or_invalid_user_ids_are_404_or_422(api: httpx.AsyncClient) -> None:
    paths = ["/users/999999", "/users/0", "/users/2147483648", "/users/x"]
    got = [(await api.get(path)).status_code for path in paths]
    assert got == [404, 422, 422, 422], f"Called GET {paths}. Got {got}"


async def test_a_banned_users_profile_is_gone(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    await shop.execute("UPDATE users SET banned_at = now() WHERE id = :i", i=person.id)
    expect(await api.get(f"/users/{person.id}"), 404, "GET /users/{id} of a banned user")


async def test_staff_search_users_by_email_role_and_ban(api: httpx.AsyncClient, shop: Shop) -> None:
    staff = await shop.user("staff")
    wanted = await shop.user(email="needle_1@example.com")
    await shop.user(email="needle%2@example.com")
    await shop.user("staff", email="needle3@example.com")
    page = expect(
        await api.get(
            "/users", params={"email": "NEEDLE_", "role": "customer"}, headers=staff.headers
        ),
        200,
        "GET /users?email=NEEDLE_&role=customer",
    )
    got = [(u["id"], u["email"]) for u in page["items"]]
    assert got == [(wanted.id, wanted.email)] and page["total"] == 1, (
        f"Called GET /users?email=NEEDLE_ (an _ matched literally). Got {got}"
    )
    await shop.execute("UPDATE users SET banned_at = now() WHERE email = 'needle%2@example.com'")
    filters = [{"role": "staff"}, {"banned": "true"}, {"banned": "false", "role": "customer"}]
    found = [
        [
            u["email"]
            for u in (
                await api.get("/users", params={"email": "needle", **f}, headers=staff.headers)
            ).json()["items"]
        ]
        for f in filters
    ]
    expected = [["needle3@example.com"], ["needle%2@example.com"], ["needle_1@example.com"]]
    assert found == expected, (
        f"Called GET /users?email=needle with role=staff, banned=true, banned=false&role=customer. "
        f"Got {found}, expected {expected}"
    )


async def test_a_customer_may_not_search_users(api: httpx.AsyncClient, shop: Shop) -> None:
    customer = await shop.user()
    body = expect(
        await api.get("/users", headers=customer.headers), 403, "GET /users as a customer"
    )
    assert body["error"] == "forbidden", f"Got {body}"
