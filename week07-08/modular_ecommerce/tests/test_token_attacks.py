"""Day 54: every token an attacker would try is a 401 with `WWW-Authenticate: Bearer`,
never a 403 and never a 500. Each test is named after its attack.

The forged tokens are signed with python-jose and the test secret, so each is wrong in
exactly one way; the real ones come from POST /token.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.helpers import PASSWORD, Person, Shop, bearer, claims, sign

pytestmark = [
    pytest.mark.day(54),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "get_current_user: no token -> NotAuthenticated; otherwise auth.service.authenticate, "
        "which decodes the token and loads the caller in one query (not banned, live session)."
    ),
]


def now() -> int:
    return int(datetime.now(UTC).timestamp())


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def assert_refused(api: httpx.AsyncClient, headers: dict[Any, Any], attack: str) -> None:
    response = await api.get("/users/me", headers=headers)
    challenge = response.headers.get("www-authenticate", "")
    assert response.status_code == 401 and challenge.startswith("Bearer"), (
        f"Called GET /users/me with {attack}. Got {response.status_code} and WWW-Authenticate "
        f"{challenge!r}, expected 401 and 'Bearer'"
    )
    body = response.json()
    assert set(body) == {"error", "detail", "errors"}, f"Got {body}"


@pytest_asyncio.fixture
async def victim(api: httpx.AsyncClient, shop: Shop) -> Person:
    """A user whose own token works, before the forgeries start."""
    person = await shop.user()
    assert (await api.get("/users/me", headers=person.headers)).status_code == 200
    return person


def forge(shop: Shop, person: Person, **changes: Any) -> dict[str, str]:
    return bearer(sign(claims(shop.settings, person.id, person.session_id, **changes), shop.secret))


async def test_no_token(api: httpx.AsyncClient, victim: Person) -> None:
    await assert_refused(api, {}, "no Authorization header")


@pytest.mark.parametrize(
    "value",
    ["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "bearer not-a-jwt", "Token abc", "Bearer a.b.c"],
)
async def test_a_malformed_authorization_header(
    api: httpx.AsyncClient, victim: Person, value: str
) -> None:
    await assert_refused(api, {"Authorization": value}, f"Authorization: {value!r}")


async def test_non_ascii_bytes_in_the_header(api: httpx.AsyncClient, victim: Person) -> None:
    await assert_refused(api, {b"Authorization": "Bearer ä.ö.ü".encode()}, "non-ASCII bytes")


async def test_a_ten_kilobyte_token(api: httpx.AsyncClient, victim: Person) -> None:
    await assert_refused(api, bearer("a" * 10_000), "a 10 kB token")


async def test_alg_none(api: httpx.AsyncClient, shop: Shop, victim: Person) -> None:
    payload = claims(shop.settings, victim.id, victim.session_id)
    for alg in ("none", "None", "NONE"):
        token = f"{b64({'alg': alg, 'typ': 'JWT'})}.{b64(payload)}."
        await assert_refused(api, bearer(token), f"alg {alg!r} and no signature")


async def test_another_algorithm_with_the_same_secret(
    api: httpx.AsyncClient, shop: Shop, victim: Person
) -> None:
    payload = claims(shop.settings, victim.id, victim.session_id)
    for alg in ("HS384", "HS512"):
        await assert_refused(api, bearer(sign(payload, shop.secret, alg)), f"{alg} signature")


async def test_an_rs256_token_of_the_attackers_own_key(
    api: httpx.AsyncClient, shop: Shop, victim: Person
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    payload = claims(shop.settings, victim.id, victim.session_id)
    await assert_refused(api, bearer(sign(payload, pem, "RS256")), "an RS256 token")


async def test_a_bad_signature(api: httpx.AsyncClient, shop: Shop, victim: Person) -> None:
    payload = claims(shop.settings, victim.id, victim.session_id)
    await assert_refused(api, bearer(sign(payload, "an-attackers-secret-" * 3)), "another key")


async def test_a_tampered_payload(api: httpx.AsyncClient, shop: Shop, victim: Person) -> None:
    header, _, signature = victim.token.split(".")
    other = b64(claims(shop.settings, 1, victim.session_id))
    await assert_refused(
        api, bearer(f"{header}.{other}.{signature}"), "another sub, same signature"
    )


async def test_an_expired_token(api: httpx.AsyncClient, shop: Shop, victim: Person) -> None:
    await assert_refused(api, forge(shop, victim, exp=now() - 1), "exp in the past")


async def test_a_token_not_yet_valid(api: httpx.AsyncClient, shop: Shop, victim: Person) -> None:
    await assert_refused(api, forge(shop, victim, nbf=now() + 3600), "nbf in an hour")


@pytest.mark.parametrize(
    "changes",
    [
        {"aud": None},
        {"aud": "another-api"},
        {"iss": None},
        {"iss": "https://attacker.example"},
        {"sub": None},
        {"sub": "1 OR 1=1"},
        {"exp": None},
        {"exp": "tomorrow"},
        {"type": None},
        {"sid": None},
    ],
    ids=[
        "missing-aud",
        "wrong-aud",
        "missing-iss",
        "wrong-iss",
        "missing-sub",
        "sub-injection",
        "missing-exp",
        "exp-as-text",
        "missing-type",
        "missing-session",
    ],
)
async def test_a_wrong_or_missing_claim(
    api: httpx.AsyncClient, shop: Shop, victim: Person, changes: dict[str, Any]
) -> None:
    await assert_refused(api, forge(shop, victim, **changes), f"claims changed by {changes}")


async def test_a_refresh_token_used_as_an_access_token(
    api: httpx.AsyncClient, victim: Person
) -> None:
    form = {"grant_type": "password", "username": victim.email, "password": PASSWORD}
    pair = (await api.post("/token", data=form)).json()
    assert (await api.get("/users/me", headers=bearer(pair["access_token"]))).status_code == 200
    await assert_refused(api, bearer(pair["refresh_token"]), "a refresh token")


async def test_the_token_of_a_banned_user(
    api: httpx.AsyncClient, shop: Shop, victim: Person
) -> None:
    await shop.execute("UPDATE users SET banned_at = now() WHERE id = :i", i=victim.id)
    await assert_refused(api, victim.headers, "the token of a user banned since it was issued")


async def test_a_token_of_a_logged_out_session(api: httpx.AsyncClient, victim: Person) -> None:
    form = {"grant_type": "password", "username": victim.email, "password": PASSWORD}
    pair = (await api.post("/token", data=form)).json()
    await api.post("/auth/logout", json={"refresh_token": pair["refresh_token"]})
    await assert_refused(api, bearer(pair["access_token"]), "an access token after logout")


async def test_a_token_of_a_family_revoked_for_reuse(
    api: httpx.AsyncClient, victim: Person
) -> None:
    form = {"grant_type": "password", "username": victim.email, "password": PASSWORD}
    pair = (await api.post("/token", data=form)).json()
    refresh = {"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]}
    newer = (await api.post("/token", data=refresh)).json()
    await api.post("/token", data=refresh)  # the replay: the whole family is revoked
    await assert_refused(api, bearer(newer["access_token"]), "an access token of a reused family")


async def test_someone_elses_session(api: httpx.AsyncClient, shop: Shop, victim: Person) -> None:
    other = await shop.user()
    await assert_refused(api, forge(shop, victim, sid=str(other.session_id)), "another's session")


async def test_a_user_who_does_not_exist(
    api: httpx.AsyncClient, shop: Shop, victim: Person
) -> None:
    await assert_refused(api, forge(shop, victim, sub="2147483647"), "an unknown user id")
    await assert_refused(api, forge(shop, victim, sid=str(uuid.uuid4())), "an unknown session")


async def test_a_bad_token_on_a_public_route_is_401_too(
    api: httpx.AsyncClient, victim: Person
) -> None:
    response = await api.get("/users/me", headers=bearer("x.y.z"))
    assert response.status_code == 401
